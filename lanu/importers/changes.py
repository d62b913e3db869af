"""An action spreadsheet applied to an existing plan: what it would change, then the write.

`read_changes()` compares each row with the plan, touching nothing: a row with an ID
updates that action (only the cells that differ), a row without one is a new action
unless the plan has it already (the same organisation, a sub-goal in common, the same
description and items: a file applied twice adds nothing the second time), and the
plan's actions missing from the file are left alone. `apply_changes()` writes
it all in one transaction, each change in the history (with the importing user, or
none from the command line) and each updated action at its next version.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from lanu.history.models import Change
from lanu.history.records import record, record_created, snapshot
from lanu.plans.editing import Conflict, claim, next_order, undo_if_unchanged
from lanu.plans.listing import plan_actions
from lanu.plans.metrics import WantedMetric, metric_line, sync_metrics
from lanu.plans.models import Action, Plan, SubGoal

from .data import ActionData, ImportRefused, Problem
from .save import insert_actions, insert_links
from .spreadsheet import (
    CHOICE_FIELDS,
    RowReader,
    Workbook,
    action_data,
    from_schedule,
    load_csv,
    load_xlsx,
    no_actions_message,
)

TEXT_FIELDS = ("description", "schedule", "responsible", "monitoring", "notes")
MODEL_FIELDS: tuple[str, ...] = ("organisation", "subgoals", "description", "items")
MODEL_FIELDS += ("schedule", "start_date", "end_date", "permanence", "responsible")
MODEL_FIELDS += ("monitoring", "ease", "impact", "notes")
CREATED_FIELDS: tuple[str, ...] = ("description", "items", "schedule", "start_date")
CREATED_FIELDS += ("end_date", "permanence", "responsible", "monitoring", "ease", "impact", "notes")


@dataclass
class FieldChange:
    key: str
    label: str
    old: str
    new: str


@dataclass
class ActionUpdate:
    """An existing action's changed cells: new values and readable old/new texts."""

    action_id: int
    title: str
    organisation: str
    row: int
    version: int = 0
    values: dict = field(default_factory=dict)
    changes: list[FieldChange] = field(default_factory=list)
    subgoals: list[str] = field(default_factory=list)  # after the change


@dataclass
class PlanChanges:
    plan: Plan
    source: str
    updates: list[ActionUpdate] = field(default_factory=list)
    new_actions: list[ActionData] = field(default_factory=list)
    already_there: list[ActionData] = field(default_factory=list)  # rows without an ID
    unchanged: int = 0
    missing: int = 0  # the plan's actions the file does not mention: left alone
    report: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.updates and not self.new_actions


def changes_from_xlsx(raw: bytes, source: str, plan: Plan) -> PlanChanges:
    return read_changes(load_xlsx(raw, source), plan)


def changes_from_csv(text: str, source: str, plan: Plan) -> PlanChanges:
    return read_changes(load_csv(text, source), plan)


class Comparison:
    """The plan as the file is compared with it."""

    def __init__(self, plan: Plan):
        self.actions = {action.pk: action for action in plan_actions(plan)}
        participations = plan.participations.select_related("organisation")
        self.by_name: dict[str, list] = {}  # casefolded: "ABC" and "Abc" may both exist
        self.by_alias: dict[str, list] = {}
        for organisation in (p.organisation for p in participations):
            self.by_name.setdefault(organisation.name.casefold(), []).append(organisation)
            for alias in organisation.aliases:
                meant = self.by_alias.setdefault(alias.casefold(), [])
                meant.extend([organisation] if organisation not in meant else [])
        subgoals = SubGoal.objects.filter(goal__plan=plan, archived=False, goal__archived=False)
        self.subgoals = {s.key: s for s in subgoals.select_related("goal")}
        self.texts: set[tuple] = set()  # (organisation, sub-goal, texts) of each action
        for action in self.actions.values():
            self.add(current_values(action))

    def has(self, values: dict) -> bool:
        """Has the plan (or an earlier row of the file) an action like the row's? A file
        without an items column says nothing of items: the description decides."""
        organisation, subgoals, texts = same_action(values)
        texts = texts if "items" in values else texts[:1] + ("…",)
        return any((organisation, key, texts) in self.texts for key in subgoals)

    def add(self, values: dict) -> None:
        organisation, subgoals, texts = same_action(values)
        for compared in (texts, texts[:1] + ("…",)):  # with its items, and without
            self.texts |= {(organisation, key, compared) for key in subgoals}

    def organisations_named(self, name: str) -> list:
        """The plan's organisations a file's name means, whatever the plan's order: an
        organisation's own name (as written, then in any case) before anyone's alias.
        Several: the name is ambiguous; none: no organisation of the plan has it."""
        named = self.by_name.get(name.casefold(), [])
        exact = [organisation for organisation in named if organisation.name == name]
        return exact or named or self.by_alias.get(name.casefold(), [])


