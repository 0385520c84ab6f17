"""Writes of people and their roles: inviting staff, giving and taking roles, deactivating accounts.

The desk administrator's staff screen and the management screens both call these, so the rules (a desk keeps at least
one administrator; an account that also works elsewhere is not switched off from one desk) and the audit events are
the same whichever door a change comes through.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from loket.audit.events import Event
from loket.audit.services import audit_record
from loket.core.fields import save_changes
from loket.core.links import public_url
from loket.core.mail import mail_template_later

from .models import ROLE_SCOPE, Role, RoleAssignment, User
from .policies import scope_of

# The roles a desk administrator gives within their desk. Provider staff and partner advisers work for an organiser or
# a partner that may serve several desks: the installation's administrators give those roles.
DESK_ROLES = (Role.DESK_WORKER, Role.DESK_ADMIN, Role.POLICY_VIEWER)
# Roles whose people use the management screens (`/beheer/`) too.
MANAGEMENT_ROLES = (Role.DESK_WORKER, Role.DESK_ADMIN, Role.PROVIDER_STAFF, Role.SUPPORT_AGENT)
ACCOUNT_FIELDS = ("full_name", "preferred_language", "is_active", "is_staff")


def invitation_link(*, user: User) -> str:
    """A one-time link to choose a password: it stops working once a password is chosen (or after
    `PASSWORD_RESET_TIMEOUT`), because the token is made from the account's password and last sign-in."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:invitation", args=[uid, default_token_generator.make_token(user)])
    return public_url(path)


def invitation_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def invitation_pending(user: User) -> bool:
    return not user.has_usable_password() and user.last_login is None


def _mail_invitation(*, user: User, desk, role: str, actor) -> None:
    mail_template_later(
        to=[user.email],
        language=user.preferred_language,
        subject_template="accounts/mail/invitation_subject.txt",
        body_template="accounts/mail/invitation.txt",
        context={
            "user": user,
            "desk": desk,
            "role": Role(role).label if role else "",
            "inviter": actor.get_full_name() if actor is not None else "",
            "link": invitation_link(user=user) if invitation_pending(user) else "",
            "sign_in": public_url(reverse("accounts:login")),
            "days": invitation_days(),
        },
    )


@transaction.atomic
def account_invite(
    *, email: str, full_name: str, preferred_language: str, actor, desk=None, role: str = ""
) -> User:
    """The account for this address, created without a password when it does not exist yet, and an e-mail with a
    one-time link to choose one (or, for an account that already has a password, to say what changed)."""
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, full_name=full_name.strip(), preferred_language=preferred_language
        )
    elif not user.is_active:
        raise ValidationError(
            {"email": _("This account is deactivated. Reactivate it on the person's page instead.")}
        )
    audit_record(
        actor=actor, event=Event.ACCOUNT_INVITED, obj=user, desk_id=desk.pk if desk else None, role=role
    )
    _mail_invitation(user=user, desk=desk, role=role, actor=actor)
    return user


@transaction.atomic
def staff_invite(*, desk, email: str, full_name: str, preferred_language: str, role: str, actor) -> User:
    """Invite a person to work at a desk in one of the desk's roles: the account (created when needed), the role,
    and the e-mail with the link to choose a password."""
    if role not in DESK_ROLES:
        raise ValidationError({"role": _("Choose one of the desk's roles.")})
    existing = User.objects.filter(email__iexact=email.strip()).first()
    if existing is not None and RoleAssignment.objects.filter(user=existing, desk=desk, role=role).exists():
        raise ValidationError({"email": _("This person already has this role at the desk.")})
    user = account_invite(
        email=email,
        full_name=full_name,
        preferred_language=preferred_language,
        actor=actor,
        desk=desk,
        role=role,
    )
    role_grant(user=user, role=role, desk=desk, actor=actor)
    return user


@transaction.atomic
def invitation_resend(*, user: User, desk, actor) -> None:
    if not invitation_pending(user):
        raise ValidationError(
            _("This person has already chosen a password; they can ask for a new one themselves.")
        )
    if not user.is_active:
        raise ValidationError(_("This account is deactivated. Reactivate it first."))
    audit_record(actor=actor, event=Event.ACCOUNT_INVITED, obj=user, desk_id=desk.pk, again=True)
    _mail_invitation(user=user, desk=desk, role="", actor=actor)


def invitation_accepted(*, user: User) -> None:
    audit_record(actor=user, event=Event.ACCOUNT_INVITATION_ACCEPTED, obj=user)


