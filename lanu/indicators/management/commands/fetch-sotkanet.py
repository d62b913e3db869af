"""python -m lanu fetch-sotkanet --indicator ID --years 2015-2024 [--output FILE]"""

import io
import re
import shutil
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import urlopen

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lanu.importers.commands import refusals_as_errors
from lanu.indicators.imports import import_stream

YEARS = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")
TIMEOUT = 30


class Command(BaseCommand):
    help = (
        "Download an indicator's values from Sotkanet's API (version 1.1) and import them, "
        "or save them with --output. The indicator and region lists must be imported first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--indicator", required=True, type=int, help="Sotkanet's id")
        parser.add_argument("--years", required=True, help="the first and last, e.g. 2015-2024")
        parser.add_argument("--output", help="save the response to this file; import nothing")
        parser.add_argument("--skip-unknown-areas", action="store_true")

    def handle(self, *args, indicator, years, output, skip_unknown_areas, **options):
        url = data_url(indicator, *year_range(years))
        try:
            response = urlopen(url, timeout=TIMEOUT)  # noqa: S310 (the setting's https URL)
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            message = _(
                "Sotkanet cannot be reached at %(url)s (%(reason)s). Download the file "
                "where the network allows and import it with import-indicators."
            )
            raise CommandError(message % {"url": url, "reason": reason}) from None
        with response:
            if output:
                with open(output, "wb") as saved:
                    shutil.copyfileobj(response, saved)
                self.stdout.write(_("Saved %(url)s as %(file)s.") % {"url": url, "file": output})
                return
            stream = io.TextIOWrapper(response, encoding="utf-8")
            with refusals_as_errors(url, _("Nothing was imported:")):
                report = import_stream(stream, url, "sotkanet-json", skip_unknown_areas)
        self.stdout.write("\n".join(report))


def year_range(text: str) -> tuple[int, int]:
    found = YEARS.match(text)
    if not found or not 0 <= int(found[2]) - int(found[1]) <= 100:
        message = _("--years “%s” is not a range of years: write e.g. 2015-2024.")
        raise CommandError(message % text)
    return int(found[1]), int(found[2])


def data_url(indicator: int, first: int, last: int) -> str:
    query = [("indicator", str(indicator))]
    query += [("years", str(year)) for year in range(first, last + 1)]
    query += [("genders", gender) for gender in ["total", "male", "female"]]
    return f"{settings.SOTKANET_API_URL.rstrip('/')}/json?{urlencode(query)}"
