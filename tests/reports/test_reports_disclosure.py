"""A reader tries to work out every small count by subtraction, from what the pages, the exports and the API
publish: a table's totals against its rows, a row's parts against the row, one table against another, the region
against its desks. Each attack uses only the published values (and what a published value says about the true
count); no "<5" may come out as one number. Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

import csv
import io
import math
from datetime import UTC, date, datetime

import pytest
from readers import read_xlsx
from reports_world import PERIOD

from loket.accounts.choices import Role
from loket.areas.models import Province
from loket.demand.lifecycle import Status
from loket.demand.services import request_change_status
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_postcode,
    make_request,
    make_user,
)

pytestmark = pytest.mark.django_db
INF = math.inf


def known(value) -> tuple[float, float]:
    """What a published value says about the true count, read as a reader would read the note under a table."""
    if value in (0, "0"):
        return 0, 0
    if value == "<5":
        return 1, 4
    if value in ("x", "", None):
        return 0, INF
    number = int(value)
    return (5, 7) if number == 5 else (number - 2, number + 2)


def subtract(total, parts: list) -> list[tuple[float, float]]:
    """Each part's range from `total = sum(parts)`: total's range minus the other parts' ranges."""
    t_low, t_high = known(total)
    ranges = [known(p) for p in parts]
    out = []
    for i, (low, high) in enumerate(ranges):
        others_low = sum(r[0] for j, r in enumerate(ranges) if j != i)
        others_high = sum(r[1] for j, r in enumerate(ranges) if j != i)
        out.append((max(low, t_low - others_high), min(high, t_high - others_low)))
    return out


def assert_no_small_count_recovered(total, parts, what: str) -> int:
    """Attack one sum; returns how many small counts it attacked."""
    attacked = 0
    for part, (low, high) in zip(parts, subtract(total, parts), strict=True):
        if part == "<5":
            attacked += 1
            assert high > low, f"{what}: a '<5' is exactly {low} (total {total}, parts {parts})"
    return attacked


def attack(values: dict, sums: list[tuple]) -> dict:
    """The reader's patient attack: every cell's range, narrowed over all `sums` (total, [parts]) again and
    again until nothing changes. Returns {cell: (low, high)}."""
    ranges = {cell: list(known(v)) for cell, v in values.items()}
    for _round in range(100):
        changed = False
        for total, parts in sums:
            t = ranges[total]
            low_sum = sum(ranges[p][0] for p in parts)
            high_sum = sum(ranges[p][1] for p in parts)
            new = [max(t[0], low_sum), min(t[1], high_sum)]
            if new != t:
                ranges[total], changed = new, True
            for p in parts:
                r = ranges[p]
                others_low, others_high = low_sum - r[0], high_sum - r[1]
                new = [max(r[0], ranges[total][0] - others_high), min(r[1], ranges[total][1] - others_low)]
                if new != r:
                    ranges[p], changed = new, True
                    low_sum, high_sum = sum(ranges[q][0] for q in parts), sum(ranges[q][1] for q in parts)
        if not changed:
            break
    return ranges


def assert_none_pinned(values: dict, sums: list[tuple], what: str) -> int:
    ranges = attack(values, sums)
    small = [cell for cell, v in values.items() if v == "<5"]
    for cell in small:
        low, high = ranges[cell]
        assert high > low, f"{what}: {cell} is exactly {low}"
    return len(small)


def agency_cells(rows: list[list[str]]) -> tuple[dict, list]:
    """The agency export as a reader sees it: cells by (municipality, column), and every sum it states."""
    header, body = rows[0], rows[1:]
    names = [r[1] for r in body]
    values = {(r[1], c): r[c] for r in body for c in range(3, len(header))}
    total = names[-1]
    sums = [((total, c), [(n, c) for n in names[:-1]]) for c in range(3, len(header))]
    sums += [((n, 4), [(n, 5), (n, 6)]) for n in names]  # children = with a place + without
    return values, sums


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def at(month, day, year=2025):
    return datetime(year, month, day, 10, tzinfo=UTC)


