"""The formats of THL's Sotkanet REST API, version 1.1 (../shared/testdata/sotkanet/):
the data rows (/json and /csv), the region list (/regions) and the indicator list
(/indicators) or one indicator's metadata (/indicators/ID)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.utils.translation import gettext as _

from .models import Area, AreaKind, Indicator
from .saving import Lookup, ObservationWriter, gender, number, year
from .streams import csv_table, json_objects, refused

CSV_COLUMNS = ["indicator", "region", "year", "gender", "primary value", "absolute value"]
KINDS = {
    "MAA": AreaKind.COUNTRY,
    "HYVINVOINTIALUE": AreaKind.WELFARE_AREA,
    "MAAKUNTA": AreaKind.REGION,
    "KUNTA": AreaKind.MUNICIPALITY,
}
LANGUAGES = ["fi", "sv", "en"]
BATCH = 1000


@dataclass
class Imported:
    """What an import did, for the command's report."""

    read: int = 0
    added: int = 0  # observations that were new
    skipped_areas: set[str] = field(default_factory=set)


def sotkanet_code(kind: str, value: object) -> str:
    return f"{kind}:{value}".lower()


# Data rows -------------------------------------------------------------------------


def import_json_rows(stream: TextIO, source: str, skip_unknown_areas: bool) -> Imported:
    return save_rows(json_objects(stream, source), source, skip_unknown_areas)


def import_csv_rows(stream: TextIO, source: str, skip_unknown_areas: bool) -> Imported:
    """The /csv rows, read as lists of fields: the way for all of Sotkanet at once."""
    header, rows = csv_table(stream, source, ";", CSV_COLUMNS, [])
    indicator_at, region_at, year_at, gender_at, value_at, absolute_at = (
        header.index(name) for name in CSV_COLUMNS
    )
    indicators, areas = data_lookups(source, skip_unknown_areas)
    writer = ObservationWriter()
    for fields, line in rows:
        indicator = indicators(fields[indicator_at], line, indicator_at + 1)
        area = areas(fields[region_at], line, region_at + 1)
        found_year = year(fields[year_at], source, line, year_at + 1)
        found_gender = gender(fields[gender_at], source, line, gender_at + 1)
        value = number(fields[value_at], source, line, value_at + 1)
        absolute = number(fields[absolute_at], source, line, absolute_at + 1)
        if indicator is not None and area is not None:
            writer.add((indicator, area, found_year, found_gender, ""), value, absolute)
    writer.flush()
    return Imported(read=writer.read, added=writer.added, skipped_areas=areas.skipped)


def data_lookups(source: str, skip_unknown_areas: bool) -> tuple[Lookup, Lookup]:
    """The indicators and areas by Sotkanet id."""
    indicators = Lookup(
        Indicator,
        "sotkanet_id",
        source,
        _(
            "no indicator has the Sotkanet id %(value)s: import the indicator list first "
            "(--format sotkanet-indicators)"
        ),
    )
    areas = Lookup(
        Area,
        "sotkanet_id",
        source,
        _(
            "no area has the Sotkanet id %(value)s: import the region list first "
            "(--format sotkanet-regions), or skip such rows with --skip-unknown-areas"
        ),
        skip=skip_unknown_areas,
    )
    return indicators, areas


def save_rows(
    rows: Iterable[tuple[dict[str, Any], int]], source: str, skip_unknown_areas: bool
) -> Imported:
    """The /json rows as observations."""
    indicators, areas = data_lookups(source, skip_unknown_areas)
    writer = ObservationWriter()
    for row, line in rows:
        place = Place(row, source, line)
        indicator = indicators(*place.of("indicator"))
        area = areas(*place.of("region"))
        found_year, found_gender = year(*place.at("year")), gender(*place.at("gender"))
        value, absolute = number(*place.at("value")), number(*place.at("absValue", None))
        if indicator is not None and area is not None:
            writer.add((indicator, area, found_year, found_gender, ""), value, absolute)
    writer.flush()
    return Imported(read=writer.read, added=writer.added, skipped_areas=areas.skipped)


@dataclass
class Place:
    """A /json row's field with where it is, for the messages."""

    row: dict[str, Any]
    source: str
    line: int

    def at(self, key: str, default: object = ...) -> tuple[Any, str, int, int | None]:
        if key not in self.row and default is ...:
            problem = _("“%(field)s” is missing") % {"field": key}
            raise refused(self.source, self.line, problem)
        return self.row.get(key, default), self.source, self.line, None

    def of(self, key: str) -> tuple[Any, int, int | None]:
        """The value, line and column, as a Lookup takes them."""
        value, _source, line, column = self.at(key)
        return value, line, column


# Regions ---------------------------------------------------------------------------


def import_regions(stream: TextIO, source: str, skip_unknown_areas: bool) -> Imported:
    """Every region, then their memberships (a region may name one listed after it, so
    the memberships wait for the whole list: memory grows with the number of regions,
    a few thousand at most, not with any data)."""
    members: dict[int, tuple[list[int], int]] = {}
    batch: list[Area] = []
    for region, line in json_objects(stream, source):
        area = region_area(region, source, line)
        members[area.sotkanet_id or 0] = (list(region.get("memberOf") or []), line)
        batch.append(area)
        if len(batch) >= BATCH:
            save_areas(batch)
            batch = []
    save_areas(batch)
    save_memberships(members, source)
    return Imported(read=len(members))


