"""Business time for the support desk's response-time targets: Monday to Friday, 9:00 to 17:00 in Brussels, minus
the days the desk is closed: Belgium's public holidays (from the `holidays` package), the Flemish Community's holiday
(11 July, a day off for the Flemish public services the desk belongs to) and the desk's own closing days.

The arithmetic is plain functions over aware datetimes and a set of closed days, tested without a database;
`desk_closed_days` gives the set the desk uses (its closing days are read from the database)."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendars

ZONE = ZoneInfo("Europe/Brussels")
OPENS, CLOSES = time(9, 0), time(17, 0)
FLEMISH_COMMUNITY_DAY = (7, 11)  # Feest van de Vlaamse Gemeenschap


@lru_cache(maxsize=64)
def flemish_holidays(year: int) -> dict[date, str]:
    """Belgium's public holidays of `year` with their Dutch names, plus the Flemish Community's holiday."""
    days = dict(holiday_calendars.country_holidays("BE", years=year, language="nl").items())
    days[date(year, *FLEMISH_COMMUNITY_DAY)] = "Feest van de Vlaamse Gemeenschap"
    return days


def desk_closed_days(first: date, last: date) -> frozenset[date]:
    """Every day from `first` to `last` on which the desk is closed: holidays and its own closing days."""
    from .models import ClosingDay

    closed = {
        day
        for year in range(first.year, last.year + 1)
        for day in flemish_holidays(year)
        if first <= day <= last
    }
    closed.update(ClosingDay.objects.filter(day__range=(first, last)).values_list("day", flat=True))
    return frozenset(closed)


def closed_around(moment: datetime, *, days_before: int = 0, days_after: int = 370) -> frozenset[date]:
    """The desk's closed days in a window around `moment`: what one deadline or one measurement can touch."""
    day = moment.astimezone(ZONE).date()
    return desk_closed_days(day - timedelta(days=days_before), day + timedelta(days=days_after))


def _is_business_day(day: date, holidays: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def _window(day: date) -> tuple[datetime, datetime]:
    return datetime.combine(day, OPENS, ZONE), datetime.combine(day, CLOSES, ZONE)


def business_seconds_between(start: datetime, end: datetime, *, holidays=frozenset()) -> int:
    """Seconds of business time from `start` to `end` (0 when end is not after start)."""
    if end <= start:
        return 0
    start, end = start.astimezone(ZONE), end.astimezone(ZONE)
    total, day = 0, start.date()
    while day <= end.date():
        if _is_business_day(day, holidays):
            opens, closes = _window(day)
            lo, hi = max(opens, start), min(closes, end)
            if hi > lo:
                total += int((hi - lo).total_seconds())
        day += timedelta(days=1)
    return total


def add_business_seconds(start: datetime, seconds: int, *, holidays=frozenset()) -> datetime:
    """The moment `seconds` of business time after `start` (a start outside hours counts from the next opening)."""
    moment = start.astimezone(ZONE)
    remaining = max(0, int(seconds))
    day = moment.date()
    while True:
        if _is_business_day(day, holidays):
            opens, closes = _window(day)
            lo = max(opens, moment)
            if lo < closes:
                available = int((closes - lo).total_seconds())
                if remaining <= available:
                    return lo + timedelta(seconds=remaining)
                remaining -= available
        day += timedelta(days=1)
        moment = datetime.combine(day, OPENS, ZONE)


def add_business_hours(start: datetime, hours: float, *, holidays=frozenset()) -> datetime:
    return add_business_seconds(start, int(hours * 3600), holidays=holidays)


# --- the desk's clock: the same arithmetic with the desk's closed days ------------------------------------------


def desk_deadline(start: datetime, hours: float) -> datetime:
    return add_business_hours(start, hours, holidays=closed_around(start))


def desk_deadline_seconds(start: datetime, seconds: int) -> datetime:
    return add_business_seconds(start, seconds, holidays=closed_around(start))


def desk_seconds_between(start: datetime, end: datetime, *, closed: frozenset[date] | None = None) -> int:
    if closed is None:
        first, last = start.astimezone(ZONE).date(), end.astimezone(ZONE).date()
        closed = desk_closed_days(first, max(first, last))
    return business_seconds_between(start, end, holidays=closed)
