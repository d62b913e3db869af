"""The year as a circle: where months, events and today go on the clock's SVG.

Plain geometry for the template (templates/yearclock/clock_svg.html): the year starts at
the top and runs clockwise; each kind of event has its own ring, symbol and colour, and
its word in the legend, so no colour carries meaning alone.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils.dates import MONTHS

from .models import Event

SIZE = 440
CENTRE = SIZE / 2
MONTH_RING = 200  # where the month names are written
OUTER = 185  # the clock face
KIND_STYLE = {  # kind: (ring radius, symbol, colour); colours of 3:1 or more on white
    Event.Kind.DEADLINE: (165, "diamond", "#b3261e"),
    Event.Kind.MEETING: (140, "circle", "#1d5fa8"),
    Event.Kind.REPORT: (115, "square", "#2e6b30"),
    Event.Kind.SURVEY: (90, "triangle", "#7a4a00"),
    Event.Kind.OTHER: (65, "ring", "#5b4b8a"),
}


@dataclass
class Mark:
    """One occurrence (or today) on the clock: a point and what to draw there."""

    x: float
    y: float
    kind: str  # the symbol's name in the SVG (yc-<kind>)
    colour: str
    label: str


def angle(day: date) -> float:
    """The day's angle in radians from the top, clockwise (the year's fraction)."""
    first = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - first).days
    return 2 * math.pi * ((day - first).days + 0.5) / length


def point(radians: float, radius: float) -> tuple[float, float]:
    return (
        round(CENTRE + radius * math.sin(radians), 1),
        round(CENTRE - radius * math.cos(radians), 1),
    )


def month_labels(year: int) -> list[dict]:
    """Each month's short name at the middle of its arc, and the line where it begins."""
    labels = []
    for month in range(1, 13):
        start = angle(date(year, month, 1))
        middle = (start + angle(date(year, month, 15))) / 2 + 0.12
        x, y = point(middle, MONTH_RING)
        x1, y1 = point(start, 40)
        x2, y2 = point(start, OUTER)
        name = str(MONTHS[month])[:3].capitalize()  # Django's Finnish short names are one letter
        labels.append({"name": name, "x": x, "y": y, "x1": x1, "y1": y1, "x2": x2, "y2": y2})
    return labels


def marks(occurrences) -> list[Mark]:
    """A symbol for each occurrence, on its kind's ring at its day."""
    found = []
    for occurrence in occurrences:
        kind = occurrence.event.kind
        radius, _symbol, colour = KIND_STYLE[kind]
        x, y = point(angle(occurrence.starts_on), radius)
        label = f"{occurrence.starts_on:%-d.%-m.} {occurrence.event.local_title}"
        found.append(Mark(x, y, kind, colour, label))
    return found


def today_hand(today: date, year: int) -> dict | None:
    """The line from the centre to today, if today is in the year shown."""
    if today.year != year:
        return None
    x, y = point(angle(today), OUTER)
    return {"x": x, "y": y, "label": f"{today:%-d.%-m.%Y}"}


def legend() -> list[dict]:
    return [
        {"kind": kind, "word": kind.label, "symbol": symbol, "colour": colour}
        for kind, (_radius, symbol, colour) in KIND_STYLE.items()
    ]


def by_month(occurrences, year: int, closed_years=frozenset()) -> list[dict]:
    """The year's months, each with its occurrences in date order (the list beside the clock),
    each with the year of the evaluation report it produced, if that round is closed."""
    months: list[dict] = [{"number": m, "name": MONTHS[m], "entries": []} for m in range(1, 13)]
    for occurrence in occurrences:
        if occurrence.starts_on.year == year:
            entry = {"occurrence": occurrence, "report_year": report_year(occurrence, closed_years)}
            months[occurrence.starts_on.month - 1]["entries"].append(entry)
    return months


def report_year(occurrence, closed_years) -> int | None:
    """The year whose evaluation the occurrence produced (the year before), once closed."""
    if occurrence.event.produces != Event.Produces.EVALUATION:
        return None
    year = occurrence.starts_on.year - 1
    return year if year in closed_years else None
