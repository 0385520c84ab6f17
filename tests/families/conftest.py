"""A small desk area for the families' desk tests: one desk, postcode 9800, four locations."""

import pytest

from loket.testing.factories import make_desk, make_location, make_municipality, make_postcode, make_user


@pytest.fixture
def area(db):
    desk = make_desk(name="Loket Deinze-Zulte", max_choices=3)
    municipality = make_municipality(desk, name="Deinze")
    postcode = make_postcode(municipality, code="9800", place="Deinze")
    names = ["Kinderdagverblijf De Vlinder", "Het Kabouterhuis", "Onthaalouder An", "De Regenboog"]
    locations = [make_location(municipality=municipality, postcode=postcode, name=name) for name in names]
    return {"desk": desk, "municipality": municipality, "postcode": postcode, "locations": locations}


@pytest.fixture
def desk_worker(area):
    from loket.accounts.choices import Role

    return make_user(Role.DESK_WORKER, desk=area["desk"])


@pytest.fixture
def parent_request(area):
    """A parent with one request, registered a while ago, with two choices."""
    from datetime import timedelta

    from django.utils import timezone

    from loket.testing.factories import make_family, make_request

    user = make_user(email="mila.ouder@example.org")
    family = make_family(area["desk"], user=user)
    family.guardians.update(email=user.email)
    registered = timezone.now() - timedelta(days=40)
    request = make_request(
        family, locations=area["locations"][:2], first_name="Mila", registered_at=registered, work=True
    )
    return user, request
