"""The plan's vuosikello page: the clock and its month-by-month list, and the
coordinator's forms to add, edit and remove events."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lanu.followup.rounds import open_round
from lanu.history.models import Change
from lanu.yearclock.models import Event

from .html_links import press
from .personas import PERSONAS, as_persona, check_outcome

pytestmark = pytest.mark.django_db


def add_event(plan, **fields) -> Event:
    values = {"title": "Aluevaltuusto käsittelee raportin", "kind": Event.Kind.MEETING}
    event = Event.objects.create(**values | fields)
    event.plans.add(plan)
    return event


def clock_page(client, plan, year=None):
    url = reverse("yearclock:clock", args=[plan.slug])
    return client.get(url, {"year": year} if year else {})


def test_the_list_tells_each_event_by_month_with_its_kind_word(client, people):
    plan = people.plan
    add_event(plan, recurrence="last_weekday", month=5, weekday=5, owner=people.first)
    open_round(plan, 2024, date(2025, 1, 15), date(2025, 2, 28))
    client.force_login(people.vera)
    page = clock_page(client, plan, 2025).text
    may, february = page.index("Toukokuu"), page.index("Helmikuu")
    assert "30.5." in page[may:] and "Aluevaltuusto käsittelee raportin" in page[may:]
    assert "Organisaatio 1" in page[may:]
    assert "Määräaika" in page[february:may] and "28.2." in page[february:may]
    assert page.count('<use href="#yc-') == 3  # the meeting, the opening, the closing


def test_the_svgs_numbers_are_written_as_svg_reads_them_in_every_language(client, people):
    """Coordinates with a point, never the Finnish decimal comma (an SVG reads that as 0)."""
    add_event(people.plan, recurrence="day", month=7, day=1)
    client.force_login(people.vera)
    path = reverse("yearclock:clock", args=[people.plan.slug])
    for prefix in ("", "/sv", "/en"):
        page = client.get(prefix + path, {"year": 2025}).text
        svg = page[page.index('<svg class="yearclock-face"') : page.index("</svg>")]
        numbers = re.findall(r' (?:c?x|c?y|x1|y1|x2|y2|r)="([^"]*)"', svg)
        assert len(numbers) > 50 and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers)
        assert 'cx="220.0" cy="220.0"' in svg
        assert ">Hei<" in svg or ">Jul<" in svg


def test_today_is_marked_in_this_years_clock_only(client, people):
    client.force_login(people.vera)
    today = timezone.localdate()
    shown = clock_page(client, people.plan).text
    assert f"Tänään on {today:%-d.%-m.%Y}" in shown and "tänään</text>" in shown
    assert "tänään</text>" not in clock_page(client, people.plan, today.year + 1).text


def test_the_clock_is_in_swedish_on_a_swedish_page(client, people):
    add_event(people.plan, recurrence="day", month=3, day=1, title_sv="Fullmäktige")
    client.force_login(people.vera)
    page = client.get(f"/sv{reverse('yearclock:clock', args=[people.plan.slug])}?year=2025")
    assert "Fullmäktige" in page.text and "Mars" in page.text


def test_a_coordinator_adds_an_event_that_appears_on_the_clock(client, people):
    client.force_login(people.alice)
    url = reverse("yearclock:event-add", args=[people.plan.slug])
    form = client.get(url).context["form"]
    data = {f: "" for f in form.fields} | {"version": "", "loaded": form["loaded"].value()}
    data |= {"title": "Kouluterveyskysely", "kind": "survey", "recurrence": "week"}
    data |= {"week": "10", "weekday": "1", "every_years": "2", "first_year": "2025"}
    data |= {"offset_days": "0", "days": "1"}
    response = client.post(url, data)
    assert response.status_code == 302
    event = people.plan.events.get()
    assert Change.objects.filter(object_id=event.pk, kind=Change.Kind.CREATED).exists()
    assert '<use href="#yc-survey"' in clock_page(client, people.plan, 2025).text
    assert '<use href="#yc-survey"' not in clock_page(client, people.plan, 2026).text


def test_a_recurrence_without_its_fields_is_refused_saying_which(client, people):
    client.force_login(people.alice)
    url = reverse("yearclock:event-add", args=[people.plan.slug])
    data = {"title": "Kokous", "kind": "meeting", "recurrence": "day", "month": "2"}
    data |= {"day": "30", "offset_days": "0", "every_years": "1", "days": "1"}
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Kuukaudessa ei ole sellaista päivää." in page.text
    assert not Event.objects.exists()


def test_a_coordinator_edits_and_removes_an_event(client, people):
    event = add_event(people.plan, recurrence="day", month=9, day=1)
    client.force_login(people.alice)
    url = reverse("yearclock:event-edit", args=[people.plan.slug, event.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data |= {"day": "15"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert "15.9." in clock_page(client, people.plan, 2025).text
    page = client.get(reverse("yearclock:event-delete", args=[people.plan.slug, event.pk]))
    press(client, page, "Poista")
    assert not Event.objects.exists()
    assert Change.objects.filter(object_id=event.pk, kind=Change.Kind.REMOVED).exists()


@pytest.mark.parametrize("persona, expected", PERSONAS)
def test_only_the_coordinator_adds_events(client, people, persona, expected):
    as_persona(client, people, persona)
    url = reverse("yearclock:event-add", args=[people.plan.slug])
    data = {"title": "Kokous", "kind": "meeting", "recurrence": "day", "month": "2"}
    data |= {"day": "3", "offset_days": "0", "every_years": "1", "days": "1"}
    check_outcome(client.post(url, data), expected)
    assert Event.objects.exists() == (expected == "done")


def test_an_event_of_another_plan_is_not_found_here(client, people, plan_of):
    other = add_event(plan_of(2), recurrence="day", month=1, day=1)
    client.force_login(people.alice)
    url = reverse("yearclock:event-edit", args=[people.plan.slug, other.pk])
    assert client.get(url).status_code == 404
