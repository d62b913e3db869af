"""The reports' content (lanu/reports/content.py): what the council reads, gathered once
in a fixed number of queries, whatever the format it is drawn in."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanu.followup.models import ActionReport, Submission
from lanu.followup.rounds import close_round, open_round
from lanu.followup.synthetic import build_rounds
from lanu.plans.models import SubGoal
from lanu.reports.content import Order, ReportRefused, gather, paragraphs
from tests.reports_plans import kymenlaakso_2023

pytestmark = pytest.mark.django_db


def queries(order: Order) -> int:
    with CaptureQueriesContext(connection) as captured:
        gather(order)
    return len(captured)


def test_the_kymenlaakso_evaluation_has_every_subgoal_priority_and_highlight():
    plan = kymenlaakso_2023()
    report = gather(Order(plan, "evaluation", (2023,)))
    assert report.cover.title == "Toteutumisen arviointi 2023"  # in Finnish, as the plan is
    subgoals = [s for goal in report.goals for s in goal.subgoals]
    live = SubGoal.objects.filter(goal__plan=plan, archived=False)
    assert {s.key for s in subgoals} == {s.key for s in live.select_related("goal")}
    assert sum(len(s.priorities) for s in subgoals) == 49
    assert sum(len(s.highlights) for s in subgoals) == 46
    first = subgoals[0]
    assert (first.key, first.title) == ("I.1", "Lasten ja nuorten arvostaminen")
    assert first.priorities[0].by == "Kymenlaakson ensi- ja turvakotiyhdistys ry"
    assert [level.name for level in report.levels] == [
        "Ei aloitettu", "Aloitettu", "Käynnissä", "Käytössä", "Ei toteudu", "Ei raportoitu",
    ]  # fmt: skip
    assert len(report.organisations) == plan.participations.count() == 11
    assert report.imported and report.not_reported == []  # not known: nobody is blamed
    assert report.whole.total == len(report.actions) == plan.actions.count()


def test_the_key_highlights_come_from_the_rounds_notes_as_lists():
    report = gather(Order(kymenlaakso_2023(), "evaluation", (2023,)))
    items = [item for paragraph in report.notes for item in paragraph.items]
    assert "Lapsiystävällinen kunta-prosessissa Kotka ja Hamina." in items


def test_the_indicator_annex_rates_each_linked_indicator_beside_the_reference(settings):
    from lanu.indicators.models import Area, Observation, PlanAreas

    plan = kymenlaakso_2023()
    link = plan.plan_indicators.select_related("description").order_by("description__order")[0]
    country = Observation.objects.filter(indicator=link.indicator).select_related("area").first()
    region = Area.objects.create(code="maakunta:08", kind="region", name_fi="Kymenlaakso")
    for area, year, value in ((country.area, 2023, 50), (region, 2020, 40), (region, 2023, 60)):
        Observation.objects.create(
            indicator=link.indicator, area=area, year=year, value=value,
            gender=country.gender, group=country.group,
        )  # fmt: skip
    chosen = PlanAreas.objects.create(plan=plan, reference_area=country.area)
    chosen.areas.add(region)
    link.indicator.direction = "higher"
    link.indicator.save()
    report = gather(Order(plan, "evaluation", (2023,)))
    rows = [row for row in report.indicators if row.name == str(link)]
    assert rows[0].area == "Kymenlaakso" and rows[0].year == 2023
    assert rows[0].rating == "✓ hyvä" and rows[0].rating_key == "good"
    assert (rows[0].value, rows[0].reference) == ("60", "50 (Koko maa)")
    assert rows[0].change == "+20 (2020–2023)"
    assert len({row.name for row in report.indicators}) == plan.plan_indicators.count()


def test_paragraphs_keep_lists_apart_from_text():
    found = paragraphs("Otsikko\njatkuu\n\n- yksi\n- kaksi\n\nLoppu")
    assert [(p.text, p.items) for p in found] == [
        ("Otsikko jatkuu", ()),
        ("", ("yksi", "kaksi")),
        ("Loppu", ()),
    ]


@pytest.fixture
def rounds(plan_of):
    """A plan of 14 actions in 3 organisations: 2024 and 2025 closed, 2026 open."""
    plan = plan_of(14, organisations=3, slug="vertailu")
    build_rounds(plan, years=(2024, 2025, 2026))
    return plan


def test_a_report_reads_as_many_queries_however_large_the_plan(plan_of):
    counts = []
    for size in (10, 60):
        plan = plan_of(size, organisations=4, slug=f"koko-{size}")
        build_rounds(plan, years=(2024, 2025, 2026))
        counts.append(
            [
                queries(Order(plan, "evaluation", (2025,))),
                queries(Order(plan, "plan")),
                queries(Order(plan, "comparison", (2024, 2025))),
            ]
        )
    assert counts[0] == counts[1]


def test_an_evaluation_counts_only_the_submitted_reports(rounds):
    report = gather(Order(rounds, "evaluation", (2024,)))
    submitted = {o.name for o in report.organisations if o.submitted}
    assert submitted == {"Organisaatio 1", "Organisaatio 3"}  # build_rounds: every other
    assert report.not_reported == ["Organisaatio 2"]
    unreported = {a.level.name for a in report.actions if a.organisation == "Organisaatio 2"}
    assert unreported == {"Ei raportoitu"}


@pytest.mark.parametrize(
    "kind, years, message",
    [
        ("evaluation", (2026,), "no closed follow-up round for 2026"),  # open, not closed
        ("evaluation", (2019,), "no closed follow-up round for 2019"),
        ("evaluation", (2024, 2025), "A yearly evaluation is of one year."),
        ("comparison", (2024,), "two or more closed rounds"),
    ],
)
def test_a_report_of_no_closed_round_is_refused(rounds, kind, years, message, in_english):
    with pytest.raises(ReportRefused, match=message):
        gather(Order(rounds, kind, years))


def test_a_comparison_tells_how_statuses_moved_what_never_started_and_what_ended(plan_of):
    plan = plan_of(4, organisations=1, slug="liike")
    levels = {level.name: level for level in plan.status_levels.all()} or None
    for year, statuses in ((2022, ["Aloitettu", "Ei aloitettu", "Aloitettu", None]),
                           (2023, ["Käytössä", "Ei aloitettu", "Aloitettu", None])):  # fmt: skip
        round_ = open_round(plan, year, date(year + 1, 1, 1), date(year + 1, 2, 1))
        levels = {level.name: level for level in plan.status_levels.all()}
        for action, status in zip(plan.actions.order_by("order"), statuses, strict=True):
            ending = ActionReport.Continuation.ENDS if (year, action.order) == (2023, 2) else ""
            ActionReport.objects.create(
                round=round_, action=action, status=levels.get(status), continuation=ending
            )
        Submission.objects.create(round=round_, organisation=plan.organisations.get())
        close_round(round_)
    report = gather(Order(plan, "comparison", (2022, 2023)))
    moved = {(m.before.name, m.after.name): m.count for m in report.movements}
    assert moved == {
        ("Aloitettu", "Käytössä"): 1,
        ("Ei aloitettu", "Ei aloitettu"): 1,
        ("Aloitettu", "Aloitettu"): 1,
        ("Ei raportoitu", "Ei raportoitu"): 1,
    }
    assert [a.number for a in report.never_started] == [2, 4]
    assert [(a.number, a.values) for a in report.ended] == [(3, ("2023",))]
    assert [y.year for y in report.trend] == [2022, 2023]


def test_the_plan_document_groups_each_goals_actions_by_organisation(plan_of):
    plan = plan_of(12, organisations=3, slug="asiakirja")
    report = gather(Order(plan, "plan"))
    assert report.multi_organisational
    assert report.labels["goal"] == "Päätavoite"
    for goal in report.goals:
        names = [group.name for group in goal.organisations]
        assert names == sorted(names) and len(set(names)) == len(names)
        for group in goal.organisations:
            assert all(goal.number + "." in a.subgoals for a in group.actions)
    listed = {a.number for goal in report.goals for g in goal.organisations for a in g.actions}
    assert listed == set(range(1, 13))
