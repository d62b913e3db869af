"""Password guessing is limited per account, whatever the name or address, and per address.

A lock says the same for an account that exists and a name that does not.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from lanu.accounts.models import LoginFailure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

LOCKED = "Too many failed logins"


def log_in(client, username, password="salasana-123", address="127.0.0.1"):
    data = {"username": username, "password": password}
    return client.post("/en/accounts/login/", data, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times=1, address="127.0.0.1") -> None:
    for _ in range(times):
        log_in(client, username, "väärä", address)


def errors(response) -> list[str]:
    return response.context["form"].non_field_errors()


def let_locks_pass() -> None:
    """As if the locks had run out: their end moves to a minute ago."""
    LoginFailure.objects.update(locked_until=timezone.now() - timedelta(minutes=1))


def test_locking_a_username_locks_its_email_address(client, people):
    fail(client, "alice", 5)
    response = log_in(client, "Alice@Example.fi")  # the right password, another spelling
    assert LOCKED in response.text
    assert not logged_in(client)


def test_the_same_account_from_ten_addresses_is_locked_after_five_failures(client, people):
    answers = []
    for n in range(10):
        answers.append(log_in(client, "bob", "väärä", f"192.0.2.{n + 1}"))
    assert [LOCKED in a.text for a in answers] == [False] * 5 + [True] * 5
    assert LOCKED in log_in(client, "bob", address="198.51.100.9").text
    assert not logged_in(client)


def test_one_address_trying_many_names_is_locked(client, people):
    for n in range(20):
        fail(client, f"arvaus{n}", 1, "203.0.113.5")
    assert LOCKED in log_in(client, "charlie", address="203.0.113.5").text
    assert not logged_in(client)
    log_in(client, "charlie", address="203.0.113.6")  # from elsewhere charlie gets in
    assert logged_in(client)


def test_an_ipv6_network_counts_as_one_address(client, people):
    for n in range(20):
        fail(client, f"arvaus{n}", 1, f"2001:db8::{n + 1:x}")
    assert LOCKED in log_in(client, "charlie", address="2001:db8::ffff").text


def test_unknown_and_known_names_get_the_same_answers(client, people):
    known = [errors(log_in(client, "alice", "väärä", "192.0.2.1")) for _ in range(7)]
    unknown = [errors(log_in(client, "eve", "väärä", "192.0.2.2")) for _ in range(7)]
    assert known == unknown
    assert LOCKED not in known[4][0] and LOCKED in known[5][0]


def test_each_further_lock_lasts_twice_as_long(client, people):
    lengths = []
    for _ in range(3):
        fail(client, "bob", 5)
        assert LOCKED in log_in(client, "bob").text
        lock = LoginFailure.objects.get(scope="account")
        lengths.append(lock.locked_until - lock.last_at)
        let_locks_pass()
    assert lengths == [timedelta(minutes=15), timedelta(minutes=30), timedelta(minutes=60)]
    log_in(client, "bob")
    assert logged_in(client)


def test_the_lock_message_says_until_when(client, people):
    fail(client, "bob", 5)
    until = timezone.localtime(LoginFailure.objects.get(scope="account").locked_until)
    assert f"locked until {until:%H.%M}" in log_in(client, "bob").text


def test_a_login_starts_the_accounts_count_afresh(client, people):
    fail(client, "bob", 4)
    log_in(client, "BOB")
    assert logged_in(client)
    client.logout()
    fail(client, "bob", 4)
    log_in(client, "bob@example.fi")
    assert logged_in(client)


def test_a_locked_account_can_reset_its_password_and_log_in(client, people):
    fail(client, "bob", 5)
    client.post("/en/accounts/password_reset/", {"email": "bob@example.fi"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new = "uusi-salasana-456"
    data = {"new_password1": new, "new_password2": new}
    assert client.post(form_page.redirect_chain[-1][0], data).status_code == 302
    log_in(client, "bob", new)
    assert logged_in(client)
