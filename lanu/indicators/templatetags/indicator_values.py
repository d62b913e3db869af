"""An indicator's values and ratings as the pages show them."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lanu.followup.charts import number_text

register = template.Library()


@register.filter
def shown(value: Decimal | None) -> str:
    """A value with the language's decimal mark and no trailing zeros; "–" for none."""
    return "–" if value is None else number_text(value)


@register.filter
def signed(value: Decimal | None) -> str:
    """A change with its sign: "+1,5", "−0,3", "0"."""
    if value is None:
        return "–"
    text = number_text(abs(value))
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text


@register.filter
def rating_badge(rating) -> SafeString:
    """The rating's symbol and word in a badge of its colour; a word alone where unrated."""
    if not rating.coloured:
        return format_html('<span class="rating unrated">{}</span>', rating.word)
    return format_html(
        '<span class="rating {}"><span aria-hidden="true">{}</span> {}</span>',
        rating.key,
        rating.symbol,
        rating.word,
    )
