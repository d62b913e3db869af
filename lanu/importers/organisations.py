"""Which existing organisation a new plan's organisation is, decided without guessing.

Organisations belong to no single plan, so an import never changes one by itself.
A file's organisation is matched exactly, in this order, whatever the order of the
database: an organisation with its name; one that has its name as an alias; one
named as one of its aliases; one sharing one of its aliases. The first step that
finds any decides: one organisation is the match, several are asked (the preview
offers a choice, the command takes --organisation), none makes a new organisation.
The file's other names for an existing organisation are proposals: added only when
the importing person accepts them and may change the organisation (lanu.accounts.
permissions.can_change_organisation), and recorded in the history of its plans.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from lanu.history.models import Change
from lanu.history.records import record, snapshot
from lanu.plans.models import Organisation, Plan

from .data import ImportRefused, OrganisationData, PlanData, Problem


@dataclass
class Match:
    """A file's organisation and the existing organisations it may be."""

    item: OrganisationData
    candidates: list[Organisation]  # none: a new one; one: that one; several: asked

    @property
    def existing(self) -> Organisation | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def new_aliases(self) -> list[str]:
        """The file's names of the matched organisation that it does not have yet."""
        if self.existing is None:
            return []
        known = {self.existing.name, *self.existing.aliases}
        return [
            name
            for name in dict.fromkeys([self.item.name, *self.item.aliases])
            if name not in known
        ]


@dataclass
class Choices:
    """What the importing person decided, by the file's organisation names."""

    chosen: dict[str, Organisation] = field(default_factory=dict)  # for ambiguous names
    aliases: dict[str, list[str]] = field(default_factory=dict)  # accepted proposals
    user: object = None  # who accepted them, for the history


def match_organisations(data: PlanData) -> list[Match]:
    """Each of the file's organisations with its candidates, in the file's order."""
    existing = list(Organisation.objects.order_by("name"))
    return [Match(item, candidates(item, existing)) for item in data.organisations]


def candidates(item: OrganisationData, existing: list[Organisation]) -> list[Organisation]:
    aliases = set(item.aliases)
    steps = (
        lambda organisation: organisation.name == item.name,
        lambda organisation: item.name in organisation.aliases,
        lambda organisation: organisation.name in aliases,
        lambda organisation: bool(aliases.intersection(organisation.aliases)),
    )
    for step in steps:
        found = [organisation for organisation in existing if step(organisation)]
        if found:
            return found
    return []


def organisation_of(match: Match, choices: Choices) -> Organisation | None:
    """The existing organisation the file's one is (None: create it), or a refusal."""
    if not match.ambiguous:
        return match.existing
    chosen = choices.chosen.get(match.item.name)
    if chosen is None or chosen not in match.candidates:
        raise ImportRefused([Problem(ambiguity(match))])
    return chosen


def ambiguity(match: Match) -> str:
    values = {
        "name": match.item.name,
        "candidates": ", ".join(f"“{organisation.name}”" for organisation in match.candidates),
    }
    return _("“%(name)s” may be any of these organisations: %(candidates)s. Say which.") % values


def add_aliases(plan: Plan, organisation: Organisation, names: list[str], user) -> None:
    """Give an existing organisation accepted new names, in every plan's history."""
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = snapshot(organisation, ["aliases"])
        organisation.add_aliases(names)
        if snapshot(organisation, ["aliases"]) == before:
            return
        organisation.version += 1
        organisation.save(update_fields=["aliases", "version"])
        record(
            user,
            organisation,
            Change.Kind.CHANGED,
            plan,
            before,
            snapshot(organisation, ["aliases"]),
        )
