"""The personas of the `people` fixture, what each gets from a coordinators' page, form data."""

import pytest

# On the unpublished plan "yhteinen": only its coordinator alice may change its structure.
PERSONAS = [
    pytest.param("alice", "done", id="alice-coordinator"),
    pytest.param("bob", 403, id="bob-editor"),
    pytest.param("charlie", 403, id="charlie-editor"),
    pytest.param("vera", 403, id="vera-viewer"),
    pytest.param("mallory", 404, id="mallory-no-role"),
    pytest.param(None, 404, id="anonymous"),  # not even the login page (plans/middleware.py)
]

# What bob's organisation's own (a form, an action's assessment) is to the others who
# may not change it: refused to the other organisation's editor and the viewer, not
# found for those without a role.
REFUSED_OUTSIDE_BOBS_ORGANISATION = [
    pytest.param("charlie", 403, id="charlie-editor-of-another"),
    pytest.param("vera", 403, id="vera-viewer"),
    pytest.param("mallory", 404, id="mallory-no-role"),
    pytest.param(None, 404, id="anonymous"),
]


def as_persona(client, people, name):
    if name:
        client.force_login(getattr(people, name))
    return client


def check_outcome(response, expected) -> None:
    if expected == "login":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif expected == "done":
        assert response.status_code == 302 and "/accounts/login/" not in response.url
    else:
        assert response.status_code == expected


def form_data(form, **changes) -> dict:
    """What a browser would post for this unbound form, with some fields changed."""
    data = {}
    for field in form:
        value = field.value()
        if value is True:
            data[field.html_name] = "on"
        elif value not in (None, False):
            data[field.html_name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    return data