def read_changes(book: Workbook, plan: Plan) -> PlanChanges:
    if book.actions is None:
        raise ImportRefused([Problem(no_actions_message(), file=book.source)])
    sheet = book.actions
    reader = RowReader(sheet, book.source)
    plan_now = Comparison(plan)
    found = PlanChanges(plan, book.source)
    seen: set[int] = set()
    for row in sheet.rows:
        values = reader.values(row)
        action_id = values.pop("id", None)
        if not check_row(reader, row, values, plan_now):
            continue
        if action_id is None:
            new_action(reader, row, values, found, plan_now)
        elif action_id in seen:
            reader.problem(_("The ID %d appears twice.") % action_id, row, "id")
        elif action_id not in plan_now.actions:
            reader.problem(_("The plan has no action with the ID %d.") % action_id, row, "id")
        else:
            seen.add(action_id)
            compare(plan_now, plan_now.actions[action_id], row.number, values, found)
    if reader.problems:
        raise ImportRefused(reader.problems)
    found.missing = len(plan_now.actions) - len(seen)
    found.report = report(found, sheet)
    return found


def check_row(reader: RowReader, row, values: dict, plan_now: Comparison) -> bool:
    """Are the row's organisation and sub-goals the plan's own?"""
    whole = True
    name = values.get("organisation")
    meant = plan_now.organisations_named(name) if name else []
    if name and len(meant) != 1:
        reader.problem(organisation_problem(name, meant), row, "organisation")
        whole = False
    for key in values.get("subgoals", []):
        if key not in plan_now.subgoals:
            reader.problem(_("Unknown sub-goal “%s”.") % key, row, "subgoals")
            whole = False
    if name:
        values["organisation"] = meant[0].name if whole else name
    return whole


def organisation_problem(name: str, meant: list) -> str:
    """Why a row's organisation is not one of the plan's: unknown, or known to several."""
    if not meant:
        return _("“%s” does not take part in this plan.") % name
    values = {"name": name, "candidates": ", ".join(f"“{o.name}”" for o in meant)}
    return (
        _(
            "“%(name)s” may mean several organisations of the plan: %(candidates)s. "
            "Write the organisation's own name exactly."
        )
        % values
    )


def new_action(reader: RowReader, row, values: dict, found: PlanChanges, plan_now) -> None:
    if not values.get("organisation"):
        reader.problem(_("A new action (no ID) needs an organisation."), row, "organisation")
    elif not values.get("subgoals"):
        reader.problem(_("A new action (no ID) needs a sub-goal."), row, "subgoals")
    elif plan_now.has(values):
        found.already_there.append(action_data(values, row))
    else:
        found.new_actions.append(action_data(values, row))
        plan_now.add(values)


def same_action(values: dict) -> tuple[str, list[str], tuple[str, ...]]:
    """What makes a row without an ID the same action as another: its organisation,
    sub-goals, description and items, compared without case and extra white space."""
    texts = (folded(values.get("description")), *map(folded, values.get("items") or []))
    return folded(values.get("organisation")), values.get("subgoals") or [], texts


