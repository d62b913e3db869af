"""A coordinator invites a person with no account by e-mail; they choose a password and log in."""

import re
from smtplib import SMTPException

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from lanu.accounts.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def invite(client, people, address="uusi.yhteyshenkilo@jarjesto.fi"):
    client.force_login(people.alice)
    data = {"person": address, "role": "editor", "organisation": people.second.pk}
    return client.post(reverse("plans:people", args=[people.plan.slug]), data, follow=True)


def test_an_address_without_an_account_is_invited_as_an_editor(client, people):
    response = invite(client, people)
    assert "Invited by e-mail" in response.text
    person = get_user_model().objects.get(email="uusi.yhteyshenkilo@jarjesto.fi")
    assert not person.has_usable_password()
    assert Membership.objects.filter(
        user=person, role="editor", organisation=people.second
    ).exists()
    message = mail.outbox[0]
    assert message.to == ["uusi.yhteyshenkilo@jarjesto.fi"]
    assert people.plan.name in message.subject
    assert "Alice gave you the role" in message.body
    assert "invited, no password yet" in response.text


def test_the_invited_person_chooses_a_password_and_logs_in(client, people):
    invite(client, people)
    client.logout()
    link = re.search(r"https?://[^/]+(/\S+/set-password/|/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    password = "oma-salasana-789"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done.status_code == 302
    client.logout()
    login = {"username": "uusi.yhteyshenkilo@jarjesto.fi", "password": password}
    assert client.post(reverse("login"), login).status_code == 302


def test_a_name_without_an_account_is_refused_with_advice(client, people):
    response = invite(client, people, address="tuntematon")
    assert "To invite someone new, give their e-mail address." in response.text
    assert not get_user_model().objects.filter(username="tuntematon").exists()
    assert not mail.outbox


def test_a_failed_email_keeps_the_role_and_tells_the_coordinator(client, people, monkeypatch):
    def broken(*args, **kwargs):
        raise SMTPException("no server")

    monkeypatch.setattr("lanu.accounts.invitations.send_mail", broken)
    response = invite(client, people)
    assert "the invitation could not be e-mailed" in response.text
    assert Membership.objects.filter(user__email="uusi.yhteyshenkilo@jarjesto.fi").exists()
