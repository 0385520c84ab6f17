from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.core.links import public_url
from loket.core.mail import mail_template_later

from . import throttle
from .models import Role


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not right. Check both and try again."),
        "inactive": _("This account is not active. Contact the desk."),
        "locked": _(
            "Too many attempts to sign in. For your safety, signing in is paused for %(minutes)d minutes. "
            "You can also ask for a new password."
        ),
    }

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        ip = throttle.client_ip(self.request) if self.request else None
        if email and throttle.is_locked(email=email, ip=ip):
            raise ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": throttle.WINDOW.seconds // 60},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if email:
                throttle.record_failure(email=email, ip=ip)
            raise
        throttle.clear_failures(email=email)
        return cleaned


class LanguageAwarePasswordResetForm(PasswordResetForm):
    """Each reset e-mail goes out through the outbox, in the language the person chose (not in the language of whoever
    asked), with its link on the public host (not the host the request came in on)."""

    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, *args, **kwargs
    ):
        link = public_url(
            reverse(
                "accounts:password_reset_confirm",
                kwargs={"uidb64": context["uid"], "token": context["token"]},
            )
        )
        mail_template_later(
            to=[to_email],
            language=context["user"].preferred_language,
            subject_template=subject_template_name,
            body_template=email_template_name,
            context={"user": context["user"], "link": link},
        )


class StaffInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    full_name = forms.CharField(label=_("Name"), max_length=200)
    preferred_language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    role = forms.ChoiceField(label=_("Role"))
    desk = forms.TypedChoiceField(label=_("Desk"), coerce=int)

    def __init__(self, *args, desks, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.desks = {desk.pk: desk for desk in desks}
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        self.fields["desk"].choices = [(desk.pk, desk.name) for desk in desks]
        if len(desks) == 1:
            self.fields["desk"].initial = desks[0].pk
            self.fields["desk"].widget = forms.HiddenInput()

    def chosen_desk(self):
        return self.desks[self.cleaned_data["desk"]]


class RoleGiveForm(StaffInviteForm):
    """Another role at one of the administrator's desks, for a person who already works there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("email", "full_name", "preferred_language"):
            del self.fields[name]
