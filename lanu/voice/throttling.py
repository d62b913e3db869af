"""Flooding a form is slowed down: answers are counted per form and per client.

The counts are in the cache, never in the database, and live for one window
(VOICE_THROTTLE_WINDOW seconds). A client is known only by a keyed hash of its address
(the one client_address() of the login throttling) with the form and the window: the
address is never stored, and the hash cannot be turned back into it, nor matched with
another form's or another window's.

The client's limit is generous: a whole class may answer from one school's address.
With several server processes, the cache must be shared (CACHE=database in settings) for
the limits to hold across them: with the local-memory cache each process counts its own,
and `check --deploy` warns (shared_cache).
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core import checks
from django.core.cache import cache

from lanu.accounts.throttling import client_address

from .models import FeedbackForm


def window() -> int:
    return int(time.time()) // settings.VOICE_THROTTLE_WINDOW


def keys(request, form: FeedbackForm) -> list[tuple[str, int]]:
    """The (cache key, limit) pairs an answer counts against: its form, its client."""
    now = window()
    found = [(f"voice:form:{form.pk}:{now}", settings.VOICE_THROTTLE_PER_FORM)]
    address = client_address(request)
    if address:
        message = f"{form.pk}:{now}:{address}".encode()
        secret = settings.SECRET_KEY.encode()
        digest = hmac.new(secret, message, hashlib.sha256).hexdigest()
        found.append((f"voice:client:{digest}", settings.VOICE_THROTTLE_PER_CLIENT))
    return found


def throttled(request, form: FeedbackForm) -> bool:
    """Whether this client, or everyone together, has answered the form too often now."""
    counts = cache.get_many([key for key, _limit in keys(request, form)])
    return any(counts.get(key, 0) >= limit for key, limit in keys(request, form))


def count_answer(request, form: FeedbackForm) -> None:
    for key, _limit in keys(request, form):
        cache.add(key, 0, timeout=settings.VOICE_THROTTLE_WINDOW * 2)
        try:
            cache.incr(key)
        except ValueError:  # expired between the two
            cache.set(key, 1, timeout=settings.VOICE_THROTTLE_WINDOW * 2)


def shared_cache(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A deploy check: production's server processes must share the cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith("LocMemCache"):
        return []
    warning = checks.Warning(
        "Each server process keeps its own cache: a feedback form's flood limits are "
        "multiplied by the processes and forgotten at every restart.",
        hint="Set CACHE=database and run `python -m lanu createcachetable` once.",
        id="lanu.W001",
    )
    return [warning]
