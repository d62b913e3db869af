"""Every URL that changes data, against every persona: allowed or refused, nothing by accident.

The plan "yhteinen" of the `people` fixture is unpublished. alice coordinates it;
bob edits Organisaatio 1's actions, charlie Organisaatio 2's; vera is a viewer;
mallory has an account but no role; anonymous is not logged in.
"""

import pytest
from django.urls import get_resolver, resolve, reverse

from lanu.accounts.models import Membership
from lanu.history.models import Change
from lanu.plans.models import Action, Goal, Organisation, Participation, Plan, SubGoal

PERSONAS = ["alice", "bob", "charlie", "vera", "mallory", "anonymous"]
COORDINATOR = {"alice"}
# URL name -> the personas allowed; every other persona is refused.
ALLOWED = {
    "plan-new": COORDINATOR,  # coordinators of any plan (and staff) start plans
    "import": COORDINATOR,
    "plan-edit": COORDINATOR,
    "goals-edit": COORDINATOR,
    "goal-new": COORDINATOR,
    "goal-edit": COORDINATOR,
    "goal-move": COORDINATOR,
    "goal-archive": COORDINATOR,
    "goal-restore": COORDINATOR,
    "subgoal-new": COORDINATOR,
    "subgoal-edit": COORDINATOR,
    "subgoal-move": COORDINATOR,
    "subgoal-archive": COORDINATOR,
    "subgoal-restore": COORDINATOR,
    "organisations-edit": COORDINATOR,
    "organisation-add": COORDINATOR,
    "organisation-new": COORDINATOR,
    "organisation-edit": COORDINATOR,
    "organisation-remove": COORDINATOR,
    "people": COORDINATOR,
    "membership-remove": COORDINATOR,
    "import-into": COORDINATOR,
    "action-new": {"alice", "bob", "charlie"},  # editors for their own organisation only
    "action-edit": {"alice", "bob"},  # an action of Organisaatio 1
    "action-archive": {"alice", "bob"},
    "action-restore": {"alice", "bob"},
}
# The same URLs on an organisation that also takes part in a plan none of them coordinates:
# only who coordinates every plan it serves, or an administrator, changes it (the others
# still add it to their plan and remove it).
ALLOWED_ON_SHARED_ORGANISATION = {"organisation-edit": set(), "organisation-remove": COORDINATOR}
# Pages that change nothing, and pages whose rules are tested in their own file.
READ_ONLY = {"list", "plan", "subgoal", "organisation", "actions", "action", "import-template"}
READ_ONLY |= {"export-json", "export-csv", "export-xlsx"}
OWNER_ONLY = {"import-preview", "import-confirm", "import-cancel"}  # test_import_upload.py


def test_every_plans_url_is_in_this_table():
    """A new URL must be classified here before its test suite passes."""
    assert plans_names() == set(ALLOWED) | READ_ONLY | OWNER_ONLY


def plans_names() -> set[str]:
    for pattern in get_resolver().url_patterns[0].url_patterns:
        if getattr(pattern, "namespace", None) == "plans":
            return {p.name for p in pattern.url_patterns}
    return set()


def url_of(name: str, people) -> str:
    """The URL, on the plan "yhteinen" and its first goal, sub-goal, organisation, action."""
    if name in {"plan-new", "import"}:
        return reverse(f"plans:{name}")
    plan, goal = people.plan, people.plan.goals.first()
    objects = {
        "goal": ("pk", goal),
        "subgoal-new": ("goal_pk", goal),
        "subgoal": ("pk", goal.subgoals.first()),
        "organisation-edit": ("pk", people.first),
        "organisation-remove": ("pk", people.first),
        "membership": ("pk", Membership.objects.get(user=people.vera)),
        "action-edit": ("pk", plan.actions.filter(organisation=people.first).first()),
    }
    objects["action-archive"] = objects["action-restore"] = objects["action-edit"]
    objects["goal-new"] = None
    found = objects[name] if name in objects else objects.get(name.split("-")[0])
    kwargs = {"slug": plan.slug} | ({found[0]: found[1].pk} if found else {})
    return reverse(f"plans:{name}", kwargs=kwargs)


