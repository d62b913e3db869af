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


def test_safe_cell_text_with_control_characters_goes_into_a_workbook():
    from io import BytesIO

    from openpyxl import Workbook, load_workbook

    workbook = Workbook()
    workbook.active.append([safe_cell("Kiva\x07 kerho\x1b"), safe_cell("\x0b=1+2")])
    saved = BytesIO()
    workbook.save(saved)
    row = next(load_workbook(BytesIO(saved.getvalue())).active.iter_rows(values_only=True))
    assert row == ("Kiva kerho", "'=1+2")
