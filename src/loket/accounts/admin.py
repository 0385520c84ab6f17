from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from loket.core.admin_site import ScopedAdmin

from . import services
from .models import RoleAssignment, User
from .policies import scope_of


class RoleAssignmentInline(admin.TabularInline):
    """The installation's administrators give any role in any scope here (through `accounts.services`); desk
    administrators read the roles and manage their desk's on the staff page."""

    model = RoleAssignment
    fields = ["role", "desk", "organiser", "location", "partner"]
    extra = 0

    def _manages(self, request) -> bool:
        return scope_of(request.user).may("installation.manage")

    def has_view_permission(self, request, obj=None):
        return True  # shown only inside the person's screen, which checks the person's own permission

    def get_queryset(self, request):
        """A desk administrator sees the person's roles at their own desks, not what the person does elsewhere."""
        scope = scope_of(request.user)
        roles = super().get_queryset(request)
        return roles if scope.is_superuser else roles.filter(desk_id__in=scope.desk_ids_for("desk.staff"))

    def has_add_permission(self, request, obj=None):
        return self._manages(request)

    def has_change_permission(self, request, obj=None):
        return False  # a role is taken away and given anew, so the trail names both

    def has_delete_permission(self, request, obj=None):
        return self._manages(request)


@admin.register(User)
class UserAdmin(ScopedAdmin):
    """Accounts. Desk administrators see their desk's staff here and manage them on the staff page; the installation's
    administrators invite anyone, give roles in any scope and switch accounts off, through `accounts.services`."""

    view_action = "desk.staff"
    add_action = "installation.manage"
    change_actions = {"installation.manage": services.ACCOUNT_FIELDS}
    fields = ["email", *services.ACCOUNT_FIELDS, "last_login", "date_joined", "staff_page"]
    add_fields = ("email", "full_name", "preferred_language")
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff"]
    ordering = ["email"]
    inlines = [RoleAssignmentInline]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(roles__desk_id__in=scope.desk_ids_for(action), is_superuser=False).distinct()

    @admin.display(description=_("staff page"))
    def staff_page(self, obj) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("accounts:staff_member", args=[obj.pk]),
            pgettext("link to a page", "Open"),
        )

    def save_through_service(self, request, obj, form, change):
        if change:
            services.account_change(user=obj, actor=request.user, **self.changed_values(request, obj, form))
            return
        data = form.cleaned_data
        obj.pk = services.account_invite(
            email=data["email"],
            full_name=data["full_name"],
            preferred_language=data["preferred_language"],
            actor=request.user,
        ).pk
        obj.refresh_from_db()

    def save_related_through_service(self, request, form, formsets, change):
        """New roles are given and removed ones taken away through the services (with their rules and audit)."""
        for formset in formsets:
            for role_form in formset.forms:
                if not role_form.has_changed() or role_form in formset.deleted_forms:
                    continue
                data = role_form.cleaned_data
                services.role_grant(
                    user=form.instance,
                    role=data["role"],
                    desk=data.get("desk"),
                    organiser=data.get("organiser"),
                    location=data.get("location"),
                    partner=data.get("partner"),
                    actor=request.user,
                )
            for role_form in formset.deleted_forms:
                if role_form.instance.pk:
                    services.role_revoke(assignment=role_form.instance, actor=request.user)


# Loket gives access by roles held in a scope (`accounts/actions.py`), never by Django's groups and permissions.
admin.site.unregister(Group)
