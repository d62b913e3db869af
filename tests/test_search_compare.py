"""Plans compared side by side: themes align their sub-goals, similarity suggests more,
and a person's alignment is kept; only readable plans are compared, only their
coordinators align them, and the page's queries do not grow with the plans."""

import pytest
from django.urls import reverse

from lanu.importers.synthetic import build_plan
from lanu.plans.models import Plan
from lanu.search.analysis import terms
from lanu.search.models import Theme, ThemeMember
from lanu.search.themes import add_to_theme

from .compare_plans import ETELA, POHJOINEN, coordinate, small_plan, subgoal
from .querycount import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def plans(people):
    """Two published plans of similar sub-goals; alice coordinates both, bob edits one."""
    etela, pohjoinen = small_plan("etela", ETELA), small_plan("pohjoinen", POHJOINEN)
    coordinate(people.alice, etela, pohjoinen)
    return etela, pohjoinen


def compare_url(*plans) -> str:
    return reverse("search:compare") + "?" + "&".join(f"plans={plan.slug}" for plan in plans)


def suggested(response) -> list[tuple[str, str]]:
    return [(s.first.label, s.second.label) for s in response.context["comparison"].suggestions]


def test_sub_goals_of_inflected_words_are_suggested_with_their_shared_base_form(client, plans):
    response = client.get(compare_url(*plans))
    assert response.status_code == 200
    pairs = suggested(response)
    assert ("I.1 Koulukiusaamisen ehkäisy", "I.1 Kiusaaminen vähenee") in pairs
    assert ("I.3 Eroperheiden tuki", "I.2 Eroauttaminen") in pairs
    assert not any("Liikunnan" in first and "Mielenterveyden" in second for first, second in pairs)
    found = response.context["comparison"].suggestions
    first = next(s for s in found if s.first.label == "I.1 Koulukiusaamisen ehkäisy")
    assert terms("kiusaamista")[0] in first.shared  # "kiusata" with Voikko, a stem without
    assert f"<td>{', '.join(first.shared)}</td>" in response.text


def test_the_comparison_table_shows_each_plans_actions_by_organisation(client, plans):
    etela, pohjoinen = plans
    theme = Theme.objects.create(name="Kiusaaminen")
    for plan, title in ((etela, "Koulukiusaamisen ehkäisy"), (pohjoinen, "Kiusaaminen vähenee")):
        add_to_theme(None, plan, subgoal(plan, title), theme)
    response = client.get(compare_url(etela, pohjoinen))
    (row,) = response.context["comparison"].rows
    assert row.theme == theme
    (mine,), (theirs,) = row.cells
    assert [(o.name, len(o.actions)) for o in mine.organisations] == [("Kymsote", 1), ("MLL", 1)]
    assert [(o.name, len(o.actions)) for o in theirs.organisations] == [("Kunta", 1)]
    action = etela.actions.get(description__startswith="Kiusaamista")
    assert f'href="{reverse("plans:action", args=[etela.slug, action.pk])}"' in response.text
    (unthemed,) = response.context["comparison"].unthemed
    assert [u.label for u in unthemed.cells[0]] == [
        "I.2 Liikunnan lisääminen",
        "I.3 Eroperheiden tuki",
    ]
    assert "Kymsote (1)" in response.text  # the organisation's count of actions


def test_accepting_a_suggestion_makes_a_theme_of_the_two(client, people, plans):
    etela, pohjoinen = plans
    client.force_login(people.alice)
    first, second = subgoal(etela, "Eroperheiden tuki"), subgoal(pohjoinen, "Eroauttaminen")
    url = reverse("search-plan:theme-accept", args=[etela.slug])
    data = {"first": first.pk, "second": second.pk, "plans": [etela.slug, pohjoinen.slug]}
    response = client.post(url, data)
    assert response.status_code == 302 and response.url.startswith(compare_url(etela, pohjoinen))
    theme = Theme.objects.get()
    assert theme.name == "Eroperheiden tuki"
    assert {m.subgoal for m in theme.members.all()} == {first, second}
    page = client.get(compare_url(etela, pohjoinen))
    assert ("I.3 Eroperheiden tuki", "I.2 Eroauttaminen") not in suggested(page)


