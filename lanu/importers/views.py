"""Uploading a plan or an action spreadsheet: a preview first, then one transaction.

The upload is read at once: a file that cannot be read is refused on the upload page
with every problem, and nothing is kept. A readable file is kept as a PendingImport,
as read (kept.py): a document people write as its Document, a plan in Lanu's own
formats as its PlanData (refused only for what the person cannot give). The preview
shows the plan; for a document, the person gives the columns their roles and the plan
its name, period and organisations, and the preview is drawn again from the kept
Document (a redraw: a POST to the preview); a plan that does not say its name, period
or organisation is asked for them with the same form.
Only the owner can confirm, which writes everything in one transaction (or nothing),
keeps the roles chosen with the new plan (ImportLayout), and deletes the upload.
An action spreadsheet into an existing plan is read again at the confirmation: it is
compared with the plan as it is then.
"""

from dataclasses import dataclass
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lanu.accounts.memberships import add_member
from lanu.accounts.models import Membership
from lanu.accounts.permissions import can_coordinate, can_create_plans
from lanu.history.models import Change
from lanu.history.records import record
from lanu.plans import spreadsheets
from lanu.plans.access import coordinated_plan
from lanu.plans.models import Plan

from . import files, kept, preview, read_changes_bytes, read_general, read_new_plan
from . import forms as details_forms
from .data import ImportRefused, PlanData, check_plan
from .details import MissingDetail, apply_details, missing_details
from .general.document import Document
from .general.result import Choices, Reading
from .layouts import keep_layouts, known_layouts
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
        try:
            pending = read_upload(upload.read(), upload.name[:255], plan)
        except ImportRefused as refused:
            problems = refused.problems
            form.add_error("file", _("The file cannot be imported: nothing was saved."))
        else:
            PendingImport.forget_old()
            pending.user = request.user
            pending.save()
            return redirect("plans:import-preview", pending.pk)
    context = {"form": form, "plan": plan, "problems": problems}
    return render(request, "importers/upload.html", context)


def too_large(request) -> bool:
    """A request body over the limit (and a little for the form) is refused unread."""
    length = str(request.META.get("CONTENT_LENGTH") or "0")
    limit = files.max_bytes() + 64 * 1024
    return request.method == "POST" and length.isdigit() and int(length) > limit


def read_upload(raw: bytes, name: str, plan: Plan | None) -> PendingImport:
    """The file read once, as the pending upload keeps it (not yet saved)."""
    pending = PendingImport(plan=plan, file_name=name)
    if plan:
        read_changes_bytes(raw, name, plan)  # refused now, not at the preview
        pending.content = raw
        return pending
    keep_read(pending, read_new_plan(raw, name))
    return pending


def keep_read(pending: PendingImport, found: Document | PlanData) -> None:
    """Keep the file as read, not its bytes: nothing reads them again."""
    if isinstance(found, Document):
        pending.document = found.to_json()
    else:
        pending.data = kept.plan_to_json(found)
    pending.content = b""


def own_pending(request, pk: int) -> PendingImport:
    """The user's own pending upload; another's does not exist for them."""
    pending = get_object_or_404(PendingImport.objects.select_related("plan"), pk=pk)
    if pending.user_id != request.user.pk or not allowed(request.user, pending.plan):
        raise Http404
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def preview_upload(request, pk):
    """The preview; posted, the person's choices for a document, and the preview again."""
    pending = own_pending(request, pk)
    if pending.plan:
        return changes_preview(request, pending)
    try:
        read_kept_bytes(pending)
    except ImportRefused as refused:
        return refused_page(request, pending, refused)
    if pending.document is None:
        if request.method == "POST":
            keep_details(request, pending)
        return plan_preview(request, pending)
    role_errors = keep_choices(request, pending).refused if request.method == "POST" else []
    return document_preview(request, pending, role_errors=role_errors)


def read_kept_bytes(pending: PendingImport) -> None:
    """A new plan's upload kept before uploads were kept as read (its bytes only) is
    read now, once, and kept as read."""
    if pending.plan or pending.data is not None or pending.document is not None:
        return
    found = read_new_plan(bytes(pending.content), pending.file_name)
    keep_read(pending, found)
    pending.save()


def changes_preview(request, pending: PendingImport):
    """An action spreadsheet into a plan: what changes, compared with the plan now."""
    try:
        found = read_changes_bytes(bytes(pending.content), pending.file_name, pending.plan)
    except ImportRefused as refused:
        return refused_page(request, pending, refused)
    goals, organisations = preview.changes_counts(found)
    context = {"goals": goals, "organisations": organisations, "found": found}
    return preview_page(request, pending, context)


