"""The column roles kept with a plan (ImportLayout), by the tables' signatures: read
before a document is read, written with the plan its import created. One place for the
web preview and the import-plan command, so that both keep and find them alike."""

from lanu.accounts.models import Membership
from lanu.plans.models import Plan

from .models import ImportLayout


def known_layouts(user=None) -> dict[str, list[str]]:
    """The roles chosen at earlier imports, by the tables' signatures (the newest choice
    of a signature wins): of the plans the user coordinates, or of every plan for an
    administrator and for the command line (user None)."""
    layouts = ImportLayout.objects.order_by("updated")
    if user is not None and not user.is_superuser:
        coordinated = Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR)
        layouts = layouts.filter(plan__in=coordinated.values("plan"))
    return {layout.signature: layout.roles for layout in layouts}


def keep_layouts(plan: Plan, layouts: dict[str, list[str]]) -> None:
    """Keep the roles of each signature with the plan (replacing the plan's earlier ones)."""
    for signature, roles in layouts.items():
        ImportLayout.objects.update_or_create(
            plan=plan, signature=signature, defaults={"roles": roles}
        )
