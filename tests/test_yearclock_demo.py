"""The Kymenlaakso demo's vuosikello: the round's deadlines and seed 001's reporting steps
(yearly implementation report, mid-term 2022, final 2024), owned by the welfare area; and
some actions rated on the ease × impact matrix."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from lanu.plans.models import Plan

pytestmark = pytest.mark.django_db
SLUG = "kymenlaakso-2020-2024"


@pytest.fixture
def demo(capsys) -> Plan:
    call_command("load-demo")
    return Plan.objects.get(slug=SLUG)


def test_the_demo_clock_has_the_rounds_deadline_and_the_reporting_steps(client, demo):
    page = client.get(reverse("yearclock:clock", args=[SLUG]), {"year": 2022}).text
    assert "Väliarviointi: vaikuttavuus" in page and "30.9." in page
    assert "Vuosittainen toteutumisraportti" in page and "(Kymsote)" in page
    final = client.get(reverse("yearclock:clock", args=[SLUG]), {"year": 2024}).text
    assert "Loppuarviointi: vaikuttavuus" in final
    closing = demo.events.get(anchor="closes")
    assert closing.round_event
    year_2023 = client.get(reverse("yearclock:clock", args=[SLUG]), {"year": 2023}).text
    assert "Seurantakierros sulkeutuu" in year_2023


def test_the_yearly_report_links_the_evaluation_of_its_closed_round(client, demo):
    year_2024 = client.get(reverse("yearclock:clock", args=[SLUG]), {"year": 2024}).text
    report = reverse("reports:reports", args=[SLUG]) + "?kind=evaluation&amp;year=2023"
    assert report in year_2024 and "Arviointiraportti 2023" in year_2024
    year_2023 = client.get(reverse("yearclock:clock", args=[SLUG]), {"year": 2023}).text
    assert "kind=evaluation" not in year_2023  # the round 2022 is not in Lanu


def test_loading_the_demo_again_adds_nothing(demo, capsys):
    count = demo.events.count()
    call_command("load-demo")
    assert demo.events.count() == count
    assert demo.events.filter(on_date=date(2024, 9, 30)).count() == 1


def test_the_demo_rates_actions_in_every_field_of_the_matrix(demo):
    rated = demo.actions.exclude(ease="").exclude(impact="")
    assert {(a.ease, a.impact) for a in rated} == {
        ("easy", "high"),
        ("hard", "high"),
        ("easy", "low"),
        ("hard", "low"),
    }
