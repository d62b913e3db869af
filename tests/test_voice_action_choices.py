"""Choosing an action in a large plan: the new form's action select groups the actions by
organisation (<optgroup>), the assessment's check boxes in a fieldset per organisation
(its legend), the organisations in the plan's order and each one's actions in theirs.
An editor is offered, and may choose, only their own organisation's actions; both pages
read a fixed number of queries however many actions the plan has."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.importers.synthetic import build_plan
from lanu.voice.models import ChildImpactAssessment, FeedbackForm
from tests.personas import as_persona, form_data
from tests.querycount import queries_for
from tests.voice_assessments import action_of, assessment
from tests.voice_data import feedback_form

pytestmark = pytest.mark.django_db

NEW_FORM = {
    "kind": "feedback",
    "title": "Kysely nuorisotilasta",
    "language": "fi",
    "question_set": "standard",
}


class Groups(HTMLParser):
    """The groups of a page's <select name=…> (optgroup label -> option texts) or of its
    check boxes of that name (fieldset legend -> label texts), in the page's order."""

    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name, self.groups = name, {}
        self.in_select, self.group, self.legend = False, None, None
        self.capture: tuple[str, list[str]] | None = None  # (the closing tag, the text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select":
            self.in_select = a.get("name") == self.name
        elif tag == "optgroup" and self.in_select:
            self.group = a["label"]
        elif tag == "option" and self.in_select and self.group:
            self.capture = ("option", [])
        elif tag == "legend":
            self.capture = ("legend", [])
        elif tag == "input" and a.get("name") == self.name and a.get("type") == "checkbox":
            self.group, self.capture = self.legend, ("label", [])

    def handle_data(self, data):
        if self.capture:
            self.capture[1].append(data)

    def handle_endtag(self, tag):
        if self.capture and tag == self.capture[0]:
            text = " ".join("".join(self.capture[1]).split())
            if tag == "legend":
                self.legend = text
            else:
                self.groups.setdefault(self.group, []).append(text)
            self.capture = None
        elif tag == "select":
            self.in_select, self.group = False, None


def groups_of(response, name: str) -> dict[str, list[str]]:
    reader = Groups(name)
    reader.feed(response.content.decode())
    return reader.groups


def expected_groups(plan, organisations=None) -> dict[str, list[str]]:
    """The plan's live actions by organisation, in the plan's order, as the pages list them."""
    groups = {}
    for participation in plan.participations.select_related("organisation").order_by("order"):
        organisation = participation.organisation
        if organisations is None or organisation in organisations:
            actions = plan.actions.filter(organisation=organisation, archived=False)
            groups[organisation.name] = [f"{a.number}. {a.title}" for a in actions]
    return groups


def reorder(plan, first) -> None:
    """The plan lists `first` first, against the names' order."""
    plan.participations.filter(organisation=first).update(order=99)
    plan.participations.exclude(organisation=first).update(order=100)


def new_form_url(plan):
    return reverse("voice:form-new", args=[plan.slug])


def new_assessment_url(plan):
    return reverse("voice:assessment-new", args=[plan.slug])


def test_voice_form_action_select_grouped_by_organisation_in_the_plan_order(client, people):
    plan = people.plan
    reorder(plan, people.second)
    page = as_persona(client, people, "alice").get(new_form_url(plan))
    groups = groups_of(page, "action")
    assert groups == expected_groups(plan)
    assert list(groups)[:2] == ["Organisaatio 2", "Organisaatio 1"]
    assert sum(map(len, groups.values())) == plan.actions.count() == 12
    assert '<label for="id_action">' in page.content.decode()


def test_voice_form_action_select_of_an_editor_is_their_own_organisation(client, people):
    plan = people.plan
    page = as_persona(client, people, "bob").get(new_form_url(plan))
    assert groups_of(page, "action") == expected_groups(plan, [people.first])
    foreign = action_of(plan, people.second)
    data = {**NEW_FORM, "organisation": people.first.pk, "action": foreign.pk}
    refused = client.post(new_form_url(plan), data)
    assert refused.status_code == 200 and "action" in refused.context["form"].errors
    assert not FeedbackForm.objects.exists()
    own = action_of(plan, people.first)
    made = client.post(new_form_url(plan), {**data, "action": own.pk})
    assert made.status_code == 302 and FeedbackForm.objects.get().action == own


