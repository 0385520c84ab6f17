"""Providers are asked to confirm free places before they turn stale, once per confirmation, in their language."""

import pytest
from django.core.management import call_command
from supply_world import days_ago

from loket.accounts.choices import Role
from loket.core.models import OutgoingMail
from loket.supply import services
from loket.testing.factories import make_opening, make_user

pytestmark = pytest.mark.django_db


def test_providers_are_reminded_once_per_confirmation(world):
    nearly = make_opening(world.a1, confirmed_at=days_ago(27))
    make_opening(world.a2, confirmed_at=days_ago(3))  # fresh for a while yet
    make_opening(world.b1, tariff="free", confirmed_at=days_ago(50), withdrawn_at=days_ago(1))
    french = make_user(Role.PROVIDER_STAFF, organiser=world.a1.organiser)
    french.preferred_language = "fr"
    french.save()

    call_command("remind_free_places")
    mails = list(OutgoingMail.objects.order_by("pk"))
    recipients = sorted(address for m in mails for address in m.to)
    assert recipients == sorted(
        [world.provider_a.email, world.provider_a1.email, french.email, world.a1.organiser.email]
    )
    assert world.provider_b.email not in recipients
    assert all("Zonnetje" in m.body and "Maantje" not in m.body for m in mails)

    assert services.openings_remind_to_confirm() == 0  # not twice for the same confirmation
    services.opening_confirm(opening=nearly, actor=world.provider_a)
    assert services.openings_remind_to_confirm() == 0  # fresh again