@pytest.fixture
def zulte_deinze(db):
    """The case from the review: 2025, Zulte 4 children with a place, Deinze 19, total 23."""
    desk = make_desk(name="Loket Leiestreek")
    zulte = make_municipality(desk, name="Zulte", nis_code="44081", province=Province.EAST_FLANDERS)
    deinze = make_municipality(desk, name="Deinze", nis_code="44083", province=Province.EAST_FLANDERS)
    for municipality, placed, waiting in ((zulte, 4, 3), (deinze, 19, 8)):
        postcode = make_postcode(municipality)
        location = make_location(municipality=municipality, postcode=postcode)
        for n in range(placed + waiting):
            family = make_family(desk, postcode=postcode)
            request = make_request(
                family, locations=[location], registered_at=at(2, 1 + n % 27), work=n % 3 == 0
            )
            if n < placed:
                request_change_status(request=request, to=Status.PLACED, at=at(6, 1 + n % 27))
    return desk


def _agency_attacks(rows: list[list[str]]) -> int:
    """Single subtractions first (a column's total less the other rows, a row's children less the other part),
    then the patient attack over all of them together."""
    values, sums = agency_cells(rows)
    for total, parts in sums:
        assert_no_small_count_recovered(values[total], [values[p] for p in parts], f"sum {total}")
    return assert_none_pinned(values, sums, "agency figures")


def test_zulte_cannot_be_recovered_from_the_agency_figures_anywhere(client, zulte_deinze):
    regional = make_user(Role.POLICY_VIEWER)
    client.force_login(regional)
    page = client.get("/rapporten/agentschap/", {"year": 2025})
    agency = page.context["sections"][0]["table"]
    rows = {r["municipality"]: r for r in agency.rows}
    assert (rows["Zulte"]["answered"], rows["Deinze"]["answered"]) == ("<5", 20)  # 4 and 19
    # Rounded to 25, the total would still give Zulte away: Deinze's 27 children less its 8 without a place
    # leave at most 19 with one, and 23 (the least 25 can be) less 19 is 4. The audit hides the total instead.
    assert agency.totals["answered"] == "x"
    rows = read_csv(client.get("/rapporten/agentschap/export.csv", {"year": 2025}))
    assert _agency_attacks(rows) >= 2
    # The same figures through the API: the agency's token reads the very same published table.
    from loket.api.tokens import token_issue

    _token, plain = token_issue(name="Agency", kind="agency")
    body = client.get("/api/v1/agency/figures?year=2025", HTTP_AUTHORIZATION=f"Bearer {plain}").json()
    api = {r["municipality"]: r for r in body["rows"]}
    assert api["Zulte"]["answered"] == "<5" and body["totals"]["answered"] == "x"
    assert [r["answered"] for r in body["rows"]] == [r[5] if r[5] == "<5" else int(r[5]) for r in rows[1:-1]]
    # And the desk's own policy viewer, whose exports leave the desk just the same.
    client.force_login(make_user(Role.POLICY_VIEWER, desk=zulte_deinze))
    xlsx = read_xlsx(client.get("/rapporten/agentschap/export.xlsx", {"year": 2025}).content)["agency"]
    assert "<5" in xlsx.values() and 4 not in xlsx.values() and 23 not in xlsx.values()


