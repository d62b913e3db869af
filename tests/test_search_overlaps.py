"""The coordinators' overlap review (/plans/SLUG/overlaps/): candidate pairs decided
"same work", "related" or "different", the plan's overlap count falling with each
decision, the decisions kept; used as a coordinator uses it, through the pages."""

import pytest
from django.urls import reverse

from lanu.plans.models import Action
from lanu.search.models import OverlapDecision

from .overlap_data import overlapping
from .personas import PERSONAS, as_persona

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def actions(people):
    return overlapping(people.plan)


@pytest.fixture
def alice(client, people):
    client.force_login(people.alice)
    return client


def page(client, people, query: str = ""):
    response = client.get(reverse("search-plan:overlaps", args=[people.plan.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def decide(client, people, first, second, verdict, **extra):
    data = {"first": first.pk, "second": second.pk, "verdict": verdict, **extra}
    return client.post(reverse("search-plan:overlap-decide", args=[people.plan.slug]), data)


def undo(client, people, first, second):
    data = {"first": first.pk, "second": second.pk}
    return client.post(reverse("search-plan:overlap-undo", args=[people.plan.slug]), data)


def count_of(html: str) -> tuple[str, str]:
    """The page's two overlap figures, as it writes them."""
    start = html.index('class="facts overlap-count"')
    block = html[start : html.index("</dl>", start)]
    figures = [part.split("</dd>")[0] for part in block.split("<dd>")[1:]]
    return figures[0], figures[1]


def test_overlaps_page_lists_the_pairs_of_the_same_work_with_both_texts(alice, people, actions):
    html = page(alice, people)
    assert count_of(html) == ("3 pairs", "0 pairs")
    assert "Koulukiusaamisen ehkäiseminen" in html and "Kiusaamista ehkäistään" in html
    assert "Organisaatio 1" in html and "Organisaatio 2" in html
    assert "very similar" in html and "Shared words:" in html and "kiusata" in html
    assert "Nuorisovaltuuston kuuleminen" in html
    assert "Kesätyöpaikat" not in html  # nothing like it: no pair
    assert "each decision takes one pair off it" in html  # the count's definition


@pytest.mark.parametrize("name, expected", PERSONAS)
def test_overlaps_page_is_for_the_plans_coordinators(client, people, name, expected):
    response = as_persona(client, people, name).get(
        reverse("search-plan:overlaps", args=[people.plan.slug])
    )
    assert response.status_code == (200 if expected == "done" else expected)


@pytest.mark.parametrize("name, expected", PERSONAS)
def test_overlaps_decision_is_refused_to_all_but_coordinators(
    client, people, actions, name, expected
):
    response = decide(as_persona(client, people, name), people, actions[0], actions[1], "same_work")
    assert response.status_code == (302 if expected == "done" else expected)
    assert OverlapDecision.objects.exists() == (expected == "done")


def test_overlaps_same_work_takes_the_pair_off_to_review(alice, people, actions):
    response = decide(alice, people, actions[1], actions[0], "same_work")
    assert response.status_code == 302
    assert (
        response.url == reverse("search-plan:overlaps", args=[people.plan.slug]) + "?threshold=0.30"
    )
    html = alice.get(response.url).content.decode()
    assert count_of(html) == ("2 pairs", "1 pair")
    assert "Koulukiusaamisen ehkäiseminen" not in html.split('id="pairs"')[1]
    assert "“Koulukiusaamisen ehkäiseminen KiVa-ohjelmalla kaikissa kouluissa” and" in html
    decision = OverlapDecision.objects.get()
    assert (decision.first, decision.second, decision.decided_by) == (
        actions[0],
        actions[1],
        people.alice,
    )


def test_overlaps_related_and_different_fall_to_review_but_are_not_the_same_work(
    alice, people, actions
):
    decide(alice, people, actions[0], actions[1], "related")
    decide(alice, people, actions[2], actions[3], "different")
    assert count_of(page(alice, people)) == ("1 pair", "0 pairs")


def test_overlaps_decided_tab_changes_and_undoes_a_decision(alice, people, actions):
    decide(alice, people, actions[0], actions[1], "related")
    decided = page(alice, people, "?tab=decided")
    assert "Decided: Related" in decided and "Undo the decision" in decided
    response = decide(alice, people, actions[0], actions[1], "same_work", tab="decided")
    assert response.url.endswith("tab=decided")
    assert count_of(page(alice, people)) == ("2 pairs", "1 pair")
    assert OverlapDecision.objects.get().verdict == "same_work"
    response = undo(alice, people, actions[0], actions[1])
    assert response.status_code == 302
    assert not OverlapDecision.objects.exists()
    assert count_of(page(alice, people)) == ("3 pairs", "0 pairs")


def test_overlaps_threshold_select_changes_the_pairs(alice, people, actions):
    assert count_of(page(alice, people, "?threshold=0.70"))[0] == "2 pairs"
    assert count_of(page(alice, people, "?threshold=0.20"))[0] == "3 pairs"
    html = page(alice, people, "?threshold=0.70")
    assert '<option value="0.70" selected>' in html
    assert count_of(page(alice, people, "?threshold=nonsense"))[0] == "3 pairs"  # the default


@pytest.mark.parametrize(
    "pair, verdict, status",
    [
        ((0, 1), "same", 400),  # no such verdict
        ((0, 1), "", 400),
        ((0, 3), "same_work", 404),  # one organisation's two actions
        ((0, 0), "same_work", 404),
    ],
)
def test_overlaps_refused_post_changes_nothing(alice, people, actions, pair, verdict, status):
    response = decide(alice, people, actions[pair[0]], actions[pair[1]], verdict)
    assert response.status_code == status
    assert not OverlapDecision.objects.exists()


def test_overlaps_pair_of_another_plans_actions_is_refused(alice, people, actions, plan_of):
    other = list(plan_of(4, slug="toinen").actions.all())
    response = decide(alice, people, other[0], other[1], "same_work")
    assert response.status_code == 404
    assert not OverlapDecision.objects.exists()


def test_overlaps_decision_is_kept_when_a_text_changes(alice, people, actions):
    decide(alice, people, actions[0], actions[1], "same_work")
    actions[1].description = "Verkkopalvelujen saavutettavuus"  # no longer alike at all
    actions[1].save()
    assert count_of(page(alice, people)) == ("2 pairs", "1 pair")
    assert "Verkkopalvelujen saavutettavuus" in page(alice, people, "?tab=decided")


def test_overlaps_archived_action_hides_its_decision_deleted_one_removes_it(alice, people, actions):
    decide(alice, people, actions[0], actions[1], "same_work")
    decide(alice, people, actions[2], actions[3], "same_work")
    Action.objects.filter(pk=actions[0].pk).update(archived=True)
    assert count_of(page(alice, people)) == ("1 pair", "1 pair")
    actions[3].delete()
    assert count_of(page(alice, people)) == ("1 pair", "0 pairs")
    assert OverlapDecision.objects.count() == 1  # the archived action's, kept for its return
