"""Logging in with a username or e-mail address, the lock-out, and password reset."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def log_in(client, username, password="salasana-123"):
    return client.post("/en/accounts/login/", {"username": username, "password": password})


def test_login_with_username_or_email(client, people):
    assert log_in(client, "bob").status_code == 302
    client.logout()
    response = log_in(client, "BOB@example.fi")
    assert response.status_code == 302
    assert client.get("/en/plans/").context["user"].username == "bob"


def test_wrong_password_keeps_the_username_and_says_so(client, people):
    response = log_in(client, "bob", "väärä")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
    assert 'value="bob"' in response.text


def test_five_failures_lock_out_that_user(client, people):
    for _ in range(5):
        log_in(client, "bob", "väärä")
    response = log_in(client, "bob")  # the right password, but locked
    assert response.status_code == 200
    assert "Too many failed logins" in response.text
    assert "_auth_user_id" not in client.session
    assert log_in(client, "charlie").status_code == 302  # another user is not locked


def test_password_reset_by_email(client, people):
    client.post("/en/accounts/password_reset/", {"email": "bob@example.fi"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bob@example.fi"]
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "uusi-salasana-456"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert log_in(client, "bob", new).status_code == 302


def test_logout_is_a_post(client, people):
    log_in(client, "bob")
    assert client.post("/en/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "persona, status",
    [("anonymous", 404), ("mallory", 404), ("vera", 200), ("bob", 200), ("alice", 200)],
)
def test_unpublished_plan_is_read_only_by_its_members(client, people, persona, status):
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    url = reverse("plans:plan", args=[people.plan.slug])
    assert client.get(url).status_code == status
    listed = people.plan.name in client.get(reverse("plans:list")).text
    assert listed == (status == 200)
