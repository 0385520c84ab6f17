"""What every form of Loket shares."""

from django import forms
from django.core.exceptions import ValidationError


def attach_errors(form: forms.Form, error: ValidationError, renames: dict[str, str] | None = None) -> None:
    """Show a service's validation error on the form: on its field when the form has it, else at the top."""
    renames = renames or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            name = renames.get(name, name)
            for e in errors:
                form.add_error(name if name in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)
