"""Text from documents and users is shown as text on every page, never run as markup."""

import pytest
from django.urls import URLPattern, get_resolver

from lanu.importers.data import (
    ActionData,
    GoalData,
    IndicatorDescriptionData,
    MetricData,
    OrganisationData,
    PlanData,
    SectionData,
    SubGoalData,
)
from lanu.importers.save import save_plan

pytestmark = pytest.mark.django_db

PAYLOADS = ('<script>alert("x")</script>', "<img src=x onerror=alert(1)>")
RAW = ("<script>alert", "<img src=x onerror")


def evil(label: str) -> str:
    return f"{label} {PAYLOADS[0]} {PAYLOADS[1]} \"'&"


def evil_plan():
    names = [evil("Organisaatio A"), evil("Organisaatio B")]  # evil() keeps the label first
    subgoals = [SubGoalData("1", evil("sub"), evil("sub text"), evil("sub notes"))]
    data = PlanData(
        name=evil("Suunnitelma"),
        period_start=2024,
        period_end=2026,
        region=evil("Alue"),
        published=True,
        notes=evil("notes"),
        goal_label=evil("Päätavoite"),
        subgoal_label=evil("Välitavoite"),
        action_label=evil("Toimenpide"),
        approved_by=evil("valtuusto"),
        organisations=[
            OrganisationData(n, evil("lyhyt"), "ngo", [evil(f"alias {i}")])
            for i, n in enumerate(names)
        ],
        sections=[SectionData(evil("Johdanto"), evil("body"), "introduction")],
        indicators=[IndicatorDescriptionData(evil("ind"), 1, evil("group"), evil("d"), evil("s"))],
        goals=[GoalData("I", evil("goal"), evil("goal text"), evil("goal notes"), subgoals)],
        actions=[evil_action(name) for name in names],
    )
    return save_plan(data, slug="evil")


def evil_action(organisation: str) -> ActionData:
    return ActionData(
        organisation=organisation,
        subgoals=["I.1"],
        description=evil("kuvaus") + "\n\n" + evil("toinen kappale"),
        items=[evil("kohta 1"), evil("kohta 2")],
        metrics=[MetricData(evil("mittari"), True), MetricData(evil("mittari 2"))],
        schedule=evil("aikataulu"),
        responsible=evil("vastuu") + "\n" + evil("toinen"),
        monitoring=evil("seuranta"),
        notes=evil("huom"),
        ease="easy",
        impact="high",
    )


def plan_page_urls(plan) -> list[str]:
    """Every page under /plans/ that takes a plan and at most one object, for this plan."""
    objects = {
        "subgoals": plan.goals.first().subgoals.first().pk,
        "goals": plan.goals.first().pk,
        "actions": plan.actions.first().pk,
        "organisations": plan.organisations.first().pk,
    }
    urls = []
    for pattern in get_resolver().url_patterns[0].url_patterns:  # i18n_patterns
        if getattr(pattern, "namespace", None) == "plans":
            urls += [url for p in pattern.url_patterns if (url := fill(p, plan, objects))]
    return urls


def fill(pattern: URLPattern, plan, objects) -> str | None:
    route = str(pattern.pattern)
    if "<slug:slug>" not in route or route.endswith((".csv", ".xlsx", ".json")):
        return None
    url = "/plans/" + route.replace("<slug:slug>", plan.slug)
    if "<int:pk>" in url:
        kind = url.split("/<int:pk>")[0].rsplit("/", 1)[-1]
        if kind not in objects:
            return None
        url = url.replace("<int:pk>", str(objects[kind]))
    return None if "<" in url else url


def test_every_page_shows_the_payloads_as_text(client, django_user_model):
    plan = evil_plan()
    coordinator = django_user_model.objects.create_superuser("root", "root@example.fi", "x")
    client.force_login(coordinator)  # sees the editing pages too
    urls = ["/plans/"] + plan_page_urls(plan)
    assert len(urls) >= 6
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        for raw in RAW:
            assert raw not in response.text, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.text, url
