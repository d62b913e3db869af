import pytest

from lanu.lib.spreadsheet import safe_cell


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+2", "'=1+2"),
        ("+358", "'+358"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("Toteutui", "Toteutui"),
        ("", ""),
        (12, 12),
        (None, None),
    ],
)
def test_safe_cell_escapes_text_that_starts_like_a_formula(value, expected):
    assert safe_cell(value) == expected