def test_a_desks_small_count_cannot_be_recovered_from_the_region(client, world, regional_viewer):
    client.force_login(regional_viewer)
    page = client.get("/rapporten/regio/", PERIOD)
    desks, region = (s["table"] for s in page.context["sections"])
    by_desk = {r["desk"]: r for r in desks.rows}
    assert (by_desk["Loket Aalst"]["registered"], by_desk["Loket Brugge"]["registered"]) == (
        5,
        "<5",
    )  # 6 and 2
    attacked = 0
    for column in ("registered", "placed", "waiting", "unmet", "vulnerable", "vulnerable_placed"):
        parts = [r[column] for r in desks.rows]
        attacked += assert_no_small_count_recovered(desks.totals[column], parts, column)
    # The region's key figures are the comparison's totals: the same published values.
    key = {r["id"]: r["value"] for r in region.rows}
    assert all(key[k] == desks.totals[k] for k in ("registered", "placed", "waiting", "unmet", "vulnerable"))
    assert attacked >= 3
    # The export says the same as the page.
    rows = read_csv(client.get("/rapporten/regio/export.csv", PERIOD))
    assert [r[1] for r in rows[1:]] == [str(r["registered"]) for r in (*desks.rows, desks.totals)]
    # The regional viewer's dashboard of one desk shows that desk's figures as the comparison does.
    one = client.get("/rapporten/", {**PERIOD, "desk": world.desk_b.pk})
    assert one.context["sections"][0]["table"].rows[0]["value"] == "<5"


DASHBOARD_SUMS = {
    # table: the count columns whose totals row is the sum of the rows
    "trend": ("registered", "offered", "placed", "withdrawn"),
    "areas_municipality": ("registered", "waiting", "unmet"),
    "areas_neighbourhood": ("registered", "waiting", "unmet"),
    "wait_distribution": ("placed",),
    "first_choice": ("placed",),
    "declines": ("declined",),
    "fair_access_locations": ("first_choice", "first_choice_vulnerable", "enrolled", "enrolled_vulnerable"),
    "fair_access_tariffs": ("first_choice", "first_choice_vulnerable", "enrolled", "enrolled_vulnerable"),
}


def _attack_dashboard(report) -> int:
    key = {r["id"]: r["value"] for r in report["key_figures"].rows}
    attacked = 0
    for name, columns in DASHBOARD_SUMS.items():
        table = report[name]
        for column in columns:
            parts = [r[column] for r in table.rows]
            attacked += assert_no_small_count_recovered(table.totals[column], parts, f"{name}.{column}")
    # Across tables: the key figures are the other tables' totals and the sum of their own parts.
    parts = [key["placed"], key["waiting"], key["withdrawn"], key["expired"]]
    attacked += assert_no_small_count_recovered(key["registered"], parts, "key figures")
    trend = [r["registered"] for r in report["trend"].rows]
    attacked += assert_no_small_count_recovered(key["registered"], trend, "key figures against the trend")
    for level in ("municipality", "neighbourhood"):
        for column in ("registered", "waiting", "unmet"):
            parts = [r[column] for r in report[f"areas_{level}"].rows]
            attacked += assert_no_small_count_recovered(key[column], parts, f"{level}.{column}")
    first = [r["placed"] for r in report["first_choice"].rows]
    attacked += assert_no_small_count_recovered(key["placed"], first, "first choice against placed")
    waits = [r["placed"] for r in report["wait_distribution"].rows]
    placement = next(r for r in report["durations"].rows if r["id"] == "placement")
    attacked += assert_no_small_count_recovered(placement["n"], waits, "waiting times against durations")
    locations = [r["enrolled"] for r in report["fair_access_locations"].rows]
    attacked += assert_no_small_count_recovered(key["filled"], locations, "children in care per location")
    by_regime: dict = {}
    for r in report["fair_access_locations"].rows:
        by_regime.setdefault(r["regime"], []).append(r)
    for tariff in report["fair_access_tariffs"].rows:
        mine = by_regime.get(tariff["location"], [])
        for column in ("first_choice", "first_choice_vulnerable", "enrolled", "enrolled_vulnerable"):
            attacked += assert_no_small_count_recovered(
                tariff[column], [r[column] for r in mine], tariff["location"]
            )
    return attacked


def test_no_small_count_of_the_dashboard_can_be_recovered_across_its_tables(client, world, regional_viewer):
    client.force_login(regional_viewer)
    for query in (PERIOD, {**PERIOD, "desk": world.desk_a.pk}):
        response = client.get("/rapporten/", query)
        assert response.status_code == 200
        from loket.reports.selectors import dashboard_report

        report = dashboard_report(response.context["filter"]).published()
        # The page shows exactly the published report.
        shown = {s["table"].key: s["table"] for s in response.context["sections"]}
        assert shown["key_figures"].rows == report["key_figures"].rows
        assert _attack_dashboard(report) >= 5


