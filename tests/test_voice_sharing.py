"""Sharing a form: the short link (absolute, no language prefix), the QR code of it on the
share page with its accessible name, the SVG download, and who may see them: the plan's
coordinators, and the editors of the form's organisation."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from lanu.voice import sharing
from lanu.voice.models import FeedbackForm
from tests.personas import as_persona

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def our_host(settings):
    settings.ALLOWED_HOSTS = ["lanu.example.fi", "testserver"]


@pytest.fixture
def form(people):
    return FeedbackForm.objects.create(
        plan=people.plan, organisation=people.first, title="Mitä mieltä olet kerhosta?"
    )


def share_url(form, name="share"):
    return reverse(f"voice:{name}", args=[form.plan.slug, form.pk])


def test_short_link_is_absolute_and_has_no_language_prefix(form):
    request = RequestFactory().get("/", HTTP_HOST="lanu.example.fi")
    with translation.override("sv"):
        url = sharing.short_link(request, form)
    assert url == f"http://lanu.example.fi/v/{form.code}/"


def test_qr_code_is_the_link_with_its_name():
    """The code is made of the link itself, drawn without style attributes (CSP)."""
    url = "https://lanu.example.fi/v/k7m2xq/"
    svg = sharing.qr_svg_inline(url)
    assert svg.startswith('<svg role="img" aria-label="QR')
    assert url in svg and "style=" not in svg and "<script" not in svg
    document = sharing.qr_svg_file(url)
    assert document.startswith(b"<?xml") and b'xmlns="http://www.w3.org/2000/svg"' in document
    assert sharing.qr_code(url).error == "M"
    assert sharing.qr_code(url).designator  # a real QR code version was chosen
    size = sharing.qr_code(url).symbol_size(scale=sharing.SCALE_ON_PAGE)[0]  # quiet zone too
    assert f'width="{size}" height="{size}"' in svg


def test_the_accessible_name_escapes_the_link():
    svg = sharing.qr_svg_inline('https://x.example/v/"><b>/')
    assert '"><b>' not in svg and "&quot;&gt;&lt;b&gt;" in svg


@pytest.mark.parametrize(
    "persona, expected",
    [("alice", 200), ("bob", 200), ("charlie", 403), ("vera", 403), ("mallory", 404)],
)
def test_share_page_for_the_people_who_manage_the_form(client, people, form, persona, expected):
    as_persona(client, people, persona)
    assert client.get(share_url(form)).status_code == expected
    assert client.get(share_url(form, "share-qr")).status_code == expected


def test_share_page_needs_a_login_even_for_a_published_plan(client, people, form):
    people.plan.published = True
    people.plan.save()
    response = client.get(share_url(form))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_share_page_shows_the_link_a_copy_button_and_the_poster(client, people, form, in_english):
    form.state = FeedbackForm.State.OPEN
    form.save()
    as_persona(client, people, "alice")
    html = client.get(share_url(form), HTTP_HOST="lanu.example.fi").content.decode()
    link = f"http://lanu.example.fi/v/{form.code}/"
    assert f'value="{link}" readonly' in html
    assert 'class="copy-link" data-copy="short-link"' in html and "js/share.js" in html
    assert f'aria-label="QR code for the link {link}"' in html
    assert '<section class="poster"' in html and f'<p class="poster-url">{link}</p>' in html


def test_share_page_warns_that_a_draft_is_not_answerable_yet(client, people, form, in_english):
    as_persona(client, people, "alice")
    html = client.get(share_url(form)).content.decode()
    assert "This form is a draft" in html


def test_qr_download_is_an_svg_attachment(client, people, form):
    as_persona(client, people, "bob")
    response = client.get(share_url(form, "share-qr"), HTTP_HOST="lanu.example.fi")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == f'attachment; filename="lanu-{form.code}-qr.svg"'
    assert response.content.startswith(b"<?xml")
    assert f"http://lanu.example.fi/v/{form.code}/".encode() in response.content


def test_an_unknown_form_is_not_found(client, people, form):
    as_persona(client, people, "alice")
    url = reverse("voice:share", args=[people.plan.slug, form.pk + 1000])
    assert client.get(url).status_code == 404
