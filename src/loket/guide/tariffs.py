"""The amounts of the income-related tariff (inkomensgerelateerde ouderbijdrage, IKT), one record per year.

They are data, not constants: the agency indexes them every year and several current values could not be confirmed
(domain.md, "Income-related tariff"). Add next year's record here, or override the whole table with the setting
`LOKET_INCOME_TARIFF_YEARS` (a list of dicts with the fields of `TariffYear`). What counts for a family is always
the agency's certificate; Loket shows an estimate.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings


@dataclass(frozen=True)
class TariffYear:
    """The formula's amounts in force from `valid_from`.

    Day price for a full day (5 to 11 hours) from the joint taxable professional income of the parent and a
    co-resident partner: income × `rate_low` up to `band_low`; income × `rate_high` up to `band_high`; above that
    the price at `band_high` plus `step_amount` for each started step of `step_size`; never below `minimum` nor
    above `maximum`. Then `reduction` off per dependent child beyond the first, and once more for a family with
    twins or triplets, but never below `floor`.
    """

    valid_from: date
    band_low: Decimal
    rate_low: Decimal
    band_high: Decimal
    rate_high: Decimal
    step_size: Decimal
    step_amount: Decimal
    minimum: Decimal
    maximum: Decimal
    reduction: Decimal
    floor: Decimal
    # Share of the full-day price for a shorter or longer day: (up to hours, share), the last one open-ended.
    day_fractions: tuple[tuple[int | None, Decimal], ...]
    # What a family receives per day of free-price care (childcare allowance of the Groeipakket).
    free_price_allowance: Decimal
    confirmed: bool
    source: str


TARIFF_YEARS: tuple[TariffYear, ...] = (
    TariffYear(
        valid_from=date(2014, 1, 1),
        band_low=Decimal("41774.97"),
        rate_low=Decimal("0.000385"),
        band_high=Decimal("59722.14"),
        rate_high=Decimal("0.000380"),
        step_size=Decimal("3700.00"),
        step_amount=Decimal("0.60"),
        minimum=Decimal("5.00"),
        maximum=Decimal("27.71"),
        reduction=Decimal("3.14"),
        floor=Decimal("1.86"),
        day_fractions=(
            (3, Decimal("0.40")),
            (5, Decimal("0.60")),
            (12, Decimal("1.00")),
            (None, Decimal("1.20")),
        ),
        free_price_allowance=Decimal("3.30"),
        confirmed=True,
        source=(
            "moneytalk.knack.be, new tariffs from 1 January 2014 (incomes of 2011); "
            "minimum and floor as Kind en Gezin published them then"
        ),
    ),
    TariffYear(
        valid_from=date(2025, 1, 1),
        band_low=Decimal("54125.08"),
        rate_low=Decimal("0.000385"),
        band_high=Decimal("77442.79"),
        rate_high=Decimal("0.000380"),
        # Not published in the sources found: the 2014 step indexed like the band limits (× 1.2955).
        step_size=Decimal("4793.35"),
        step_amount=Decimal("0.78"),
        minimum=Decimal("6.47"),
        maximum=Decimal("35.89"),
        reduction=Decimal("4.07"),
        floor=Decimal("2.40"),
        day_fractions=((5, Decimal("0.60")), (11, Decimal("1.00")), (None, Decimal("1.60"))),
        free_price_allowance=Decimal("3.30"),
        confirmed=False,
        source="domain.md, recent parameters (unconfirmed); step, reduction and floor indexed from 2014",
    ),
)


def tariff_years() -> tuple[TariffYear, ...]:
    override = getattr(settings, "LOKET_INCOME_TARIFF_YEARS", None)
    if not override:
        return TARIFF_YEARS
    return tuple(_from_setting(row) for row in override)


def tariff_year_on(on: date) -> TariffYear:
    """The amounts in force on a date: the latest record whose `valid_from` is not after it."""
    in_force = [year for year in tariff_years() if year.valid_from <= on]
    if not in_force:
        raise LookupError(f"No income-related tariff amounts are known for {on.isoformat()}.")
    return max(in_force, key=lambda year: year.valid_from)


def _from_setting(row: dict) -> TariffYear:
    values = dict(row)
    values["valid_from"] = date.fromisoformat(str(values["valid_from"]))
    for name in (
        "band_low",
        "rate_low",
        "band_high",
        "rate_high",
        "step_size",
        "step_amount",
        "minimum",
        "maximum",
        "reduction",
        "floor",
        "free_price_allowance",
    ):
        values[name] = Decimal(str(values[name]))
    values["day_fractions"] = tuple(
        (None if limit is None else int(limit), Decimal(str(share)))
        for limit, share in values["day_fractions"]
    )
    values.setdefault("confirmed", False)
    values.setdefault("source", "setting LOKET_INCOME_TARIFF_YEARS")
    return TariffYear(**values)