def test_a_suggestion_joins_the_existing_theme_and_never_moves_a_chosen_alignment(
    client, people, plans
):
    """Sub-goals a coordinator put in themes stay there, however alike they are to others."""
    etela, pohjoinen = plans
    bullying = Theme.objects.create(name="Kiusaaminen")
    mine = subgoal(etela, "Koulukiusaamisen ehkäisy")
    add_to_theme(people.alice, etela, mine, bullying)
    client.force_login(people.alice)
    pairs = suggested(client.get(compare_url(etela, pohjoinen)))
    assert ("I.1 Koulukiusaamisen ehkäisy", "I.1 Kiusaaminen vähenee") in pairs  # joins it
    other = Theme.objects.create(name="Muu teema")
    theirs = subgoal(pohjoinen, "Kiusaaminen vähenee")
    add_to_theme(people.alice, pohjoinen, theirs, other)
    pairs = suggested(client.get(compare_url(etela, pohjoinen)))
    assert ("I.1 Koulukiusaamisen ehkäisy", "I.1 Kiusaaminen vähenee") not in pairs
    url = reverse("search-plan:theme-accept", args=[etela.slug])
    client.post(url, {"first": mine.pk, "second": theirs.pk, "plans": [etela.slug]})
    assert ThemeMember.objects.get(subgoal=theirs).theme == other  # as alice chose it
    assert ThemeMember.objects.get(subgoal=mine).theme == bullying


def test_accepting_into_an_existing_theme(client, people, plans):
    etela, pohjoinen = plans
    theme = Theme.objects.create(name="Kiusaaminen")
    mine, theirs = (
        subgoal(etela, "Koulukiusaamisen ehkäisy"),
        subgoal(pohjoinen, "Kiusaaminen vähenee"),
    )
    add_to_theme(people.alice, etela, mine, theme)
    client.force_login(people.alice)
    url = reverse("search-plan:theme-accept", args=[pohjoinen.slug])
    client.post(url, {"first": mine.pk, "second": theirs.pk})
    assert ThemeMember.objects.get(subgoal=theirs).theme == theme
    assert Theme.objects.count() == 1


def test_a_coordinator_puts_a_goal_in_a_new_theme_and_moves_a_sub_goal(client, people, plans):
    etela, pohjoinen = plans
    client.force_login(people.alice)
    goal = etela.goals.get()
    url = reverse("search-plan:theme-add", args=[etela.slug])
    data = {"etela-member": f"goal-{goal.pk}", "etela-theme": "", "etela-name": "Hyvinvointi"}
    response = client.post(url, data | {"plans": [etela.slug, pohjoinen.slug]})
    assert response.status_code == 302
    member = ThemeMember.objects.get(goal=goal)
    assert member.theme.name == "Hyvinvointi" and member.added_by == people.alice
    page = client.get(compare_url(etela, pohjoinen))
    assert page.context["comparison"].unthemed[0].cells[0] == []  # under the themed goal
    sub = subgoal(etela, "Liikunnan lisääminen")
    client.post(url, {"etela-member": f"subgoal-{sub.pk}", "etela-theme": "", "etela-name": "X"})
    theme_x = ThemeMember.objects.get(subgoal=sub).theme
    data = {"etela-member": f"subgoal-{sub.pk}", "etela-theme": str(theme_x.pk)}
    client.post(url, data | {"plans": [pohjoinen.slug]})
    assert ThemeMember.objects.get(subgoal=sub).theme == theme_x
    remove = reverse("search-plan:theme-remove", args=[etela.slug])
    client.post(remove, {"member": ThemeMember.objects.get(subgoal=sub).pk})
    assert not ThemeMember.objects.filter(subgoal=sub).exists()
    assert not Theme.objects.filter(pk=theme_x.pk).exists()  # left empty: removed


def test_a_refused_theme_form_keeps_what_was_typed_and_changes_nothing(client, people, plans):
    etela, pohjoinen = plans
    theme = Theme.objects.create(name="Kiusaaminen")
    add_to_theme(people.alice, pohjoinen, subgoal(pohjoinen, "Kiusaaminen vähenee"), theme)
    client.force_login(people.alice)
    sub = subgoal(etela, "Koulukiusaamisen ehkäisy")
    url = reverse("search-plan:theme-add", args=[etela.slug])
    data = {"etela-member": f"subgoal-{sub.pk}", "etela-theme": str(theme.pk)}
    data |= {"etela-name": "Kiusaamisen ehkäisy", "plans": [etela.slug, pohjoinen.slug]}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Choose a theme or write a new theme&#x27;s name, not both." in response.text
    assert 'value="Kiusaamisen ehkäisy"' in response.text
    assert ThemeMember.objects.count() == 1 and Theme.objects.count() == 1
    response = client.post(url, data | {"etela-name": ""} | {"etela-member": "subgoal-999999"})
    assert response.status_code == 400 and ThemeMember.objects.count() == 1


