"""What the coordinator says about a new plan that its document does not: its name,
period and organisations. Prefilled with what the general reader guessed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lanu.lib.text import NormalTextForm

from .data import PlanData
from .general.result import PlanDetails, Reading

FIRST_YEAR, LAST_YEAR = 1990, 2100


class PlanDetailsForm(NormalTextForm, forms.Form):
    name = forms.CharField(label=_("Name of the plan"), max_length=300)
    period_start = forms.IntegerField(
        label=_("First year"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    period_end = forms.IntegerField(label=_("Last year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    organisations = forms.CharField(
        label=_("Organisations"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # the reader asks when an action has none (a MissingDetail)
        help_text=_(
            "One per line, the organisations taking part in the plan. The document has "
            "no column of organisations: the actions that no heading places under an "
            "organisation are the first one's."
        ),
    )

    def __init__(self, *args, needs_organisations: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_organisations:
            del self.fields["organisations"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last year is before the first year."))
        return cleaned

    def details(self) -> PlanDetails:
        """The valid form's values as the general reader takes them."""
        values = self.cleaned_data
        return PlanDetails(
            values["name"].strip(),
            values["period_start"],
            values["period_end"],
            lines(values.get("organisations", "")),
        )


def posted_details(posted) -> PlanDetails:
    """What the person has typed so far, kept at a redraw even when incomplete."""
    return PlanDetails(
        posted.get("name", "").strip(),
        year(posted.get("period_start", "")),
        year(posted.get("period_end", "")),
        lines(posted.get("organisations", "")),
    )


def initial(details: PlanDetails, reading: Reading) -> dict:
    """The form's values: what the person typed, else what the document suggests (the
    name as the reader makes it of the cover's, with the period if the cover has it)."""
    guesses = reading.guesses
    return {
        "name": details.name or (reading.data.name if reading.data else guesses.name),
        "period_start": details.period_start or guesses.period_start,
        "period_end": details.period_end or guesses.period_end,
        "organisations": "\n".join(details.organisations or guesses.organisations),
    }


def initial_of_plan(details: PlanDetails, data: PlanData) -> dict:
    """The form's values for a plan in Lanu's own formats: what the person typed, else
    what the plan says."""
    names = details.organisations or [organisation.name for organisation in data.organisations]
    return {
        "name": details.name or data.name,
        "period_start": details.period_start or data.period_start,
        "period_end": details.period_end or data.period_end,
        "organisations": "\n".join(names),
    }


def lines(text: str) -> list[str]:
    """The organisations typed, one per line, as `PlanDetails.organisations`."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR else None