@transaction.atomic
def role_grant(
    *, user: User, role: str, actor, desk=None, organiser=None, location=None, partner=None
) -> RoleAssignment:
    assignment = RoleAssignment(
        user=user, role=role, desk=desk, organiser=organiser, location=location, partner=partner
    )
    assignment.full_clean()
    if RoleAssignment.objects.filter(
        user=user, role=role, desk=desk, organiser=organiser, location=location, partner=partner
    ).exists():
        raise ValidationError(_("This person already has this role."))
    assignment.save()
    if role in MANAGEMENT_ROLES and not user.is_staff:
        User.objects.filter(pk=user.pk).update(is_staff=True)
        user.is_staff = True
    audit_record(
        actor=actor,
        event=Event.ACCOUNT_ROLE_GRANTED,
        obj=user,
        desk_id=desk.pk if desk else None,
        role=role,
        **_scope_ids(assignment),
    )
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, actor) -> None:
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.role == Role.DESK_ADMIN and _last_admin(assignment):
        raise ValidationError(
            _("A desk needs at least one active administrator. Give someone else this role first.")
        )
    detail = {"role": assignment.role, **_scope_ids(assignment)}
    assignment.delete()
    audit_record(
        actor=actor,
        event=Event.ACCOUNT_ROLE_REVOKED,
        obj=assignment.user,
        desk_id=assignment.desk_id,
        **detail,
    )


@transaction.atomic
def staff_deactivate(*, user: User, desk, actor) -> User:
    """Switch off an account that works only at this desk (it can no longer sign in; open sessions end). Its roles
    stay, so the desk administrator can reactivate it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(_("You cannot deactivate your own account."))
    if (
        user.is_superuser
        or RoleAssignment.objects.filter(user=user).exclude(desk=desk).exists()
        or _is_parent(user)
    ):
        raise ValidationError(
            _(
                "This person also uses Loket elsewhere (another desk, an organiser, a partner or as a parent). "
                "Take away their roles at this desk instead."
            )
        )
    admin_here = RoleAssignment.objects.filter(user=user, desk=desk, role=Role.DESK_ADMIN).first()
    if admin_here is not None and _last_admin(admin_here):
        raise ValidationError(
            _("A desk needs at least one active administrator. Give someone else this role first.")
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, event=Event.ACCOUNT_DEACTIVATED, obj=user, desk_id=desk.pk)
    return user


@transaction.atomic
def staff_reactivate(*, user: User, desk, actor) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, event=Event.ACCOUNT_REACTIVATED, obj=user, desk_id=desk.pk)
    return user


@transaction.atomic
def account_change(*, user: User, actor, **fields) -> User:
    """The installation's administrators change an account in the management screens."""
    user, changed = save_changes(user, fields, allowed=ACCOUNT_FIELDS, function="account_change")
    audit_record(actor=actor, event=Event.ACCOUNT_CHANGED, obj=user, fields=changed)
    return user


def _last_admin(assignment: RoleAssignment) -> bool:
    others = RoleAssignment.objects.filter(
        desk_id=assignment.desk_id, role=Role.DESK_ADMIN, user__is_active=True
    )
    return not others.exclude(pk=assignment.pk).exclude(user_id=assignment.user_id).exists()


def _is_parent(user: User) -> bool:
    return bool(scope_of(user).family_ids)


def _scope_ids(assignment: RoleAssignment) -> dict:
    needs = ROLE_SCOPE.get(assignment.role)
    ids = {
        "organiser_id": assignment.organiser_id,
        "location_id": assignment.location_id,
        "partner_id": assignment.partner_id,
    }
    return {name: value for name, value in ids.items() if value is not None and needs != "desk"}


@transaction.atomic
def person_for_email(*, email: str, full_name: str = "", language: str = "nl", actor=None) -> User:
    """The account of `email`, made (without a password: the person signs in with a link) when there is none."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name.strip(), preferred_language=language)
        audit_record(actor=actor, event=Event.ACCOUNT_CREATED, obj=user)
    return user


@transaction.atomic
def family_accounts_close(*, user_ids) -> None:
    """At a family's erasure: its accounts are signed out everywhere, and those that are only a parent's (no role)
    lose their name and address and can no longer sign in. An account that also holds a role stays open: the person
    still works with Loket."""
    wanted = {str(user_id) for user_id in user_ids}
    if not wanted:
        return
    sessions = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) in wanted
    ]
    Session.objects.filter(pk__in=sessions).delete()
    for user in User.objects.filter(pk__in=user_ids, roles__isnull=True):
        user.is_active = False
        user.full_name = ""
        user.email = f"anonymised-{user.pk}@invalid"
        user.set_unusable_password()
        user.save(update_fields=["is_active", "full_name", "email", "password"])


# --- Parents' accounts (loket.families): made at registration or at the first sign-in with an access code ---------


@transaction.atomic
def parent_account_create(
    *, email: str, full_name: str, language: str, password_hash: str = "", actor=None
) -> User:
    """A parent's account. On the website the parent may have chosen a password: only its hash travels here; without
    one they sign in with links (or, registered at the desk, with the family's access code)."""
    user = User.objects.create_user(email=email, full_name=full_name.strip(), preferred_language=language)
    if password_hash:
        user.password = password_hash
        user.save(update_fields=["password"])
    audit_record(actor=actor, event=Event.ACCOUNT_CREATED, obj=user)
    return user


def account_set_language(*, user: User, language: str) -> None:
    """The person picked a language in the header: pages and messages use it from now on (a preference: no event)."""
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language
