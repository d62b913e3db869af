"""The search page (/search/): the words of every plan the person may read found in any
inflected form, grouped by plan and organisation, with filters and pages."""

from django.shortcuts import render
from django.utils.http import urlencode

from lanu.accounts.permissions import readable_plans
from lanu.plans.finding import PlanSearch, pagination
from lanu.plans.models import Plan

from .fulltext import search
from .search_forms import SearchForm


class SearchAddress(PlanSearch):
    """The search's parameters for the pages' links (plans.finding.pagination)."""

    def __init__(self, data: dict):
        super().__init__()
        self.data = data

    def query_string(self, **more) -> str:
        fields = {**self.data, **more}
        return urlencode({name: value for name, value in fields.items() if value})


def search_page(request):
    plans = Plan.objects.filter(readable_plans(request.user))
    form = SearchForm(plans, request.GET if request.GET else None)
    results, links = None, None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        page = request.GET.get("page", 1)
        results = search(form.cleaned_data["q"], request.user, form.filters(), page)
        if results.page is not None:
            asked = {name: request.GET.get(name, "") for name in form.fields}
            links = pagination(results.page, SearchAddress(asked))
    context = {"form": form, "results": results, "pagination": links}
    return render(request, "search/search.html", context, status=400 if form.errors else 200)
