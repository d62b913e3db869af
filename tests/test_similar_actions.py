"""Similar actions (lanu/search/similarity.py): other organisations' actions found through
the index's postings, scored by TF-IDF cosine, the index following each change."""

import pytest
from django.contrib.auth.models import AnonymousUser

from lanu.plans.models import Action, Metric
from lanu.search.models import IndexedAction, Posting, TermFrequency
from lanu.search.similarity import (
    candidate_pairs,
    index_actions,
    plan_vectors,
    scored_pairs,
    similar_actions,
)
from lanu.search.vectors import cosine

from .overlap_data import seed_like_plan
from .similar_data import action_of, plan_of_texts

pytestmark = pytest.mark.django_db

ANYONE = AnonymousUser()

TEXTS = [
    ("Kunta A", "Koulukiusaamisen ehkäiseminen KiVa-ohjelmalla kaikissa kouluissa"),
    ("Kunta B", "Kiusaamista ehkäistään kouluissa KiVa-ohjelman avulla"),
    ("Kunta B", "Perhekeskuksen avoin kohtaamispaikka lapsiperheille"),
    ("Järjestö C", "Perhekeskuksessa vertaisryhmiä eroperheiden vanhemmille"),
    ("Järjestö C", "Nuorten liikuntaharrastusten tukeminen harrastusseteleillä"),
]


def titles(found) -> list[str]:
    return [similar.action.description for similar in found]


def test_inflected_forms_find_each_other(in_english):
    plan = plan_of_texts("a", TEXTS)
    found = similar_actions(action_of(plan, "Koulukiusaamisen"), user=ANYONE)
    assert titles(found)[0].startswith("Kiusaamista ehkäistään")
    assert 0 < found[0].score <= 1
    assert "kiva" in found[0].shared


def test_own_organisations_actions_and_the_action_itself_are_left_out():
    plan = plan_of_texts("a", TEXTS)
    action = action_of(plan, "Perhekeskuksen avoin")  # Kunta B's
    found = similar_actions(action, user=ANYONE)
    organisations = {similar.action.organisation.name for similar in found}
    assert "Kunta B" not in organisations and found
    assert titles(found)[0].startswith("Perhekeskuksessa vertaisryhmiä")


def test_other_plans_actions_are_found_but_not_an_unreadable_plans():
    first = plan_of_texts("a", TEXTS[:1])
    plan_of_texts("b", [("Kaupunki D", "KiVa-ohjelma kiusaamisen ehkäisyyn kouluissa")])
    plan_of_texts("c", [("Kaupunki E", "Kiusaamisen ehkäisy KiVa-kouluissa")], published=False)
    found = similar_actions(action_of(first, "Koulukiusaamisen"), user=ANYONE)
    assert [similar.action.plan.slug for similar in found] == ["b"]


def test_an_unpublished_plans_actions_are_found_by_its_members(people):
    first = plan_of_texts("a", TEXTS[:1])
    people.plan.actions.update(description="Koulukiusaamisen ehkäiseminen KiVa-ohjelmalla")
    index_actions(people.plan.actions.all())
    action = action_of(first, "Koulukiusaamisen")
    assert similar_actions(action, user=ANYONE) == []
    found = similar_actions(action, user=people.vera)
    assert {similar.action.plan for similar in found} == {people.plan}
    assert similar_actions(action, user=people.mallory) == []


def test_a_changed_action_changes_its_similar_ones_without_a_rebuild():
    plan = plan_of_texts("a", TEXTS)
    action = action_of(plan, "Nuorten liikunta")
    others = IndexedAction.objects.exclude(action=action).values_list("action", "version")
    before = set(Posting.objects.exclude(action=action).values_list("pk", flat=True))
    kept = list(others)
    action.description = "Eroperheiden vanhempien vertaisryhmät perhekeskuksessa"
    action.save()
    assert set(Posting.objects.exclude(action=action).values_list("pk", flat=True)) == before
    assert list(others) == kept  # no other action was indexed again
    found = similar_actions(action, user=ANYONE)
    assert titles(found)[0].startswith("Perhekeskuksen")  # Kunta B's; not its own C's
    assert not TermFrequency.objects.filter(term="liikunta", documents__gt=0).exists()


def test_a_metric_is_part_of_the_action_text():
    plan = plan_of_texts("a", TEXTS)
    action = action_of(plan, "Nuorten liikunta")
    Metric.objects.create(action=action, text="Kiusaamiskyselyn tulokset KiVa-kouluissa")
    found = similar_actions(action, user=ANYONE)
    assert "kiva" in found[0].shared


