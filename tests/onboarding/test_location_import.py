"""Importing the agency's file of licensed locations: a dry run that writes nothing and explains every bad row, an
import keyed by the agency's file number (re-importing updates, never duplicates), audited, with postcode centroids
from the imported locations."""

import pytest
from django.utils import translation
from locations_csv import BAD_LINES, csv_text

from loket.areas.choices import CentroidSource
from loket.areas.models import Postcode
from loket.audit.models import AuditEvent
from loket.supply.models import Location, Organiser
from loket.supply.services import enterprise_number_normalise, location_import_apply, location_import_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0403.170.701", "0403.170.701"),
        ("BE 0403 170 701", "0403.170.701"),
        ("403170701", "0403.170.701"),
        ("0403.170.702", None),
        ("2403.170.701", None),
        ("0403.170", None),
    ],
)
def test_enterprise_numbers_are_checked_by_their_check_digits(text, expected):
    assert enterprise_number_normalise(text) == expected


def test_the_dry_run_explains_each_bad_row_and_writes_nothing(new_desk):
    plan = location_import_plan(desk=new_desk, text=csv_text(bad=True))
    assert (plan.count_create, plan.count_error, plan.count_update) == (27, 3, 0)
    errors = {row.line: " ".join(row.errors) for row in plan.rows if row.errors}
    assert sorted(errors) == list(BAD_LINES)
    assert "Enterprise number 0810.000.398 is not valid" in errors[BAD_LINES[0]]
    assert "Postcode 9000 is not in this desk's municipalities." in errors[BAD_LINES[1]]
    assert "is not in Belgium: check that latitude and longitude are not swapped" in errors[BAD_LINES[2]]
    assert Location.objects.count() == 0 and Organiser.objects.count() == 0


def test_the_import_is_idempotent_audited_and_places_the_postcodes(new_desk, agency):
    location_import_apply(desk=new_desk, text=csv_text(bad=True), actor=agency)
    assert Location.objects.filter(municipality__desk=new_desk).count() == 27
    assert AuditEvent.objects.filter(event="location.imported").count() == 27
    wetteren = Postcode.objects.get(code="9230")
    assert wetteren.centroid_source == CentroidSource.LOCATIONS and wetteren.latitude is not None

    # The corrected file, with one capacity changed: three new, one changed, the rest untouched.
    before = {loc.agency_number: (loc.pk, loc.licensed_capacity) for loc in Location.objects.all()}
    plan = location_import_plan(desk=new_desk, text=csv_text(capacity_change=True))
    assert (plan.count_create, plan.count_update, plan.count_unchanged, plan.count_error) == (3, 1, 26, 0)
    [changed] = [row for row in plan.rows if row.action == "update"]
    assert changed.file_number == "OPG-1008" and changed.changes == [("licensed capacity", "28", "32")]
    location_import_apply(desk=new_desk, text=csv_text(capacity_change=True), actor=agency)
    assert Location.objects.count() == 30
    after = {loc.agency_number: (loc.pk, loc.licensed_capacity) for loc in Location.objects.all()}
    assert all(after[number][0] == pk for number, (pk, _capacity) in before.items())
    assert after["OPG-1008"][1] == before["OPG-1008"][1] + 4
    # Organisers are one per enterprise number, however many locations they run.
    assert Organiser.objects.filter(name__startswith="vzw Kinderopvang Schelde").count() == 5
    # The same file once more: nothing to do.
    again = location_import_plan(desk=new_desk, text=csv_text(capacity_change=True))
    assert again.to_write == 0


def test_a_file_without_the_required_columns_is_refused_in_one_message(new_desk):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        location_import_plan(desk=new_desk, text="file_number,name\nA,B\n")
    assert "these are missing: organiser, enterprise_number" in error.value.messages[0]


def test_the_finder_does_not_measure_from_a_postcode_not_placed_yet(client, new_desk, agency):
    assert client.get("/kinderopvang/zoeken/?place=9230&max_km=20").status_code == 200
    location_import_apply(desk=new_desk, text=csv_text(), actor=agency)
    page = client.get("/kinderopvang/zoeken/?place=9230&max_km=20").content.decode()
    assert "Kinderdagverblijf Schelde 01" in page
