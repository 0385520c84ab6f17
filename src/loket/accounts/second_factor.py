"""The second factor for staff: a time-based one-time code (TOTP, RFC 6238) from an authenticator app.

Every staff page requires a session verified with a code (`StaffSecondFactorMiddleware`). Parents are not staff: they
sign in with a one-time e-mail link or a password. `LOKET_STAFF_2FA` switches enforcement (always on in production).
"""

import base64
from urllib.parse import quote

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.audit.events import Event
from loket.audit.services import audit_record

from .models import RoleAssignment

EXEMPT_PREFIXES = ("/account/", "/static/", "/taal/", "/health/", "/jsi18n/")


def is_staff_person(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or RoleAssignment.objects.filter(user=user).exists()


def enforcement_on() -> bool:
    return getattr(settings, "LOKET_STAFF_2FA", True)


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            enforcement_on()
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not user.is_verified()
            and is_staff_person(user)
        ):
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            target = "accounts:second_factor" if has_device else "accounts:second_factor_setup"
            return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Six digits. A new code appears every 30 seconds."),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
        error_messages={
            "required": _("Enter the six-digit code from your authenticator app."),
            "min_length": _("The code has six digits."),
            "max_length": _("The code has six digits."),
        },
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit() or self.device is None or not self.device.verify_token(code):
            raise forms.ValidationError(
                _("This code is not right or has expired. Enter the code your app shows now.")
            )
        return code


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("portal:landing")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("portal:landing")


@login_required
def verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:second_factor_setup")
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        audit_record(actor=request.user, event=Event.ACCOUNT_SECOND_FACTOR_VERIFIED)
        return redirect(_next(request))
    return render(request, "accounts/second_factor.html", {"form": form, "next": _next(request)})


@login_required
def setup(request):
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:second_factor")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        audit_record(actor=request.user, event=Event.ACCOUNT_SECOND_FACTOR_ADDED)
        return redirect(_next(request))
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    uri = device.config_url
    qr = segno.make(uri, error="m")
    qr_data_uri = (
        "data:image/svg+xml;base64,"
        + base64.b64encode(qr.svg_inline(scale=5, dark="#000", light="#fff").encode()).decode()
    )
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "accounts/second_factor_setup.html",
        {"form": form, "next": _next(request), "qr_data_uri": qr_data_uri, "secret": grouped},
    )
