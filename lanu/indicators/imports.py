"""import-indicators: the formats and one import, all or nothing."""

from collections.abc import Callable
from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext as _

from . import generic, sotkanet
from .streams import refused

Reader = Callable[[TextIO, str, bool], sotkanet.Imported]
FORMATS: dict[str, Reader] = {
    "sotkanet-json": sotkanet.import_json_rows,
    "sotkanet-csv": sotkanet.import_csv_rows,
    "sotkanet-regions": sotkanet.import_regions,
    "sotkanet-indicators": sotkanet.import_indicators,
    "csv": generic.import_generic,
}


def import_stream(
    stream: TextIO, source: str, format: str, skip_unknown_areas: bool = False
) -> list[str]:
    """Import one file in one transaction (a problem anywhere writes nothing); the
    report's lines."""
    try:
        with transaction.atomic():
            imported = FORMATS[format](stream, source, skip_unknown_areas)
    except UnicodeDecodeError:
        raise refused(source, None, _("the file is not UTF-8 text")) from None
    report = [_("Read %(count)s items from %(file)s.") % {"count": imported.read, "file": source}]
    if format in ("sotkanet-json", "sotkanet-csv", "csv"):
        values = {"added": imported.added, "updated": imported.read - imported.added}
        report.append(_("New values: %(added)s; values updated in place: %(updated)s.") % values)
    if imported.skipped_areas:
        skipped = ", ".join(sorted(imported.skipped_areas, key=lambda key: (len(key), key)))
        report.append(_("Rows of unknown areas skipped: %(areas)s.") % {"areas": skipped})
    return report


def import_file(path: str, format: str, skip_unknown_areas: bool = False) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return import_stream(stream, path, format, skip_unknown_areas)
