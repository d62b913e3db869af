"""Sharing a form: its short link and the QR code of it, for a poster in a school or a
youth centre, or a slide in a meeting.

The short link has no language prefix and no plan's name in it (/v/<code>/): the page
is shown in the form's own language whatever the link. The QR code is drawn by segno as
SVG with no style attributes (the page's Content-Security-Policy allows none), dark on a
white ground with its quiet zone, error correction M (readable with a fold or a smudge).
"""

import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import FeedbackForm

SCALE_ON_PAGE = 5  # pixels per module on the share page
SCALE_DOWNLOAD = 10  # a big image for print: it scales without blur anyway


def short_link(request, form: FeedbackForm) -> str:
    """The form's absolute short link, e.g. https://lanu.example.fi/v/k7m2xq/."""
    with translation.override(settings.LANGUAGE_CODE):  # the default: no prefix
        path = reverse("voice-short:answer", args=[form.code])
    return request.build_absolute_uri(path)


def qr_name(url: str) -> str:
    return _("QR code for the link %(url)s") % {"url": url}


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error="m")


def qr_svg_inline(url: str) -> SafeString:
    """The QR code as an <svg> element for the page, with its accessible name."""
    svg = qr_code(url).svg_inline(scale=SCALE_ON_PAGE, light="#fff", svgclass="qr-code")
    named = f'<svg role="img" aria-label="{escape(qr_name(url))}" '
    return mark_safe(named + svg.removeprefix("<svg "))  # noqa: S308 (segno's own markup; the name escaped)


def qr_svg_file(url: str) -> bytes:
    """The QR code as a standalone SVG document, to download and print."""
    out = io.BytesIO()
    qr_code(url).save(out, kind="svg", scale=SCALE_DOWNLOAD, light="#fff", title=qr_name(url))
    return out.getvalue()