def test_voice_form_of_an_editor_keeps_the_action_a_coordinator_chose(client, people):
    plan = people.plan
    foreign = action_of(plan, people.second)
    found = feedback_form(plan, organisation=people.first, action=foreign, language="fi")
    url = reverse("voice:form-edit", args=[plan.slug, found.pk])
    page = as_persona(client, people, "bob").get(url)
    groups = groups_of(page, "action")
    assert list(groups) == ["Organisaatio 1", "Organisaatio 2"]
    assert groups["Organisaatio 2"] == [f"{foreign.number}. {foreign.title}"]
    data = form_data(page.context["form"], title="Uusi otsikko")
    assert client.post(url, data).status_code == 302
    found.refresh_from_db()
    assert (found.title, found.action) == ("Uusi otsikko", foreign)


def test_voice_assessment_actions_in_a_fieldset_per_organisation(client, people):
    plan = people.plan
    reorder(plan, people.second)
    page = as_persona(client, people, "alice").get(new_assessment_url(plan))
    groups = groups_of(page, "actions")
    assert groups == expected_groups(plan)
    assert list(groups)[:2] == ["Organisaatio 2", "Organisaatio 1"]
    assert '<fieldset class="choice-group"><legend>Organisaatio 2</legend>' in page.text


def test_voice_assessment_actions_of_an_editor_are_their_own(client, people, in_english):
    plan = people.plan
    page = as_persona(client, people, "bob").get(new_assessment_url(plan))
    assert groups_of(page, "actions") == expected_groups(plan, [people.first])
    own, foreign = action_of(plan, people.first), action_of(plan, people.second)
    data = form_data(page.context["form"], title="Nuorisotilan siirto")
    refused = client.post(new_assessment_url(plan), {**data, "actions": [own.pk, foreign.pk]})
    assert refused.status_code == 200
    assert f"Select a valid choice. {foreign.pk} is not one of the available choices." in (
        refused.content.decode()
    )
    assert not ChildImpactAssessment.objects.exists()
    made = client.post(new_assessment_url(plan), {**data, "actions": [own.pk]})
    assert made.status_code == 302
    assert list(ChildImpactAssessment.objects.get().actions.all()) == [own]


def test_voice_assessment_of_an_editor_keeps_the_actions_a_coordinator_linked(client, people):
    plan = people.plan
    own, foreign = action_of(plan, people.first), action_of(plan, people.second)
    found = assessment(plan, actions=[own, foreign])
    url = reverse("voice:assessment-edit", args=[plan.slug, found.pk])
    page = as_persona(client, people, "bob").get(url)
    assert groups_of(page, "actions")["Organisaatio 2"] == [f"{foreign.number}. {foreign.title}"]
    data = form_data(page.context["form"], title="Muutettu päätös")
    assert client.post(url, data).status_code == 302
    assert set(found.actions.all()) == {own, foreign}


@pytest.fixture
def large(people):
    """A plan of 300 actions of the same three organisations, alice coordinating it and bob
    editing Organisaatio 1's actions in it."""
    plan = build_plan(300, organisations=3, slug="suuri")
    Membership.objects.create(user=people.alice, plan=plan, role="coordinator")
    Membership.objects.create(user=people.bob, plan=plan, role="editor", organisation=people.first)
    return plan


@pytest.mark.parametrize("person, groups", [("alice", 3), ("bob", 1)])
@pytest.mark.parametrize("page, field", [("form-new", "action"), ("assessment-new", "actions")])
def test_voice_action_choices_read_a_fixed_number_of_queries(
    client, people, large, person, groups, page, field
):
    as_persona(client, people, person)
    small_url, large_url = (reverse(f"voice:{page}", args=[p.slug]) for p in (people.plan, large))
    listed = groups_of(client.get(large_url), field)
    assert len(listed) == groups and sum(map(len, listed.values())) == 100 * groups
    assert queries_for(client, small_url) == queries_for(client, large_url)
