"""The plan of an editing page, if this person may edit it (lanu.accounts.permissions decides)."""

from django.core.exceptions import PermissionDenied

from lanu.accounts.permissions import can_coordinate

from .models import Plan
from .views import readable_plan


def coordinated_plan(request, slug: str) -> Plan:
    """The plan, if this person coordinates it: 404 if they may not even read it, else 403."""
    plan = readable_plan(request, slug)
    if not can_coordinate(request.user, plan):
        raise PermissionDenied
    return plan
