"""Who sees what, suppression everywhere figures leave the desk, exports and their audit trail, the PDF."""

import csv
import io
import shutil
import subprocess

import pytest
from django.utils import timezone
from readers import pdf_pages, pdf_text, read_xlsx
from reports_world import PERIOD

from loket.accounts.choices import Role
from loket.audit.models import AuditEvent
from loket.core.months import add_months
from loket.reports.disclosure import SMALL as SUPPRESSED
from loket.reports.filters import moment
from loket.testing.factories import make_family, make_location, make_user

pytestmark = pytest.mark.django_db


def test_policy_viewer_of_desk_a_sees_desk_a_unsuppressed(client, world, viewer_a):
    client.force_login(viewer_a)
    response = client.get("/rapporten/", PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    key = response.context["sections"][0]["table"]
    assert dict((r["figure"], r["value"]) for r in key.rows)[key.rows[1]["figure"]] == 2  # placed, not "<5"
    assert "Brugse Beertjes" not in html


def test_policy_viewer_of_desk_a_sees_nothing_of_desk_b(client, world, viewer_a):
    client.force_login(viewer_a)
    response = client.get("/rapporten/", {**PERIOD, "desk": world.desk_b.pk})
    key = response.context["sections"][0]["table"]
    # Desk B is not a choice: the form refuses it and desk A's figures of the last twelve months are shown
    # (desk B's requests are never among them).
    assert "desk" in response.context["form"].errors
    since = moment(add_months(timezone.localdate(), -11))
    desk_a = [r for r in world.requests.values() if r.desk_id == world.desk_a.pk and r.registered_at >= since]
    assert key.rows[0]["value"] == len(desk_a)
    assert client.get("/rapporten/agentschap/", {"year": 2026, "desk": world.desk_b.pk}).status_code == 404
    assert client.get("/rapporten/jaarrapport/", {"year": 2026, "desk": world.desk_b.pk}).status_code == 404
    # No regional view for a desk's policy viewer: sent to the own desk's dashboard; the export is not found.
    regional = client.get("/rapporten/regio/")
    assert (regional.status_code, regional["Location"]) == (302, "/rapporten/")
    assert client.get("/rapporten/regio/export.csv").status_code == 404
    exported = client.get("/rapporten/export/desks.csv")
    assert exported.status_code == 404
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    "/rapporten/export/areas_municipality.csv", {**PERIOD, "desk": world.desk_b.pk}
                ).content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert [r[0] for r in rows[1:-1]] == ["Aalst"]  # and the totals row


def test_regional_viewer_sees_every_desk_but_only_suppressed_figures(client, world, regional_viewer):
    client.force_login(regional_viewer)
    response = client.get("/rapporten/regio/", PERIOD)
    assert response.status_code == 200
    comparison = {r["desk"]: r for r in response.context["sections"][0]["table"].rows}
    assert comparison["Loket Aalst"]["registered"] == 5  # six, rounded to a multiple of five
    assert comparison["Loket Aalst"]["placed"] == SUPPRESSED
    assert comparison["Loket Brugge"]["registered"] == SUPPRESSED
    dashboard = client.get("/rapporten/", PERIOD)
    assert dashboard.context["sections"][0]["table"].published
    assert "&lt;5" in dashboard.content.decode()


@pytest.mark.parametrize("who", ["provider", "parent", "partner"])
def test_providers_parents_and_partners_are_refused(client, world, who):
    if who == "provider":
        user = make_user(Role.PROVIDER_STAFF, organiser=make_location().organiser)
    elif who == "parent":
        user = make_user()
        make_family(world.desk_a, user=user)
    else:
        from loket.testing.factories import make_partner

        user = make_user(Role.PARTNER_ADVISER, partner=make_partner(world.desk_a))
    client.force_login(user)
    for url in (
        "/rapporten/",
        "/rapporten/export/key_figures.csv",
        "/rapporten/jaarrapport/?year=2026",
        "/rapporten/agentschap/",
        "/rapporten/agentschap/export.csv",
        "/rapporten/regio/",
    ):
        assert client.get(url).status_code == 403, url


def test_desk_worker_sees_own_desk_but_not_the_regional_view(client, world):
    client.force_login(make_user(Role.DESK_WORKER, desk=world.desk_a))
    assert client.get("/rapporten/", PERIOD).status_code == 200
    assert client.get("/rapporten/regio/").status_code == 403


def test_anonymous_people_are_sent_to_sign_in(client, world):
    response = client.get("/rapporten/")
    assert response.status_code == 302 and "next=" in response["Location"]


def test_csv_export_is_suppressed_and_audited(client, world, viewer_a):
    client.force_login(viewer_a)
    response = client.get("/rapporten/export/key_figures.csv", PERIOD)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="loket-key-figures-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    values = [r[1] for r in rows[1:]]
    assert values[:6] == [
        "5",  # six, rounded
        "<5",
        "<5",
        "<5",
        "0",
        "<5",
    ]  # registered, placed, waiting, withdrawn, expired, unmet
    assert "48" in values
    event = AuditEvent.objects.get(event="report.exported")
    assert (event.actor, event.desk_id, event.detail["table"], event.detail["format"]) == (
        viewer_a,
        world.desk_a.pk,
        "key_figures",
        "csv",
    )


def test_xlsx_export_of_all_tables(client, world, viewer_a):
    client.force_login(viewer_a)
    response = client.get("/rapporten/export/dashboard.xlsx", PERIOD)
    assert response.status_code == 200
    workbook = read_xlsx(response.content)
    assert "fair_access" in workbook and "trend" in workbook
    sheet = workbook["key_figures"]
    assert sheet["A2"] == "Cijfer" or sheet["A2"] == "Figure"
    assert sheet["B3"] == 5 and sheet["B4"] == "<5"  # six registered, rounded; two placed
    assert AuditEvent.objects.filter(event="report.exported", detail__format="xlsx").count() == 1


def test_agency_figures_page_and_export(client, world, viewer_a):
    client.force_login(viewer_a)
    page = client.get("/rapporten/agentschap/", {"year": 2026})
    assert page.status_code == 200 and "Aalst" in page.content.decode()
    response = client.get("/rapporten/agentschap/export.csv", {"year": 2026})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    aalst = next(r for r in rows if r[1] == "Aalst")
    assert aalst[4] == "5" and aalst[5] == "<5"  # six children (rounded), fewer than five answered
    xlsx = client.get("/rapporten/agentschap/export.xlsx", {"year": 2026})
    assert list(read_xlsx(xlsx.content)) == ["agency", "duplicates"]
    assert AuditEvent.objects.filter(event="report.exported").count() == 2


def test_yearly_pdf_opens_has_pages_and_renders(client, world, viewer_a, tmp_path):
    client.force_login(viewer_a)
    assert client.get("/rapporten/jaarrapport/").status_code == 200  # the form
    response = client.get("/rapporten/jaarrapport/", {"year": 2026})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert pdf_pages(response.content) >= 4
    text = pdf_text(response.content, tmp_path)
    assert "Loket Aalst" in text and "<5" in text and "Brugse" not in text
    assert AuditEvent.objects.filter(event="report.exported", detail__format="pdf").count() == 1
    assert shutil.which("pdftoppm"), "pdftoppm is missing: install Debian's poppler-utils (.ci/run does)"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")], check=True
    )
    assert len(list(tmp_path.glob("page-*.png"))) == 2
