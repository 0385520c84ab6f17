"""A service that changes named fields accepts only the fields its rule allows: anything else is a programming error
(a form or screen offering a field the service must not write), not bad input."""


def only_fields(fields, allowed: tuple[str, ...], function: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{function}() cannot change {', '.join(sorted(unknown))}")


def apply_changes(instance, fields: dict) -> list[str]:
    """Set the values that differ on `instance` and return the names of those fields, sorted (for the audit detail)."""
    changed = sorted(name for name, value in fields.items() if getattr(instance, name) != value)
    for name in changed:
        setattr(instance, name, fields[name])
    return changed


def save_changes(instance, fields: dict, *, allowed: tuple[str, ...], function: str):
    """The common part of a service that changes named fields: only the allowed ones, on the row locked for the
    transaction, validated by the model's rules. Returns the saved row and the names of the fields that changed; the
    service itself records its audit event. Call inside `transaction.atomic`."""
    only_fields(fields, allowed, function)
    row = type(instance).objects.select_for_update().get(pk=instance.pk)
    changed = apply_changes(row, fields)
    row.full_clean()
    row.save()
    return row, changed
