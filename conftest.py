"""Shared fixtures: the seed documents and a few ready-made plans."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT.parent / "shared" / "seeds"

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run where a loop is running unless told it is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def seed(prefix: str) -> Path:
    """The seed document whose name starts with `prefix` (e.g. "003")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture
def seed_path():
    return seed


@pytest.fixture
def plan_of():
    """A published synthetic plan with the given number of actions."""
    from lanu.importers.synthetic import build_plan

    return build_plan


@pytest.fixture
def in_english():
    """Messages in English, the source language, for tests that read them."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def import_refused(db):
    """Import a file that must be refused: the refusal's message, and nothing written."""
    from lanu.importers import read_plan
    from lanu.importers.data import ImportRefused
    from lanu.importers.save import save_plan
    from lanu.plans.models import Organisation, Plan

    def refused(path) -> str:
        with pytest.raises(ImportRefused) as refusal:
            save_plan(read_plan(path))
        assert Plan.objects.count() == Organisation.objects.count() == 0
        return str(refusal.value)

    return refused


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and at the end no stray connection that would block its removal.

    The browser tests' live server answers each browser connection in a thread
    of its own; a thread still ending when the session does keeps its database
    connection open, and PostgreSQL refuses to drop a database in use.
    """
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture
def people(db):
    """The personas and the plan they work on: an unpublished synthetic plan of 12 actions.

    alice coordinates the plan; bob edits the actions of Organisaatio 1 and
    charlie those of Organisaatio 2; vera is a viewer; mallory has an account
    but no role in the plan. Everyone's password is "salasana-123".
    """
    from types import SimpleNamespace

    from django.contrib.auth import get_user_model

    from lanu.accounts.models import Membership
    from lanu.importers.synthetic import build_plan
    from lanu.plans.models import Organisation

    plan = build_plan(12, organisations=3, slug="yhteinen")
    plan.published = False
    plan.save()
    first, second = (Organisation.objects.get(name=f"Organisaatio {n}") for n in (1, 2))
    users = {}
    for name in ("alice", "bob", "charlie", "vera", "mallory"):
        users[name] = get_user_model().objects.create_user(
            name, f"{name}@example.fi", "salasana-123", first_name=name.capitalize()
        )
    roles = [("alice", "coordinator", None), ("bob", "editor", first)]
    roles += [("charlie", "editor", second), ("vera", "viewer", None)]
    for name, role, organisation in roles:
        Membership.objects.create(user=users[name], plan=plan, role=role, organisation=organisation)
    return SimpleNamespace(plan=plan, first=first, second=second, **users)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """A fast hasher in tests; production keeps Django's slow, safe default."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to a /sv/ or /en/ page leaves
    its language active in the thread, which would change the next test's messages."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def pytest_sessionfinish(session):
    """The SQLite test database's -wal and -shm files, which a connection still open
    when the database was removed (a live server's thread) leaves in the checkout."""
    from django.conf import settings

    database = settings.DATABASES["default"] if settings.configured else {}
    name = database.get("TEST", {}).get("NAME")
    if database.get("ENGINE") == "django.db.backends.sqlite3" and name:
        for leftover in (f"{name}-wal", f"{name}-shm"):
            Path(leftover).unlink(missing_ok=True)
