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


# --- the desk's own calendar: Belgian public holidays, 11 July and its closing days (issue 18) ---------------------

import pytest  # noqa: E402

from loket.support.business_time import desk_deadline, flemish_holidays  # noqa: E402


def test_the_flemish_calendar_has_easter_monday_and_11_july():
    days = flemish_holidays(2026)
    assert date(2026, 4, 6) in days  # Easter Monday (Paasmaandag)
    assert date(2026, 7, 11) in days  # Feest van de Vlaamse Gemeenschap
    assert date(2026, 7, 21) in days and date(2026, 11, 11) in days


@pytest.mark.django_db
def test_a_deadline_across_easter_monday_moves_to_the_next_working_day():
    # Friday 3 April 2026 at 15:00, 8 business hours: 2 on Friday, Easter Monday closed, 6 on Tuesday.
    assert desk_deadline(at(2026, 4, 3, 15), 8) == at(2026, 4, 7, 15)


@pytest.mark.django_db
def test_a_deadline_across_11_july_moves_to_the_next_working_day():
    # 11 July 2025 is a Friday: Thursday 16:00 + 8 business hours ends on Monday 14 July at 16:00, not Friday.
    assert desk_deadline(at(2025, 7, 10, 16), 8) == at(2025, 7, 14, 16)


@pytest.mark.django_db
def test_the_desks_own_closing_day_counts_too():
    from loket.support.services import closing_day_add

    closing_day_add(day=date(2026, 4, 7), reason="Teamdag", actor=None)
    assert desk_deadline(at(2026, 4, 3, 15), 8) == at(2026, 4, 8, 15)


@pytest.mark.django_db
def test_a_questions_target_and_the_paused_clock_skip_the_holidays():
    from loket.support import services

    question = services.question_ask(
        subject="Vraag",
        body="Vlak voor Pasen",
        name="A",
        email="a@example.org",
        actor=None,
        theme="general",
        at=at(2026, 4, 3, 15),
    )
    assert question.due_at == at(2026, 4, 7, 15)
