import pytest

from loket.accounts.choices import Role
from loket.testing.factories import make_user


@pytest.fixture
def reference_data(db):
    """Statbel's municipalities and postcodes. The migration loads them, but a transactional test before this one may
    have emptied every table: the loader is idempotent, so load them again."""
    from loket.areas.reference import reference_load

    reference_load()


@pytest.fixture
def agency(db):
    return make_user(Role.POLICY_VIEWER, email="agentschap@example.org")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def new_desk(reference_data, agency):
    from datetime import date

    from loket.allocation.services import desk_policy_create
    from loket.areas.services import desk_create, neighbourhoods_from_postcodes

    desk = desk_create(
        actor=agency,
        name="Lokaal Loket Kinderopvang Wetteren-Laarne",
        nis_codes=["42025", "42010"],
        email="kinderopvang@wetteren-laarne.example",
        phone="09 369 00 00",
        dpo_email="dpo@wetteren.example",
    )
    desk_policy_create(desk=desk, actor=agency, effective_from=date.today())
    neighbourhoods_from_postcodes(desk=desk, actor=agency)
    return desk
