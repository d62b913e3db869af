"""The one place that says who may read and change what. Every view asks here.

Anonymous visitors read published plans. Members of a plan read it even
unpublished; its coordinators change everything in it; an editor creates and
changes the actions of their own organisation(s) only.
"""

from django.db.models import Q

from .models import Membership


def memberships(user, plan) -> list[Membership]:
    """The user's memberships in the plan, read once per request and user."""
    if not user.is_authenticated:
        return []
    cache = user.__dict__.setdefault("_lanu_memberships", {})
    if plan.pk not in cache:
        cache[plan.pk] = list(Membership.objects.filter(user=user, plan=plan))
    return cache[plan.pk]


def can_read(user, plan) -> bool:
    return plan.published or user.is_superuser or bool(memberships(user, plan))


def readable_plans(user) -> Q:
    """A filter of Plans: the published ones, and those the user is a member of."""
    if user.is_superuser:
        return Q()
    if user.is_authenticated:
        return Q(published=True) | Q(pk__in=user.memberships.values("plan"))
    return Q(published=True)


def can_coordinate(user, plan) -> bool:
    if user.is_superuser:
        return True
    return any(m.role == Membership.Role.COORDINATOR for m in memberships(user, plan))


def editable_organisation_ids(user, plan) -> set[int] | None:
    """The organisations whose actions the user may edit; None means all of the plan's."""
    if can_coordinate(user, plan):
        return None
    editors = [m for m in memberships(user, plan) if m.role == Membership.Role.EDITOR]
    return {m.organisation_id for m in editors if m.organisation_id is not None}


def can_edit_actions_of(user, plan, organisation_id: int) -> bool:
    allowed = editable_organisation_ids(user, plan)
    return allowed is None or organisation_id in allowed


def can_edit_any_action(user, plan) -> bool:
    allowed = editable_organisation_ids(user, plan)
    return allowed is None or bool(allowed)


def can_create_plans(user) -> bool:
    """Staff, and coordinators of any plan, may start or import new plans."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).exists()


# The follow-up round (lanu/followup/reporting.py). Reports are not public: members only.


def can_follow_up(user, plan) -> bool:
    """Members of the plan (any role) see its follow-up rounds; viewers only read them."""
    return user.is_superuser or bool(memberships(user, plan))


def can_report_for(user, plan, organisation_id: int) -> bool:
    """Coordinators report for every organisation, editors for their own organisations."""
    return can_edit_actions_of(user, plan, organisation_id)


def can_read_reports_of(user, plan, organisation_id: int) -> bool:
    """Coordinators and viewers read every organisation's reports; editors their own."""
    if can_report_for(user, plan, organisation_id):
        return True
    return any(m.role == Membership.Role.VIEWER for m in memberships(user, plan))


# Organisations belong to no single plan: one may take part in many.


def can_change_organisation(user, organisation) -> bool:
    """Renaming an organisation (or changing its short name, kind or aliases) shows in
    every plan it takes part in: only a person coordinating each of them, or an
    administrator, may. Any coordinator adds it to their plan or removes it."""
    if user.is_superuser:
        return True
    if not user.is_authenticated:
        return False
    coordinated = Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR)
    return not organisation.plans.exclude(pk__in=coordinated.values("plan")).exists()


def organisation_deciders(user, organisation) -> tuple[list, bool]:
    """Whose coordinators may change the organisation, as the person may see it: the
    plans they may read, and whether it takes part in others they may not."""
    shown = list(organisation.plans.filter(readable_plans(user)).order_by("name"))
    return shown, organisation.plans.count() > len(shown)


# The full export (lanu/backup/): archived items, open rounds' drafts, and people.


def can_export_everything(user, plan) -> bool:
    """Coordinators get the plan's full export (a backup); everyone else the public one."""
    return can_coordinate(user, plan)
