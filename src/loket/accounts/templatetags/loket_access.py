"""`{% if request.scope|may:"desk.staff" %}`: show a link only to people who may take the action behind it."""

from django import template

register = template.Library()


@register.filter
def may(scope, action: str) -> bool:
    check = getattr(scope, "may", None)  # pages without a declared action have no scope
    return bool(check and check(action))