@pytest.mark.parametrize("name, status", [("bob", 403), ("mallory", 404), (None, 404)])
def test_only_a_plans_coordinators_change_its_themes(client, people, name, status):
    """On the people's unpublished plan: bob edits actions there, mallory has no role."""
    plan = people.plan
    other = small_plan("pohjoinen", POHJOINEN)
    sub = plan.goals.first().subgoals.first()
    theme = Theme.objects.create(name="Teema")
    member = add_to_theme(people.alice, plan, sub, theme)
    if name:
        client.force_login(getattr(people, name))
    posts = {
        "theme-add": {"yhteinen-member": f"subgoal-{sub.pk}", "yhteinen-name": "Uusi"},
        "theme-remove": {"member": member.pk},
        "theme-accept": {"first": sub.pk, "second": subgoal(other, "Eroauttaminen").pk},
    }
    for view, data in posts.items():
        response = client.post(reverse(f"search-plan:{view}", args=[plan.slug]), data)
        assert response.status_code == status, view
    assert ThemeMember.objects.get() == member and Theme.objects.get() == theme


def test_accepting_needs_the_coordinator_of_each_plan_a_sub_goal_joins(client, people, plans):
    etela, pohjoinen = plans
    coordinate(people.charlie, etela)  # of one of the two only
    client.force_login(people.charlie)
    page = client.get(compare_url(etela, pohjoinen))
    eroauttaminen = next(
        s for s in page.context["comparison"].suggestions if "Ero" in s.first.label
    )
    assert not eroauttaminen.may_accept and eroauttaminen.theme is None
    first, second = subgoal(etela, "Eroperheiden tuki"), subgoal(pohjoinen, "Eroauttaminen")
    url = reverse("search-plan:theme-accept", args=[etela.slug])
    assert client.post(url, {"first": first.pk, "second": second.pk}).status_code == 403
    assert not Theme.objects.exists()


def test_only_readable_plans_are_compared(client, people, plans):
    etela, _pohjoinen = plans
    hidden = people.plan  # unpublished: alice coordinates it, mallory has no role
    hidden.name = "Salainen suunnitelma"
    hidden.save()
    client.force_login(people.mallory)
    response = client.get(compare_url(etela, hidden))
    assert response.status_code == 400
    assert "No plan you may read has the address yhteinen." in response.text
    assert "Salainen suunnitelma" not in response.text
    assert "comparison" not in response.context or response.context["comparison"] is None
    client.force_login(people.alice)
    response = client.get(compare_url(etela, hidden))
    assert response.status_code == 200 and "Salainen suunnitelma" in response.text


def test_one_plan_is_not_a_comparison(client, plans):
    response = client.get(compare_url(plans[0]))
    assert response.status_code == 400 and "Choose two or more plans." in response.text
    assert client.get(reverse("search:compare")).status_code == 200  # the form alone


def test_the_pages_queries_do_not_grow_with_the_plans(client, people):
    """As alice, who aligns both plans (a form each, themes with members)."""

    def counted(size: int) -> int:
        plans = [build_plan(size, 4, slug=f"p{size}-{n}") for n in (1, 2)]
        coordinate(people.alice, *plans)
        theme = Theme.objects.create(name=f"Teema {size}")
        for plan in plans:
            sub = plan.goals.order_by("order").first().subgoals.order_by("order").first()
            add_to_theme(people.alice, plan, sub, theme)
        return queries_for(client, compare_url(*plans))

    client.force_login(people.alice)
    assert counted(10) == counted(200)


def test_the_seed_plans_suggest_themes(client, seed_path):
    """The three seed plans side by side: some of their sub-goals are alike."""
    from lanu.importers import read_plan
    from lanu.importers.save import save_plan

    for prefix, slug in (("002", "espoo"), ("003", "kymenlaakso"), ("004", "lansi-uusimaa")):
        data = read_plan(seed_path(prefix))
        data.published = True
        save_plan(data, slug)
    response = client.get(compare_url(*Plan.objects.order_by("slug")))
    assert response.status_code == 200
    found = response.context["comparison"].suggestions
    assert len(found) >= 5
    assert all(s.first.plan != s.second.plan for s in found)
