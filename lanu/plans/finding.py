"""The plan list's search, region filter and pages: usable with every plan of the country.

A person finds a plan by a word of its name, its region or one of its organisations,
or picks a region; the list shows PLANS_PER_PAGE plans a page. Four queries however
many plans there are: the regions, the number found, the page, and its action counts.
"""

from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from .models import Action, Participation, Plan

PLANS_PER_PAGE = 25
LONGEST_SEARCH = 200  # characters of a search kept


@dataclass
class PlanSearch:
    """What the person asked for: words to find and a region (both may be empty)."""

    text: str = ""
    region: str = ""

    @classmethod
    def of(cls, request) -> "PlanSearch":
        text = " ".join(request.GET.get("q", "").split())[:LONGEST_SEARCH]
        return cls(text=text, region=request.GET.get("region", "").strip())

    @property
    def active(self) -> bool:
        return bool(self.text or self.region)

    def filter(self, plans: QuerySet[Plan]) -> QuerySet[Plan]:
        if self.region:
            plans = plans.filter(region=self.region)
        if self.text:
            plans = plans.filter(matching(self.text))
        return plans

    def query_string(self, **more) -> str:
        """The search's address parameters, with `more` (a page number), for links."""
        fields = {"q": self.text, "region": self.region, **more}
        return urlencode({name: value for name, value in fields.items() if value})


def matching(text: str) -> Q:
    """Plans whose name, region or an organisation's name contains the text."""
    # The organisations' names are read once, not once for each plan (330 with the country).
    taking_part = Participation.objects.filter(organisation__name__icontains=text)
    return (
        Q(name__icontains=text)
        | Q(region__icontains=text)
        | Q(pk__in=taking_part.values("plan_id"))
    )


def plan_regions(plans: QuerySet[Plan]) -> list[str]:
    """The regions of these plans, each once, in alphabetical order."""
    regions = plans.exclude(region="").order_by("region").values_list("region", flat=True)
    return list(regions.distinct())


class ListedPlan(NamedTuple):
    """A plan of the list, with the number of its live actions."""

    plan: Plan
    action_count: int


def plan_page(plans: QuerySet[Plan], search: PlanSearch, number) -> tuple[Page, list[ListedPlan]]:
    """One page of the plans found, and its plans as ListedPlans."""
    found = search.filter(plans).order_by("-period_start", "name", "pk")
    page = Paginator(found, PLANS_PER_PAGE).get_page(number)
    shown = list(page.object_list)
    counts = action_counts([plan.pk for plan in shown])
    return page, [ListedPlan(plan, counts.get(plan.pk, 0)) for plan in shown]


def action_counts(plan_ids: list[int]) -> dict[int, int]:
    rows = (
        Action.objects.filter(plan_id__in=plan_ids, archived=False)
        .values_list("plan_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


@dataclass
class PageLink:
    """A link of the pagination: a page's number and address, or a gap (number None)."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass
class Pagination:
    """Links to the first and last pages and those near this one, the previous and next."""

    links: list[PageLink]
    previous_url: str = ""
    next_url: str = ""


def pagination(page: Page, search: PlanSearch) -> Pagination | None:
    """The page's pagination, or None when all plans found fit on one page."""
    if page.paginator.num_pages < 2:
        return None
    url = lambda number: f"?{search.query_string(page=number)}"  # noqa: E731
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    links = [
        PageLink(number, url(number), number == page.number)
        if isinstance(number, int)
        else PageLink(None)
        for number in numbers
    ]
    return Pagination(
        links,
        previous_url=url(page.previous_page_number()) if page.has_previous() else "",
        next_url=url(page.next_page_number()) if page.has_next() else "",
    )
