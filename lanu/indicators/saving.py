"""Writing observations in bulk: PostgreSQL COPYs a batch into a temporary table and
moves it with one INSERT ... ON CONFLICT DO UPDATE; SQLite runs the same upsert with
executemany. A re-import updates the values in place and never duplicates them; the new
rows are counted as they are written, never by counting the whole table."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import connection
from django.db.models import Field
from django.utils.translation import gettext as _

from lanu.lib.rows import copy_rows

from .models import Area, Gender, Indicator, Observation
from .streams import refused

BATCH = 50_000
UNIQUE = ["indicator", "area", "year", "gender", "group"]
LARGEST = Decimal(10) ** 18
FIRST_YEAR, LAST_YEAR = 1800, 2200
STAGING = "lanu_observation_import"
GENDERS = frozenset(Gender.values)

Key = tuple[int, int, int, str, str]
Row = tuple[int, int, int, str, str, Decimal | None, Decimal | None]


@dataclass
class ObservationWriter:
    """Collects observations and writes them a batch at a time. Within a batch the last
    value for a key wins (PostgreSQL refuses to update one row twice in one statement).
    Use inside the import's transaction: `added` counts the rows that were new."""

    batch: dict[Key, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    read: int = 0
    added: int = 0

    def add(self, key: Key, value: Decimal | None, absolute: Decimal | None) -> None:
        self.batch[key] = (value, absolute)
        self.read += 1
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            rows = [(*key, value, absolute) for key, (value, absolute) in self.batch.items()]
            self.batch = {}
            self.added += upsert(rows)


def columns_sql() -> tuple[str, str, str]:
    """The table, its columns and its unique key, quoted for SQL."""
    quote = connection.ops.quote_name
    fields = [Observation._meta.get_field(name) for name in [*UNIQUE, "value", "absolute_value"]]
    names = [quote(field.column) for field in fields if isinstance(field, Field) and field.column]
    return quote(Observation._meta.db_table), ", ".join(names), ", ".join(names[:5])


def upsert(rows: list[Row]) -> int:
    """Write the rows (no key twice); how many of them were new."""
    if connection.vendor == "postgresql":
        return upsert_postgresql(rows)
    return upsert_sqlite(rows)


def upsert_sqlite(rows: list[Row]) -> int:
    table, columns, unique = columns_sql()
    with connection.cursor() as cursor:
        # Django's SQLite ids are AUTOINCREMENT: a new row's id exceeds every older one.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        before = cursor.fetchone()[0]
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s) "  # noqa: S608
            f"ON CONFLICT ({unique}) DO UPDATE SET "
            "value = excluded.value, absolute_value = excluded.absolute_value",
            rows,
        )
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE id > %s", [before])  # noqa: S608
        return cursor.fetchone()[0]


def upsert_postgresql(rows: list[Row]) -> int:
    table, columns, unique = columns_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} ON COMMIT DROP "  # noqa: S608
            f"AS SELECT {columns} FROM {table} WITH NO DATA"
        )
        copy_rows(cursor, STAGING, columns, rows)
        cursor.execute(
            f"WITH written AS (INSERT INTO {table} ({columns}) "  # noqa: S608
            f"SELECT {columns} FROM {STAGING} ON CONFLICT ({unique}) DO UPDATE SET "
            "value = excluded.value, absolute_value = excluded.absolute_value "
            "RETURNING xmax = 0 AS new) SELECT COUNT(*) FILTER (WHERE new) FROM written"
        )
        added = cursor.fetchone()[0]
        cursor.execute(f"TRUNCATE {STAGING}")
        return added


class Lookup:
    """An indicator's or area's primary key from a code or Sotkanet id, read once."""

    def __init__(
        self,
        model: type[Indicator] | type[Area],
        by: str,
        source: str,
        problem: str,
        skip: bool = False,
    ):
        found = model.objects.exclude(**{f"{by}__isnull": True}).values_list(by, "pk")
        self.keys: dict[object, int] = {str(key): pk for key, pk in found.iterator()}
        self.source, self.problem, self.skip = source, problem, skip
        self.skipped: set[str] = set()

    def __call__(self, value: object, line: int, column: int | None = None) -> int | None:
        """The key; None for an unknown one when told to skip those, else a problem."""
        found = self.keys.get(str(value).strip())
        if found is None and self.skip:
            self.skipped.add(str(value))
        elif found is None:
            problem = self.problem % {"value": value}
            raise refused(self.source, line, problem, column)
        return found


def number(text: object, source: str, line: int, column: int | None = None) -> Decimal | None:
    """A value: a number ("12.5", 12.5) or nothing ("", null)."""
    if text is None or text == "":
        return None
    try:
        value = Decimal(str(text)) if not isinstance(text, bool) else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        problem = _("“%(value)s” is not a number") % {"value": text}
        raise refused(source, line, problem, column)
    if abs(value) >= LARGEST:
        problem = _("%(value)s is too large a value") % {"value": text}
        raise refused(source, line, problem, column)
    return value


def year(text: object, source: str, line: int, column: int | None = None) -> int:
    try:
        found = int(str(text))
    except ValueError:
        found = 0
    if not FIRST_YEAR <= found <= LAST_YEAR:
        problem = _("“%(value)s” is not a year") % {"value": text}
        raise refused(source, line, problem, column)
    return found


def gender(text: object, source: str, line: int, column: int | None = None) -> str:
    found = str(text or Gender.TOTAL).strip().lower()
    if found not in GENDERS:
        problem = _("unknown gender “%(value)s”: write total, male or female") % {"value": text}
        raise refused(source, line, problem, column)
    return found
