"""Priority classes as FORMAT.md defines them, for the screens that show an order without running a round:
the waiting list of a location and the class a proposal came with."""

from django.utils.translation import gettext_lazy as _

# Plain-language names of the classes of the Flemish rules and the flags they use.
CLASS_LABELS = {
    "urgent": _("urgent situation"),
    "work_and_group": _("work situation and a priority group"),
    "work": _("work situation"),
    "group": _("priority group (single parent, low income, foster child or sibling)"),
    "sibling": _("brother or sister already at the location"),
    "work_four_fifths_sibling_foster": _("work at least 4/5, sibling or foster child"),
    None: _("no priority class"),
}


def class_label(name):
    return CLASS_LABELS.get(name, name)


def classes(policy: dict, tariff: str) -> list[dict]:
    rule = (policy.get("rules") or {}).get(tariff) or {}
    out = []
    for klass in rule.get("priority", []):
        if isinstance(klass, str):
            out.append({"name": klass, "when": [[klass]]})
        else:
            out.append(klass)
    return out


def priority_class(policy: dict, tariff: str, flags, sibling: bool) -> tuple[int, str | None]:
    """(index, name) of the first class the request has at an opening of `tariff`; (len, None) when none."""
    held = set(flags)
    if sibling:
        held.add("sibling")
    listed = classes(policy, tariff)
    for index, klass in enumerate(listed):
        if any(set(group) <= held for group in klass["when"]):
            return index, klass["name"]
    return len(listed), None
