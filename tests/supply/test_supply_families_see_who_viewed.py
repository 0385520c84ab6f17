"""Issue 19.9: a provider's look at a family's request, and the family's own downloads, appear in that family's
"who viewed my file", with plain labels; one event per family, written in one insert."""

import pytest
from django.urls import reverse

from loket.audit.models import AuditEvent
from loket.testing.factories import make_family, make_request, make_user

pytestmark = pytest.mark.django_db


def test_a_provider_viewing_the_requests_shows_in_each_familys_who_viewed(client, world):
    parents = [make_user(email=f"ouder{n}@example.org") for n in range(3)]
    requests = [
        make_request(make_family(world.desk, user=parent), locations=[world.a1]) for parent in parents
    ]
    client.force_login(world.provider_a)
    assert client.get(reverse("supply:location_requests", args=[world.a1.pk])).status_code == 200
    events = AuditEvent.objects.filter(event="request.viewed_by_provider")
    assert sorted(e.family_id for e in events) == sorted(r.child.family_id for r in requests)
    assert all(e.actor == world.provider_a and e.detail == {"location_id": world.a1.pk} for e in events)
    client.force_login(parents[0])
    body = client.get(reverse("privacy:my_data")).content.decode()
    assert "bekeek de aanvraag in het portaal voor aanbieders" in body
    assert world.provider_a.full_name in body
    # The family's own downloads are in its access log too.
    client.get(reverse("privacy:download_json"))
    body = client.get(reverse("privacy:my_data")).content.decode()
    assert "downloadde de gegevens" in body
    # Another family sees nothing of the first family's download.
    client.force_login(parents[1])
    assert (
        AuditEvent.objects.filter(event="family.exported", family_id=requests[1].child.family_id).count() == 0
    )


def test_a_provider_opening_its_proposals_is_recorded_for_each_family(client, world):
    from loket.allocation.models import Offer
    from loket.testing.factories import make_opening

    parent = make_user(email="voorstel@example.org")
    request = make_request(make_family(world.desk, user=parent), locations=[world.a1])
    from django.utils import timezone

    Offer.objects.create(
        request=request,
        opening=make_opening(world.a1),
        location=world.a1,
        made_at=timezone.now(),
        deadline=timezone.now(),
    )
    client.force_login(world.provider_a)
    assert client.get(reverse("allocation:proposals")).status_code == 200
    event = AuditEvent.objects.get(event="request.viewed_by_provider")
    assert event.family_id == request.child.family_id and event.detail == {"page": "proposals"}
