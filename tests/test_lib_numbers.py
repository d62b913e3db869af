"""Numbers as written in Finnish and Swedish, read one way for forms and texts."""

from decimal import Decimal

import pytest

from lanu.followup.forms import FinnishDecimalField
from lanu.indicators.references import references
from lanu.lib.numbers import finnish_decimal


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("12,5", "12.5"),
        ("7.25", "7.25"),
        ("1 204,5", "1204.5"),
        ("1\u00a0204,5", "1204.5"),
        ("1\u202f204,5", "1204.5"),
        ("1.234", "1234"),
        ("1.234.567", "1234567"),
        ("1.234,5", "1234.5"),
        ("\u22123,4", "-3.4"),
        ("-16,3", "-16.3"),
        ("0,0", "0.0"),
    ],
)
def test_a_finnish_number_is_read(written, number):
    assert finnish_decimal(written) == Decimal(number)
    assert FinnishDecimalField().clean(written) == Decimal(number)


@pytest.mark.parametrize("written", ["n/a", "12,5 %", "1,2,3", "Infinity", ""])
def test_what_is_no_number_is_none(written):
    assert finnish_decimal(written) is None


def test_reference_values_are_read_as_the_forms_read_them():
    text = "Lapsia, koko maa: 1\u202f204,5. Nuoria, koko maa: 1.234 (2020). Koko maa 12 2019."
    assert [r.value for r in references(text)] == [
        Decimal("1204.5"),
        Decimal("1234"),
        Decimal("12"),
    ]
