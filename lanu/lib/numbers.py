"""Numbers as people write them in Finnish and Swedish: a decimal comma ("12,5"), spaces
between thousands (a space, a no-break space U+00A0 or a narrow one U+202F: "1 204,5"),
a minus sign U+2212. A point is read as the decimal mark ("7.25"), except between groups
of three digits ("1.234", "1.234.567", "1.234,5"), where it separates thousands.
Forms (followup's FinnishDecimalField) and texts read (indicators' reference values)
read numbers here and nowhere else."""

import re
from decimal import Decimal, InvalidOperation

SPACES = re.compile(r"[\s\u00a0\u202f]")
POINT_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+")


def finnish_digits(text: str) -> str:
    """The number as Python's Decimal reads it ("1 204,5" -> "1204.5"); any other text
    as it is, but for its spaces, for the caller to refuse."""
    digits = SPACES.sub("", text).replace("\u2212", "-")
    if "," in digits or POINT_THOUSANDS.fullmatch(digits):
        digits = digits.replace(".", "")
    return digits.replace(",", ".")


def finnish_decimal(text: str) -> Decimal | None:
    """The number written, None if the text is no number."""
    try:
        found = Decimal(finnish_digits(text))
    except InvalidOperation:
        return None
    return found if found.is_finite() else None