def plan_preview(request, pending: PendingImport, form=None, unanswered=(), status=200):
    """A new plan in Lanu's own formats: the plan, and its organisations to decide on; and
    when it does not say its name, period or organisation, the form that gives them (as
    for a document), prefilled with what it says, and the plan with what was typed."""
    data = kept.plan_from_json(kept_plan(pending))
    asked = details_asked(data)
    if not asked:
        return preview_page(request, pending, plan_context(request, data, unanswered), status)
    details = kept.choices_from_json(pending.choices).details
    if form is None:
        initial = details_forms.initial_of_plan(details, data)
        form = details_forms.PlanDetailsForm(
            initial=initial, needs_organisations="organisation" in asked
        )
    data = apply_details(data, details)
    problems = check_plan(data)
    context = {
        **plan_context(request, data, unanswered),
        "details": form,
        "problems": problems,
        "details_missing": any(isinstance(problem, MissingDetail) for problem in problems),
    }
    return preview_page(request, pending, context, status)


def details_asked(data: PlanData) -> set[str]:
    """What the plan as read does not say ("name", "period", "organisation"): the preview
    asks for it, the confirmation needs it."""
    return {problem.detail for problem in missing_details(data)}


def keep_details(request, pending: PendingImport) -> None:
    """Keep the name, period and organisations posted with a plan's preview, even when
    incomplete (a redraw shows the plan with them)."""
    choices = kept.choices_from_json(pending.choices)
    choices.details = details_forms.posted_details(request.POST)
    pending.choices = kept.choices_to_json(choices)
    pending.save(update_fields=["choices"])


def plan_context(request, data: PlanData | None, unanswered=()) -> dict:
    if data is None:
        return {"data": None, "tree": [], "organisations": [], "decisions": [], "unanswered": ()}
    return {
        "data": data,
        "tree": preview.goal_tree(data),
        "organisations": preview.organisation_counts(data),
        "decisions": preview.organisation_decisions(data, request.user, request.POST),
        "unanswered": unanswered,
    }


def preview_page(request, pending: PendingImport, context: dict, status: int = 200):
    context = {"pending": pending, "plan": pending.plan, **context}
    return render(request, "importers/preview.html", context, status=status)


# A document: read with the person's choices, from the kept Document ----------------------


def reading_of(pending: PendingImport, choices: Choices, known: dict) -> Reading:
    document = cast(dict, pending.document)  # a document's upload keeps it, read once
    return read_general(Document.from_json(document), choices, known)


def kept_plan(pending: PendingImport) -> dict:
    """The plan kept as read: a new plan's upload in Lanu's own formats has it (one kept
    before uploads were kept as read is read first, by read_kept_bytes)."""
    return cast(dict, pending.data)


@dataclass
class Posted:
    """The preview's form as posted: the choices now kept, whether they change how the
    document is read, the roles refused and why, and the reading before the post."""

    choices: Choices
    changed: bool
    refused: list[str]
    reading: Reading


def keep_choices(request, pending: PendingImport) -> Posted:
    """Keep the choices posted with the preview's form with the upload."""
    before = kept.choices_from_json(pending.choices)
    reading = reading_of(pending, before, known_layouts(request.user))
    choices, refused = preview.posted_reading_choices(reading, request.POST, before)
    choices.details = details_forms.posted_details(request.POST)
    split = preview.split_flags(reading, choices, kept.split_flags_from_json(pending.choices))
    pending.choices = kept.choices_to_json(choices, split)
    pending.save(update_fields=["choices"])
    changed = (choices.roles, choices.split_bullets) != (before.roles, before.split_bullets)
    return Posted(choices, changed, refused, reading)


def document_preview(request, pending: PendingImport, form=None, status=200, **said):
    """The plan as read from the document with the person's choices so far; `said`:
    why nothing was saved (notice, unanswered) or roles were not taken (role_errors)."""
    choices = kept.choices_from_json(pending.choices)
    known = known_layouts(request.user)
    reading = reading_of(pending, choices, known)
    needs = needs_organisations(reading)
    if form is None:
        initial = details_forms.initial(choices.details, reading)
        form = details_forms.PlanDetailsForm(initial=initial, needs_organisations=needs)
    context = {
        **plan_context(request, reading.data, said.get("unanswered", ())),
        "reading": reading,
        **preview.tables_shown(reading, known),
        "role_labels": preview.ROLE_LABELS,
        "details": form,
        "flags": preview.flags_shown(reading, kept.split_flags_from_json(pending.choices)),
        "split": choices.split_bullets,
        "notice": said.get("notice", ""),
        "role_errors": said.get("role_errors", ()),
        "problems": reading.problems,
        "details_missing": any(isinstance(p, MissingDetail) for p in reading.problems),
        "roles_wanting": any(not isinstance(p, MissingDetail) for p in reading.problems),
    }
    return preview_page(request, pending, context, status)


