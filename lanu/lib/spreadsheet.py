"""Spreadsheet cells that no spreadsheet program runs as a formula."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting like a formula gets a leading apostrophe; other values pass as they are.

    So does text that already starts with apostrophes before a formula character, so that
    a reader taking one apostrophe away gets the text back as it was."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value
