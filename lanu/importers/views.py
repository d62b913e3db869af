"""Uploading a plan or an action spreadsheet: a preview first, then one transaction.

The upload is read at once: a file that cannot be imported is refused on the upload
page with every problem, and nothing is kept. A readable file is kept as a
PendingImport and previewed; only its owner can confirm it, which reads it again
and writes everything in one transaction (or nothing), then deletes it.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lanu.accounts.models import Membership
from lanu.accounts.permissions import can_coordinate, can_create_plans
from lanu.history.models import Change
from lanu.history.records import record
from lanu.plans import spreadsheets
from lanu.plans.models import Plan

from . import files, preview, read_changes_bytes, read_plan_bytes
from .data import ImportRefused
from .models import PendingImport
from .save import save_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A Word plan (.docx), an Excel action template (.xlsx), a CSV export, a text "
            "document or Lanu's JSON export; at most 20 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            files.check_size(upload.size, upload.name)
        except ImportRefused as refused:
            raise forms.ValidationError(refused.problems[0].message) from None
        return upload


def template_xlsx(request):
    """The empty action template: instructions, goals and actions sheets."""
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="lanu-template.xlsx"'
    spreadsheets.write_xlsx(response, None, [])
    return response


def coordinated_plan(request, slug: str) -> Plan:
    plan = get_object_or_404(Plan, slug=slug)
    if not can_coordinate(request.user, plan):
        raise PermissionDenied
    return plan


def allowed(user, plan: Plan | None) -> bool:
    return can_coordinate(user, plan) if plan else can_create_plans(user)


@login_required
def upload_new(request):
    if not can_create_plans(request.user):
        raise PermissionDenied
    return upload(request, None)


@login_required
def upload_into(request, slug):
    return upload(request, coordinated_plan(request, slug))


def upload(request, plan: Plan | None):
    if too_large(request):
        form = UploadForm(data={})  # the body is not read: the form is not filled in
        form.is_valid()
        form.errors.clear()
        message = _("The file is too large: the limit is %d MB.") % (files.max_bytes() >> 20)
        form.add_error(None, message)
        return render(request, "importers/upload.html", {"form": form, "plan": plan}, status=413)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read()
        try:
            read(raw, upload.name, plan)
        except ImportRefused as refused:
            problems = refused.problems
            form.add_error("file", _("The file cannot be imported: nothing was saved."))
        else:
            PendingImport.forget_old()
            pending = PendingImport.objects.create(
                user=request.user, plan=plan, file_name=upload.name[:255], content=raw
            )
            return redirect("plans:import-preview", pending.pk)
    context = {"form": form, "plan": plan, "problems": problems}
    return render(request, "importers/upload.html", context)


def too_large(request) -> bool:
    """A request body over the limit (and a little for the form) is refused unread."""
    length = str(request.META.get("CONTENT_LENGTH") or "0")
    limit = files.max_bytes() + 64 * 1024
    return request.method == "POST" and length.isdigit() and int(length) > limit


def read(raw: bytes, name: str, plan: Plan | None):
    return read_changes_bytes(raw, name, plan) if plan else read_plan_bytes(raw, name)


def own_pending(request, pk: int) -> PendingImport:
    """The user's own pending upload; another's does not exist for them."""
    pending = get_object_or_404(PendingImport.objects.select_related("plan"), pk=pk)
    if pending.user_id != request.user.pk or not allowed(request.user, pending.plan):
        raise PermissionDenied
    return pending


@login_required
def preview_upload(request, pk):
    pending = own_pending(request, pk)
    try:
        found = read(bytes(pending.content), pending.file_name, pending.plan)
    except ImportRefused as refused:
        return refused_page(request, pending, refused)
    return preview_page(request, pending, found)


def preview_page(request, pending: PendingImport, found, unanswered=(), status: int = 200):
    """What the upload would do; for a new plan, its organisations to decide on."""
    if pending.plan:
        goals, organisations = preview.changes_counts(found)
        decisions = []
    else:
        goals, organisations = preview.plan_counts(found)
        decisions = preview.organisation_decisions(found, request.user, request.POST)
    context = {
        "pending": pending,
        "plan": pending.plan,
        "found": found,
        "goals": goals,
        "organisations": organisations,
        "decisions": decisions,
        "unanswered": unanswered,
    }
    return render(request, "importers/preview.html", context, status=status)


def refused_page(request, pending: PendingImport, refused: ImportRefused):
    context = {"plan": pending.plan, "problems": refused.problems, "form": UploadForm()}
    return render(request, "importers/upload.html", context, status=400)


@login_required
@require_POST
def confirm_upload(request, pk):
    pending = own_pending(request, pk)
    try:
        # Read before the transaction, which on SQLite holds the write lock every other
        # save waits for; what changed meanwhile refuses the write (versions, look-ups).
        found = read(bytes(pending.content), pending.file_name, pending.plan)
        with transaction.atomic():
            choices, unanswered = preview.posted_choices(found, request.user, request.POST)
            if unanswered:
                return preview_page(request, pending, found, unanswered, status=400)
            target = write(found, pending, request.user, choices)
            pending.delete()
    except ImportRefused as refused:
        return refused_page(request, pending, refused)
    messages.success(request, _("The file “%s” was imported.") % pending.file_name)
    return redirect(target)


def write(found, pending: PendingImport, user, choices=None) -> Plan:
    from .changes import apply_changes

    if pending.plan:
        apply_changes(found, user)
        return pending.plan
    plan = save_plan(found, choices=choices)
    Membership.objects.create(user=user, plan=plan, role=Membership.Role.COORDINATOR)
    record(user, plan, Change.Kind.CREATED, plan)
    return plan


@login_required
@require_POST
def cancel_upload(request, pk):
    pending = own_pending(request, pk)
    plan = pending.plan
    pending.delete()
    messages.info(request, _("The upload was cancelled: nothing was saved."))
    return redirect(plan or "plans:list")


urlpatterns = [
    path("template.xlsx", template_xlsx, name="import-template"),
    path("import/", upload_new, name="import"),
    path("import/<int:pk>/", preview_upload, name="import-preview"),
    path("import/<int:pk>/confirm/", confirm_upload, name="import-confirm"),
    path("import/<int:pk>/cancel/", cancel_upload, name="import-cancel"),
    path("<slug:slug>/import/", upload_into, name="import-into"),
]
