from django.contrib.admin.apps import AdminConfig


class LoketAdminConfig(AdminConfig):
    """Django's admin, with Loket's site class (role- and scope-aware)."""

    default_site = "loket.core.admin_site.LoketAdminSite"
