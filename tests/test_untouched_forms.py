"""Saving a form untouched changes nothing: no history row, no new version, no false
row in a conflict box, on every edit form that saves.

Each form is fetched as a person who may use it and posted back the way a browser
does: the page's own form fields, textareas' lines ending in "\r\n". The stored
texts are the awkward ones of the field: lines ending in "\n" and in "\r\n", spaces at
line ends, letters in decomposed Unicode. Every address of Lanu's apps is listed
below as an edit form, a form that creates or acts, or a page that only shows, so a
new form cannot be left out of this test silently.
"""

import datetime
import inspect
import unicodedata
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from lanu.followup.models import ActionReport, AddedPriority, JointHighlight
from lanu.followup.rounds import open_round
from lanu.history.models import Change
from lanu.importers.data import ActionData, GoalData, OrganisationData, PlanData, SubGoalData
from lanu.importers.save import save_plan
from lanu.lib.text import normal_text
from lanu.plans.models import Action, Goal, Organisation, Plan, SubGoal
from lanu.voice.models import ChildImpactAssessment
from lanu.yearclock.models import Event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

APPS = ("lanu.plans", "lanu.followup", "lanu.accounts", "lanu.importers", "lanu.backup")
APPS += ("lanu.indicators", "lanu.yearclock", "lanu.search", "lanu.voice")
DECOMPOSED = unicodedata.normalize("NFD", "Käyttäjät ja äidinkieli")
OLD_STYLE = "Ensimmäinen rivi  \r\nToinen rivi\t\r\n"  # as stored before normalising
MULTILINE = "Sivistystoimi\nNuorisopalvelut"  # what the issue saw turn into "\r\n"

# url name -> (person, the address's arguments): the forms that change a stored object.
EDIT_FORMS = {
    "plans:plan-edit": ("alice", lambda s: [s.plan.slug]),
    "plans:goal-edit": ("alice", lambda s: [s.plan.slug, s.goal.pk]),
    "plans:subgoal-edit": ("alice", lambda s: [s.plan.slug, s.subgoal.pk]),
    "plans:organisation-edit": ("alice", lambda s: [s.plan.slug, s.organisation.pk]),
    "plans:action-edit": ("bob", lambda s: [s.plan.slug, s.action.pk]),
    "followup:report-action": ("bob", lambda s: [s.plan.slug, 2023, s.action.pk]),
    "followup:report-priorities": ("bob", lambda s: [s.plan.slug, 2023, s.organisation.pk]),
    "followup:round-highlights": ("alice", lambda s: [s.plan.slug, 2023]),
    "followup:round-scale": ("alice", lambda s: [s.plan.slug]),
    "yearclock:event-edit": ("alice", lambda s: [s.plan.slug, s.event.pk]),
    "yearclock:organisation-matrix": ("bob", lambda s: [s.plan.slug, s.organisation.pk]),
    "yearclock:subgoal-matrix": ("alice", lambda s: [s.plan.slug, s.subgoal.pk]),
    "voice:form-edit": ("alice", lambda s: [s.plan.slug, feedback_form_of(s).pk]),
    "voice:summary": ("alice", lambda s: [s.plan.slug, feedback_form_of(s).pk]),
    "voice:assessment-edit": ("bob", lambda s: [s.plan.slug, s.assessment.pk]),
}
# Forms and buttons that create, remove or act: posting one back is never "untouched".
CREATING_OR_ACTING = {
    "plans:plan-new",
    "plans:goal-new",
    "plans:subgoal-new",
    "plans:organisation-new",
    "plans:organisation-add",
    "plans:action-new",
    "plans:people",  # gives a person a role
    "followup:round-new",
    "plans:import",
    "plans:import-into",
    "plans:import-preview",
    "plans:import-confirm",
    "plans:import-cancel",
    "plans:goal-move",
    "plans:subgoal-move",
    "plans:goal-archive",
    "plans:goal-restore",
    "plans:subgoal-archive",
    "plans:subgoal-restore",
    "plans:action-archive",
    "plans:action-restore",
    "plans:organisation-remove",
    "plans:membership-remove",
    "followup:round-close",
    "followup:report-submit",
    "followup:round-remind",
    "indicators:links",  # reads the plan's indicators, confirms matches, links sub-goals
    "yearclock:event-add",
    "yearclock:event-delete",
    "yearclock:feed-renew",
    "indicators:indicator",  # sets the indicator's direction (no plan or follow-up row)
    "search-plan:theme-add",  # puts a goal or sub-goal in a theme
    "search-plan:theme-remove",
    "search-plan:theme-accept",
    "search-plan:overlap-decide",  # keeps a decision on a pair of similar actions
    "search-plan:overlap-undo",
    "voice:moderation",  # publishes, rejects or withdraws the chosen answers
    "voice-short:answer",  # stores a child's answers to a form
    "voice:form-new",
    "voice:questions",  # adds, saves, removes or moves a question; opens or closes the form
    "voice:assessment-new",
    "voice:assessment-delete",
    "voice:form-delete",
}


