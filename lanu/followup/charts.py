"""Status charts as server-rendered SVG: stacked bars, with a <title> and the counts as text.

Sizes are fixed in pixels (a page wraps a wide chart in a scrolling region). Every
segment has a <title> ("Käynnissä: 5") and its count written on it with a white halo
(readable on any colour); the level names are in the legend and in the data table
each page shows beside its charts. Styles are presentation attributes, which
the Content-Security-Policy allows (lanu/lib/csp.py), not style attributes.
"""

from dataclasses import dataclass
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


def number_text(value: Decimal, separator: str = "") -> str:
    """A number without trailing zeros, with the language's decimal mark (or `separator`,
    where a caller writing many numbers looked it up once)."""
    text = format(value.normalize(), "f")
    return text.replace(".", separator or get_format("DECIMAL_SEPARATOR"))


@dataclass(frozen=True)
class Line:
    """One line of a line chart: its name (in the legend) and its values per year. The
    lines differ in dash and in the shape of their marks, never in colour alone."""

    name: str
    points: list[tuple[int, Decimal]]


LINE_STYLES = [  # (dash pattern, mark): a solid line with circles, a dashed one with squares
    ("", "circle"),
    ("6 4", "square"),
    ("2 3", "diamond"),
]
CHART_WIDTH, PLOT_HEIGHT, LEFT, TOP, LEGEND_ROW = 560, 180, 64, 16, 22  # pixels


def line_chart(lines: list[Line], title: str, ident: str) -> SafeString:
    """Values per year as lines on one scale: the years below, the lowest and highest
    value beside, a legend under it. Scales to its box (viewBox); `ident` names its
    <title> for aria-labelledby. The page gives the values as a table too."""
    years, low, high = extent(lines)
    if not years:
        return mark_safe("")
    bottom = TOP + PLOT_HEIGHT
    x_of, y_of = scales(years, low, high, (LEFT + 16, CHART_WIDTH - 16), (TOP, bottom))
    shapes = [axes(years, x_of, low, high, bottom)]
    shapes += [line_shapes(line, n, x_of, y_of) for n, line in enumerate(lines)]
    legend_top = bottom + 40
    shapes += [legend_row(line, n, legend_top + n * LEGEND_ROW) for n, line in enumerate(lines)]
    height = legend_top + len(lines) * LEGEND_ROW
    return mark_safe(  # noqa: S308 - every text escaped
        f'<svg class="line-chart" role="img" aria-labelledby="{escape(ident)}" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(ident)}">{escape(title)}</title>{"".join(shapes)}</svg>'
    )


SPARKLINE_WIDTH, SPARKLINE_HEIGHT = 120, 36  # pixels


def sparkline(lines: list[Line], title: str, ident: str) -> SafeString:
    """A small line chart with no text of its own: the lines' shapes only, their values
    in its <title> (named by `ident`, for aria-labelledby); the page writes them too."""
    years, low, high = extent(lines)
    if not years:
        return mark_safe("")
    x_of, y_of = scales(years, low, high, (6, SPARKLINE_WIDTH - 6), (6, SPARKLINE_HEIGHT - 6))
    shapes = "".join(line_shapes(line, n, x_of, y_of, small=True) for n, line in enumerate(lines))
    mark = get_format("DECIMAL_SEPARATOR")
    values = "; ".join(
        f"{line.name}: "
        + ", ".join(f"{year} {number_text(value, mark)}" for year, value in line.points)
        for line in lines
    )
    return mark_safe(  # noqa: S308 - every text escaped
        f'<svg class="sparkline" role="img" aria-labelledby="{escape(ident)}" '
        f'width="{SPARKLINE_WIDTH}" height="{SPARKLINE_HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(ident)}">{escape(title)}. {escape(values)}</title>{shapes}</svg>'
    )


def extent(lines: list[Line]) -> tuple[list[int], float, float]:
    """The lines' years, and their lowest and highest value."""
    years = sorted({year for line in lines for year, _value in line.points})
    values = [float(value) for line in lines for _year, value in line.points] or [0.0]
    return years, min(values), max(values)


def scales(years: list[int], low: float, high: float, across: tuple, down: tuple):
    """Each year's x between the `across` ends; a value's y between `down` (top, bottom)."""
    step = (across[1] - across[0]) / max(len(years) - 1, 1)
    x_of = {year: across[0] + n * step for n, year in enumerate(years)}

    def y_of(value: Decimal) -> float:
        return down[0] + (high - float(value)) / ((high - low) or 1.0) * (down[1] - down[0])

    return x_of, y_of


def axes(years: list[int], x_of: dict, low: float, high: float, bottom: float) -> str:
    """The value axis with its lowest and highest value, and the years below."""
    ticks = "".join(
        f'<text x="{x_of[year]:.1f}" y="{bottom + 22}" text-anchor="middle" fill="{INK}" '
        f"{FONT}>{year}</text>"
        for year in years
    )
    labels = (
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" fill="{INK}" {FONT}>'
        f"{escape(number_text(Decimal(str(high))))}</text>"
        f'<text x="{LEFT - 6}" y="{bottom + 4}" text-anchor="end" fill="{INK}" {FONT}>'
        f"{escape(number_text(Decimal(str(low))))}</text>"
    )
    frame = (
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="{OUTLINE}"/>'
        f'<line x1="{LEFT}" y1="{bottom}" x2="{CHART_WIDTH - 8}" y2="{bottom}" stroke="{OUTLINE}"/>'
    )
    return frame + labels + ticks


def line_shapes(line: Line, n: int, x_of: dict, y_of, small: bool = False) -> str:
    """A line and its marks (each with its value in a <title>); a small one marks its
    last value only."""
    dash, mark = LINE_STYLES[n % len(LINE_STYLES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    xy = [(x_of[year], y_of(value)) for year, value in line.points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    if small:
        last = mark_shape(mark, *xy[-1], size=0.6) if xy else ""
        return (
            f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="1.5"'
            f"{dashes}/>{last}"
        )
    marks = "".join(
        f"<g><title>{escape(line.name)} {year}: {escape(number_text(value))}</title>"
        f"{mark_shape(mark, x, y)}</g>"
        for (x, y), (year, value) in zip(xy, line.points, strict=True)
    )
    return f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2"{dashes}/>{marks}'


def mark_shape(mark: str, x: float, y: float, size: float = 1.0) -> str:
    """A point's mark: a circle, a square or a diamond (4 pixels from its centre at size 1)."""
    r = 4 * size
    if mark == "square":
        side = f"{2 * r:.1f}"
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{side}" height="{side}" fill="{INK}"/>'
        )
    if mark == "diamond":
        d = 5 * size
        return (
            f'<polygon points="{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} '
            f'{x - d:.1f},{y:.1f}" fill="{INK}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{INK}"/>'


def legend_row(line: Line, n: int, top: float) -> str:
    dash, mark = LINE_STYLES[n % len(LINE_STYLES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{LEFT}" y1="{top}" x2="{LEFT + 36}" y2="{top}" stroke="{INK}" '
        f'stroke-width="2"{dashes}/>{mark_shape(mark, LEFT + 18, top)}'
        f'<text x="{LEFT + 46}" y="{top + 5}" fill="{INK}" {FONT}>{escape(line.name)}</text>'
    )
