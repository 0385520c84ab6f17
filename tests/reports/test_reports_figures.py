"""Every figure against the hand-counted world in reports_world.py (on the desk's own screen: unpublished)."""

from datetime import date

import pytest
from django.utils.translation import gettext
from reports_world import TODAY, at, move

from loket.demand.lifecycle import Status
from loket.demand.services import NewRequest, request_register
from loket.reports import selectors
from loket.reports.dashboard import Dashboard, percentile
from loket.reports.regional import desk_comparison_table
from loket.reports.selectors import ReportFilter
from loket.testing.factories import make_family, make_location, make_municipality, make_request

pytestmark = pytest.mark.django_db


def period(world, **kw) -> ReportFilter:
    return ReportFilter(
        desk_ids=(world.desk_a.pk,), date_from=date(2026, 1, 1), date_to=date(2026, 6, 30), today=TODAY, **kw
    )


def rows_by(table, key):
    return {row[key]: row for row in table.rows}


def key_figures(f) -> dict:
    return {row["id"]: row["value"] for row in Dashboard(f).key_figures().rows}


def table(f, key):
    return selectors.dashboard_report(f)[key]


def test_requests_registered_placed_waiting_withdrawn_and_unmet(world):
    figures = key_figures(period(world))
    assert {k: figures[k] for k in ("registered", "placed", "waiting", "withdrawn", "expired", "unmet")} == {
        "registered": 6,
        "placed": 2,
        "waiting": 3,
        "withdrawn": 1,
        "expired": 0,
        "unmet": 2,  # requests 4 and 6: waiting past their start month; request 5 starts in September
    }
    assert (figures["offered"], figures["vulnerable"], figures["priority"]) == (3, 2, 4)


def test_places_licensed_income_related_filled_and_free(world):
    figures = key_figures(period(world))
    assert {k: figures[k] for k in ("licensed", "income_places", "free_price_places", "filled", "free")} == {
        "licensed": 48,
        "income_places": 30,
        "free_price_places": 18,
        "filled": 38,
        "free": 3,
    }


def test_filters_narrow_by_age_band_group_tariff_and_area(world):
    assert key_figures(period(world, age_band="1_to_2"))["registered"] == 1
    assert key_figures(period(world, age_band="under_1"))["registered"] == 5
    assert key_figures(period(world, group="vulnerable"))["registered"] == 2
    assert key_figures(period(world, group="work"))["registered"] == 2
    assert key_figures(period(world, neighbourhood_id=world.n2.pk))["registered"] == 3
    free = key_figures(period(world, tariff="free"))
    assert (free["licensed"], free["free"]) == (30, 1)
    assert key_figures(period(world, municipality_id=world.municipality_a.pk))["registered"] == 6


def test_other_desks_are_never_counted(world):
    only_b = ReportFilter(desk_ids=(world.desk_b.pk,), date_from=date(2026, 1, 1), date_to=date(2026, 6, 30))
    figures = key_figures(only_b)
    assert (figures["registered"], figures["licensed"]) == (2, 30)


def test_monthly_trend_counts_changes_by_the_month_they_happened(world):
    trend = table(period(world), "trend")
    rows = rows_by(trend, "month")
    assert list(rows) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert [rows[m]["registered"] for m in rows] == [2, 2, 2, 0, 0, 0]
    assert [rows[m]["offered"] for m in rows] == [1, 1, 1, 1, 0, 0]
    # January's placement is request 7, registered in 2025: placements count when they happen.
    assert [rows[m]["placed"] for m in rows] == [1, 1, 1, 0, 0, 0]
    assert [rows[m]["withdrawn"] for m in rows] == [0, 0, 1, 0, 0, 0]
    assert (trend.totals["registered"], trend.totals["offered"]) == (6, 4)


