"""Spreadsheet cells that no spreadsheet program runs as a formula."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting like a formula gets a leading apostrophe; other values pass as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
