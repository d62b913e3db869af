"""An anonymous visitor who opens a form's address (a GET of a POST-only view) is sent to
the login page, not answered 405: login_required comes before require_POST (or
require_http_methods) on every view that has both, in every app."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from lanu.importers.synthetic import build_plan

pytestmark = pytest.mark.django_db


def wrappers(view) -> list[str]:
    """The view's decorators from the outside in: "login" and "method"."""
    found = []
    while view is not None:
        names = getattr(getattr(view, "__code__", None), "co_freevars", ())
        if "test_func" in names:  # user_passes_test, which login_required is
            found.append("login")
        if "request_method_list" in names:  # require_http_methods, require_POST
            found.append("method")
        view = getattr(view, "__wrapped__", None)
    return found


def guarded_views(patterns=None, namespace="", converters=None):
    """(name, converters) of every named URL whose view needs both a login and a method."""
    converters = converters or {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        inner = converters | getattr(entry.pattern, "converters", {})
        if isinstance(entry, URLResolver):
            prefix = f"{entry.namespace}:" if entry.namespace else namespace
            yield from guarded_views(entry.url_patterns, prefix, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            if {"login", "method"} <= set(wrappers(entry.callback)):
                yield namespace + entry.name, inner


def address(name: str, converters: dict) -> str:
    """The URL with made-up parameters: the login is asked before any is looked up."""
    kwargs = {
        key: 1 if isinstance(converter, IntConverter) else "x"
        for key, converter in converters.items()
    }
    return reverse(name, kwargs=kwargs)


GUARDED = sorted(guarded_views())


def test_the_walk_finds_the_post_only_views_of_every_app():
    names = {name for name, _ in GUARDED}
    assert {"followup:report-submit", "plans:membership-remove", "plans:import-confirm"} <= names


@pytest.fixture
def published_plan_x(db):
    """The made-up addresses' plan, published: an unpublished or missing plan's addresses
    answer an anonymous visitor 404 before any login is asked (plans/middleware.py)."""
    plan = build_plan(2, slug="x")
    plan.published = True
    plan.save()


@pytest.mark.parametrize("name, converters", GUARDED, ids=[name for name, _ in GUARDED])
@pytest.mark.usefixtures("published_plan_x")
def test_an_anonymous_get_of_a_post_only_address_is_sent_to_log_in(client, name, converters):
    response = client.get(address(name, converters))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