def database_state() -> tuple:
    models = (Plan, Goal, SubGoal, Action, Organisation, Participation, Membership, Change)
    versions = tuple(Action.objects.order_by("pk").values_list("version", flat=True))
    return tuple(model.objects.count() for model in models) + versions


def refused(response) -> bool:
    login = response.status_code == 302 and "/accounts/login/" in response["Location"]
    return login or response.status_code in (403, 404, 405)


CASES = [(name, persona) for name in sorted(ALLOWED) for persona in PERSONAS]


@pytest.mark.django_db
@pytest.mark.parametrize("name, persona", CASES)
def test_url_allows_and_refuses_as_the_roles_say(client, people, name, persona):
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    if name.endswith("-restore"):  # only an archived object can be restored
        Action.objects.filter(plan=people.plan).update(archived=True)
        Goal.objects.filter(plan=people.plan).update(archived=True)
        SubGoal.objects.filter(goal__plan=people.plan).update(archived=True)
    url = url_of(name, people)
    before = database_state()
    responses = [client.get(url), client.post(url, {"version": 1, "step": "up"})]
    if persona in ALLOWED[name]:
        assert not refused(responses[1]), (url, responses[1].status_code)
    else:
        assert all(refused(response) for response in responses), url
        assert database_state() == before, url
        if persona == "anonymous" and "slug" in resolve(url).kwargs:  # an unpublished plan's:
            assert [response.status_code for response in responses] == [404, 404], url
        elif persona == "anonymous":  # no plan's page (a new plan, an upload)
            assert "/accounts/login/" in responses[1]["Location"]


SHARED_CASES = [(name, p) for name in sorted(ALLOWED_ON_SHARED_ORGANISATION) for p in PERSONAS]


@pytest.mark.django_db
@pytest.mark.parametrize("name, persona", SHARED_CASES)
def test_a_shared_organisation_is_changed_only_as_the_roles_say(client, people, name, persona):
    other = Plan.objects.create(
        slug="muu", name="Muu suunnitelma", period_start=2024, period_end=2027
    )
    Participation.objects.create(plan=other, organisation=people.first, order=0)
    people.plan.actions.filter(organisation=people.first).update(organisation=people.second)
    Membership.objects.filter(organisation=people.first).update(organisation=people.second)
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    url = url_of(name, people)
    before = database_state()
    data = {"name": "Uusi nimi", "kind": "ngo", "version": people.first.version}
    response = client.post(url, data)
    if persona in ALLOWED_ON_SHARED_ORGANISATION[name]:
        assert not refused(response), (url, response.status_code)
    else:
        assert refused(response), url
        assert database_state() == before, url
        assert Organisation.objects.get(pk=people.first.pk).name == "Organisaatio 1"


FOLLOWUP_TABLES = {  # the follow-up URLs, and the file whose persona table covers each
    "tests/test_reporting_permissions.py": {
        "rounds",
        "round-new",
        "round-scale",
        "round",
        "round-close",
        "round-highlights",
        "report-organisation",
        "report-priorities",
        "report-submit",
        "report-action",
    },
    "tests/test_round_overview.py": {"round-overview", "round-remind"},
    "tests/test_progress.py": {"progress", "progress-year"},
}


def test_every_followup_url_is_in_a_persona_table():
    from lanu.followup.urls import urlpatterns

    classified = set().union(*FOLLOWUP_TABLES.values())
    assert {pattern.name for pattern in urlpatterns} == classified


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(people, name):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people.alice)  # allowed everywhere in the table
    url = url_of(name, people)
    before = database_state()
    assert client.post(url, {"version": 1, "step": "up"}).status_code == 403, url
    assert database_state() == before, url
