import pytest
from django.core.exceptions import ValidationError

from loket.demand.identity import national_number_hash, normalise_national_number


def _valid(born_after_2000: bool, body: str) -> str:
    number = int(("2" if born_after_2000 else "") + body)
    return f"{body}{97 - number % 97:02d}"


def test_valid_numbers_of_both_centuries_are_accepted_and_formatting_ignored():
    old = _valid(False, "850730033")
    new = _valid(True, "240115123")
    assert normalise_national_number(f"{old[:2]}.{old[2:4]}.{old[4:6]}-{old[6:9]}.{old[9:]}") == old
    assert normalise_national_number(new) == new


def test_wrong_length_or_checksum_is_refused_with_a_message():
    with pytest.raises(ValidationError, match="11 cijfers"):
        normalise_national_number("12345")
    good = _valid(True, "240115123")
    bad = good[:-2] + f"{(int(good[-2:]) + 1) % 100:02d}"
    with pytest.raises(ValidationError, match="klopt niet"):
        normalise_national_number(bad)


def test_hash_is_keyed_stable_and_not_the_number(settings):
    number = _valid(True, "240115123")
    first = national_number_hash(number)
    assert first == national_number_hash(number)
    assert number not in first and len(first) == 64
    settings.LOKET_NATIONAL_NUMBER_KEY = "another-key"
    assert national_number_hash(number) != first
