from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.identifiers import check_digit, iin_birth_date, validate_bin, validate_iin

# 900315 4 0001 → 9·1 + 3·4 + 1·5 + 5·6 + 4·7 + 1·11 = 95; 95 mod 11 = 7.
IIN_FIRST_WEIGHTS = "900315400017"
# 850210 4 0050 → first weights give 109 mod 11 = 10, so weights 3..11,1,2:
# 8·3 + 5·4 + 2·6 + 1·7 + 4·9 + 5·1 = 104; 104 mod 11 = 5.
IIN_SECOND_WEIGHTS = "850210400505"
# 85021040058 → 197 mod 11 = 10 and 120 mod 11 = 10: no check digit can end it.
NO_CHECK_DIGIT = "85021040058"
# 15 04 4 00000 1 → 1 + 5·2 + 4·4 + 4·5 + 1·11 = 58; 58 mod 11 = 3.
BIN = "150440000013"


def test_check_digit_uses_first_weights() -> None:
    assert check_digit(IIN_FIRST_WEIGHTS[:11]) == 7


def test_check_digit_falls_back_to_second_weights() -> None:
    assert check_digit(IIN_SECOND_WEIGHTS[:11]) == 5


def test_check_digit_is_none_when_both_give_ten() -> None:
    assert check_digit(NO_CHECK_DIGIT) is None


@pytest.mark.parametrize("number", [IIN_FIRST_WEIGHTS, IIN_SECOND_WEIGHTS])
def test_it_accepts_valid_iins(number: str) -> None:
    validate_iin(number)


def test_it_reads_the_birth_date_with_its_century() -> None:
    assert iin_birth_date(IIN_FIRST_WEIGHTS) == datetime.date(1990, 3, 15)
    assert iin_birth_date(IIN_SECOND_WEIGHTS) == datetime.date(1985, 2, 10)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("90031540001", "format"),  # 11 digits
        ("9003154000170", "format"),  # 13 digits
        ("90031540001x", "format"),
        ("900315400018", "checksum"),  # last digit off by one
        ("900351400014", "checksum"),  # two digits swapped: the check digit catches it
        (NO_CHECK_DIGIT + "0", "checksum"),
    ],
)
def test_it_rejects_malformed_iins(number: str, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_iin(number)
    assert error.value.code == code


def _with_check_digit(first_eleven: str) -> str:
    digit = check_digit(first_eleven)
    assert digit is not None
    return first_eleven + str(digit)


@pytest.mark.parametrize(
    ("first_eleven", "code"),
    [
        ("90031570001", "century"),  # 7th digit 7
        ("90031500002", "century"),  # 7th digit 0
        ("90133140001", "date"),  # month 13
        ("01022950001", "date"),  # 29 February 2001 never was
    ],
)
def test_it_rejects_iins_that_are_not_a_birth(first_eleven: str, code: str) -> None:
    number = _with_check_digit(first_eleven)
    with pytest.raises(ValidationError) as error:
        validate_iin(number)
    assert error.value.code == code


def test_it_accepts_a_leap_day_birth() -> None:
    validate_iin(_with_check_digit("00022950001"))  # 29 February 2000


def test_it_accepts_a_valid_bin() -> None:
    validate_bin(BIN)


@pytest.mark.parametrize(
    ("first_eleven", "code"),
    [
        ("15134000001", "month"),  # month 13
        ("15047000001", "entity"),  # 5th digit 7
    ],
)
def test_it_rejects_invalid_bins(first_eleven: str, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_bin(_with_check_digit(first_eleven))
    assert error.value.code == code


def test_it_rejects_a_bin_with_a_wrong_check_digit() -> None:
    with pytest.raises(ValidationError) as error:
        validate_bin("150440000014")
    assert error.value.code == "checksum"
