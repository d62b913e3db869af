"""Personal data in a free-text answer, found for the moderator: e-mail addresses,
phone numbers, Finnish personal identity codes (henkilötunnus) and names.

found_in(text) gives the kinds found (Finding.EMAIL …), each once, in this order. It
warns; it does not decide: the moderator reads the answer and publishes or rejects it.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Finding(models.TextChoices):
    EMAIL = "email", _("e-mail address")
    PHONE = "phone", _("phone number")
    IDENTITY_CODE = "identity_code", _("personal identity code")
    NAME = "name", _("name")


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\d\w])(\+358|00358|0)[\s-]?\d{1,3}([\s-]?\d){4,8}(?!\d)")
IDENTITY_CODE = re.compile(r"(?<!\w)(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])(?!\w)", re.IGNORECASE)
CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def found_in(text: str) -> list[str]:
    """The kinds of personal data the text seems to hold."""
    found = []
    if EMAIL.search(text):
        found.append(Finding.EMAIL.value)
    if PHONE.search(text):
        found.append(Finding.PHONE.value)
    if any(valid_identity_code(match) for match in IDENTITY_CODE.finditer(text)):
        found.append(Finding.IDENTITY_CODE.value)
    return found


def valid_identity_code(match: re.Match) -> bool:
    """The code's check character is right (ddmmyy and the individual number mod 31)."""
    number = int(match.group(1) + match.group(3))
    return CHECK_CHARACTERS[number % 31] == match.group(4).upper()
