"""Demo content for the finder and the price comparison: a day price for each free-price place of the demo area.

Idempotent: running it again changes nothing. Needs the demo area (`loket-manage load_demo`)."""

import zlib
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from loket.areas.selectors import desk_get
from loket.guide.models import FreeDayPrice
from loket.supply.choices import TariffRegime
from loket.supply.selectors import locations_of_desk

DEMO_DESK = "deinze-zulte"


def demo_day_price(name: str) -> Decimal:
    """A realistic free price (€ 32 to € 46 a day), the same for the same location on every run."""
    return Decimal(3200 + zlib.crc32(name.encode()) % 1400).scaleb(-2).quantize(Decimal("0.10"))


class Command(BaseCommand):
    help = "Add free-price day prices to the demo area's locations (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--valid-from", default="2026-01-01", help="Date the prices apply from (YYYY-MM-DD)."
        )

    @transaction.atomic
    def handle(self, *args, valid_from: str, **options):
        desk = desk_get(slug=DEMO_DESK)
        if desk is None:
            raise CommandError("The demo area is missing: run `loket-manage load_demo` first.")
        start = date.fromisoformat(valid_from)
        created = 0
        for location in locations_of_desk(desk=desk).filter(
            tariff_regime__in=(TariffRegime.FREE, TariffRegime.MIX)
        ):
            _price, was_created = FreeDayPrice.objects.get_or_create(
                location=location, defaults={"day_price": demo_day_price(location.name), "valid_from": start}
            )
            created += was_created
        self.stdout.write(f"Free-price day prices: {created} added.")
