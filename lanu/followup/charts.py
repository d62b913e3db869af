"""Status charts as server-rendered SVG: stacked bars, with a <title> and the counts as text.

Sizes are fixed in pixels (a page wraps a wide chart in a scrolling region). Every
segment has a <title> ("Käynnissä: 5") and its count written on it with a white halo
(readable on any colour); the level names are in the legend and in the data table
each page shows beside its charts. Styles are presentation attributes, which
the Content-Security-Policy allows (lanu/lib/csp.py), not style attributes.
"""

from decimal import Decimal
from html import escape

from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .statistics import Distribution, Level, YearDistribution

INK = "#1a1a1a"
OUTLINE = "#6b6b6b"
FONT = 'font-family="system-ui, sans-serif" font-size="13"'
HALO = 'stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"'
MIN_LABELLED = 10  # pixels per digit: narrower segments have their count in their <title> only
BAR = 24  # pixels


def summary(distribution: Distribution) -> str:
    """E.g. "Aloitettu 3, Käynnissä 5, Ei raportoitu 2 (10 toimenpidettä)" as plain text."""
    counts = ", ".join(f"{s.level.name} {s.count}" for s in distribution.segments)
    return _("%(counts)s (%(total)s actions)") % {"counts": counts, "total": distribution.total}


def status_bar(distribution: Distribution, label: str, width: int = 240) -> SafeString:
    """One stacked bar of a distribution."""
    title = f"{label}: {summary(distribution)}"
    return mark_safe(  # noqa: S308 - every text escaped
        f'<svg class="status-bar" role="img" width="{width}" height="{BAR + 2}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"{bar_shapes(distribution, 1, 1, width - 2)}</svg>"
    )


def bar_shapes(distribution: Distribution, x: float, y: float, width: float) -> str:
    """The segments of a bar from (x, y), `width` pixels wide, and its outline."""
    if not distribution.total:
        return empty_bar(x, y, width)
    shapes, start = [], x
    for segment in distribution.segments:
        share = width * segment.count / distribution.total
        if segment.count:
            shapes.append(segment_shapes(segment.level, segment.count, start, y, share))
        start += share
    shapes.append(outline(x, y, width))
    return "".join(shapes)


def segment_shapes(level: Level, count: int, x: float, y: float, width: float) -> str:
    text = ""
    if width >= MIN_LABELLED * len(str(count)):
        text = (
            f'<text x="{x + width / 2:.1f}" y="{y + BAR / 2 + 5}" text-anchor="middle" '
            f'fill="{INK}" font-weight="bold" {FONT} {HALO}>{count}</text>'
        )
    return (
        f"<g><title>{escape(level.name)}: {count}</title>"
        f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" '
        f'fill="{escape(level.colour)}" stroke="#ffffff" stroke-width="1"/>{text}</g>'
    )


def outline(x: float, y: float, width: float) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" '
        f'fill="none" stroke="{OUTLINE}" stroke-width="1"/>'
    )


def empty_bar(x: float, y: float, width: float) -> str:
    words = escape(_("No actions"))
    return outline(x, y, width) + (
        f'<text x="{x + 8:.1f}" y="{y + BAR / 2 + 5}" fill="{INK}" {FONT}>{words}</text>'
    )


def swatch(colour: str) -> SafeString:
    """A small square of the colour, beside a text that names it (hidden from screen readers)."""
    return mark_safe(  # noqa: S308 - the colour is escaped
        '<svg class="swatch" width="12" height="12" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg"><rect x="0.5" y="0.5" width="11" height="11" '
        f'fill="{escape(colour)}" stroke="{OUTLINE}" stroke-width="1"/></svg>'
    )


ROW = 34  # pixels per year
YEAR_COLUMN = 56  # pixels
TREND_WIDTH = 560


def trend_chart(years: list[YearDistribution], title: str) -> SafeString:
    """One stacked bar per year, the year written before it, and a legend below."""
    rows = [
        f'<text x="0" y="{n * ROW + BAR / 2 + 6}" fill="{INK}" {FONT}>{year.year}</text>'
        + bar_shapes(year.distribution, YEAR_COLUMN, n * ROW + 1, TREND_WIDTH - YEAR_COLUMN - 1)
        for n, year in enumerate(years)
    ]
    levels = [segment.level for segment in years[0].distribution.segments] if years else []
    height = len(years) * ROW + 8 + len(levels) * 20
    return mark_safe(  # noqa: S308 - every text escaped
        f'<svg class="trend-chart" role="img" width="{TREND_WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"{''.join(rows)}{legend(levels, len(years) * ROW + 8)}</svg>"
    )


def legend(levels: list[Level], top: int) -> str:
    return "".join(
        f'<rect x="0.5" y="{top + n * 20 + 2.5}" width="12" height="12" '
        f'fill="{escape(level.colour)}" stroke="{OUTLINE}" stroke-width="1"/>'
        f'<text x="20" y="{top + n * 20 + 13}" fill="{INK}" {FONT}>{escape(level.name)}</text>'
        for n, level in enumerate(levels)
    )


def labelled(level: Level) -> SafeString:
    """The level's swatch and name, for a table cell."""
    return mark_safe(f"{swatch(level.colour)} {escape(level.name)}")  # noqa: S308 - escaped


SPARK_WIDTH, SPARK_HEIGHT, SPARK_STEP = 220, 56, 60  # pixels


def number_trend(points: list[tuple[int, Decimal]], label: str) -> SafeString:
    """A metric's values per year as a line, each point with its value and year written."""
    if not points:
        return mark_safe("")
    values = [float(value) for _year, value in points]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    xs = [16 + n * SPARK_STEP for n in range(len(points))]
    ys = [SPARK_HEIGHT - 18 - (value - low) / span * (SPARK_HEIGHT - 34) for value in values]
    width = max(SPARK_WIDTH, xs[-1] + 40)
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    marks = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{INK}"/>'
        f'<text x="{x:.1f}" y="{y - 6:.1f}" text-anchor="middle" fill="{INK}" {FONT} {HALO}>'
        f"{escape(number_text(value))}</text>"
        f'<text x="{x:.1f}" y="{SPARK_HEIGHT - 2}" text-anchor="middle" fill="{INK}" {FONT}>'
        f"{year}</text>"
        for x, y, (year, value) in zip(xs, ys, points, strict=True)
    )
    title = f"{label}: " + ", ".join(f"{year} {number_text(value)}" for year, value in points)
    return mark_safe(  # noqa: S308 - every text escaped
        f'<svg class="number-trend" role="img" width="{width}" height="{SPARK_HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f'<polyline points="{line}" fill="none" stroke="{INK}" stroke-width="2"/>{marks}</svg>'
    )


def number_text(value: Decimal) -> str:
    """A number without trailing zeros, with the language's decimal mark."""
    text = format(value.normalize(), "f")
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))