def feedback_form_of(stored):
    """The plan's feedback form (made on first use) with awkward texts, about a sub-goal."""
    from lanu.voice.models import FeedbackForm

    form, _ = FeedbackForm.objects.get_or_create(
        plan=stored.plan,
        defaults={"title": DECOMPOSED, "subgoal": stored.subgoal, "introduction": MULTILINE},
    )
    return form


def lanu_views() -> dict:
    """Every address served by Lanu's own apps, by name, with its view, from the URL conf."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            else:
                view = inspect.unwrap(pattern.callback)
                yield f"{namespace}{pattern.name or pattern.pattern}", view

    views = walk(get_resolver().url_patterns)
    return {name: view for name, view in views if view.__module__.startswith(APPS)}


def takes_post(view) -> bool:
    """Whether a view reads a POST: in its own code or in a function of its module it
    calls (the shared page helpers of the editing views)."""
    source = inspect.getsource(view)
    if "POST" in source:
        return True
    module = inspect.getmodule(view)
    called = {
        helper
        for name, helper in inspect.getmembers(module, inspect.isfunction)
        if f"{name}(" in source and helper.__module__ == module.__name__ and helper is not view
    }
    return any("POST" in inspect.getsource(helper) for helper in called)


def test_every_address_that_takes_a_form_is_in_this_test():
    views = lanu_views()
    classified = set(EDIT_FORMS) | CREATING_OR_ACTING
    missing = sorted(name for name, view in views.items() if takes_post(view))
    missing = [name for name in missing if name not in classified]
    assert not missing, f"forms the untouched-save test does not cover: {missing}"
    assert classified <= set(views), "names no longer in the URL conf"
    assert all(takes_post(views[name]) for name in EDIT_FORMS)


class PageForm(HTMLParser):
    """The post forms of a page and what a browser submits from each: checked boxes,
    selected options, the first named submit button, textareas with "\r\n" lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form: dict | None = None
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post":
            self.form = {"action": a.get("action", ""), "fields": [], "options": {}}
            self.forms.append(self.form)
        elif self.form is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            self.add_input(a)
        elif tag == "textarea" and a.get("name"):
            self.textarea, self.text = a["name"], ""
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            self.form["options"][self.select] = []
        elif tag == "option" and self.select:
            value = a.get("value", "")
            self.form["options"][self.select].append((value, "selected" in a))

    def add_input(self, a):
        kind = a.get("type", "text").lower()
        if kind in ("checkbox", "radio") and "checked" not in a:
            return
        if kind == "submit":
            if any(name == a["name"] for name, _ in self.form["fields"]):
                return
        if kind in ("button", "file", "reset", "image"):
            return
        self.form["fields"].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.text.replace("\r\n", "\n").replace("\r", "\n")  # as HTML parses
            text = text[1:] if text.startswith("\n") else text
            self.form["fields"].append((self.textarea, text.replace("\n", "\r\n")))
            self.textarea = None
        elif tag == "select" and self.select:
            options = self.form["options"].pop(self.select)
            chosen = [value for value, selected in options if selected] or [options[0][0]]
            self.form["fields"] += [(self.select, value) for value in chosen]
            self.select = None


