"""A child impact assessment as a Word document, a plan's assessments as XLSX and CSV (a
text that starts like a formula stays text), and in the plan's JSON document: each file
opened and read as its reader would."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from tests.personas import as_persona
from tests.voice_assessments import action_of, assessment, draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
FORMULA = '=HYPERLINK("http://example.com","klikkaa")'


def url(name, plan, *args):
    return reverse(f"voice:{name}", args=[plan.slug, *args])


def downloaded(client, address) -> bytes:
    response = client.get(address)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def published(people):
    people.plan.published = True
    people.plan.save()
    return people.plan


def test_assessment_word_document_has_every_question_effect_and_check(client, published, people):
    action = action_of(published, people.first)
    found = assessment(published, actions=[action], subgoals=action.subgoals.all())
    document = Document(io.BytesIO(downloaded(client, url("assessment-docx", published, found.pk))))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Child impact assessment" in text and found.title in text
    assert "Which children and families does the decision affect?" in text
    assert "Alle kouluikäiset lapset ja heidän perheensä" in text
    assert "The children's own view and how the children were heard" in text
    assert "Nuoret toivoivat iltavastaanottoa." in text
    assert "Suositellaan iltavastaanoton säilyttämistä." in text
    assert f"{action.number}. Organisaatio 1: {action.title}" in text
    effects, checklist = ([[c.text for c in row.cells] for row in t.rows] for t in document.tables)
    assert effects[0] == ["Area", "Effect", "Description"]
    assert ["Health and wellbeing", "Positive", "Lyhyempi matka neuvolaan"] in effects
    assert ["Services: reachability and quality", "Negative", "Aukioloajat lyhenevät"] in effects
    assert ["Safety", "Not assessed", ""] in effects
    assert len(effects) == 1 + 7 and len(checklist) == 1 + 9
    heard = next(row for row in checklist if row[1].startswith("The children concerned"))
    assert heard == [
        "Done",
        "The children concerned were heard and their views are written down.",
        "Nuorisovaltuusto 3.2.",
    ]


def test_assessment_word_document_in_finnish(client, published):
    found = assessment(published)
    with translation.override("fi"):
        address = reverse("voice:assessment-docx", args=[published.slug, found.pk])
    document = Document(io.BytesIO(downloaded(client, address)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Lapsivaikutusten arviointi" in text
    assert "Lasten oma näkemys ja miten lapsia kuultiin" in text


def test_assessments_workbook_and_csv_keep_a_formula_as_text(client, published):
    assessment(published, title=FORMULA, decider="+358 40 123 4567", conclusion="@SUM(A1)")
    draft(published)  # not the public's
    workbook = load_workbook(io.BytesIO(downloaded(client, url("assessments-xlsx", published))))
    sheet = workbook.active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    headings = rows[0]
    assert len(rows) == 2
    record = dict(zip(headings, rows[1], strict=True))
    assert record["Decision"] == "'" + FORMULA
    assert record["Who decides"] == "'+358 40 123 4567"
    assert record["Conclusion"] == "'@SUM(A1)"
    assert record["Health and wellbeing"] == "Positive"
    assert record["Health and wellbeing: description"] == "Lyhyempi matka neuvolaan"
    assert record["Checklist: items done (of 9)"] == 2
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    text = downloaded(client, url("assessments-csv", published)).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == headings and len(lines) == 2
    assert lines[1][0] == "'" + FORMULA and "'@SUM(A1)" in lines[1]


def test_assessments_table_of_the_plans_people_has_the_drafts(client, people):
    draft(people.plan)
    as_persona(client, people, "vera")
    text = downloaded(client, url("assessments-csv", people.plan)).decode("utf-8-sig")
    assert "Luonnos: koulukuljetusten muutos" in text and "Draft" in text


def test_assessment_in_the_plans_json_document_ready_ones_only(client, published, people):
    action = action_of(published, people.first)
    assessment(published, actions=[action], subgoals=action.subgoals.all())
    draft(published)
    document = json.loads(downloaded(client, reverse("plans:export-json", args=[published.slug])))
    (found,) = document["child_impact_assessments"]
    assert found["title"] == "Perhekeskuksen aukioloaikojen muutos" and found["state"] == "ready"
    assert found["decision_date"] == "2025-03-01"
    assert found["effects"] == [
        {"area": "health", "direction": "positive", "description": "Lyhyempi matka neuvolaan"},
        {"area": "services", "direction": "negative", "description": "Aukioloajat lyhenevät"},
    ]
    assert found["checklist"][0] == {"item": "decision", "done": True, "note": ""}
    assert found["subgoals"] == [subgoal.key for subgoal in action.subgoals.all()]
    assert found["actions"] == [{"number": action.number, "organisation": "Organisaatio 1"}]


def test_assessment_none_ready_leaves_the_json_document_without_the_key(client, published):
    draft(published)
    document = json.loads(downloaded(client, reverse("plans:export-json", args=[published.slug])))
    assert "child_impact_assessments" not in document
