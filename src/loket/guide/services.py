"""Plain calculations for families: the income-related day price and the distance to a location.

Nothing here stores what a parent types: the calculator is a pure function of its arguments.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from .tariffs import TariffYear, tariff_year_on

CENT = Decimal("0.01")
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


@dataclass(frozen=True)
class PriceEstimate:
    year: TariffYear
    income_price: Decimal  # from the income alone, within minimum and maximum
    reduction: Decimal  # taken off for other dependent children and multiple births
    full_day_price: Decimal  # a day of 5 to 11 hours (or the year's normal day)
    day_share: Decimal
    day_price: Decimal  # for the chosen length of day
    month_price: Decimal  # about, for the chosen days a week
    maximum_applied: bool
    minimum_applied: bool
    without_certificate: bool
    individual_tariff_possible: bool


def income_day_price(*, income: Decimal, year: TariffYear) -> tuple[Decimal, bool, bool]:
    """The full-day price from the joint taxable income alone. Returns (price, minimum applied, maximum applied)."""
    income = Decimal(income)
    if income < 0:
        raise ValueError("income cannot be negative")
    if income <= year.band_low:
        price = income * year.rate_low
    elif income <= year.band_high:
        price = income * year.rate_high
    else:
        steps = ((income - year.band_high) / year.step_size).to_integral_value(rounding=ROUND_CEILING)
        price = year.band_high * year.rate_high + steps * year.step_amount
    price = price.quantize(CENT, rounding=ROUND_HALF_UP)
    if price >= year.maximum:
        return year.maximum, False, True
    if price <= year.minimum:
        return year.minimum, True, False
    return price, False, False


def day_price_estimate(
    *,
    income: Decimal | None,
    dependent_children: int = 1,
    multiple_birth: bool = False,
    day_length: int | None = None,
    days_per_week: int = 5,
    special_situation: bool = False,
    on: date,
) -> PriceEstimate:
    """Estimate what a family pays a day for income-related care.

    `income`: the joint taxable professional income of the parent and a co-resident partner, a year; None when the
    family has no certificate (then the maximum applies). `dependent_children`: children the family has in charge,
    this child included. `day_length`: index into the year's day fractions (None: the normal full day).
    """
    if dependent_children < 1:
        raise ValueError("a family has at least the child it asks care for")
    if not 1 <= days_per_week <= 7:
        raise ValueError("days per week must be between 1 and 7")
    year = tariff_year_on(on)
    if income is None:
        base, minimum_applied, maximum_applied = year.maximum, False, True
    else:
        base, minimum_applied, maximum_applied = income_day_price(income=income, year=year)
    reductions = dependent_children - 1 + (1 if multiple_birth else 0)
    reduction = min(year.reduction * reductions, max(base - year.floor, Decimal(0)))
    full_day = base - reduction
    share = day_share(year=year, day_length=day_length)
    day_price = (full_day * share).quantize(CENT, rounding=ROUND_HALF_UP)
    month_price = (day_price * days_per_week * WEEKS_PER_MONTH).quantize(CENT, rounding=ROUND_HALF_UP)
    return PriceEstimate(
        year=year,
        income_price=base,
        reduction=reduction,
        full_day_price=full_day,
        day_share=share,
        day_price=day_price,
        month_price=month_price,
        maximum_applied=maximum_applied,
        minimum_applied=minimum_applied,
        without_certificate=income is None,
        individual_tariff_possible=special_situation,
    )


def normal_day_index(year: TariffYear) -> int:
    return next(i for i, (_limit, share) in enumerate(year.day_fractions) if share == 1)


def day_share(*, year: TariffYear, day_length: int | None) -> Decimal:
    if day_length is None:
        day_length = normal_day_index(year)
    if not 0 <= day_length < len(year.day_fractions):
        raise ValueError("unknown length of day")
    return year.day_fractions[day_length][1]


def free_price_net(*, day_price: Decimal, year: TariffYear) -> Decimal:
    """What a free-price day costs the family after the childcare allowance it receives for it."""
    return max(Decimal(day_price) - year.free_price_allowance, Decimal(0)).quantize(CENT)


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Distance as the crow flies (haversine), in kilometres."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(lon2) - float(lon1))
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))
