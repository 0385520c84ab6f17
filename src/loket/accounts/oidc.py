"""Optional sign-in for staff through their organisation's OpenID Connect provider (for example the municipality's
Azure AD or Keycloak). Accounts are never created from the provider: an administrator provisions each staff member
with their roles, and the provider only proves who signs in. The second factor (TOTP) still applies."""

from django.contrib.auth import get_user_model
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        return None  # staff are provisioned by an administrator, never by the provider

    def update_user(self, user, claims):
        return user
