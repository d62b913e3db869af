"""/plans/SLUG/export.json: the full export for those who may have it, else the public one."""

from lanu.accounts.permissions import can_export_everything
from lanu.lib.exporters import streaming_response
from lanu.plans import views as plan_views
from lanu.plans.access import readable_plan

from .export import FullJson


def export_json(request, slug):
    plan = readable_plan(request, slug)
    if not can_export_everything(request.user, plan):
        return plan_views.export_json(request, slug)
    exporter = FullJson()
    response = streaming_response(exporter, plan, exporter.filename(f"{plan.slug}-full"))
    response["Cache-Control"] = "private, no-store"  # it names people and holds drafts
    return response