def needs_organisations(reading: Reading) -> bool:
    """Without an organisation column, the person may name the plan's organisations."""
    tables = [table for table in reading.tables if table.is_action_table]
    return not any(column.role == "organisation" for t in tables for column in t.columns)


def refused_page(request, pending: PendingImport, refused: ImportRefused):
    context = {"plan": pending.plan, "problems": refused.problems, "form": UploadForm()}
    return render(request, "importers/upload.html", context, status=400)


# Confirming --------------------------------------------------------------------------------


@login_required
@require_POST
def confirm_upload(request, pk):
    pending = own_pending(request, pk)
    try:
        if pending.plan:
            return imported(request, pending, confirm_changes(request, pending, pending.plan))
        read_kept_bytes(pending)
        if pending.document is None:
            return confirm_plan(request, pending)
        return confirm_document(request, pending)
    except ImportRefused as refused:
        return refused_page(request, pending, refused)


def imported(request, pending: PendingImport, plan: Plan):
    messages.success(request, _("The file “%s” was imported.") % pending.file_name)
    return redirect(plan)


def confirm_changes(request, pending: PendingImport, plan: Plan) -> Plan:
    from .changes import apply_changes

    # Read before the transaction, which on SQLite holds the write lock every other
    # save waits for; what changed meanwhile refuses the write (versions, look-ups).
    found = read_changes_bytes(bytes(pending.content), pending.file_name, plan)
    with transaction.atomic():
        apply_changes(found, request.user)
        pending.delete()
    return plan


def confirm_plan(request, pending: PendingImport):
    """Save a plan in Lanu's own formats; one that does not say its name, period or
    organisation with what the person gave, once the plan is whole; or the preview
    again, keeping what was typed and saying why not."""
    data = kept.plan_from_json(kept_plan(pending))
    asked = details_asked(data)
    form = None
    if asked:
        keep_details(request, pending)
        needs = "organisation" in asked
        form = details_forms.PlanDetailsForm(request.POST, needs_organisations=needs)
        if not form.is_valid():
            return plan_preview(request, pending, form, status=400)
        data = apply_details(data, form.details())
        if check_plan(data):
            return plan_preview(request, pending, form, status=400)
    plan, unanswered = write_plan(request, pending, data)
    if unanswered:
        return plan_preview(request, pending, form, unanswered, status=400)
    return imported(request, pending, plan)


def confirm_document(request, pending: PendingImport):
    """Save the plan as the preview showed it; or the preview again, saying why not."""
    posted = keep_choices(request, pending)
    if posted.refused:
        return document_preview(request, pending, role_errors=posted.refused, status=400)
    if posted.changed:
        notice = _(
            "You changed how the document is read, so nothing was saved yet: check the plan "
            "below, then confirm."
        )
        return document_preview(request, pending, notice=notice, status=400)
    needs = needs_organisations(posted.reading)
    form = details_forms.PlanDetailsForm(request.POST, needs_organisations=needs)
    if not form.is_valid():
        return document_preview(request, pending, form, status=400)
    choices, known = posted.choices, known_layouts(request.user)
    choices.details = form.details()
    reading = reading_of(pending, choices, known)
    if reading.data is None or reading.problems:
        return document_preview(request, pending, form, status=400)
    layouts = preview.layouts_chosen(reading, choices, known)
    plan, unanswered = write_plan(request, pending, reading.data, layouts)
    if unanswered:
        return document_preview(request, pending, form, unanswered=unanswered, status=400)
    return imported(request, pending, plan)


def write_plan(request, pending: PendingImport, data: PlanData, layouts=None):
    """Write the new plan (and the layouts chosen for it), unless the choice of an
    existing organisation is unanswered: (the plan, ()) or (None, the unanswered)."""
    with transaction.atomic():
        choices, unanswered = preview.posted_choices(data, request.user, request.POST)
        if unanswered:
            return None, unanswered
        plan = save_plan(data, choices=choices)
        record(request.user, plan, Change.Kind.CREATED, plan)
        add_member(plan, request.user, Membership.Role.COORDINATOR, None, request.user)
        keep_layouts(plan, layouts or {})
        pending.delete()
    return plan, ()


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