def test_a_deleted_action_disappears_and_its_terms_are_counted_out():
    plan = plan_of_texts("a", TEXTS)
    action = action_of(plan, "Kiusaamista ehkäistään")
    documents = TermFrequency.objects.get(term="kiva").documents
    action.delete()
    assert TermFrequency.objects.get(term="kiva").documents == documents - 1
    assert similar_actions(action_of(plan, "Koulukiusaamisen"), user=ANYONE)[:1] == []
    assert not Posting.objects.filter(action_id=action.pk).exists()


def test_an_archived_action_is_not_among_the_similar_ones():
    plan = plan_of_texts("a", TEXTS)
    Action.objects.filter(description__startswith="Kiusaamista").update(archived=True)
    found = similar_actions(action_of(plan, "Koulukiusaamisen"), user=ANYONE)
    assert not any(title.startswith("Kiusaamista") for title in titles(found))


def test_an_action_changed_without_a_signal_is_indexed_again_by_its_version():
    plan = plan_of_texts("a", TEXTS)
    action = action_of(plan, "Nuorten liikunta")
    Action.objects.filter(pk=action.pk).update(
        description="Perhekeskuksen kohtaamispaikka", version=action.version + 1
    )
    action.refresh_from_db()
    assert titles(similar_actions(action, user=ANYONE))[0].startswith("Perhekeskuksen avoin")


def test_the_frequencies_are_those_of_a_rebuild_after_changes():
    plan = plan_of_texts("a", TEXTS)
    action = action_of(plan, "Nuorten liikunta")
    action.description = "Perhekeskuksen kohtaamispaikka"
    action.save()
    action_of(plan, "Kiusaamista").delete()
    kept = dict(TermFrequency.objects.filter(documents__gt=0).values_list("term", "documents"))
    TermFrequency.objects.all().delete()
    IndexedAction.objects.all().delete()
    index_actions(Action.objects.all())
    assert dict(TermFrequency.objects.values_list("term", "documents")) == kept


def test_candidate_pairs_are_of_different_organisations_above_the_threshold():
    plan = plan_of_texts("a", TEXTS)
    pairs = candidate_pairs(plan, 0.1)
    assert pairs and all(pair.score >= 0.1 for pair in pairs)
    assert all(pair.first.organisation != pair.second.organisation for pair in pairs)
    assert all(pair.first.pk < pair.second.pk for pair in pairs)
    best = pairs[0]
    assert {best.first.description[:10], best.second.description[:10]} == {
        "Koulukiusa",
        "Kiusaamist",
    }
    assert [pair.score for pair in pairs] == sorted((pair.score for pair in pairs), reverse=True)
    assert len(candidate_pairs(plan, 0.99)) == 0


def test_a_term_in_more_than_rare_in_plan_actions_pairs_none_of_them(monkeypatch):
    """A term in very many of a plan's actions pairs none of them, so that the pairs to
    score grow with the plan, not with its square; a rarer shared term still pairs, and
    the pair is scored with its whole vectors, the common term too."""
    monkeypatch.setattr("lanu.search.similarity.RARE_IN_PLAN", 3)
    vectors = {pk: {"yleinen": 0.5, f"oma{pk}": 0.5} for pk in range(1, 9)}
    organisations = {pk: pk for pk in vectors}
    vectors[1]["harvinainen"] = vectors[2]["harvinainen"] = 0.3
    assert scored_pairs(vectors, organisations, 0.0) == {(1, 2): pytest.approx(0.25 + 0.09)}
    vectors[3]["harvinainen"] = 0.3
    assert set(scored_pairs(vectors, organisations, 0.0)) == {(1, 2), (1, 3), (2, 3)}
    assert set(scored_pairs(vectors, organisations, 0.35)) == set()
    organisations[2] = organisations[1]
    assert set(scored_pairs(vectors, organisations, 0.0)) == {(1, 3), (2, 3)}


def test_candidate_pairs_are_every_pair_a_whole_cosine_puts_above_the_threshold():
    """The review's pairs are exactly those that comparing every two actions' whole
    vectors finds (of different organisations, sharing a term few actions have): the
    shortcut that skips the pairs the common terms cannot lift loses none."""
    plan = seed_like_plan(160, "vertailu")
    found = plan_vectors(plan)
    vectors, actions = found.vectors, found.actions
    holders = {}
    for vector in vectors.values():
        for term in vector:
            holders[term] = holders.get(term, 0) + 1
    few = {term for term, count in holders.items() if count <= 40}
    expected = {
        (first, second): round(cosine(vectors[first], vectors[second]), 4)
        for first in vectors
        for second in vectors
        if first < second
        and actions[first].organisation_id != actions[second].organisation_id
        and vectors[first].keys() & vectors[second].keys() & few
        and cosine(vectors[first], vectors[second]) >= 0.3
    }
    found_pairs = {pair.key: pair.score for pair in candidate_pairs(plan, 0.3, found)}
    assert len(expected) > 100
    assert found_pairs == expected
