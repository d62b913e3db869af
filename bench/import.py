"""Benchmark of importing: the seed documents, a large upload, and zip bombs.

    .venv/bin/python bench/import.py [--repeat 3] [--actions 100000] [--layout-actions 500]
                                     [--database-url URL]

Prints one JSON document with
- "seeds": for each seed, the median milliseconds of read_plan and of save_plan (each
  save under a fresh slug) and the size of the plan read; a seed whose importer refuses
  it gets {"error": ...} instead;
- "large": the upload pages' server time for a CSV of --actions new actions into an
  existing plan and for an XLSX of as many as a new plan: the upload (the file read and
  compared with the plan), the preview (read again) and the confirmation (read again,
  written in one transaction), with the queries of the confirmation;
- "general": the general reader on a synthetic plan of --layout-actions actions (one
  sub-goal each, 11 organisations) written by tests/plan_layouts.py: organisation
  tables as Word, and its ODT and PDF copies by LibreOffice; a sheet as XLSX and CSV.
  For each: the preview's server time (the file read into a Document, then read by
  read_general) and a redraw's (the kept Document from its JSON, read again with the
  person's choices), medians of --repeat, and what the reading found;
- "bombs": for Office files unpacking to 190 MB (and with headers lying about it), and
  for the densest Word file let through, the milliseconds read_plan_bytes took to
  refuse it and the reading process's peak memory (tests/zip_bombs.py).
"""

import resource
import tempfile
from pathlib import Path

from common import ROOT, argument_parser, bench_database, median, print_json, timed_ms

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_GLOB = "00[234]_*.txt"
MAX_ERROR_LINES = 10
MB = 1024 * 1024


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=3)
    parser.add_argument("--actions", type=int, default=100_000, help="in the large files")
    parser.add_argument(
        "--layout-actions", type=int, default=500, help="in the general reader's documents"
    )
    args = parser.parse_args()
    with bench_database(args.database_url) as vendor:
        seeds = {
            path.name: measure_seed(path, args.repeat) for path in sorted(SEEDS.glob(SEED_GLOB))
        }
        general = measure_general(args.layout_actions, args.repeat)
        large = measure_large(args.actions)
    bombs = measure_bombs()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print_json(
        {
            "database": vendor,
            "seeds": seeds,
            "general": general,
            "large": large,
            "bombs": bombs,
            "peak_mb": peak,
        }
    )


def measure_seed(path, repeat: int) -> dict:
    from lanu.importers.data import ImportRefused

    try:
        return measure_import(path, repeat)
    except (ImportRefused, NotImplementedError) as error:
        return {"error": short_error(error)}


def measure_import(path, repeat: int) -> dict:
    from lanu.importers import read_plan
    from lanu.importers.save import save_plan

    reads = [timed_ms(read_plan, path) for _ in range(repeat)]
    data = reads[-1][1]
    slug = f"bench-{path.name[:3]}"
    saves = [timed_ms(save_plan, data, f"{slug}-{n}")[0] for n in range(repeat)]
    return {
        "read_ms_median": median([ms for ms, _ in reads]),
        "save_ms_median": median(saves),
        "actions": len(data.actions),
        "goals": len(data.goals),
        "subgoals": sum(len(goal.subgoals) for goal in data.goals),
    }


def short_error(error: Exception) -> str:
    """The error's message, cut to its first lines when the importer lists many problems."""
    lines = (str(error) or type(error).__name__).splitlines()
    if len(lines) > MAX_ERROR_LINES:
        lines = [*lines[:MAX_ERROR_LINES], f"(+{len(lines) - MAX_ERROR_LINES} more)"]
    return "\n".join(lines)


# The general reader -------------------------------------------------------------------

ORGANISATIONS = (
    "Hyvinvointialue",
    "Haminan kaupunki",
    "Kotkan kaupunki",
    "Kouvolan kaupunki",
    "Pyhtään kunta",
    "Miehikkälän kunta",
    "Ev.-lut. seurakunnat",
    "Mannerheimin Lastensuojeluliitto ry",
    "Kymenlaakson ensi- ja turvakotiyhdistys ry",
    "Kaakkois-Suomen poliisilaitos",
    "Virolahden kunta",
)


