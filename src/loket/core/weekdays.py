"""Weekdays are stored as a bit mask (bit 1 = Monday … bit 7 = Sunday) so that "open on every day the family
needs" is one indexed comparison in SQL (`mask & wanted == wanted`) on SQLite and PostgreSQL alike."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

WEEKDAY_NAMES = {
    1: _("Monday"),
    2: _("Tuesday"),
    3: _("Wednesday"),
    4: _("Thursday"),
    5: _("Friday"),
    6: _("Saturday"),
    7: _("Sunday"),
}
WEEKDAY_SHORT = {1: _("Mon"), 2: _("Tue"), 3: _("Wed"), 4: _("Thu"), 5: _("Fri"), 6: _("Sat"), 7: _("Sun")}
WORKING_WEEK = (1, 2, 3, 4, 5)
WEEKDAY_CHOICES = [(day, name) for day, name in WEEKDAY_NAMES.items()]


def to_mask(days: Iterable[int]) -> int:
    mask = 0
    for day in days:
        day = int(day)
        if not 1 <= day <= 7:
            raise ValueError(f"weekday {day} is outside 1-7")
        mask |= 1 << day
    return mask


def from_mask(mask: int) -> tuple[int, ...]:
    return tuple(day for day in range(1, 8) if mask & (1 << day))


def label(mask: int) -> str:
    return ", ".join(str(WEEKDAY_SHORT[day]) for day in from_mask(mask))
