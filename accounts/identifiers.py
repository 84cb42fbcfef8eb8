"""Kazakhstan's 12-digit identification numbers: IIN (individuals) and BIN (legal entities).

Both end in a check digit computed the same way (Order of the Ministry of Finance on
the structure of IIN/BIN): the sum of the first 11 digits times weights 1..11, mod 11;
if that is 10, the sum again with weights 3..11, 1, 2; if it is 10 again the number is
invalid (such numbers are never issued).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# An IIN's 7th digit gives the century of birth (and sex): 1-2 → 1800s, 3-4 → 1900s, 5-6 → 2000s.
CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
# A BIN's 5th digit gives the kind of entity: resident, non-resident, individual entrepreneur.
BIN_ENTITY_DIGITS = {4, 5, 6}


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when no valid number can end them."""
    digits = [int(c) for c in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def _require_twelve_digits(value: str) -> None:
    if len(value) != 12 or not (value.isascii() and value.isdigit()):  # not "²", "٣"
        raise ValidationError(_("Enter exactly 12 digits."), code="format")
    if check_digit(value[:11]) != int(value[11]):
        raise ValidationError(
            _("The number's check digit is wrong: please check for a typo."), code="checksum"
        )


def iin_birth_date(value: str) -> datetime.date:
    """The date of birth encoded in an IIN's first seven digits."""
    century = CENTURY_BY_DIGIT.get(int(value[6]))
    if century is None:
        raise ValidationError(
            _("This is not a valid IIN: its 7th digit must be 1 to 6."), code="century"
        )
    try:
        return datetime.date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise ValidationError(
            _("This is not a valid IIN: its first six digits are not a real date."), code="date"
        ) from None


def validate_iin(value: str) -> None:
    _require_twelve_digits(value)
    iin_birth_date(value)


def validate_bin(value: str) -> None:
    _require_twelve_digits(value)
    if not 1 <= int(value[2:4]) <= 12:
        raise ValidationError(
            _("This is not a valid BIN: digits 3-4 must be the month of registration."),
            code="month",
        )
    if int(value[4]) not in BIN_ENTITY_DIGITS:
        raise ValidationError(
            _("This is not a valid BIN: its 5th digit must be 4, 5 or 6."), code="entity"
        )
