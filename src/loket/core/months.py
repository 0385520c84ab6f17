"""Calendar months: the one place Loket does month arithmetic.

Start months, age in months, horizons, "the last twelve months" and the months of a report all count whole
calendar months. A month is represented by the date of its first day. Pure Python (no Django), so every app and
every tool can use it.
"""

from datetime import date


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` calendar months after the month of `day` (before it when negative).

    Raises ValueError outside the years `date` can hold (1 to 9999): a month typed by a person is bounded by
    its form before any arithmetic."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def month_start(day: date) -> date:
    """The first day of the month of `day`."""
    return day.replace(day=1)


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later`, as an age is counted: 1 March to 28 March is 0, to
    1 April is 1; negative when `later` comes first."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def month_range(first: date, last: date) -> list[date]:
    """The first days of every month from the month of `first` to the month of `last`, both included."""
    start, end = month_start(first), month_start(last)
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    return [add_months(start, i) for i in range(max(count, 0))]