def measure_general(count: int, repeat: int) -> dict:
    """The preview and a redraw of a `count`-action plan in every file type."""
    if not count:
        return {}
    data = layout_plan(count)
    with tempfile.TemporaryDirectory(prefix="lanu-layouts-") as folder:
        files = layout_files(data, Path(folder))
        found = {kind: reading_or_error(path, repeat) for kind, path in files.items()}
    return {"actions": count, **found}


def reading_or_error(path: Path, repeat: int) -> dict:
    from lanu.importers.data import ImportRefused

    try:
        return measure_reading(path, repeat)
    except ImportRefused as error:
        return {"error": short_error(error)}


def layout_plan(count: int):
    """A synthetic plan whose actions serve one sub-goal each, of organisations named as
    a region's are: what a coordinator's Word or Excel plan holds."""
    from dataclasses import replace

    from lanu.importers.data import OrganisationData
    from lanu.importers.synthetic import synthetic_plan_data

    data = synthetic_plan_data(count, len(ORGANISATIONS))
    name_of = dict(zip((o.name for o in data.organisations), ORGANISATIONS, strict=True))
    actions = [
        replace(a, organisation=name_of[a.organisation], subgoals=a.subgoals[:1])
        for a in data.actions
    ]
    return replace(
        data, organisations=[OrganisationData(name) for name in ORGANISATIONS], actions=actions
    )


def layout_files(data, folder: Path) -> dict[str, Path]:
    from tests import plan_layouts

    word = plan_layouts.organisation_tables_docx(data, folder / "plan.docx")
    files = {"docx": word}
    for kind in ("odt", "pdf"):
        files[kind] = plan_layouts.convert([word], kind, folder)[0]
    files["xlsx"] = plan_layouts.sheet_xlsx(data, folder / "plan.xlsx")
    files["csv"] = plan_layouts.sheet_csv(data, folder / "plan.csv")
    return files


def measure_reading(path: Path, repeat: int) -> dict:
    """The preview: the upload's bytes read into a Document and by the general reader;
    a redraw: the Document kept as JSON with the upload, read again with new choices."""
    from lanu.importers import read_document_of, read_general
    from lanu.importers.general.document import Document
    from lanu.importers.general.result import Choices

    raw = path.read_bytes()

    def preview():
        return read_general(read_document_of(raw, path.name), Choices(), {})

    def redraw(kept: dict):
        return read_general(Document.from_json(kept), Choices(), {})

    previews = [timed_ms(preview) for _ in range(repeat)]
    reading = previews[-1][1]
    kept = reading.document.to_json()
    redraws = [timed_ms(redraw, kept)[0] for _ in range(repeat)]
    return {
        "file_kb": round(len(raw) / 1024),
        "preview_ms_median": median([ms for ms, _ in previews]),
        "redraw_ms_median": median(redraws),
        **found_in(reading),
    }


def found_in(reading) -> dict:
    """What the reading gave: the plan's size, or its first problems."""
    if reading.data is None:
        return {"problems": [str(problem) for problem in reading.problems[:MAX_ERROR_LINES]]}
    return {
        "actions": len(reading.data.actions),
        "organisations": len(reading.data.organisations),
        "subgoals": len(reading.data.subgoal_keys()),
    }


# A large upload -----------------------------------------------------------------------


def measure_large(count: int) -> dict:
    """A CSV of `count` new actions into a plan, and an XLSX of as many as a new plan."""
    from django.urls import reverse

    from lanu.importers.synthetic import build_plan

    if not count:
        return {}
    plan = build_plan(10, slug="bench-target")
    client = coordinator_client(plan)
    rows = template_rows(count)
    csv_raw, xlsx_raw = actions_csv(rows), plan_xlsx(plan, rows)
    into = reverse("plans:import-into", args=[plan.slug])
    return {
        "actions": count,
        "csv_into_plan": measure_upload(client, into, "actions.csv", csv_raw),
        "xlsx_new_plan": measure_upload(client, reverse("plans:import"), "plan.xlsx", xlsx_raw),
    }