def test_time_to_offer_and_to_placement_median_and_90th_percentile(world):
    dashboard = Dashboard(period(world))
    assert dashboard.offer_days == {20: 1, 30: 2}
    assert dashboard.placed_days == {30: 1, 70: 1}
    rows = rows_by(dashboard.durations(), "id")
    assert (rows["offer"]["n"], rows["offer"]["median"], rows["offer"]["p90"]) == (3, 30, 30)
    assert (rows["placement"]["n"], rows["placement"]["median"], rows["placement"]["p90"]) == (2, 30, 70)


def test_percentile_is_nearest_rank():
    histogram = {1: 1, 2: 1, 3: 1, 4: 1, 10: 6}
    assert percentile(histogram, 0.5) == 10
    assert percentile({1: 5, 9: 5}, 0.5) == 1
    assert percentile({1: 5, 9: 5}, 0.9) == 9
    assert percentile({}, 0.5) is None


def test_waiting_time_distribution(world):
    rows = rows_by(table(period(world), "wait_distribution"), "days")
    assert rows["30–59"]["placed"] == 1
    assert rows["60–89"]["placed"] == 1
    assert sum(r["placed"] for r in rows.values()) == 2


def test_offers_declined_and_why(world):
    declines = table(period(world), "declines")
    assert [(r["reason"], r["declined"], r["share"]) for r in declines.rows] == [("Too far", 2, 1.0)]
    assert declines.totals["declined"] == 2


def test_unmet_demand_concentrates_where_families_live(world):
    rows = table(period(world), "areas_neighbourhood").rows
    assert [r["area"] for r in rows] == ["Schaarbeek", "Centrum"]
    schaarbeek, centrum = rows
    assert (
        schaarbeek["registered"],
        schaarbeek["waiting"],
        schaarbeek["unmet"],
        schaarbeek["unmet_share"],
    ) == (
        3,
        2,
        2,
        1.0,
    )
    assert (schaarbeek["licensed"], schaarbeek["free"]) == (30, 1)
    assert (
        centrum["registered"],
        centrum["waiting"],
        centrum["unmet"],
        centrum["licensed"],
        centrum["free"],
    ) == (
        3,
        1,
        0,
        18,
        2,
    )
    municipality = table(period(world), "areas_municipality").rows
    assert [(r["area"], r["registered"], r["licensed"]) for r in municipality] == [("Aalst", 6, 48)]


def test_fair_access_shares_and_ratios(world):
    fair = table(period(world), "fair_access")
    assert (fair.totals["applicants"], fair.totals["offered"], fair.totals["placed"]) == (6, 3, 2)
    vulnerable, _priority, work = fair.rows[:3]  # in the order of selectors.GROUPS
    assert (vulnerable["applicants"], vulnerable["offered"], vulnerable["placed"]) == (2, 1, 1)
    assert vulnerable["share_applicants"] == pytest.approx(1 / 3)
    assert vulnerable["share_offered"] == pytest.approx(1 / 3)
    assert vulnerable["share_placed"] == pytest.approx(1 / 2)
    assert vulnerable["ratio_offered"] == pytest.approx(1.0)
    assert vulnerable["ratio_placed"] == pytest.approx(1.5)
    assert (work["applicants"], work["offered"], work["placed"]) == (2, 1, 1)
    assert work["ratio_placed"] == pytest.approx((1 / 2) / (2 / 6))


def test_fair_access_per_location_and_per_tariff(world):
    rows = rows_by(table(period(world), "fair_access_locations"), "location")
    vlinder = rows["De Vlinder"]
    assert (vlinder["first_choice"], vlinder["first_choice_vulnerable"]) == (3, 2)
    assert vlinder["share_applicants"] == pytest.approx(2 / 3)
    assert vlinder["share_enrolled"] == pytest.approx(0.1)
    assert vlinder["ratio"] == pytest.approx(0.15)
    assert (rows["Het Nest"]["first_choice"], rows["Kiekeboe"]["first_choice"]) == (2, 1)
    tariffs = table(period(world), "fair_access_tariffs").rows
    income, free, mix = tariffs
    assert (income["first_choice"], income["first_choice_vulnerable"], income["enrolled"]) == (3, 2, 10)
    assert (free["first_choice"], free["enrolled"], free["enrolled_vulnerable"]) == (2, 8, 0)
    assert (mix["first_choice"], mix["enrolled_vulnerable"]) == (1, 5)


