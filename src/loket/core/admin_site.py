"""The management screens (Django admin) follow the same rules as the rest of Loket.

Each screen names the actions of the registry (`accounts/actions.py`) that open it: `view_action` to list and read,
`add_action`, `change_actions` (each with the fields it may edit), `delete_action`. Rows are narrowed to the person's scope
for that action (`scope_queryset`), every choice list too (`choices_for`), and a save or a delete goes through the app's
service (`save_through_service`, `delete_through_service`): same validation, same refusal messages, same audit event as
the portal. A screen that does not say how it saves cannot save.
"""

from contextlib import contextmanager

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .forms import attach_errors


class LoketAdminSite(admin.AdminSite):
    site_header = _("Loket management")
    site_title = _("Loket management")
    index_title = _("Management")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and user.scope.may("admin.use"))


class ScopedAdmin(admin.ModelAdmin):
    view_action: str | None = None
    add_action: str | None = None
    # change action → the fields it may edit; a person may edit the union of the fields of their actions.
    change_actions: dict[str, tuple[str, ...]] = {}
    delete_action: str | None = None

    # -- scope ---------------------------------------------------------------------------------------------------------

    def scope_queryset(self, queryset, scope, action: str):
        """The rows this person may reach with `action` (superusers: all rows)."""
        return queryset.none()

    def choices_for(self, field_name: str, queryset, scope):
        """The choices of a foreign-key or many-to-many field for this person. Every such field that a form shows must
        be narrowed here (a test walks every form); the default offers nothing."""
        return queryset.none()

    def _scope(self, request):
        # The user model answers with accounts' scope (core sits below accounts and does not import it).
        return request.user.scope

    def _may(self, request, action: str | None) -> bool:
        return action is not None and self._scope(request).may(action)

    def _rows(self, request, action: str):
        queryset = super().get_queryset(request)
        scope = self._scope(request)
        return queryset if scope.is_superuser else self.scope_queryset(queryset, scope, action)

    def _reaches(self, request, action: str | None, obj) -> bool:
        if not self._may(request, action):
            return False
        return obj is None or self._rows(request, action).filter(pk=obj.pk).exists()

    def get_queryset(self, request):
        actions = [a for a in (self.view_action, *self.change_actions) if self._may(request, a)]
        if not actions:
            return super().get_queryset(request).none()
        rows = self._rows(request, actions[0])
        for action in actions[1:]:
            rows = rows | self._rows(request, action)
        return rows.distinct() if len(actions) > 1 else rows

    # -- permissions -------------------------------------------------------------------------------------------------

    def has_module_permission(self, request) -> bool:
        return any(self._may(request, a) for a in (self.view_action, self.add_action, *self.change_actions))

    def has_view_permission(self, request, obj=None) -> bool:
        return self._reaches(request, self.view_action, obj) or self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return any(self._reaches(request, action, obj) for action in self.change_actions)

    def has_add_permission(self, request) -> bool:
        return self._may(request, self.add_action)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._reaches(request, self.delete_action, obj)

    # -- forms -------------------------------------------------------------------------------------------------------

    add_fields: tuple[str, ...] = ()  # the add form's fields, when they differ from `fields`

    def get_fields(self, request, obj=None):
        # Declared, never derived from the model: a new model field must not appear on a screen by itself.
        if obj is None and self.add_fields:
            return list(self.add_fields)
        if self.fields:
            return list(self.fields)
        raise ImproperlyConfigured(f"{type(self).__name__} must declare its fields")

    def editable_fields(self, request, obj) -> set[str]:
        if obj is None:
            return set(self.get_fields(request, None)) if self.has_add_permission(request) else set()
        return {
            name
            for action, names in self.change_actions.items()
            if self._reaches(request, action, obj)
            for name in names
        }

    def get_readonly_fields(self, request, obj=None):
        shown = flatten_fieldsets(self.get_fieldsets(request, obj))
        editable = self.editable_fields(request, obj) - set(self.readonly_fields)
        return [name for name in shown if name not in editable]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, models.ForeignKey | models.ManyToManyField):
            scope = self._scope(request)
            if not scope.is_superuser:
                field.queryset = self.choices_for(db_field.name, field.queryset, scope)
            if hasattr(field.widget, "can_add_related"):  # no "+" that opens another model's add form
                field.widget.can_add_related = field.widget.can_change_related = False
                field.widget.can_delete_related = field.widget.can_view_related = False
        return field

    # -- writes go through the services ------------------------------------------------------------------------------

    def save_through_service(self, request, obj, form, change: bool):
        raise NotImplementedError(f"{type(self).__name__} does not save: name the service it saves through")

    def delete_through_service(self, request, obj):
        raise NotImplementedError(
            f"{type(self).__name__} does not delete: name the service it deletes through"
        )

    def changed_values(self, request, obj, form) -> dict:
        """The values the person changed, among the fields their actions let them edit."""
        editable = self.editable_fields(request, obj)
        return {name: form.cleaned_data[name] for name in form.changed_data if name in editable}

    def save_related_through_service(self, request, form, formsets, change):
        """Many-to-many fields are saved by `save_through_service`; inlines are read-only unless a screen says here how
        its rows are saved."""

    def save_model(self, request, obj, form, change):
        with _refusals():
            self.save_through_service(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with _refusals():
            self.save_related_through_service(request, form, formsets, change)
        for formset in formsets:  # what the admin's history message reads; the service wrote the rows
            for name in ("new_objects", "changed_objects", "deleted_objects"):
                if not hasattr(formset, name):
                    setattr(formset, name, [])

    def delete_model(self, request, obj):
        self.delete_through_service(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_through_service(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A service's refusal shows on the form like a validation error (on its field where the form has it) and
        nothing is saved: the refused attempt is rolled back and the form is shown again with the message."""
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except _Refused as refused:
            request.loket_service_error = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        error = getattr(request, "loket_service_error", None)
        if error is None:
            return form

        class RefusedByTheService(form):
            def clean(self):
                cleaned = super().clean()
                attach_errors(self, error)
                return cleaned

        return RefusedByTheService


class _Refused(Exception):
    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


@contextmanager
def _refusals():
    try:
        yield
    except ValidationError as error:
        raise _Refused(error) from error


class ReadOnlyInline(admin.TabularInline):
    """Related rows shown on a screen, changed only on their own screen (through their service)."""

    extra = 0
    can_delete = False
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
