"""The reports page: a newcomer finds it from the plan page and downloads the Word file in
two clicks; whoever may read the plan may have its reports (they hold only what is
public), nobody else; a report asked for wrongly is refused in words, nothing sent."""

import io

import docx
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from lanu.followup.synthetic import build_rounds
from tests.html_links import follow, links
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db

REPORTS = (
    "Raportit valtuustolle: suunnitelma-asiakirja ja arvioinnit (Word, PDF, verkkosivu, Excel)"
)
WORD = "Arviointi 2024 (Word)"
WORD_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def plan(people):
    """The people's plan with 2024 closed and 2025 open."""
    build_rounds(people.plan, years=(2024, 2025))
    return people.plan


def plan_page(client, plan):
    with translation.override("fi"):
        response = client.get(reverse("plans:plan", args=[plan.slug]))
    assert response.status_code == 200
    return response


def reports_url(plan) -> str:
    with translation.override("fi"):
        return reverse("reports:reports", args=[plan.slug])


def document_of(response):
    return docx.Document(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("name", ["alice", "vera", "bob"])
def test_a_newcomer_downloads_the_word_file_in_two_clicks(client, people, plan, name):
    client.force_login(getattr(people, name))
    page = follow(client, plan_page(client, plan), REPORTS)  # the first click
    assert page.status_code == 200
    response = follow(client, page, WORD)  # the second
    assert response.status_code == 200 and response["Content-Type"] == WORD_MIME
    assert 'filename="yhteinen-evaluation-2024.docx"' in response["Content-Disposition"]
    headings = [p.text for p in document_of(response).paragraphs if p.style.name == "Title"]
    assert headings == ["Toteutumisen arviointi 2024"]


def test_an_open_round_has_no_evaluation_to_download(client, people, plan):
    client.force_login(people.alice)
    found = links(client.get(reports_url(plan)))
    assert WORD in found and "Arviointi 2025 (Word)" not in found
    refused = client.get(reports_url(plan), {"kind": "evaluation", "year": 2025, "format": "docx"})
    assert refused.status_code == 400
    assert "Suunnitelmalla ei ole suljettua seurantakierrosta vuodelle 2025" in refused.text


def test_a_visitor_has_a_published_plans_reports_and_nobody_an_unpublished_ones(
    client, people, plan
):
    url = reports_url(plan)
    assert client.get(url).status_code == 404  # unpublished: not even its name
    client.force_login(people.mallory)
    assert client.get(url).status_code == 404
    client.logout()
    plan.published = True
    plan.save()
    response = client.get(url, {"kind": "plan", "format": "html"})
    assert response.status_code == 200
    assert b"<h1>Synteettinen suunnitelma" in b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "query, message",
    [
        ({"kind": "evaluation", "format": "docx"}, "Valitse vuosittaiseen arviointiin yksi vuosi."),
        ({"kind": "comparison", "year": 2024, "format": "pdf"}, "Valitse vertailtavaksi kaksi"),
        ({"kind": "plan", "format": "odt"}, "”odt” ei ole raporttien tiedostomuoto"),
    ],
)
def test_a_report_asked_for_wrongly_is_refused_in_words(client, people, plan, query, message):
    client.force_login(people.alice)
    response = client.get(reports_url(plan), query)
    assert response.status_code == 400 and message in response.text
    assert response["Content-Type"].startswith("text/html")


def test_the_page_and_a_report_read_as_many_queries_however_large_the_plan(client, plan_of):
    counts = []
    for size in (10, 50):
        plan = plan_of(size, organisations=3, slug=f"koko-{size}")
        build_rounds(plan, years=(2024, 2025, 2026))
        url = reports_url(plan)
        counts.append(
            [
                queries_for(client, url),
                queries_for(client, f"{url}?kind=evaluation&year=2025&format=html"),
                queries_for(client, f"{url}?kind=comparison&year=2024&year=2025&format=xlsx"),
            ]
        )
    assert counts[0] == counts[1]


def test_the_report_command_writes_each_format(plan, tmp_path, in_english):
    for format in ("docx", "pdf", "html", "xlsx"):
        output = tmp_path / f"arviointi.{format}"
        call_command("report", plan.slug, "--year", "2024", "--format", format, "--output", output)
        assert output.stat().st_size > 1000
    written = docx.Document(str(tmp_path / "arviointi.docx"))
    assert written.paragraphs[1].text == "Toteutumisen arviointi 2024"  # the plan's language
    call_command(
        "report", plan.slug, "--kind", "plan", "--language", "sv",
        "--format", "docx", "--output", tmp_path / "plan.docx",
    )  # fmt: skip
    headings = [p.text for p in docx.Document(str(tmp_path / "plan.docx")).paragraphs]
    assert "Innehåll" in headings


def test_the_report_command_refuses_a_year_with_no_closed_round(plan, tmp_path, in_english):
    output = tmp_path / "arviointi.docx"
    with pytest.raises(CommandError, match="no closed follow-up round for 2025"):
        with translation.override("en"):
            call_command("report", plan.slug, "--year", "2025", "--language", "en",
                         "--output", output)  # fmt: skip
    assert not output.exists()
