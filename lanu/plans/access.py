"""The one guard of every page that needs a plan (lanu.accounts.permissions decides who may).

A person who may not read the plan gets 404 from every address of it, so that an
unpublished plan's address tells nobody it exists; a person who may read it but not do
this gets 403. Every view that needs a plan (the plans', the importers', the follow-up
pages) gets it from here: tests/test_plan_guard.py walks the URL conf and checks it.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from lanu.accounts.permissions import can_coordinate, can_read

from .models import Plan

READ_PLAN = "lanu_read_plan"  # the request's attribute of the plan the middleware read
Permission = Callable[[Any, Plan], bool]  # a person (or anonymous visitor) and the plan


def readable_plan(request, slug: str) -> Plan:
    """The plan at this address, if this person may read it (else 404: not even its name)."""
    plan = getattr(request, READ_PLAN, None)  # read already for an anonymous visitor
    if plan is None or plan.slug != slug:
        plan = get_object_or_404(Plan, slug=slug)
    if not can_read(request.user, plan):
        raise Http404
    return plan


def permitted_plan(request, slug: str, may: Permission) -> Plan:
    """The plan, if this person may do this with it: 404 if they may not even read it, else 403."""
    plan = readable_plan(request, slug)
    if not may(request.user, plan):
        raise PermissionDenied
    return plan


def coordinated_plan(request, slug: str) -> Plan:
    """The plan, if this person coordinates it: 404 if they may not even read it, else 403."""
    return permitted_plan(request, slug, can_coordinate)
