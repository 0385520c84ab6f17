"""People and their roles. A role is always held *in a scope*: a desk, an organiser (optionally one location),
or a partner organisation. What a person may see follows from their roles (see `policies.py`)."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who signs in: parents and staff. Signing in is by e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("may use the management screens"),
        default=False,
        help_text=_("Opens the admin, within the person's roles."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def scope(self):
        """The person's roles and where they hold them (`accounts.policies.scope_of`, kept for the request). Apps
        below accounts, such as core's management screens, ask the user for it instead of importing accounts."""
        from .policies import scope_of

        return scope_of(self)


# Which scope each role needs. A policy viewer without a desk is the regional agency: it sees every desk,
# but only aggregated figures (enforced in the reports' policies).
ROLE_SCOPE = {
    Role.DESK_WORKER: "desk",
    Role.DESK_ADMIN: "desk",
    Role.PROVIDER_STAFF: "organiser",
    Role.PARTNER_ADVISER: "partner",
    Role.SUPPORT_AGENT: None,
    Role.POLICY_VIEWER: "desk_optional",
}


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    desk = models.ForeignKey("areas.Desk", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    organiser = models.ForeignKey(
        "supply.Organiser", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    location = models.ForeignKey(
        "supply.Location",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Limit provider staff to one location of the organiser."),
    )
    partner = models.ForeignKey(
        "network.Partner", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="role_has_its_scope",
                condition=(
                    Q(
                        role__in=["desk_worker", "desk_admin"],
                        desk__isnull=False,
                        organiser__isnull=True,
                        partner__isnull=True,
                    )
                    | Q(
                        role="provider_staff",
                        organiser__isnull=False,
                        desk__isnull=True,
                        partner__isnull=True,
                    )
                    | Q(
                        role="partner_adviser",
                        partner__isnull=False,
                        desk__isnull=True,
                        organiser__isnull=True,
                    )
                    | Q(role="support_agent", desk__isnull=True, organiser__isnull=True, partner__isnull=True)
                    | Q(role="policy_viewer", organiser__isnull=True, partner__isnull=True)
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.desk or self.location or self.organiser or self.partner or _("all")
        return f"{self.get_role_display()} · {scope}"

    def clean(self) -> None:
        needs = ROLE_SCOPE.get(self.role)
        if needs == "desk" and not self.desk_id:
            raise ValidationError({"desk": _("This role needs a desk.")})
        if needs == "organiser" and not self.organiser_id:
            raise ValidationError({"organiser": _("This role needs an organiser.")})
        if needs == "partner" and not self.partner_id:
            raise ValidationError({"partner": _("This role needs a partner organisation.")})
        if self.location_id and self.location.organiser_id != self.organiser_id:
            raise ValidationError({"location": _("The location must belong to the organiser.")})


class SignInAttempt(models.Model):
    """A failed sign-in, kept briefly to throttle guessing. The address is stored as a hash: the record must not
    itself become a list of who uses Loket."""

    identity_hash = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.identity_hash[:8]}"