def region_area(region: dict[str, Any], source: str, line: int) -> Area:
    for key in ["id", "code", "category", "title"]:
        if key not in region:
            raise refused(source, line, _("“%(field)s” is missing") % {"field": key})
    category = str(region["category"]).upper()
    names = titles(region["title"], source, line)
    return Area(
        code=sotkanet_code(category, region["code"]),
        kind=KINDS.get(category, AreaKind.OTHER),
        category=category,
        sotkanet_id=whole_number(region["id"], source, line),
        **{f"name_{language}": name[:200] for language, name in names.items()},
    )


def save_areas(batch: list[Area]) -> None:
    fields = ["name_fi", "name_sv", "name_en", "kind", "category", "sotkanet_id"]
    once = list({area.code: area for area in batch}.values())  # the last of a repeated one
    Area.objects.bulk_create(
        once, update_conflicts=True, unique_fields=["code"], update_fields=fields
    )


def save_memberships(members: dict[int, tuple[list[int], int]], source: str) -> None:
    """Replace the memberships of the regions listed with those the list gives."""
    keys = dict(Area.objects.exclude(sotkanet_id=None).values_list("sotkanet_id", "pk"))
    through = Area.member_of.through
    pairs: set[tuple[int, int]] = set()
    for region, (member_of, line) in members.items():
        for other in member_of:
            if other not in keys:
                values = {"region": region, "other": other}
                problem = _(
                    "the region %(region)s is a member of %(other)s, which is neither in "
                    "the list nor in Lanu"
                )
                raise refused(source, line, problem % values)
            pairs.add((keys[region], keys[other]))
    listed = [keys[region] for region in members]
    for start in range(0, len(listed), BATCH):
        through.objects.filter(from_area_id__in=listed[start : start + BATCH]).delete()
    rows = [through(from_area_id=area, to_area_id=other) for area, other in sorted(pairs)]
    through.objects.bulk_create(rows, batch_size=BATCH)


# Indicators ------------------------------------------------------------------------

LIST_FIELDS = ["name_fi", "name_sv", "name_en", "source", "sotkanet_id"]
METADATA_FIELDS = ["definition_fi", "definition_sv", "definition_en", "decimals", "unit"]


def import_indicators(stream: TextIO, source: str, skip_unknown_areas: bool) -> Imported:
    """The indicator list, or one indicator's metadata (an object alone). Names and the
    organisation come from either; the definition, decimals and unit from the metadata
    only, so importing the list again keeps them. The direction is never touched."""
    batches: dict[bool, list[Indicator]] = {False: [], True: []}
    read = 0
    for item, line in json_objects(stream, source):
        with_metadata = any(key in item for key in ["description", "decimals"])
        batches[with_metadata].append(indicator_of(item, source, line))
        read += 1
        if len(batches[with_metadata]) >= BATCH:
            save_indicators(batches[with_metadata], with_metadata)
            batches[with_metadata] = []
    for with_metadata, batch in batches.items():
        save_indicators(batch, with_metadata)
    return Imported(read=read)


def indicator_of(item: dict[str, Any], source: str, line: int) -> Indicator:
    for key in ["id", "title"]:
        if key not in item:
            raise refused(source, line, _("“%(field)s” is missing") % {"field": key})
    identifier = whole_number(item["id"], source, line)
    names = titles(item["title"], source, line)
    definitions = text_in_languages(item.get("description"))
    decimals = item.get("decimals")
    return Indicator(
        code=sotkanet_code("sotkanet", identifier),
        sotkanet_id=identifier,
        source=organisation(item)[:500],
        unit=text_in_languages(item.get("primaryValueType")).get("fi", "")[:100],
        decimals=decimals if isinstance(decimals, int) and 0 <= decimals < 10 else None,
        **{f"name_{language}": name[:500] for language, name in names.items()},
        **{f"definition_{language}": text for language, text in definitions.items()},
    )


def organisation(item: dict[str, Any]) -> str:
    """The organisation, and the sources the metadata names if they differ."""
    names = [text_in_languages(item.get("organization")).get("fi", "")]
    for found in item.get("sources") or []:
        name = text_in_languages(found).get("fi", "")
        if name and name not in names:
            names.append(name)
    return "; ".join(name for name in names if name)


def save_indicators(batch: list[Indicator], with_metadata: bool) -> None:
    fields = LIST_FIELDS + (METADATA_FIELDS if with_metadata else [])
    once = list({indicator.code: indicator for indicator in batch}.values())
    Indicator.objects.bulk_create(
        once, update_conflicts=True, unique_fields=["code"], update_fields=fields
    )


# Shared ----------------------------------------------------------------------------


def titles(title: object, source: str, line: int) -> dict[str, str]:
    """A name in fi, sv and en; a missing Finnish one is taken from the others."""
    names = text_in_languages({"title": title})
    if not any(names.values()):
        raise refused(source, line, _("the title has no text"))
    names["fi"] = names["fi"] or names["sv"] or names["en"]
    return names


def text_in_languages(holder: object) -> dict[str, str]:
    """{"title": {"fi": ..., "sv": ..., "en": ...}} (or a plain text) by language."""
    title = holder.get("title") if isinstance(holder, dict) else None
    if isinstance(holder, dict) and "title" not in holder and set(holder) & set(LANGUAGES):
        title = holder
    if isinstance(title, str):
        return dict.fromkeys(LANGUAGES, title.strip())
    found = title if isinstance(title, dict) else {}
    return {language: str(found.get(language) or "").strip() for language in LANGUAGES}


def whole_number(value: object, source: str, line: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    problem = _("“%(value)s” is not an id (a whole number)") % {"value": value}
    raise refused(source, line, problem)
