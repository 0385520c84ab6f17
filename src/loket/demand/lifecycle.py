"""The life of a childcare request: which status may follow which. Pure data, so the rule is stated once and
every service, view and test reads it from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered, waiting for a place")
    OFFERED = "offered", _("Place offered")
    ACCEPTED = "accepted", _("Offer accepted")
    DECLINED = "declined", _("Offer declined")
    PLACED = "placed", _("Placed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


# A declined or lapsed offer does not end the request: the family keeps waiting for its other choices.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REGISTERED: frozenset({Status.OFFERED, Status.PLACED, Status.WITHDRAWN, Status.EXPIRED}),
    Status.OFFERED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.REGISTERED, Status.WITHDRAWN}),
    Status.DECLINED: frozenset({Status.REGISTERED, Status.OFFERED, Status.WITHDRAWN, Status.EXPIRED}),
    Status.ACCEPTED: frozenset({Status.PLACED, Status.REGISTERED, Status.WITHDRAWN}),
    Status.PLACED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.EXPIRED: frozenset({Status.REGISTERED}),
}

OPEN_STATUSES = frozenset({Status.REGISTERED, Status.OFFERED, Status.DECLINED, Status.ACCEPTED})
WAITING_STATUSES = frozenset({Status.REGISTERED, Status.DECLINED})
CLOSED_STATUSES = frozenset({Status.PLACED, Status.WITHDRAWN, Status.EXPIRED})


class IllegalTransition(ValueError):
    def __init__(self, current: str, target: str):
        self.current = current
        self.target = target
        super().__init__(
            _("A request that is “%(current)s” cannot become “%(target)s”.")
            % {"current": Status(current).label, "target": Status(target).label}
        )


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current, target)
