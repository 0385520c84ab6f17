"""The choice step lists the desk's locations nearest the family first, with distance, price and expected places,
filtered and paged on the server; a location that does not take the child at the asked start cannot be added."""

import re
from datetime import date
from decimal import Decimal

import pytest
from families_helpers import next_month

from loket.core.months import add_months
from loket.families.models import RegistrationDraft
from loket.supply.choices import TariffRegime
from loket.testing.factories import make_location, make_opening, make_postcode

pytestmark = pytest.mark.django_db

BASE = "/gezin/aanvraag/stap/"


@pytest.fixture
def spread(area):
    """Locations at known distances north of the family's postcode (9800, at 51.0, 3.7): 0.1° latitude ≈ 11 km."""
    far_postcode = make_postcode(area["municipality"], code="9870", place="Zulte")
    at = {}
    for name, north, regime in [
        ("Dichtbij", "0.01", TariffRegime.INCOME),
        ("Middel", "0.04", TariffRegime.FREE),
        ("Ver", "0.15", TariffRegime.MIX),
    ]:
        at[name] = make_location(
            municipality=area["municipality"],
            postcode=far_postcode,
            name=name,
            latitude=Decimal("51.00000") + Decimal(north),
            longitude=Decimal("3.70000"),
            tariff_regime=regime,
        )
    return at


def _to_choice_step(client, *, months=(3, 6)):
    client.post(BASE + "woonplaats/", {"postcode": "9800"})
    client.post(BASE + "kinderen/", {"count": "1"})
    client.post(BASE + "kind/", {"c1_born": "yes", "c1_date": add_months_iso(-6)})
    care = {
        "start_earliest": next_month(months[0]),
        "start_latest": next_month(months[1]),
        "weekdays": ["1", "2"],
        "tariffs": ["income", "free"],
    }
    assert client.post(BASE + "opvang/", care).status_code == 302


def add_months_iso(months):
    from datetime import date

    return add_months(date.today(), months).isoformat()


def _names(body):
    return re.findall(r'<h3 class="utrecht-heading-3 loket-choice-result__title"><bdi>([^<]+)</bdi>', body)


def test_locations_come_nearest_first_with_distance_price_and_expected_places(client, area, spread):
    make_opening(spread["Middel"], start_month=add_months(date.today(), 4), tariff="free", count=2)
    _to_choice_step(client)
    body = client.get(BASE + "keuzes/").content.decode()
    names = _names(body)
    # The four area locations sit on the postcode itself (0 km), then the spread by distance.
    assert names[-3:] == ["Dichtbij", "Middel", "Ver"] or names[4:7] == ["Dichtbij", "Middel", "Ver"]
    assert "4,4\u00a0km" in body and "Vrije prijs" in body
    assert "2 plaatsen verwacht" in body
    # Filtered on the server: up to 2 km leaves the nearby ones; free price leaves free and mixed.
    near = _names(
        client.get(
            BASE + "keuzes/", {"filter": "1", "afstand": "2", "prijs": ["income", "free"]}
        ).content.decode()
    )
    assert "Dichtbij" in near and "Middel" not in near and "Ver" not in near
    free = _names(client.get(BASE + "keuzes/", {"filter": "1", "prijs": ["free"]}).content.decode())
    assert sorted(free) == ["Middel", "Ver"]


def test_the_list_is_paged_and_adding_keeps_the_filters(client, area, spread):
    for n in range(12):
        make_location(municipality=area["municipality"], postcode=area["postcode"], name=f"Extra {n:02d}")
    _to_choice_step(client)
    first = client.get(BASE + "keuzes/").content.decode()
    assert len(_names(first)) == 10 and "Pagina 1 van 2" in first
    second = client.get(BASE + "keuzes/", {"pagina": "2"}).content.decode()
    assert len(_names(second)) == 9
    url = BASE + "keuzes/?filter=1&afstand=5&prijs=income&prijs=free&mijn_dagen=on"
    response = client.post(url, {"action": f"add:{spread['Middel'].pk}"})
    assert response.status_code == 302 and "afstand=5" in response.url
    assert RegistrationDraft.objects.get().data["choices"] == [spread["Middel"].pk]
    # A chosen location leaves the list of locations to add.
    assert "Middel" not in _names(client.get(url).content.decode())


def test_a_location_that_does_not_take_the_child_at_the_start_is_not_listed_nor_added(client, area, spread):
    spread["Ver"].age_min_months = 24
    spread["Ver"].save()
    _to_choice_step(client)
    assert "Ver" not in _names(client.get(BASE + "keuzes/").content.decode())
    response = client.post(BASE + "keuzes/", {"action": f"add:{spread['Ver'].pk}"})
    assert response.status_code == 400 and "24 tot 36 maanden" in response.content.decode()
    assert RegistrationDraft.objects.get().data["choices"] == []


def test_another_desks_location_cannot_be_added(client, area):
    other = make_location(name="Elders")
    _to_choice_step(client)
    response = client.post(BASE + "keuzes/", {"action": f"add:{other.pk}"})
    assert response.status_code == 400
    assert RegistrationDraft.objects.get().data["choices"] == []
