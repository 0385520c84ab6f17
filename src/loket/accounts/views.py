from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.core.forms import attach_errors
from loket.core.ratelimit import RateLimit

from . import selectors, services
from .forms import RoleGiveForm, SignInForm, StaffInviteForm
from .models import RoleAssignment, User
from .policies import allowed_to

STAFF_PAGE_SIZE = 25


# A reset mails a link: a few per address and per e-mail an hour (settings.LOKET_RATE_LIMITS, docs/operations.md).
PASSWORD_RESET_LIMIT = RateLimit("accounts.password_reset", per_address=20, per_key=3, window=3600)


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        wait = PASSWORD_RESET_LIMIT.attempt(self.request, key=form.cleaned_data["email"])
        if wait:
            form.add_error(None, PASSWORD_RESET_LIMIT.message(wait))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["oidc_failed"] = self.request.GET.get("oidc") == "mislukt"
        return context


class InvitationView(auth_views.PasswordResetConfirmView):
    """The link in an invitation: choose a password, and be signed in at once (the second factor, where required, is
    set up on the next page). The link works once: choosing the password invalidates it."""

    template_name = "accounts/invitation.html"
    success_url = reverse_lazy("portal:landing")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        services.invitation_accepted(user=form.user)
        messages.success(self.request, _("Welcome to Loket. Your password is saved."))
        return response


# The desk administrator's staff screen


def _desks(request) -> list:
    desks = selectors.desks_administered_by(request.user)
    if not desks and request.scope.is_superuser:
        raise Http404  # the installation's administrators manage accounts in the management screens
    return desks


def _desk(request, desks):
    chosen = request.GET.get("loket") or request.POST.get("loket")
    for desk in desks:
        if str(desk.pk) == chosen:
            return desk
    return desks[0]


def _member(request, pk: int, desks) -> User:
    try:
        return selectors.staff_member(desk_ids=[desk.pk for desk in desks], pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


@allowed_to("desk.staff")
def staff_list(request):
    desks = _desks(request)
    desk = _desk(request, desks)
    query = request.GET.get("q", "").strip()[:100]
    people = selectors.staff_of_desk(desk_id=desk.pk, query=query)
    page = Paginator(people, STAFF_PAGE_SIZE).get_page(request.GET.get("pagina"))
    for person in page:
        person.invitation_pending = services.invitation_pending(person)
    return render(
        request,
        "accounts/staff_list.html",
        {"desks": desks, "desk": desk, "page": page, "q": query},
    )


@allowed_to("desk.staff")
def staff_invite(request):
    desks = _desks(request)
    form = StaffInviteForm(
        request.POST or None,
        desks=desks,
        roles=services.DESK_ROLES,
        initial={"desk": _desk(request, desks).pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.staff_invite(
                desk=form.chosen_desk(),
                email=data["email"],
                full_name=data["full_name"],
                preferred_language=data["preferred_language"],
                role=data["role"],
                actor=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(email)s is invited. The e-mail has a link to choose a password.")
                % {"email": person.email},
            )
            return redirect("accounts:staff_member", pk=person.pk)
    return render(
        request,
        "accounts/staff_invite.html",
        {"form": form, "desks": desks, "days": services.invitation_days()},
    )


@allowed_to("desk.staff")
def staff_member(request, pk):
    desks = _desks(request)
    person = _member(request, pk, desks)
    form = RoleGiveForm(
        desks=desks, roles=services.DESK_ROLES, initial={"desk": person.roles_here[0].desk_id}
    )
    return render(request, "accounts/staff_member.html", _member_context(person, desks, form))


def _member_context(person, desks, form) -> dict:
    return {
        "person": person,
        "desks": desks,
        "form": form,
        "invitation_pending": services.invitation_pending(person),
        "several_desks": len(desks) > 1,
    }


@allowed_to("desk.staff")
@require_POST
def staff_role_give(request, pk):
    desks = _desks(request)
    person = _member(request, pk, desks)
    form = RoleGiveForm(request.POST, desks=desks, roles=services.DESK_ROLES)
    if form.is_valid():
        try:
            services.role_grant(
                user=person, role=form.cleaned_data["role"], desk=form.chosen_desk(), actor=request.user
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The role is given."))
            return redirect("accounts:staff_member", pk=person.pk)
    return render(request, "accounts/staff_member.html", _member_context(person, desks, form), status=400)


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@allowed_to("desk.staff")
@require_POST
def staff_role_take(request, pk, role_pk):
    desks = _desks(request)
    person = _member(request, pk, desks)
    assignment = next((a for a in person.roles_here if a.pk == role_pk), None)
    if assignment is None:
        raise Http404
    try:
        services.role_revoke(assignment=assignment, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect("accounts:staff_member", pk=person.pk)
    messages.success(request, _("The role is taken away."))
    if RoleAssignment.objects.filter(user=person, desk__in=desks).exists():
        return redirect("accounts:staff_member", pk=person.pk)
    return redirect("accounts:staff_list")


def _status_change(request, pk, change, done: str):
    desks = _desks(request)
    person = _member(request, pk, desks)
    try:
        change(user=person, desk=person.roles_here[0].desk, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect("accounts:staff_member", pk=person.pk)


@allowed_to("desk.staff")
@require_POST
def staff_deactivate(request, pk):
    return _status_change(request, pk, services.staff_deactivate, _("The account is deactivated."))


@allowed_to("desk.staff")
@require_POST
def staff_reactivate(request, pk):
    return _status_change(request, pk, services.staff_reactivate, _("The account is active again."))


@allowed_to("desk.staff")
@require_POST
def staff_invitation_resend(request, pk):
    desks = _desks(request)
    person = _member(request, pk, desks)
    try:
        services.invitation_resend(user=person, desk=person.roles_here[0].desk, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The invitation is sent again."))
    return redirect("accounts:staff_member", pk=person.pk)