def folded(text) -> str:
    return " ".join(str(text or "").split()).casefold()


def current_values(action: Action) -> dict:
    return {
        **{name: getattr(action, name) for name in MODEL_FIELDS if name != "subgoals"},
        "organisation": action.organisation.name,
        "subgoals": [ref.key for ref in action.subgoal_refs],
        "metrics": [metric.text for metric in action.metric_list],
    }


def normal(key: str, value):
    """Values as compared: texts and list entries without surrounding white space."""
    if key in TEXT_FIELDS:
        return (value or "").replace("\r\n", "\n").strip()
    if isinstance(value, list):
        return [str(entry).strip() for entry in value if str(entry).strip()]
    return value


def compare(plan_now: Comparison, action: Action, row: int, values: dict, found) -> None:
    old = current_values(action)
    if normal("schedule", values.get("schedule", old["schedule"])) != normal(
        "schedule", old["schedule"]
    ):
        values = from_schedule(values)  # a new schedule may state new dates
    changed = {k: v for k, v in values.items() if normal(k, v) != normal(k, old.get(k))}
    if not changed:
        found.unchanged += 1
        return
    changes = [
        FieldChange(key, label_of(key), readable(key, old.get(key)), readable(key, new))
        for key, new in changed.items()
    ]
    update = ActionUpdate(
        action.pk, action.title, changed.get("organisation", old["organisation"]), row
    )
    update.version, update.values, update.changes = action.version, changed, changes
    update.subgoals = changed.get("subgoals", old["subgoals"])
    found.updates.append(update)


def label_of(key: str) -> str:
    from lanu.plans.spreadsheets import columns

    return dict(columns())[key]


def readable(key: str, value) -> str:
    if isinstance(value, list):
        return ("; " if key == "subgoals" else "\n").join(value)
    if key in CHOICE_FIELDS and value:
        choices = {"permanence": Action.Permanence, "ease": Action.Ease, "impact": Action.Impact}
        return str(choices[key](value).label)
    return "" if value is None else str(value)


def report(found: PlanChanges, sheet) -> list[str]:
    values = {
        "updated": len(found.updates),
        "new": len(found.new_actions),
        "unchanged": found.unchanged,
        "missing": found.missing,
    }
    lines = [
        _(
            "%(updated)d actions change, %(new)d are new, %(unchanged)d are unchanged; "
            "%(missing)d of the plan's actions are not in the file and are left as they are."
        )
        % values
    ]
    if found.already_there:
        message = _(
            "%d rows without an ID are already in the plan (the same organisation, "
            "sub-goal, description and items): they are not added again."
        )
        lines.append(message % len(found.already_there))
    if "id" not in sheet.columns:
        lines.append(_("The file has no ID column: every row is a new action."))
    if sheet.ignored:
        lines.append(_("Columns not read: %s.") % ", ".join(sheet.ignored))
    return lines


# Writing ------------------------------------------------------------------------------


def apply_changes(found: PlanChanges, user) -> None:
    """Write the changes in one transaction; an action saved meanwhile refuses them all."""
    with transaction.atomic():
        for update in found.updates:
            apply_update(found.plan, update, user)
        create_actions(found.plan, found.new_actions, user)


def apply_update(plan: Plan, update: ActionUpdate, user) -> None:
    """Save one action's changed cells at its next version, with its history row, as a
    form's save does (editing.py); an action saved since the file was read refuses it."""
    try:
        with transaction.atomic():
            claim(Action, update.action_id, update.version)
            action = Action.objects.get(pk=update.action_id, plan=plan)
            names = [key for key in update.values if key in MODEL_FIELDS or key == "metrics"]
            before = action_snapshot(action, names)
            set_values(plan, action, update.values)
            after = action_snapshot(action, names)
            undo_if_unchanged(record(user, action, Change.Kind.CHANGED, plan, before, after))
    except Conflict:
        message = _(
            "Action %d was changed by someone else after the file was read: "
            "nothing was saved. Upload the file again."
        )
        raise ImportRefused([Problem(message % update.action_id)]) from None


