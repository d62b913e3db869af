"""The import report: what was read, and what was made of the document's oddities."""

from django.utils.translation import gettext as _

from ..data import PlanData
from .document import Reading


def summary(reading: Reading, data: PlanData) -> list[str]:
    counts = reading.counts | {
        "organisations": len(data.organisations),
        "actions": len(data.actions),
        "indicators": len(data.indicators),
    }
    lines = [
        _(
            "%(organisations)d organisations from the table of contents, %(actions)d "
            "actions, %(indicators)d indicator descriptions."
        )
        % counts,
        _(
            "%(references)d rows refer to another row's action (“Ks. edellinen kohta”, "
            "“Kts. kohta 1”): their sub-goal was added to that action."
        )
        % counts,
        _(
            "%(nothing)d rows had nothing (“-” or empty) and made no action; their remarks "
            "are kept in the plan's notes."
        )
        % counts,
        _(
            "Kept as notes: the title page, the chapters 1.1–1.4 (their indicator tables are "
            "not in the text) and the remarks of rows without an action."
        ),
    ]
    return lines + optional_lines(counts)


def optional_lines(counts: dict) -> list[str]:
    """Lines about oddities, only for those the document had."""
    texts = {
        "metric_refs": _(
            "%(metric_refs)d metric cells say “Kts. ed”: they got the previous row's metrics."
        ),
        "lists": _(
            "%(lists)d lists have no item markers (the line breaks were lost in "
            "conversion): each was kept as one entry."
        ),
        "mixed": _(
            "%(mixed)d schedules name several kinds of work (e.g. “Osa pysyvää, "
            "osa hanke”): their permanence was left unknown."
        ),
    }
    return [text % counts for key, text in texts.items() if counts[key]]


def remark_block(reading: Reading) -> list[str]:
    """The remarks of rows without an action of their own, as one note."""
    if not reading.remarks:
        return []
    return [
        _("Remarks of rows without an action of their own:") + "\n" + "\n".join(reading.remarks)
    ]