def test_every_export_of_the_dashboard_is_the_published_report(client, world, viewer_a):
    from loket.reports.selectors import ReportFilter, dashboard_report
    from loket.reports.tables import COUNT

    client.force_login(viewer_a)
    workbook = read_xlsx(client.get("/rapporten/export/dashboard.xlsx", PERIOD).content)
    trend = read_csv(client.get("/rapporten/export/trend.csv", PERIOD))
    assert trend[-1][0] == "Totaal" and trend[-1][1] == "5"  # six requests, rounded
    assert workbook["trend"]["B9"] == 5  # the same cell in the workbook (title, header, six months, total)
    f = ReportFilter(desk_ids=(world.desk_a.pk,), date_from=date(2026, 1, 1), date_to=date(2026, 6, 30))
    for table in dashboard_report(f).published():
        for row in (*table.rows, table.totals or {}):
            if row.get("kind") == "places":
                continue
            for column in table.columns:
                value = row.get(column.key)
                if column.kind == COUNT and column.derive is None and isinstance(value, int):
                    assert value == 0 or value % 5 == 0, (table.key, column.key, value)


def _world_of_small_numbers_in_one_sum():
    """4 + 7 + 12 = 23 children placed in three municipalities of one desk in 2025: shown "<5", 5, 10, total 25,
    rounding alone would leave only 4 for the "<5"."""
    desk = make_desk(name="Loket Randgemeenten")
    for name, placed in (("Aa", 4), ("Bee", 7), ("Cee", 12)):
        municipality = make_municipality(desk, name=name)
        postcode = make_postcode(municipality)
        location = make_location(municipality=municipality, postcode=postcode)
        for n in range(placed):
            request = make_request(
                make_family(desk, postcode=postcode), locations=[location], registered_at=at(3, 1 + n)
            )
            request_change_status(request=request, to=Status.PLACED, at=at(7, 1 + n))
    return desk


def test_where_rounding_alone_would_pin_a_small_count_a_complementary_cell_is_hidden(client):
    desk = _world_of_small_numbers_in_one_sum()
    client.force_login(make_user(Role.POLICY_VIEWER, desk=desk))
    rows = read_csv(client.get("/rapporten/agentschap/export.csv", {"year": 2025}))
    body = {r[1]: r for r in rows[1:-1]}
    total = rows[-1]
    answered = 5
    assert body["Aa"][answered] in ("<5", "x")
    assert "x" in (total[answered], body["Aa"][answered], body["Bee"][answered], body["Cee"][answered])
    assert _agency_attacks(rows) >= 1


def test_report_dates_far_away_get_a_plain_message_not_an_error(client, world, viewer_a, regional_viewer):
    for user in (viewer_a, regional_viewer):
        client.force_login(user)
        for value in ("0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"):
            for field in ("date_from", "date_to"):
                for url in ("/rapporten/", "/rapporten/tabel/trend/", "/rapporten/export/trend.csv"):
                    response = client.get(url, {field: value})
                    assert response.status_code == 200, (url, field, value)
                response = client.get("/rapporten/", {field: value})
                assert field in response.context["form"].errors
                assert "2000" in str(response.context["form"].errors[field])
        # A start after the end, and a start in the future: a message, or no months, never an error.
        response = client.get("/rapporten/", {"date_from": "2099-01-01"})
        assert response.status_code == 200
        assert (
            client.get("/rapporten/", {"date_from": "2026-05-01", "date_to": "2026-01-01"}).status_code == 200
        )
    client.force_login(viewer_a)
    for year in ("1", "9999", "abc"):
        assert client.get("/rapporten/agentschap/", {"year": year}).status_code == 200
        response = client.get("/rapporten/jaarrapport/", {"year": year})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert date(2000, 1, 1)  # the earliest date a report accepts (reports.filters.EARLIEST)