def browser_post(client: Client, url: str):
    """GET the page, and POST its form back as a browser would, nothing touched."""
    page = client.get(url)
    assert page.status_code == 200
    reader = PageForm()
    reader.feed(page.text)
    ours = [form for form in reader.forms if form["action"] in ("", url)]
    form = max(ours, key=lambda form: len(form["fields"]))
    data: dict[str, list[str]] = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    return client.post(url, data)


def stored_rows() -> dict:
    """Every row of the plans' and the follow-up's tables, every column: what a save
    could have changed (texts, versions, saved-at times, replaced rows)."""
    rows = {}
    for label in ("plans", "followup", "yearclock", "voice"):
        for model in apps.get_app_config(label).get_models():
            names = [field.attname for field in model._meta.concrete_fields]
            rows[model._meta.label] = sorted(
                model.objects.values_list(*names), key=lambda row: row[0]
            )
    return rows


@pytest.fixture
def stored(people):
    """The personas' plan with texts stored in every awkward form, and a round reported."""
    from types import SimpleNamespace

    plan = people.plan
    action = plan.actions.filter(organisation=people.first).first()
    goal = plan.goals.first()
    subgoal = goal.subgoals.first()
    Plan.objects.filter(pk=plan.pk).update(approved_by="Kaupunginvaltuusto ", region=DECOMPOSED)
    Goal.objects.filter(pk=goal.pk).update(description=OLD_STYLE)
    SubGoal.objects.filter(pk=subgoal.pk).update(description=MULTILINE, title=DECOMPOSED)
    Organisation.objects.filter(pk=people.first.pk).update(aliases=["Vanha nimi ", DECOMPOSED])
    Action.objects.filter(pk=action.pk).update(
        responsible=MULTILINE, description=OLD_STYLE, monitoring=DECOMPOSED, items=[" Kohta "]
    )
    round_ = open_round(plan, 2023, datetime.date(2024, 1, 15), datetime.date(2024, 2, 29))
    bob = logged_in(people.bob)
    report_url = reverse("followup:report-action", args=[plan.slug, 2023, action.pk])
    assert bob.get(report_url).status_code == 200
    first = browser_post(bob, report_url)
    assert first.status_code == 302
    ActionReport.objects.filter(action=action).update(account=OLD_STYLE + DECOMPOSED)
    JointHighlight.objects.create(round=round_, subgoal=subgoal, text=MULTILINE, order=0)
    AddedPriority.objects.create(
        round=round_, subgoal=subgoal, organisation=people.first, text=OLD_STYLE, order=0
    )
    event = plan.events.get(anchor="closes")  # the round's, with awkward texts
    Event.objects.filter(pk=event.pk).update(description=OLD_STYLE, title_en=DECOMPOSED)
    assessment = awkward_assessment(plan, action, subgoal)
    return SimpleNamespace(
        plan=plan,
        goal=goal,
        subgoal=subgoal,
        organisation=people.first,
        action=action,
        event=event,
        assessment=assessment,
    )


def awkward_assessment(plan, action, subgoal):
    """A child impact assessment of the action with awkward texts in its own fields and in
    its effects' and checklist's JSON."""
    found = ChildImpactAssessment.objects.create(
        plan=plan,
        title=DECOMPOSED,
        description=OLD_STYLE,
        children=MULTILINE,
        effects={"health": {"direction": "positive", "description": OLD_STYLE}},
        checklist={"heard": {"done": True, "note": "Nuorisovaltuusto "}},
    )
    found.actions.set([action])
    found.subgoals.set([subgoal])
    return found


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(EDIT_FORMS))
def test_a_form_saved_untouched_changes_nothing(people, stored, name):
    person, arguments = EDIT_FORMS[name]
    client = logged_in(getattr(people, person))
    url = reverse(name, args=arguments(stored))
    changes, before = Change.objects.count(), stored_rows()
    response = browser_post(client, url)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Change.objects.count() == changes
    assert stored_rows() == before


