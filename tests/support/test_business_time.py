from datetime import date, datetime
from zoneinfo import ZoneInfo

from loket.support.business_time import add_business_hours, add_business_seconds, business_seconds_between

BXL = ZoneInfo("Europe/Brussels")


def at(y, m, d, h=0, mi=0):
    return datetime(y, m, d, h, mi, tzinfo=BXL)


def test_within_one_day():
    assert business_seconds_between(at(2026, 11, 23, 10), at(2026, 11, 23, 12)) == 2 * 3600


def test_nights_and_weekends_do_not_count():
    # Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday
    assert business_seconds_between(at(2026, 11, 20, 16), at(2026, 11, 23, 10)) == 2 * 3600


def test_end_before_start_is_zero():
    assert business_seconds_between(at(2026, 11, 23, 12), at(2026, 11, 23, 10)) == 0


def test_holidays_are_skipped():
    holidays = frozenset({date(2026, 11, 23)})
    assert business_seconds_between(at(2026, 11, 23, 9), at(2026, 11, 24, 10), holidays=holidays) == 3600


def test_adding_runs_over_the_weekend():
    assert add_business_hours(at(2026, 11, 20, 15), 4) == at(2026, 11, 23, 11)


def test_a_start_outside_hours_counts_from_the_next_opening():
    assert add_business_hours(at(2026, 11, 21, 22), 1) == at(2026, 11, 23, 10)
    assert add_business_seconds(at(2026, 11, 23, 7), 0) == at(2026, 11, 23, 9)


def test_adding_and_measuring_agree():
    start = at(2026, 11, 19, 13, 30)
    for hours in (0.5, 3, 8, 16, 40):
        end = add_business_hours(start, hours)
        assert business_seconds_between(start, end) == int(hours * 3600)
