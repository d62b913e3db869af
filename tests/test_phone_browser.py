"""Every page kind at a phone's width (390 px): the page never scrolls sideways, axe
finds nothing, and focus rings stand out (3:1) from whatever is behind them.

The pages are listed from the URL conf itself, so a new page kind is visited without
anyone remembering to add it: only its address's parts need a value here.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.http import urlsafe_base64_encode

from lanu.followup.models import ActionReport, Submission
from lanu.followup.rounds import close_round, open_round
from lanu.history.models import Change
from lanu.history.records import record, snapshot
from lanu.importers.views import read_upload
from lanu.indicators.models import Indicator
from lanu.indicators.plan_links import link_plan_indicators
from lanu.indicators.synthetic import build_indicators
from lanu.plans.models import IndicatorDescription
from lanu.yearclock.models import CalendarFeed
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard
from tests.voice_assessments import assessment
from tests.voice_data import CHOICES, answer, feedback_form

from .test_import_preview import plan_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITED = ["description", "responsible"]
PHONE = {"width": 390, "height": 844}
LONG_URL = "https://www.example.fi/lasten-ja-nuorten-hyvinvointisuunnitelma/" + "x" * 120
LONG_WORD = "Lastensuojeluilmoitusmenettelyuudistamistyöryhmäsuositukset" * 2
PUBLIC = {"list", "plan", "subgoal", "organisation", "actions", "action", "progress"}
PUBLIC |= {"progress-year", "login", "password_reset", "reports", "dashboard", "indicator"}
PUBLIC |= {"compare", "answer", "results"}
PUBLIC |= {"assessments", "assessment"}  # the plan's READY child impact assessments
PUBLIC |= {"search"}


def page_names(patterns=None, namespace="", params=frozenset()) -> dict[str, set[str]]:
    """Every named address in the URL conf (the admin's aside), as "namespace:name",
    with the names of its parameters."""
    names = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        inner = params | set(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver) and entry.namespace != "admin":
            prefix = f"{entry.namespace}:" if entry.namespace else namespace
            names |= page_names(entry.url_patterns, prefix, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names[namespace + entry.name] = inner
    return names


@pytest.fixture
def site(people, tmp_path):
    """The people's plan, published, with long words and a web address in its texts,
    a closed 2023 round with submitted reports and an open 2024 round, and alice's
    pending upload: a value for every part of every address."""
    plan = people.plan
    plan.published = True
    plan.name = f"Kymenlaakson {LONG_WORD} 2020–2024"
    plan.save()
    people.first.name = f"Organisaatio 1 – {LONG_WORD}"
    people.first.save()
    action = plan.actions.filter(organisation=people.first).order_by("order").first()
    before = snapshot(action, EDITED)
    action.description = f"{LONG_WORD}: katso {LONG_URL}"
    action.responsible = LONG_WORD
    action.save()
    record(people.bob, action, Change.Kind.CHANGED, plan, before, snapshot(action, EDITED))
    closed = open_round(plan, 2023, datetime.date(2024, 1, 15), datetime.date(2024, 2, 29))
    level = plan.status_levels.order_by("order").last()
    for each in plan.actions.filter(organisation=people.first):
        ActionReport.objects.create(round=closed, action=each, status=level, account=LONG_URL)
    Submission.objects.create(round=closed, organisation=people.first, submitted_by=people.bob)
    close_round(closed)
    open_round(plan, 2024, datetime.date(2025, 1, 15), datetime.date(2025, 2, 28))
    add_indicator(plan)
    pending = read_upload(plan_docx(), "suunnitelma.docx", None)
    pending.user = people.alice
    pending.save()
    goal = plan.goals.order_by("order").first()
    feedback = answered_form(plan)
    values = {
        "slug": plan.slug,
        "year": 2024,
        "goal_pk": goal.pk,
        "uidb64": urlsafe_base64_encode(b"0"),
        "token": "vanhentunut",
        "secret": CalendarFeed.objects.get_or_create(plan=plan)[0].token,
        "code": feedback.code,
    }
    pks = {
        "goal": goal.pk,
        "subgoal": goal.subgoals.first().pk,
        "organisation": people.first.pk,
        "priorities": people.first.pk,
        "submit": people.first.pk,
        "action": action.pk,
        "import": pending.pk,
        "membership": people.vera.memberships.get().pk,
        "event": plan.events.first().pk,
        "indicator": build_indicators(plan, 2)[0].pk,  # with the plan's area, charts and ratings
        "share": feedback.pk,
        # READY, with long words, linked to the action and its sub-goal
        "assessment": assessment(
            plan, [action], action.subgoals.all(), title=LONG_WORD, children=LONG_URL
        ).pk,
        "form": feedback.pk,  # voice: form-edit, questions, summary and its exports
        "questions": feedback.pk,
        "summary": feedback.pk,
        # a form with no answers: its confirmation page (one with answers says why it stays)
        "form-delete": feedback_form(plan, title=f"Poistettava {LONG_WORD}").pk,
    }
    return values, pks


def add_indicator(plan) -> None:
    """An indicator of the plan with the country's value and a suggested Sotkanet match."""
    IndicatorDescription.objects.create(
        plan=plan,
        number=1,
        group=LONG_WORD,
        name=f"Tyytyväinen elämäänsä {LONG_WORD}",
        description="8. ja 9. luokkalaisista, koko maa: 75,2%.",
        source="Kouluterveyskysely 2019",
    )
    Indicator.objects.create(code="sotkanet:9", sotkanet_id=9, name_fi="Tyytyväinen elämäänsä")
    link_plan_indicators(plan)


def answered_form(plan):
    """An open form of the plan with answers and its results published, long words in it."""
    form = feedback_form(plan, title=f"Miten {LONG_WORD} menee?", summary_published=True)
    answer(form, score=9, smiley=5, choice=CHOICES[0], choices=CHOICES, text=LONG_URL)
    form.questions.filter(kind="text").update(text=LONG_WORD)
    form.responses.get().answers.filter(question__kind="text").update(moderation="published")
    return form


def address(name: str, params: set[str], values: dict, pks: dict, language: str) -> str:
    """The page's address in the language, each part of it filled in from the site."""
    kwargs = {key: values[key] for key in params if key in values}
    if "pk" in params:
        page = name.split(":")[-1]
        kind = page.split("-")
        kwargs["pk"] = pks.get(page) or pks[kind[1] if kind[0] == "report" else kind[0]]
    if name == "followup:progress-year":
        kwargs["year"] = 2023
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def misfits(page, url: str, others=frozenset()) -> list[str]:
    """Loaded at 390 px: whatever scrolls the page sideways or axe finds, in words.
    A status in `others` is a page not meant for this person: nothing to look at."""
    probe = page.request.get(url, max_redirects=0)  # with the browser's cookies
    kind = probe.headers.get("content-type", "")
    if probe.status in others | {405} or not kind.startswith("text/html"):
        return []  # an action to post, or a download: not a page to look at
    if probe.status != 200:
        return [f"{url}: {probe.status}"]
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = [f"{url} is {width} px wide"] if width > page.evaluate("window.innerWidth") else []
    return wide + [f"{url}: {violation}" for violation in axe_violations(page)]


def test_every_page_fits_a_phone(live_server, site):
    """The public pages in Finnish and Swedish (the longest words), every page
    logged in as the plan's coordinator, and the follow-up pages as an editor."""
    values, pks = site
    names = page_names()
    names.pop("logout")
    found = []
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        for language in ("fi", "sv"):
            for name in sorted(n for n in names if n.split(":")[-1] in PUBLIC):
                url = address(name, names[name], values, pks, language)
                found += misfits(page, live_server.url + url)
        log_in_by_keyboard(page, live_server.url, "alice", "/plans/")
        for name in sorted(names):
            url = address(name, names[name], values, pks, "fi")
            found += misfits(page, live_server.url + url)
        page.context.clear_cookies()
        log_in_by_keyboard(page, live_server.url, "bob", "/plans/")
        for name in sorted(n for n in names if n.startswith("followup:")):
            url = address(name, names[name], values, pks, "fi")
            found += misfits(page, live_server.url + url, others={403})
    assert found == [], "\n".join(found)


FOCUS_RING = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const offset = parseFloat(style.outlineOffset) || 0;
  let behind = offset < 0 ? el : el.parentElement;  // the outline is drawn on this one
  let background = "rgb(255, 255, 255)";
  for (; behind; behind = behind.parentElement) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
  }
  const text = el.name || el.innerText || el.getAttribute("aria-label") || "";
  const name = el.tagName + " " + text.trim();
  return {name: name.slice(0, 40), style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          colour: style.outlineColor, background: background, body: el === document.body};
}"""


def luminance(colour: str) -> float:
    """WCAG's relative luminance of a computed "rgb(r, g, b)" colour."""
    channels = [int(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    darker, lighter = sorted([luminance(first), luminance(second)])
    return (lighter + 0.05) / (darker + 0.05)


def weak_focus_rings(page, stops: int = 80) -> list[str]:
    """Tab through the page: every focused control whose ring is missing, thin, or
    under 3:1 against what is behind it (header, body, tinted bands, buttons)."""
    weak = []
    page.locator("body").focus()
    for _ in range(stops):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["body"]:
            break
        ratio = contrast(ring["colour"], ring["background"])
        if ring["style"] == "none" or ring["width"] < 2 or ratio < 3:
            ring["ratio"] = ratio
            weak.append(
                "{name}: {style} {width}px {colour} on {background}, {ratio:.1f}:1".format(**ring)
            )
    return weak


def test_focus_rings_stand_out_on_every_background(live_server, site, people):
    """Public pages, then a coordinator's: the plan (header, tinted breadcrumbs, toolbar
    buttons), the progress page, an action's edit form and an organisation's report."""
    values, pks = site
    public = ["/plans/yhteinen/", reverse("followup:progress", args=["yhteinen"])]
    working = [
        reverse("plans:action-edit", args=["yhteinen", pks["action"]]),
        reverse("followup:report-organisation", args=["yhteinen", 2024, people.first.pk]),
    ]
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        for url in public:
            page.goto(live_server.url + url)
            assert weak_focus_rings(page) == [], url
        log_in_by_keyboard(page, live_server.url, "alice", "/plans/yhteinen/")
        assert weak_focus_rings(page) == []
        for url in working:
            page.goto(live_server.url + url)
            assert weak_focus_rings(page) == [], url


def test_a_wide_table_scrolls_in_its_box_with_its_first_column_kept(live_server, site, people):
    report = reverse("followup:report-organisation", args=["yhteinen", 2023, people.first.pk])
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        log_in_by_keyboard(page, live_server.url, "alice", report)
        box = page.get_by_role("region", name="Toimenpiteet ja niiden raportit")
        assert box.evaluate("box => box.scrollWidth > box.clientWidth")
        first = box.locator("tbody tr").first.locator("td, th").first
        left = box.bounding_box()["x"]
        assert box.evaluate("box => (box.scrollLeft = box.scrollWidth, box.scrollLeft)") > 100
        assert abs(first.bounding_box()["x"] - left) <= 1  # still at the box's left edge
        assert first.is_visible()
