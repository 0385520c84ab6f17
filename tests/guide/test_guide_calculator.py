"""The income-related day price against figures worked out by hand from domain.md ("Income-related tariff").

2014 (incomes of 2011): income × 0.000385 up to € 41,774.97; × 0.000380 up to € 59,722.14; above that € 0.60 more
for each started step of € 3,700; maximum € 27.71; € 3.14 off for each dependent child beyond the first and once more
for multiple births. Recent amounts: bands € 54,125.08 and € 77,442.79, minimum € 6.47, maximum € 35.89."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings

from loket.guide.services import day_price_estimate, free_price_net, income_day_price
from loket.guide.tariffs import TARIFF_YEARS, tariff_year_on

IN_2014 = date(2014, 6, 1)
THIS_YEAR = date(2026, 11, 23)
D = Decimal


def price(income, on=IN_2014, **kw):
    return day_price_estimate(income=None if income is None else D(income), on=on, **kw)


@pytest.mark.parametrize(
    ("income", "expected"),
    [
        ("30000", "11.55"),  # 30,000 × 0.000385
        ("41774.97", "16.08"),  # top of the first band: 16.0833…
        ("50000", "19.00"),  # 50,000 × 0.000380
        ("59722.14", "22.69"),  # top of the second band: 22.6943…
        ("59722.15", "23.29"),  # one cent above: first started step, 22.6943 + 0.60
        ("70000", "24.49"),  # 10,277.86 / 3,700 = 2.78 → 3 steps: 22.6943 + 1.80
        ("100000", "27.71"),  # 11 steps would give 29.29: the maximum applies
        ("10000", "5.00"),  # 3.85: the minimum applies
    ],
)
def test_full_day_price_2014(income, expected):
    assert price(income).day_price == D(expected)


def test_minimum_and_maximum_are_flagged():
    low, high = price("10000"), price("150000")
    assert low.minimum_applied and not low.maximum_applied
    assert high.maximum_applied and not high.minimum_applied
    assert not price("50000").minimum_applied and not price("50000").maximum_applied


def test_reduction_for_other_dependent_children_and_multiple_births():
    # 19.00 − 2 × 3.14
    assert price("50000", dependent_children=3).day_price == D("12.72")
    # twins: 19.00 − 3.14 (second child) − 3.14 (multiple birth)
    twins = price("50000", dependent_children=2, multiple_birth=True)
    assert twins.day_price == D("12.72")
    assert twins.reduction == D("6.28")


def test_reductions_never_go_below_the_floor():
    assert price("10000", dependent_children=2).day_price == D("1.86")  # 5.00 − 3.14
    assert price("10000", dependent_children=4).day_price == D("1.86")


def test_shorter_day_and_month_estimate():
    # 2014 day lengths: <3 h 40 %, 3–5 h 60 %, 5–12 h 100 %, >12 h 120 %. 19.00 × 0.60 = 11.40;
    # a month of 3 days a week: 11.40 × 3 × 52 / 12 = 148.20.
    estimate = price("50000", day_length=1, days_per_week=3)
    assert estimate.day_price == D("11.40")
    assert estimate.month_price == D("148.20")
    assert price("50000", day_length=3).day_price == D("22.80")  # 120 %


def test_without_a_certificate_the_maximum_applies():
    estimate = price(None, dependent_children=2)
    assert estimate.without_certificate
    assert estimate.income_price == D("27.71")
    assert estimate.day_price == D("24.57")  # 27.71 − 3.14


@pytest.mark.parametrize(
    ("income", "expected"),
    [
        ("40000", "15.40"),  # 40,000 × 0.000385
        ("54125.08", "20.84"),  # top of the first band: 20.8382
        ("60000", "22.80"),  # 60,000 × 0.000380
        ("16000", "6.47"),  # 6.16: the minimum applies
        ("200000", "35.89"),  # the maximum
    ],
)
def test_full_day_price_this_year(income, expected):
    assert price(income, on=THIS_YEAR).day_price == D(expected)


def test_day_lengths_this_year():
    # Under 5 hours 60 %, 5–11 hours 100 %, over 11 hours 160 %: 22.80 × 0.60 = 13.68, × 1.60 = 36.48.
    assert price("60000", on=THIS_YEAR, day_length=0).day_price == D("13.68")
    assert price("60000", on=THIS_YEAR).day_price == D("22.80")
    assert price("60000", on=THIS_YEAR, day_length=2).day_price == D("36.48")


def test_special_situation_points_to_an_individual_tariff():
    assert price("20000", on=THIS_YEAR, special_situation=True).individual_tariff_possible
    assert not price("20000", on=THIS_YEAR).individual_tariff_possible


def test_free_price_after_the_childcare_allowance():
    year = tariff_year_on(THIS_YEAR)
    assert free_price_net(day_price=D("38.00"), year=year) == D("34.70")
    assert free_price_net(day_price=D("2.00"), year=year) == D("0.00")


def test_amounts_are_chosen_by_date():
    assert tariff_year_on(date(2014, 1, 1)).maximum == D("27.71")
    assert tariff_year_on(date(2024, 12, 31)).maximum == D("27.71")
    assert tariff_year_on(THIS_YEAR).maximum == D("35.89")
    with pytest.raises(LookupError):
        tariff_year_on(date(2013, 12, 31))


def test_the_amounts_can_be_replaced_by_a_setting():
    row = {**TARIFF_YEARS[1].__dict__, "valid_from": "2026-01-01", "maximum": "40.00"}
    with override_settings(LOKET_INCOME_TARIFF_YEARS=[row]):
        assert tariff_year_on(THIS_YEAR).maximum == D("40.00")
        assert price("300000", on=THIS_YEAR).day_price == D("40.00")
        assert income_day_price(income=D("40000"), year=tariff_year_on(THIS_YEAR))[0] == D("15.40")


def test_impossible_input_is_refused():
    with pytest.raises(ValueError):
        price("-1")
    with pytest.raises(ValueError):
        price("30000", dependent_children=0)
    with pytest.raises(ValueError):
        price("30000", day_length=9)