def action_snapshot(action: Action, names: list[str]) -> dict[str, str]:
    """The named fields' readable values, metrics written as the action form writes them."""
    values = snapshot(action, [name for name in names if name != "metrics"])
    if "metrics" in names:
        live = action.metrics.filter(archived=False)
        values["metrics"] = "\n".join(metric_line(metric) for metric in live)
    return values


def set_values(plan: Plan, action: Action, values: dict) -> None:
    for key, value in values.items():
        if key == "organisation":
            action.organisation = plan.organisations.get(name=value)
        elif key not in ("subgoals", "metrics"):
            setattr(action, key, value)
    action.save()
    if "subgoals" in values:
        action.subgoals.set(subgoals_of(plan, values["subgoals"]))
    if "metrics" in values:
        replace_metrics(action, values["metrics"])


def subgoals_of(plan: Plan, keys: list[str]) -> list[SubGoal]:
    by_key = {s.key: s for s in SubGoal.objects.filter(goal__plan=plan).select_related("goal")}
    return [by_key[key] for key in keys]


def replace_metrics(action: Action, texts: list[str]) -> None:
    """The file's metric texts, kept by identity (plans/metrics.py); the file has no
    breakdown column, so each kept metric keeps its breakdown flag."""
    sync_metrics(action, [WantedMetric(text) for text in texts])


def create_actions(plan: Plan, items: list[ActionData], user) -> None:
    """The new actions, their sub-goal links, metrics and history rows: a few INSERTs
    for any number (one by one, 100,000 took half an hour on SQLite)."""
    if not items:
        return
    order = next_order(plan.actions)
    organisations = {organisation.name: organisation for organisation in plan.organisations.all()}
    subgoals = {s.key: s for s in SubGoal.objects.filter(goal__plan=plan).select_related("goal")}
    check_still_there(items, organisations, subgoals)
    actions = insert_actions(plan, items, organisations, order)
    created = [
        (action, linked(item, subgoals)) for action, item in zip(actions, items, strict=True)
    ]
    insert_links([(action, subgoal) for action, links in created for subgoal in links])
    values = CreatedValues()
    record_created(user, plan, [(action, values(action, links)) for action, links in created])


def check_still_there(items: list[ActionData], organisations: dict, subgoals: dict) -> None:
    """Refuse the new actions if an organisation or sub-goal they name has gone since the
    file was read (removed from the plan, or deleted)."""
    gone = {item.organisation for item in items} - organisations.keys()
    gone |= {key for item in items for key in item.subgoals} - subgoals.keys()
    if gone:
        message = _(
            "The plan changed after the file was read (%s is no longer in it): nothing "
            "was saved. Upload the file again."
        )
        raise ImportRefused([Problem(message % ", ".join(sorted(gone)))])


def linked(item: ActionData, subgoals: dict[str, SubGoal]) -> list[SubGoal]:
    """The item's sub-goals, each once, in the plan's order (as action.subgoals lists them)."""
    found = {subgoals[key] for key in item.subgoals}
    return sorted(found, key=lambda subgoal: (subgoal.goal.order, subgoal.order))


class CreatedValues:
    """New actions' readable values for their history, as `snapshot` reads them, with
    each choice label translated once rather than once per action."""

    def __init__(self):
        fields = {name: Action._meta.get_field(name) for name in CHOICE_FIELDS}
        self.labels = {
            name: {value: str(label) for value, label in field.flatchoices}
            for name, field in fields.items()
        }

    def __call__(self, action: Action, links: list[SubGoal]) -> dict[str, str]:
        after = {name: self.readable(name, getattr(action, name)) for name in CREATED_FIELDS}
        after["organisation"] = str(action.organisation)
        after["subgoals"] = "\n".join(str(subgoal) for subgoal in links)
        return after

    def readable(self, name: str, value) -> str:
        if name in self.labels:
            return self.labels[name].get(value, value)
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return "" if value is None else str(value)