def test_reserve_progress_of_income_related_locations(world):
    rows = table(period(world), "reserve").rows
    assert [r["location"] for r in rows] == [
        "De Vlinder",
        "Kiekeboe",
    ]  # largest gap first; free-price left out
    vlinder, kiekeboe = rows
    assert (vlinder["target"], vlinder["needed"], vlinder["gap"], vlinder["progress"]) == (0.2, 2, 1, 0.5)
    assert (kiekeboe["needed"], kiekeboe["gap"], kiekeboe["progress"]) == (4, 0, 1.0)


def test_agency_counts_unique_children_leaves_expired_out_and_counts_priority_separately(world):
    # A second request for the child of request 5 and an expired request: neither adds a child.
    five = world.requests[5]
    request_register(
        family=five.child.family,
        child=five.child,
        data=NewRequest(date(2026, 9, 1), date(2026, 9, 1), (1, 2), [world.l1.pk]),
        consent_version="t",
        at=at(3, 20),
    )
    lapsed = make_request(
        make_family(world.desk_a, postcode=world.p1), locations=[world.l1], registered_at=at(1, 20)
    )
    move(lapsed, (Status.EXPIRED, at(5, 1)))

    table = selectors.agency_report(year=2026, desk_ids=(world.desk_a.pk,))["agency"]
    assert len(table.rows) == 1
    row = table.rows[0]
    assert row["municipality"] == "Aalst"
    assert (row["children"], row["applicants"], row["answered"], row["unanswered"]) == (6, 6, 2, 4)
    assert (row["priority_children"], row["priority_unanswered"]) == (4, 2)


def test_agency_region_counts_a_child_known_at_two_desks_once(world):
    table = selectors.agency_report(year=2026)["agency"]
    assert (
        table.totals["children"] == 7
    )  # six at desk A, one own child at desk B; request 9 is request 4's child
    by_name = rows_by(table, "municipality")
    assert by_name["Aalst"]["children"] == 6
    assert by_name["Brugge"]["children"] == 1
    duplicates = rows_by(selectors.agency_report(year=2026)["duplicates"], "desk")
    a, b = duplicates["Loket Aalst"], duplicates["Loket Brugge"]
    assert (a["children"], a["duplicates"], a["by_number"], a["by_name"]) == (6, 1, 1, 0)
    assert (b["children"], b["duplicates"], b["by_number"], b["by_name"]) == (2, 1, 1, 0)
    # Requests 3 to 6 are four children called "Kind", all born on 1 October 2025, in four families with
    # different surnames: four children (Aalst counts six above), not one.
    assert {world.requests[n].child.birth_date for n in (3, 4, 5, 6)} == {date(2025, 10, 1)}


def test_agency_matches_a_child_without_national_number_by_name_and_date_of_birth(world):
    # Request 5's child registered again at desk B, without a national number, by a guardian with the same surname.
    five = world.requests[5]
    surname = five.child.family.guardians.get().last_name
    family = make_family(world.desk_b, postcode=world.requests[8].child.family.postcode)
    family.guardians.update(last_name=surname.upper())
    make_request(
        family,
        locations=[world.requests[8].choices.get().location],
        registered_at=at(5, 2),
        birth_date=five.child.birth_date,
    )
    table = selectors.agency_report(year=2026)["agency"]
    assert table.totals["children"] == 7  # not 8: counted once, in Aalst where it was registered first
    assert rows_by(table, "municipality")["Brugge"]["children"] == 1
    only_b = selectors.agency_report(year=2026, desk_ids=(world.desk_b.pk,))["agency"]
    assert only_b.totals["children"] == 3  # the desk's own figures still count its own three children
    duplicates = rows_by(selectors.agency_report(year=2026)["duplicates"], "desk")
    a, b = duplicates["Loket Aalst"], duplicates["Loket Brugge"]
    assert (a["children"], a["duplicates"], a["by_number"], a["by_name"]) == (6, 2, 1, 1)
    assert (b["children"], b["duplicates"], b["by_number"], b["by_name"]) == (3, 2, 1, 1)
    assert [
        r["desk"] for r in selectors.agency_report(year=2026, desk_ids=(world.desk_b.pk,))["duplicates"].rows
    ] == ["Loket Brugge"]


