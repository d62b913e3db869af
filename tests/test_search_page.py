"""The search page: found things grouped by plan and organisation, linked, their matching
words marked in escaped text; the query kept in the box; clear words for nothing found."""

import pytest
from django.urls import reverse

from tests.search_data import plan_of_actions

pytestmark = pytest.mark.django_db


def test_search_page_groups_hits_by_plan_and_organisation(client):
    plan = plan_of_actions(
        "kunta", [("Kunta", "Kiusaamisen ehkäisy kouluissa"), ("MLL", "Kiusaamista vastaan")]
    )
    response = client.get(reverse("search:search"), {"q": "kiusaaminen"})
    text = response.text
    assert response.status_code == 200
    assert '<h2 id="search-plan-' in text and "Suunnitelma kunta" in text
    assert "<h3>Kunta</h3>" in text and "<h3>MLL</h3>" in text
    action = plan.actions.get(organisation__name="MLL")
    assert f'href="{action.get_absolute_url()}"' in text
    assert "<mark>Kiusaamista</mark>" in text
    assert 'value="kiusaaminen"' in text
    assert "2 tulosta." in text


def test_search_page_escapes_the_text_it_marks(client):
    plan_of_actions("kunta", [("Kunta", "<b>Kiusaamisen</b> ehkäisy & <script>x</script>")])
    text = client.get(reverse("search:search"), {"q": "kiusaaminen"}).text
    assert "&lt;b&gt;<mark>Kiusaamisen</mark>" in text
    assert "<script>x" not in text and "&amp;" in text


def test_search_page_says_when_nothing_is_found(client):
    plan_of_actions("kunta", [("Kunta", "Kiusaamisen ehkäisy")])
    text = client.get(reverse("search:search"), {"q": "avaruus"}).text
    assert "Haulla ”avaruus” ei löytynyt mitään." in text


def test_search_page_asks_for_words_when_the_query_is_empty(client):
    text = client.get(reverse("search:search"), {"q": "  "}).text
    assert "Kirjoita hakusana" in text


def test_search_page_is_linked_from_the_header(client):
    text = client.get(reverse("plans:list")).text
    assert f'href="{reverse("search:search")}"' in text
