"""Business time for the support desk's response-time targets: Monday to Friday, 9:00 to 17:00 in Brussels, minus
public holidays. Plain functions over aware datetimes, so they are tested without a database."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Brussels")
OPENS, CLOSES = time(9, 0), time(17, 0)
DAY_SECONDS = (CLOSES.hour - OPENS.hour) * 3600


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