def coordinator_client(plan):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from lanu.accounts.models import Membership

    user = get_user_model().objects.create_user("bench-coordinator")
    Membership.objects.create(user=user, plan=plan, role=Membership.Role.COORDINATOR)
    client = Client()
    client.force_login(user)
    return client


def measure_upload(client, url: str, name: str, raw: bytes) -> dict:
    """Upload, preview and confirm the file as a coordinator does in the browser."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lanu.plans.models import Action

    before = Action.objects.count()
    read_ms, response = timed_ms(client.post, url, {"file": SimpleUploadedFile(name, raw)})
    assert response.status_code == 302, response.content.decode()[:3000]
    preview = response["Location"]
    preview_ms, response = timed_ms(client.get, preview)
    assert response.status_code == 200, response.content.decode()[:3000]
    with CaptureQueriesContext(connection) as queries:
        confirm_ms, response = timed_ms(client.post, f"{preview}confirm/")
    assert response.status_code == 302, response.content.decode()[:3000]
    return {
        "file_mb": round(len(raw) / MB, 1),
        "upload_ms": round(read_ms),
        "preview_ms": round(preview_ms),
        "confirm_ms": round(confirm_ms),
        "confirm_queries": len(queries),
        "actions_written": Action.objects.count() - before,
    }


class TemplateRow:
    """A synthetic action as the spreadsheet export reads an action (no ID: a new one)."""

    pk = ""

    def __init__(self, item):
        self.item = item

    def __getattr__(self, name):
        return getattr(self.item, name)

    @property
    def organisation(self):
        return Named(self.item.organisation)

    @property
    def subgoal_refs(self):
        return [Named(key) for key in self.item.subgoals]

    @property
    def metric_list(self):
        return [Named(metric.text) for metric in self.item.metrics]


class Named:
    def __init__(self, text: str):
        self.name = self.key = self.text = text


def template_rows(count: int) -> list[TemplateRow]:
    from lanu.importers.synthetic import GOALS, SUBGOALS_PER_GOAL, synthetic_action

    names = [f"Organisaatio {n}" for n in range(1, 12)]
    keys = [f"{g}.{n}" for g in GOALS for n in range(1, SUBGOALS_PER_GOAL + 1)]
    return [TemplateRow(synthetic_action(n, names, keys)) for n in range(count)]


def actions_csv(rows: list[TemplateRow]) -> bytes:
    import io

    from lanu.plans.spreadsheets import write_csv

    out = io.StringIO()
    write_csv(out, rows)
    return out.getvalue().encode()


def plan_xlsx(plan, rows: list[TemplateRow]) -> bytes:
    import io

    from lanu.plans.spreadsheets import write_xlsx

    out = io.BytesIO()
    write_xlsx(out, plan, rows)
    return out.getvalue()


# Zip bombs ----------------------------------------------------------------------------


def measure_bombs() -> dict:
    from tests.zip_bombs import BOMB_PART, bomb, lying, read_in_child

    files = {}
    for kind in ("docx", "xlsx"):
        raw = bomb(kind)
        files[f"bomb.{kind}"] = raw
        files[f"lying.{kind}"] = lying(raw, BOMB_PART[kind], 4096)
    files["densest-accepted.docx"] = bomb("docx", 950_000 * 6, b"<w:p/>")
    found = {}
    with tempfile.TemporaryDirectory(prefix="lanu-bombs-") as folder:
        for name, raw in files.items():
            path = Path(folder) / name
            path.write_bytes(raw)
            read = read_in_child(path, name)
            found[name] = {
                "file_kb": round(len(raw) / 1024),
                "refused_ms": round(read["ms"]),
                "peak_mb": round(read["peak"] / MB),
                "refusal": (read["refusal"] or "")[:120],
            }
    return found


if __name__ == "__main__":
    main()