def test_an_untouched_save_leaves_the_others_form_current_and_their_conflict_box_true(
    people, stored
):
    url = reverse("plans:action-edit", args=[stored.plan.slug, stored.action.pk])
    alice, bob = logged_in(people.alice), logged_in(people.bob)
    alices = alice.get(url).context["form"]
    assert browser_post(bob, url).status_code == 302  # bob saves, touching nothing
    data = {**posted_values(alices), "schedule": "Syksy 2025"}
    assert alice.post(url, data).status_code == 302  # alice's form was not outdated by it
    alices = alice.get(url).context["form"]
    bobs = posted_values(bob.get(url).context["form"])
    assert bob.post(url, {**bobs, "schedule": "Kevät 2026"}).status_code == 302
    refused = alice.post(url, {**posted_values(alices), "impact": "high"})
    assert refused.context["conflict"] is not None
    rows = [
        field["label"] for change in refused.context["conflict"].changes for field in change.fields
    ]
    assert rows == ["schedule"]


def posted_values(form) -> dict:
    from lanu.plans.editing import comparable

    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            data[field.html_name] = [comparable(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif value is not None:
            data[field.html_name] = comparable(value).replace("\n", "\r\n")
    return data


def test_a_real_edit_is_stored_normalised_and_recorded_once(people, stored):
    url = reverse("plans:action-edit", args=[stored.plan.slug, stored.action.pk])
    bob = logged_in(people.bob)
    data = posted_values(bob.get(url).context["form"])
    data["responsible"] = "Sivistystoimi  \r\nNuorisopalvelut \r\nKirjasto\r\n"
    assert bob.post(url, data).status_code == 302
    stored.action.refresh_from_db()
    assert stored.action.responsible == "Sivistystoimi\nNuorisopalvelut\nKirjasto"
    assert stored.action.monitoring == unicodedata.normalize("NFC", DECOMPOSED)
    change = Change.objects.filter(object_id=stored.action.pk).latest("pk")
    assert [field["field"] for field in change.fields] == ["responsible"]


@pytest.mark.parametrize(
    "given, normal",
    [
        ("Rivi 1\r\nRivi 2\r\n", "Rivi 1\nRivi 2"),
        ("Rivi 1  \rRivi 2\t ", "Rivi 1\nRivi 2"),
        ("\n  Otsikko\n  sisennys\n\n\nkappale\u00a0", "Otsikko\n  sisennys\n\n\nkappale"),
        (unicodedata.normalize("NFD", "Väestö å"), "Väestö å"),
        ("", ""),
    ],
)
def test_normal_text(given, normal):
    assert normal_text(given) == normal
    assert normal_text(normal) == normal


def test_an_import_stores_its_texts_normalised(db):
    data = PlanData(
        name="Suunnitelma ",
        period_start=2024,
        period_end=2027,
        organisations=[OrganisationData(name=DECOMPOSED)],
        goals=[
            GoalData(
                number="1",
                title="Tavoite",
                description=OLD_STYLE,
                subgoals=[SubGoalData(number="1", title="Alatavoite")],
            )
        ],
        actions=[ActionData(DECOMPOSED, ["1.1"], description=OLD_STYLE, items=["Kohta  "])],
    )
    plan = save_plan(data)
    action = plan.actions.get()
    expected = "Ensimmäinen rivi\nToinen rivi"
    assert (plan.name, plan.goals.get().description, action.description) == (
        "Suunnitelma",
        expected,
        expected,
    )
    assert action.items == ["Kohta"]
    assert action.organisation.name == unicodedata.normalize("NFC", DECOMPOSED)


def test_the_migration_normalises_texts_stored_before(people, stored):
    from importlib import import_module

    migration = import_module("lanu.history.migrations.0002_normal_texts")
    versions = list(Action.objects.order_by("pk").values_list("version", flat=True))
    migration.normalise_stored_texts(apps, None)
    action = Action.objects.get(pk=stored.action.pk)
    assert action.description == "Ensimmäinen rivi\nToinen rivi"
    assert action.items == ["Kohta"]
    assert Organisation.objects.get(pk=stored.organisation.pk).aliases == [
        "Vanha nimi",
        unicodedata.normalize("NFC", DECOMPOSED),
    ]
    assert AddedPriority.objects.get().text == "Ensimmäinen rivi\nToinen rivi"
    assert list(Action.objects.order_by("pk").values_list("version", flat=True)) == versions
