"""The generic CSV format (docs/data-formats.md): comma-separated, UTF-8, a header of
indicator, area, year, the breakdowns gender and group if any, value and absolute value
if any; indicators and areas by their codes in Lanu."""

from typing import TextIO

from django.utils.translation import gettext as _

from .models import Area, Indicator, Observation
from .saving import Lookup, ObservationWriter, gender, number, year
from .sotkanet import Imported
from .streams import csv_rows, refused

REQUIRED = ["indicator", "area", "year", "value"]
OPTIONAL = ["gender", "group", "absolute value"]


def import_generic(stream: TextIO, source: str, skip_unknown_areas: bool) -> Imported:
    indicators = Lookup(Indicator, "code", source, _("no indicator has the code “%(value)s”"))
    areas = Lookup(
        Area, "code", source, _("no area has the code “%(value)s”"), skip=skip_unknown_areas
    )
    writer = ObservationWriter()
    columns: dict[str, int] = {}
    for row, line in csv_rows(stream, source, ",", REQUIRED, OPTIONAL):
        columns = columns or {name: at for at, name in enumerate(row, start=1)}
        indicator = indicators(row["indicator"], line, columns["indicator"])
        area = areas(row["area"], line, columns["area"])
        found_year = year(row["year"], source, line, columns["year"])
        found_gender = gender(row.get("gender"), source, line, columns.get("gender"))
        value = number(row["value"], source, line, columns["value"])
        absolute_column = columns.get("absolute value")
        absolute = number(row.get("absolute value"), source, line, absolute_column)
        group = population_group(row.get("group", ""), source, line, columns.get("group"))
        if indicator is not None and area is not None:
            key = (indicator, area, found_year, found_gender, group)
            writer.add(key, value, absolute)
    writer.flush()
    return Imported(read=writer.read, added=writer.added, skipped_areas=areas.skipped)


def population_group(text: str, source: str, line: int, column: int | None) -> str:
    longest = Observation._meta.get_field("group").max_length or 0
    if len(text) > longest:
        problem = _("a population group may be %(longest)s characters long at most")
        raise refused(source, line, problem % {"longest": longest}, column)
    return text
