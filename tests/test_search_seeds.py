"""The issue's example: the three seed plans searched for "eroauttaminen" (and for its
other forms) find the eroauttaminen work of Kymsote, of Kletu (Kymenlaakson ensi- ja
turvakotiyhdistys), the MLL's eroauttamishanke in Kouvola's action, Espoo's service path
for eroauttaminen, and Länsi-Uusimaa's plan text that names it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from lanu.search.fulltext import search
from tests.reports_plans import seed_plan

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("espoo-2017-2021", "Espoon kaupunki", "palvelupolku vanhemmuuden ja parisuhteen"),
    ("kymenlaakso-2020-2024", "Kymsote", "Eroauttaminen toteutuu moniammatillisesti"),
    ("kymenlaakso-2020-2024", "Kymenlaakson ensi- ja turvakotiyhdistys ry", "Apua eroon"),
    ("kymenlaakso-2020-2024", "Kouvolan kaupunki", "MLL:n eroauttamishanke"),
    ("lansi-uusimaa-2024-2026", None, "imetysohjaus, eroauttaminen tai"),
}


@pytest.fixture
def seed_plans(django_capture_on_commit_callbacks):
    """The plans imported as load-demo does, the import's last steps run at its commit."""
    with django_capture_on_commit_callbacks(execute=True):
        for prefix, slug in (("002", "espoo-2017-2021"), ("003", "kymenlaakso-2020-2024")):
            seed_plan(prefix, slug)
        seed_plan("004", "lansi-uusimaa-2024-2026")


def hits(query: str) -> list[tuple[str, str | None, str]]:
    results = search(query, AnonymousUser(), per_page=100)
    return [
        (group.plan.slug, part.organisation.name if part.organisation else None, hit.entry.text)
        for group in results.groups
        for part in group.organisations
        for hit in part.hits
    ]


def found_each(expected, found) -> list:
    """The expected (plan, organisation, words) not among the found hits."""
    return [
        (slug, organisation, words)
        for slug, organisation, words in expected
        if not any(
            (slug2, organisation2) == (slug, organisation) and words in text
            for slug2, organisation2, text in found
        )
    ]


@pytest.mark.parametrize("query", ["eroauttaminen", "eroauttamisen", "eroauttamista"])
def test_search_of_the_seed_plans_finds_the_eroauttaminen_work(seed_plans, query):
    found = hits(query)
    assert found_each(EXPECTED, found) == []
    assert {slug for slug, _, _ in found} == {
        "espoo-2017-2021",
        "kymenlaakso-2020-2024",
        "lansi-uusimaa-2024-2026",
    }
