"""Writing observations in bulk: one INSERT ... ON CONFLICT UPDATE per batch, so that a
re-import updates the values in place and never duplicates them."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .models import Area, Gender, Indicator, Observation
from .streams import ImportProblem

BATCH = 5000
UNIQUE = ["indicator", "area", "year", "gender", "group"]
LARGEST = Decimal(10) ** 18
FIRST_YEAR, LAST_YEAR = 1800, 2200

Key = tuple[int, int, int, str, str]


@dataclass
class ObservationWriter:
    """Collects observations and writes them a batch at a time. Within a batch the last
    value for a key wins (PostgreSQL refuses to update one row twice in one statement)."""

    batch: dict[Key, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    read: int = 0

    def add(self, key: Key, value: Decimal | None, absolute: Decimal | None) -> None:
        self.batch[key] = (value, absolute)
        self.read += 1
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        rows = [
            Observation(
                indicator_id=key[0],
                area_id=key[1],
                year=key[2],
                gender=key[3],
                group=key[4],
                value=value,
                absolute_value=absolute,
            )
            for key, (value, absolute) in self.batch.items()
        ]
        Observation.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=UNIQUE,
            update_fields=["value", "absolute_value"],
        )
        self.batch = {}


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
            raise ImportProblem(self.source, line, problem, column)
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
        raise ImportProblem(source, line, problem, column)
    if abs(value) >= LARGEST:
        problem = _("%(value)s is too large a value") % {"value": text}
        raise ImportProblem(source, line, problem, column)
    return value


def year(text: object, source: str, line: int, column: int | None = None) -> int:
    try:
        found = int(str(text))
    except ValueError:
        found = 0
    if not FIRST_YEAR <= found <= LAST_YEAR:
        problem = _("“%(value)s” is not a year") % {"value": text}
        raise ImportProblem(source, line, problem, column)
    return found


def gender(text: object, source: str, line: int, column: int | None = None) -> str:
    found = str(text or Gender.TOTAL).strip().lower()
    if found not in Gender.values:
        problem = _("unknown gender “%(value)s”: write total, male or female") % {"value": text}
        raise ImportProblem(source, line, problem, column)
    return found