def test_desk_comparison(world):
    f = ReportFilter(desk_ids=None, date_from=date(2026, 1, 1), date_to=date(2026, 6, 30), today=TODAY)
    rows = rows_by(desk_comparison_table(Dashboard(f)), "desk")
    a, b = rows["Loket Aalst"], rows["Loket Brugge"]
    assert (a["registered"], a["placed"], a["waiting"], a["unmet"], a["licensed"]) == (6, 2, 3, 2, 48)
    assert a["mean_days"] == pytest.approx(50.0)
    assert (a["vulnerable"], a["vulnerable_placed"], a["ratio"]) == (2, 1, pytest.approx(1.5))
    assert (b["registered"], b["placed"], b["licensed"]) == (2, 0, 30)


def test_first_choice_rate_from_the_recorded_placements(world):
    from loket.allocation.models import Offer, Placement
    from loket.supply.models import Opening

    def place(request, location):
        offer = Offer.objects.create(
            request=request,
            opening=Opening.objects.filter(location=location).first() or Opening.objects.first(),
            location=location,
            status=Offer.Status.PLACED,
            made_at=at(1, 25),
            deadline=at(2, 5),
        )
        Placement.objects.create(
            offer=offer, request=request, location=location, tariff="income", contract_start=date(2026, 3, 1)
        )

    first = table(period(world), "first_choice")
    assert (
        first.totals["placed"] == 2 and first.rows[-1]["placed"] == 2
    )  # requests 1 and 2: none recorded yet
    place(world.requests[1], world.l1)  # its first choice
    place(world.requests[2], world.l2)  # its second choice
    place(world.requests[7], world.l1)  # registered before the period: not counted
    rows = [(r["placed"], r["share"]) for r in table(period(world), "first_choice").rows]
    # Shares of all children placed (the not-recorded row has its share too).
    assert rows == [(1, 0.5), (1, 0.5), (0, 0.0), (0, 0.0), (0, 0.0)]


def test_decline_reasons_given_fewer_than_five_times_leave_the_desk_as_one_row(world):
    report = selectors.dashboard_report(period(world))
    assert [r["reason"] for r in report["declines"].rows] == ["Too far"]  # on the desk's own screen
    shown = report.published()["declines"]
    assert [(r["reason"], r["declined"], r["share"]) for r in shown.rows] == [
        (gettext("Other reasons (each given fewer than 5 times)"), "<5", "·")
    ]
    assert shown.totals["declined"] == "<5"


def test_agency_places_a_family_without_postcode_in_the_municipality_of_its_first_choice(world):
    elsewhere = make_municipality(world.desk_a, name="Erpe-Mere")
    location = make_location(municipality=elsewhere, name="Elders")
    make_request(make_family(world.desk_a), locations=[location, world.l1], registered_at=at(2, 2))
    rows = rows_by(selectors.agency_report(year=2026, desk_ids=(world.desk_a.pk,))["agency"], "municipality")
    assert (rows["Aalst"]["children"], rows["Erpe-Mere"]["children"]) == (6, 1)


