"""Password guessing is slowed down: failed logins are counted per account and per address.

A login name (username or e-mail address, any letter case) counts against the account
it means, whatever address it comes from; a name that means no account counts against
itself in the same way, so that a lock never tells whether an account exists. Every
failure also counts against the address, whatever the name. The counts are in the
database, so every server process sees them.
"""

import ipaddress

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from .backends import account_named
from .models import LoginFailure

Scope = LoginFailure.Scope


def failure_keys(request, name: str) -> list[tuple[str, str]]:
    """The (scope, key) pairs a login attempt counts against: its account, its address."""
    keys: list[tuple[str, str]] = [(Scope.ACCOUNT, account_key(name))] if name.strip() else []
    address = client_address(request)
    return keys + [(Scope.ADDRESS, address)] if address else keys


def account_key(name: str) -> str:
    account = account_named(name)
    return f"user:{account.pk}" if account else f"name:{name.strip().lower()}"


def client_address(request) -> str | None:
    """The client's address (an IPv6 client's whole /64 network), as the proxy saw it."""
    if request is None:
        return None
    header = settings.CLIENT_ADDRESS_HEADER
    raw = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR")
    try:
        address = ipaddress.ip_address((raw or "").strip())
    except ValueError:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def matching(keys) -> Q:
    query = Q(pk__in=[])
    for scope, key in keys:
        query |= Q(scope=scope, key=key)
    return query


def locked_until(keys):
    """When the longest lock on these keys ends, or None when none is locked now."""
    rows = LoginFailure.objects.filter(matching(keys), locked_until__gt=timezone.now())
    return rows.aggregate(until=Max("locked_until"))["until"]


def count_failure(keys) -> None:
    """One more failure for each key; the rows are locked meanwhile (several processes)."""
    now = timezone.now()
    with transaction.atomic():
        for scope, key in keys:
            rows = LoginFailure.objects.select_for_update()
            failure, _created = rows.get_or_create(scope=scope, key=key)
            failure.fail(now)
            failure.save()


def forget_account_failures(user) -> None:
    """The account's own count starts afresh: after a login or a new password."""
    LoginFailure.objects.filter(scope=Scope.ACCOUNT, key=f"user:{user.pk}").delete()
