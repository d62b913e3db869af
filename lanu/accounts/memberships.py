"""Giving people a role in a plan and taking it away, each step recorded in the history."""

from django.db import transaction

from lanu.history.models import Change
from lanu.history.records import record, record_removed, snapshot

from .models import Membership

FIELDS = ["role", "organisation"]


def add_member(plan, person, role: str, organisation, by) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.create(
            plan=plan, user=person, role=role, organisation=organisation
        )
        record(by, membership, Change.Kind.CREATED, plan, {}, snapshot(membership, FIELDS))
    return membership


def is_last_coordinator(membership: Membership) -> bool:
    if membership.role != Membership.Role.COORDINATOR:
        return False
    others = membership.plan.memberships.filter(role=Membership.Role.COORDINATOR)
    return not others.exclude(user=membership.user_id).exists()


def remove_member(membership: Membership, by) -> None:
    with transaction.atomic():
        record_removed(by, membership, membership.plan, FIELDS)
        membership.delete()
