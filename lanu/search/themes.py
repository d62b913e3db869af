"""Changing the themes: a plan's coordinators add their own plan's goals and sub-goals to a
theme (an existing one or a new one), take them out, and accept a suggested pair.

A goal or sub-goal is in at most one theme: adding it to another moves it there (the
coordinator's choice). A theme left with no member is removed. Accepting a suggestion
only adds the one in no theme to the other's theme, or starts a new theme of the two:
what a person aligned is never moved by a suggestion.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lanu.accounts.permissions import can_coordinate
from lanu.plans.models import Goal, Plan, SubGoal

from .models import Theme, ThemeMember


def live_unit(plan: Plan, key: str) -> Goal | SubGoal | None:
    """The plan's live goal or sub-goal named "goal-PK" or "subgoal-PK", or None."""
    kind, _dash, pk = key.partition("-")
    if not pk.isdigit():
        return None
    if kind == "goal":
        return Goal.objects.filter(plan=plan, archived=False, pk=pk).first()
    if kind == "subgoal":
        live = SubGoal.objects.filter(goal__plan=plan, archived=False, goal__archived=False)
        return live.filter(pk=pk).first()
    return None


def member_filter(unit: Goal | SubGoal) -> dict:
    return {"goal": unit} if isinstance(unit, Goal) else {"subgoal": unit}


def theme_of(unit: Goal | SubGoal) -> Theme | None:
    """The unit's theme: its own, else (a sub-goal) its goal's."""
    member = ThemeMember.objects.filter(**member_filter(unit)).select_related("theme").first()
    if member is None and isinstance(unit, SubGoal):
        return theme_of(unit.goal)
    return member.theme if member else None


@transaction.atomic
def add_to_theme(user, plan: Plan, unit: Goal | SubGoal, theme: Theme | None, name: str = ""):
    """Put the plan's goal or sub-goal in the theme, or in a new theme of this name."""
    if theme is None:
        theme = Theme.objects.create(name=name, created_by=user)
    member = ThemeMember.objects.filter(**member_filter(unit)).first()
    before = member.theme if member else None
    if member is None:
        member = ThemeMember(plan=plan, **member_filter(unit))
    member.theme, member.added_by = theme, user
    member.save()
    if before is not None and before.pk != theme.pk:
        remove_if_empty(before)
    return member


@transaction.atomic
def remove_from_theme(member: ThemeMember) -> None:
    theme = member.theme
    member.delete()
    remove_if_empty(theme)


def remove_if_empty(theme: Theme) -> None:
    if not theme.members.exists():
        theme.delete()


@transaction.atomic
def accept_suggestion(user, first: SubGoal, second: SubGoal) -> Theme:
    """Join the two sub-goals in one theme: the one in no theme joins the other's, or the
    two begin a new theme named after the first. Refused (PermissionDenied) unless the
    person coordinates the plan of each one that joins; ValueError if both are in themes."""
    themes = [theme_of(first), theme_of(second)]
    joining = [unit for unit, theme in zip((first, second), themes, strict=True) if not theme]
    if not joining:
        raise ValueError("both are in themes already")
    if not all(can_coordinate(user, unit.goal.plan) for unit in joining):
        raise PermissionDenied
    theme = themes[0] or themes[1] or Theme.objects.create(name=first.title, created_by=user)
    for unit in joining:
        add_to_theme(user, unit.goal.plan, unit, theme)
    return theme
