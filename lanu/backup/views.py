"""/plans/SLUG/export.json: the full export for those who may have it, else the public one."""

from django.http import JsonResponse

from lanu.accounts.permissions import can_export_everything
from lanu.plans import views as plan_views
from lanu.plans.access import readable_plan

from .export import export_backup


def export_json(request, slug):
    plan = readable_plan(request, slug)
    if not can_export_everything(request.user, plan):
        return plan_views.export_json(request, slug)
    response = JsonResponse(export_backup(plan), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-full.json"'
    response["Cache-Control"] = "private, no-store"  # it names people and holds drafts
    return response
