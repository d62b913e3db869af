"""The reports page of a plan: each report in each format, a click away; the comparison
of closed rounds chosen in a form. Whoever may read the plan may have its reports: a
report holds only what is public (content.py), as the plan's progress page does."""

from typing import cast

from django import forms
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from lanu.lib.exporters import streaming_response
from lanu.plans.access import readable_plan

from .content import Order
from .exporters import REPORT_EXPORTERS

FORMAT_NAMES = {
    "docx": gettext_lazy("Word"),
    "pdf": gettext_lazy("PDF"),
    "html": gettext_lazy("Web page"),
    "xlsx": gettext_lazy("Excel"),
}
KIND_NAMES = {
    "evaluation": gettext_lazy("Yearly evaluation"),
    "plan": gettext_lazy("Plan document"),
    "comparison": gettext_lazy("Comparison of years (mid-term or final evaluation)"),
}


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Report"), choices=list(KIND_NAMES.items()))
    year = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Years"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy(
                "The plan has no closed follow-up round for %(value)s: an evaluation is "
                "made of a closed round."
            )
        },
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=list(FORMAT_NAMES.items()),
        error_messages={
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not a format of the reports: choose Word, PDF, a web page or Excel."
            )
        },
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["year"])
        field.choices = [(year, str(year)) for year in years]

    def clean(self):
        data = super().clean()
        kind, years = data.get("kind"), data.get("year") or []
        if kind == "evaluation" and len(years) != 1:
            self.add_error("year", _("Choose one year for a yearly evaluation."))
        if kind == "comparison" and len(years) < 2:
            self.add_error("year", _("Choose two or more years to compare."))
        if kind == "plan":
            data["year"] = []
        return data


@require_GET
def reports(request, slug):
    """The page (GET without `format`), or the report asked for, downloaded."""
    plan = readable_plan(request, slug)
    years = list(plan.rounds.filter(state="closed").order_by("year").values_list("year", flat=True))
    if "format" not in request.GET:
        return page(request, plan, years, ReportForm(years=years, initial=initial(years)))
    form = ReportForm(request.GET, years=years)
    if not form.is_valid():
        return page(request, plan, years, form, status=400)
    data = form.cleaned_data
    order = Order(plan, data["kind"], tuple(sorted(data["year"])))
    exporter = REPORT_EXPORTERS.get(data["format"])
    return streaming_response(exporter, order, exporter.filename(order.stem))


def initial(years: list[int]) -> dict:
    return {"kind": "comparison", "year": years[-2:] if len(years) > 1 else [], "format": "docx"}


def page(request, plan, years, form, status=200):
    formats = [(name, FORMAT_NAMES[name]) for name in REPORT_EXPORTERS.names()]
    context = {"plan": plan, "years": list(reversed(years)), "formats": formats, "form": form}
    context["kinds"] = KIND_NAMES
    return render(request, "reports/reports.html", context, status=status)


app_name = "reports"
urlpatterns = [path("", reports, name="reports")]
