"""Who may make and manage a plan's feedback forms: the one place that says it.

The plan's coordinators make and manage every form of the plan; an editor the forms of
their own organisation(s), as with the actions (accounts.permissions). The share page,
the form pages and the summary ask here.
"""

from lanu.accounts.permissions import editable_organisation_ids

from .models import FeedbackForm


def may_make_forms(user, plan) -> bool:
    """Coordinators, and editors (for their organisation)."""
    organisations = editable_organisation_ids(user, plan)
    return organisations is None or bool(organisations)


def may_manage(user, form: FeedbackForm) -> bool:
    """Coordinators of the form's plan, and editors of the form's organisation."""
    organisations = editable_organisation_ids(user, form.plan)
    return organisations is None or form.organisation_id in organisations