def test_merged_duplicates_drop_out_of_every_count(world):
    from django.utils import timezone

    from loket.accounts.choices import Role
    from loket.casework.services import requests_merge
    from loket.testing.factories import make_user

    five = world.requests[5]
    again = make_request(
        make_family(world.desk_a, postcode=world.p1), locations=[world.l3], registered_at=at(3, 5)
    )
    until_today = ReportFilter(
        desk_ids=(world.desk_a.pk,), date_from=date(2026, 1, 1), date_to=timezone.localdate(), today=TODAY
    )
    region = ReportFilter(date_from=date(2026, 1, 1), date_to=timezone.localdate(), today=TODAY)
    assert key_figures(until_today)["registered"] == 7  # desk A's six and the duplicate
    requests_merge(kept=five, duplicate=again, actor=make_user(Role.DESK_WORKER, desk=world.desk_a))
    figures = key_figures(until_today)
    assert (figures["registered"], figures["withdrawn"]) == (6, 1)  # the duplicate is not a withdrawal either
    for f in (until_today, region):
        trend = table(f, "trend")
        assert trend.totals["withdrawn"] == 1  # request 3 only, not the merge's withdrawal of the duplicate
    assert selectors.agency_report(year=2026, desk_ids=(world.desk_a.pk,))["agency"].totals["children"] == 6


def test_the_summary_kept_by_triggers_equals_a_rebuild_after_every_kind_of_change(world):
    from loket.accounts.choices import Role
    from loket.casework.services import requests_merge
    from loket.demand.models import Guardian
    from loket.demand.services import request_set_choices
    from loket.reports.models import MonthlyChanges, RequestSummary
    from loket.testing.factories import make_user

    four, five, six = world.requests[4], world.requests[5], world.requests[6]
    request_set_choices(request=six, location_ids=[world.l3.pk, world.l1.pk])  # a new first choice
    move(four, (Status.OFFERED, at(5, 2)), (Status.ACCEPTED, at(5, 4)), (Status.PLACED, at(5, 20)))
    family = five.child.family
    family.postcode = world.p2
    family.save()
    Guardian.objects.filter(family=family).update(last_name="Anders")
    five.child.__class__.objects.filter(pk=five.child_id).update(birth_date=date(2025, 1, 1))
    again = make_request(
        make_family(world.desk_a, postcode=world.p1), locations=[world.l2], registered_at=at(3, 5)
    )
    requests_merge(kept=five, duplicate=again, actor=make_user(Role.DESK_WORKER, desk=world.desk_a))
    moved = world.requests[8]
    moved.__class__.objects.filter(pk=moved.pk).update(desk=world.desk_a)  # a request moves to another desk
    from loket.demand.models import StatusChange

    StatusChange.objects.filter(request=world.requests[3], to_status=Status.WITHDRAWN).update(at=at(4, 30))
    StatusChange.objects.filter(request=world.requests[6], to_status=Status.DECLINED).delete()
    months = sorted(
        MonthlyChanges.objects.filter(changes__gt=0).values_list("desk_id", "month", "to_status", "changes")
    )
    assert (
        MonthlyChanges.rebuild()
        and sorted(MonthlyChanges.objects.values_list("desk_id", "month", "to_status", "changes")) == months
    )
    kept_by_triggers = sorted(RequestSummary.objects.values(), key=lambda row: row["request_id"])
    summary = {row["request_id"]: row for row in kept_by_triggers}
    assert summary[six.pk]["first_choice_location_id"] == world.l3.pk
    assert (summary[four.pk]["offered"], summary[four.pk]["placed_days"]) == (True, 94)
    assert summary[five.pk]["home_neighbourhood_id"] == world.n2.pk
    assert summary[again.pk]["merged"] is True
    assert summary[five.pk]["age_days"] == (date(2026, 9, 1) - date(2025, 1, 1)).days
    RequestSummary.rebuild()
    assert sorted(RequestSummary.objects.values(), key=lambda row: row["request_id"]) == kept_by_triggers
