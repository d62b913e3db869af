"""A plan's indicators: the whole country's values read from the plan's own text (in the
shapes people write them, in Finnish and Swedish), the indicators linked to the plan, and
a Sotkanet indicator suggested by name until a coordinator confirms it."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanu.importers import read_plan
from lanu.importers.save import save_plan
from lanu.indicators.models import Area, AreaKind, Indicator, Observation, PlanIndicator
from lanu.indicators.plan_links import link_plan_indicators, suggest_matches
from lanu.indicators.references import Reference, read_values, references
from lanu.plans.models import IndicatorDescription, Plan, SubGoal


def test_the_groups_of_a_school_survey_phrase_and_the_year_of_its_citation():
    text = (
        "perusopetus. 4. ja 5. luokkalaisista, koko maa: 89,5%. 8. ja 9. luokkalaisista, "
        "koko maa 75,2%. Lukiolaisista, koko maa 74,5%. Ammattikoululaisista, koko maa "
        "76,1%. (Kouluterveyskysely 2019) 4-vuotiaiden huoltajista, koko maa: 90,1%."
    )
    sources = "Kouluterveyskysely 2019; Lasten terveys, hyvinvointi ja palvelut (LTH) 2018"
    assert references(text, sources) == [
        Reference("4.-5. luokka", 2019, Decimal("89.5"), "%"),
        Reference("8.-9. luokka", 2019, Decimal("75.2"), "%"),
        Reference("lukio", 2019, Decimal("74.5"), "%"),
        Reference("ammatillinen", 2019, Decimal("76.1"), "%"),
        Reference("4-vuotiaiden huoltajat", 2018, Decimal("90.1"), "%"),
    ]


def test_other_shapes_negative_values_age_ranges_and_a_year_in_the_phrase():
    text = "0–6-vuotiaiden määrä, koko maa: -16,3 %. 7-15 -vuotiaat: Koko maan tilanne 2017: 4,0"
    assert references(text, "Tilastokeskus 2019") == [
        Reference("0-6-vuotiaat", 2019, Decimal("-16.3"), "%"),
        Reference("7-15-vuotiaat", 2017, Decimal("4.0"), ""),
    ]


def test_swedish_phrases_with_grades_upper_secondary_and_thousands():
    text = (
        "Elever i årskurs 8 och 9: hela landet 12,5 procent (2021). Gymnasiestuderande, "
        "hela landet: 1 204,5. Yrkesinstitutens studerande – hela landet 7.25 % (2023). "
        "Vårdnadshavare till 4-åringar, i hela landet 88 %."
    )
    assert references(text, "Skolhälsoenkäten 2021") == [
        Reference("8.-9. luokka", 2021, Decimal("12.5"), "%"),
        Reference("lukio", 2023, Decimal("1204.5"), ""),
        Reference("ammatillinen", 2023, Decimal("7.25"), "%"),
        Reference("4-vuotiaiden huoltajat", 2021, Decimal("88"), "%"),
    ]


def test_a_group_in_an_earlier_sentence_is_not_the_values_group():
    text = (
        "Synnytysten määrä tuhatta (15–49-vuotiasta) naista kohti. Väestötietona käytetään "
        "keskiväkilukua. Koko maa: 41,6. Perusopetus 4. ja 5. luokkalaisista, koko maa: 3,4 %."
    )
    assert [(r.group, r.value) for r in references(text, "Tilastokeskus 2018")] == [
        ("", Decimal("41.6")),
        ("4.-5. luokka", Decimal("3.4")),
    ]


def test_a_text_naming_the_country_without_a_value_gives_none():
    text = "Lukuja ei ole suhteutettu koko maan väestöön. Hela landets siffror saknas."
    assert references(text, "THL 2019") == []


def test_a_value_without_any_year_is_given_without_one():
    assert references("koko maa: 5%", "") == [Reference("", None, Decimal("5"), "%")]


@pytest.fixture
def kymenlaakso(db, seed_path):
    return save_plan(read_plan(seed_path("003")), "kymenlaakso")


def country_values(number: int) -> dict:
    observations = Observation.objects.filter(
        indicator__plan_links__description__number=number, area__kind=AreaKind.COUNTRY
    )
    return {(o.group, o.year): o.value for o in observations}


def test_the_seeds_32_indicators_become_indicators_with_the_countrys_values(kymenlaakso):
    linked = link_plan_indicators(kymenlaakso)
    assert linked.indicators == 32
    links = list(kymenlaakso.plan_indicators.select_related("indicator"))
    assert [link.number for link in links] == list(range(1, 33))
    assert links[6].indicator.name_fi == "Tyytyväinen elämäänsä"
    assert links[6].group == "Hyvinvointi, osallisuus & vapaa-aika"
    assert country_values(7) == {
        ("4.-5. luokka", 2019): Decimal("89.5"),
        ("8.-9. luokka", 2019): Decimal("75.2"),
        ("lukio", 2019): Decimal("74.5"),
        ("ammatillinen", 2019): Decimal("76.1"),
        ("4-vuotiaiden huoltajat", 2018): Decimal("90.1"),
    }
    assert country_values(3) == {("", 2018): Decimal("19.2")}
    assert country_values(2) == {("", 2018): Decimal("41.6")}
    assert country_values(15) == {}  # the plan gives no value for the whole country
    assert country_values(16) == {}  # three values of other measures, none of them its own
    assert [label.split(":")[-1] for label in linked.repeated] == [" 1.5", " 3.3", " 1.0"]
    assert Area.objects.get(kind=AreaKind.COUNTRY).name_sv == "Hela landet"


def test_linking_again_updates_in_place(kymenlaakso):
    link_plan_indicators(kymenlaakso)
    counts = (Indicator.objects.count(), Observation.objects.count(), PlanIndicator.objects.count())
    link_plan_indicators(kymenlaakso)
    again = (Indicator.objects.count(), Observation.objects.count(), PlanIndicator.objects.count())
    assert again == counts


def sotkanet(pk: int, fi: str, sv: str = "") -> Indicator:
    return Indicator.objects.create(code=f"sotkanet:{pk}", sotkanet_id=pk, name_fi=fi, name_sv=sv)


def test_a_sotkanet_indicator_of_a_like_name_is_suggested_until_confirmed(kymenlaakso):
    link_plan_indicators(kymenlaakso)
    content = sotkanet(1, "Tyytyväinen elämäänsä, 8. ja 9. luokan oppilaat (%)")
    sotkanet(2, "Väestö 31.12.", "Befolkning 31.12.")
    youth = sotkanet(3, "Nuorisotyöttömät, % 18-24-vuotiaasta työvoimasta")
    suggest_matches(kymenlaakso)
    suggested = {link.number: link.sotkanet_match for link in kymenlaakso.plan_indicators.all()}
    assert suggested[7] == content
    assert suggested[4] == youth
    assert suggested[31] is None  # bullying: nothing alike
    link = kymenlaakso.plan_indicators.get(description__number=4)
    link.sotkanet_match, link.match_confirmed = None, True  # the coordinator unmatched it
    link.save()
    suggest_matches(kymenlaakso)
    assert kymenlaakso.plan_indicators.get(description__number=4).sotkanet_match is None


def test_the_demo_plan_has_its_32_indicators(db):
    call_command("load-demo")
    plan = Plan.objects.get(slug="kymenlaakso-2020-2024")
    assert plan.plan_indicators.count() == 32
    assert IndicatorDescription.objects.filter(plan=plan).count() == 32
    assert country_values(22) == {
        ("8.-9. luokka", 2019): Decimal("16.9"),
        ("lukio", 2019): Decimal("15.9"),
        ("ammatillinen", 2019): Decimal("25.1"),
    }


# The coordinator's page ------------------------------------------------------------


def links_url(plan) -> str:
    return reverse("indicators:links", args=[plan.slug])


def described(plan, count: int) -> None:
    for n in range(1, count + 1):
        IndicatorDescription.objects.create(
            plan=plan,
            number=n,
            order=n,
            group="Hyvinvointi",
            name=f"Tyytyväinen elämäänsä <b>{n}</b>",
            description=f"8. ja 9. luokkalaisista, koko maa: {n},5 %.",
            source="Kouluterveyskysely 2019",
        )


def test_only_the_coordinator_may_open_the_page(client, people):
    url = links_url(people.plan)
    client.force_login(people.mallory)
    assert client.get(url).status_code == 404
    for reader in (people.vera, people.bob):
        client.force_login(reader)
        assert client.get(url).status_code == 403
        assert client.post(url, {"action": "read"}).status_code == 403
    assert not PlanIndicator.objects.exists()


def test_the_coordinator_reads_the_indicators_and_sees_the_countrys_values(
    client, people, in_english
):
    described(people.plan, 2)
    client.force_login(people.alice)
    response = client.post(links_url(people.plan), {"action": "read"}, follow=True)
    page = response.content.decode()
    assert "2 indicators read from the plan" in page
    assert "1. Tyytyväinen elämäänsä &lt;b&gt;1&lt;/b&gt;" in page
    assert "8.-9. luokka, 2019: 2.5 %" in page


def test_confirming_and_removing_a_match(client, people, in_english):
    described(people.plan, 1)
    sotkanet(9, "Tyytyväinen elämäänsä, 8. ja 9. luokan oppilaat (%)")
    link_plan_indicators(people.plan)
    link = people.plan.plan_indicators.get()
    client.force_login(people.alice)
    assert "Suggested match:" in client.get(links_url(people.plan)).content.decode()
    client.post(links_url(people.plan), {"action": "confirm", "link": link.pk})
    link.refresh_from_db()
    assert link.match_confirmed and link.sotkanet_match.sotkanet_id == 9
    assert "Confirmed match:" in client.get(links_url(people.plan)).content.decode()
    client.post(links_url(people.plan), {"action": "unmatch", "link": link.pk})
    link_plan_indicators(people.plan)  # reading again suggests nothing in its place
    link.refresh_from_db()
    assert link.match_confirmed and link.sotkanet_match is None


def test_linking_an_indicator_to_sub_goals_of_this_plan_only(client, people, plan_of):
    described(people.plan, 1)
    link_plan_indicators(people.plan)
    link = people.plan.plan_indicators.get()
    mine = SubGoal.objects.filter(goal__plan=people.plan).order_by("pk")[:2]
    other = SubGoal.objects.filter(goal__plan=plan_of(3, slug="toinen")).first()
    client.force_login(people.alice)
    data = {"action": "subgoals", "link": link.pk, "subgoals": [s.pk for s in mine] + [other.pk]}
    client.post(links_url(people.plan), data)
    assert set(link.subgoals.all()) == set(mine)
    page = client.get(links_url(people.plan)).content.decode()
    assert page.count(" checked>") == 2
    assert "8.-9. luokka, 2019: 1,5 %" in page  # in Finnish, with a decimal comma


def test_a_link_of_another_plan_is_not_found(client, people, plan_of):
    other = plan_of(3, slug="toinen")
    described(other, 1)
    link_plan_indicators(other)
    client.force_login(people.alice)
    data = {"action": "confirm", "link": other.plan_indicators.get().pk}
    assert client.post(links_url(people.plan), data).status_code == 404


def test_the_page_takes_as_many_queries_for_30_indicators_as_for_3(client, people):
    client.force_login(people.alice)
    described(people.plan, 3)
    link_plan_indicators(people.plan)
    with CaptureQueriesContext(connection) as few:
        assert client.get(links_url(people.plan)).status_code == 200
    IndicatorDescription.objects.filter(plan=people.plan).delete()
    described(people.plan, 30)
    link_plan_indicators(people.plan)
    for link in people.plan.plan_indicators.all():
        link.subgoals.set(SubGoal.objects.filter(goal__plan=people.plan)[:2])
    with CaptureQueriesContext(connection) as many:
        assert client.get(links_url(people.plan)).status_code == 200
    assert len(many) == len(few)


def test_the_coordinator_chooses_the_areas_the_reference_and_the_tolerance(client, people):
    client.force_login(people.alice)
    kotka = Area.objects.create(code="kunta:285", name_fi="Kotka", kind=AreaKind.MUNICIPALITY)
    region = Area.objects.create(code="maakunta:08", name_fi="Kymenlaakso", kind=AreaKind.REGION)
    kotka.member_of.add(region)
    page = client.get(links_url(people.plan)).content.decode()
    assert 'value="5"' in page or 'value="5,00"' in page  # the default tolerance
    assert "Kotka" not in page  # a municipality once its region is chosen
    data = {"action": "areas", "areas": [region.pk], "reference_area": region.pk}
    refused = client.post(links_url(people.plan), data | {"tolerance": "150"})
    assert refused.status_code == 400
    assert not people.plan.__class__.objects.filter(indicator_areas__isnull=False).exists()
    client.post(links_url(people.plan), data | {"tolerance": "7,5"})
    assert "Kotka" in client.get(links_url(people.plan)).content.decode()
    client.post(links_url(people.plan), data | {"areas": [region.pk, kotka.pk], "tolerance": "7,5"})
    chosen = people.plan.__class__.objects.get(pk=people.plan.pk).indicator_areas
    assert set(chosen.areas.all()) == {kotka, region}
    assert chosen.reference_area == region
    assert chosen.tolerance == Decimal("7.5")


def test_the_areas_offered_are_bounded_and_grouped_and_a_get_writes_nothing(client, people):
    region = Area.objects.create(code="maakunta:08", name_fi="Kymenlaakso", kind=AreaKind.REGION)
    Area.objects.create(code="hyvinvointialue:8", name_fi="Kymen HVA", kind=AreaKind.WELFARE_AREA)
    Area.objects.bulk_create(
        Area(code=f"kunta:{n}", name_fi=f"Kunta {n}", kind=AreaKind.MUNICIPALITY)
        for n in range(600)
    )
    Area.objects.get(code="kunta:7").member_of.add(region)
    client.force_login(people.alice)
    url = links_url(people.plan)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert page.count("Kunta ") == 0 and Area.objects.count() == 602  # none made on a GET
    assert sum('FROM "indicators_area"' in query["sql"] for query in queries) <= 2
    assert '<optgroup label="hyvinvointialue">' in page  # grouped by kind
    data = {"action": "areas", "areas": [region.pk], "tolerance": "5"}
    client.post(url, data)
    page = client.get(url).content.decode()
    assert page.count(">Kunta 7<") == 2  # in both selects, with no other municipality
    assert page.count("Kunta ") == 2


def test_the_admin_lists_a_plans_indicators(client, kymenlaakso, django_user_model):
    link_plan_indicators(kymenlaakso)
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.fi", "x"))
    page = client.get(reverse("admin:indicators_planindicator_changelist")).content.decode()
    assert "Tyytyväinen elämäänsä" in page
    assert client.get(reverse("admin:indicators_planareas_changelist")).status_code == 200


def test_the_coordinator_is_told_which_values_were_left_out(client, people, in_english):
    IndicatorDescription.objects.create(
        plan=people.plan,
        number=1,
        name="Yksinäisyys",
        description="Koko maa: 3,4 %. Lukiolaisista, koko maa 11,7 %.",
        source="",
    )
    client.force_login(people.alice)
    response = client.post(links_url(people.plan), {"action": "read"}, follow=True)
    assert "Left out, as their year is not given" in response.content.decode()
    assert "1. Yksinäisyys: 3.4; 1. Yksinäisyys: 11.7" in response.content.decode()


# The link points to the plan's text --------------------------------------------------


def test_an_edited_text_shows_on_the_page_without_reading_again(client, people):
    described(people.plan, 2)
    link_plan_indicators(people.plan)
    text = IndicatorDescription.objects.get(plan=people.plan, number=2)
    text.number, text.name = 7, "Kiusatuksi tulleet"
    text.save()
    client.force_login(people.alice)
    page = client.get(links_url(people.plan)).content.decode()
    assert "7. Kiusatuksi tulleet" in page
    assert "2. Tyytyväinen" not in page


def test_a_deleted_text_takes_its_link_and_on_reading_its_indicator(people):
    described(people.plan, 2)
    link_plan_indicators(people.plan)
    IndicatorDescription.objects.filter(plan=people.plan, number=2).delete()
    assert [link.number for link in people.plan.plan_indicators.all()] == [1]
    link_plan_indicators(people.plan)
    own = Indicator.objects.filter(code__startswith=f"plan:{people.plan.pk}:")
    assert [indicator.name_fi for indicator in own] == ["Tyytyväinen elämäänsä <b>1</b>"]
    assert Observation.objects.filter(indicator__in=own).count() == 1


def test_two_texts_of_one_number_stay_two_indicators(people):
    for order, name in enumerate(["Lukiolaiset", "Ammattikoululaiset"]):
        IndicatorDescription.objects.create(
            plan=people.plan, number=5, order=order, name=name, description="Koko maa 2019: 3 %"
        )
    linked = link_plan_indicators(people.plan)
    assert linked.indicators == 2
    names = [link.indicator.name_fi for link in people.plan.plan_indicators.all()]
    assert names == ["Lukiolaiset", "Ammattikoululaiset"]


def test_a_swedish_plans_indicator_is_named_in_swedish_and_shown_with_fallback(
    client, people, in_english
):
    people.plan.language = "sv"
    people.plan.save()
    IndicatorDescription.objects.create(
        plan=people.plan,
        number=1,
        name="Nöjd med sitt liv",
        description="Elever i årskurs 8 och 9, hela landet 75,2 % (2021).",
    )
    link_plan_indicators(people.plan)
    indicator = people.plan.plan_indicators.get().indicator
    assert (indicator.name_fi, indicator.name_sv) == ("", "Nöjd med sitt liv")
    assert indicator.name == "Nöjd med sitt liv"  # an English reader: the Swedish name
    assert indicator.definition.startswith("Elever i årskurs 8 och 9")
    sotkanet(4, "Tyytyväinen elämäänsä", "Nöjd med sitt liv")
    suggest_matches(people.plan)
    client.force_login(people.alice)
    page = " ".join(client.get(links_url(people.plan)).content.decode().split())
    assert "1. Nöjd med sitt liv" in page
    assert "Suggested match: Tyytyväinen elämäänsä" in page  # no English name: the Finnish


def test_an_indicator_is_named_in_the_readers_language_where_it_has_that_name(db):
    from django.utils import translation

    indicator = sotkanet(5, "Väestö 31.12.", "Befolkning 31.12.")
    with translation.override("sv"):
        assert indicator.name == "Befolkning 31.12."
    with translation.override("en"):
        assert indicator.name == "Väestö 31.12."


# Other phrasings: the vocabulary of the country and of groups, in Finnish and Swedish ---


@pytest.mark.parametrize(
    ("text", "group", "year", "value"),
    [
        ("Andelen i hela riket var 12,3 procent (2019).", "", 2019, "12.3"),
        ("I riket: 5 %.", "", 2020, "5"),
        ("Valtakunnallisesti 12,3 % nuorista.", "", 2020, "12.3"),
        ("Koko maan keskiarvo: 7,1 %.", "", 2020, "7.1"),
        ("Koko maa (2019) 12,3 %.", "", 2019, "12.3"),
        ("Koko maassa oli 12,3 % nuorista.", "", 2020, "12.3"),
        ("Koko maassa vuonna 2018 oli 4,2 %.", "", 2018, "4.2"),
        ("Elever i klasserna 8–9, hela riket 20 %.", "8.-9. luokka", 2020, "20"),
        ("Barn i åldern 0–6 år: hela landet 3,5 %.", "0-6-vuotiaat", 2020, "3.5"),
        ("Studerande på andra stadiet, hela landet 14 %.", "toinen aste", 2020, "14"),
        ("Toisen asteen opiskelijoista koko maassa 14 %.", "toinen aste", 2020, "14"),
        ("Ylipainoisuus: 8. ja 9. luokkalaisista, koko maa: 16,9 %.", "8.-9. luokka", 2020, "16.9"),
    ],
)
def test_the_country_in_other_words_and_layouts(text, group, year, value):
    assert references(text, "THL 2020") == [Reference(group, year, Decimal(value), "%")]


def test_a_swedish_plans_text_of_several_groups():
    text = (
        "Andel som upplever sin hälsa som medelmåttig eller dålig. Elever i årskurs 4 och 5: "
        "i hela riket 9,0 procent. Klasserna 8–9: riksnivån 20,9 procent. Gymnasiet, hela "
        "landet 21,2 procent (Skolhälsoenkäten 2019)."
    )
    assert references(text, "Skolhälsoenkäten 2019") == [
        Reference("4.-5. luokka", 2019, Decimal("9.0"), "%"),
        Reference("8.-9. luokka", 2019, Decimal("20.9"), "%"),
        Reference("lukio", 2019, Decimal("21.2"), "%"),
    ]


# The plan's own values: "<area>: value" -------------------------------------------------


def test_values_of_named_areas_beside_the_countrys():
    text = (
        "Kodin ulkopuolelle sijoitetut 0–17-vuotiaat. Kymenlaakso: 1,9 %. Koko maan "
        "tilanne: 1,5 %. Muut kunnat. Lapsia Espoo: 2,1 %, Kuusamo: 3,0 %, hela landet 1,4 % "
        "(2019)."
    )
    reading = read_values(text, "THL 2018", areas={"kymenlaakso", "espoo"})
    assert reading.values == [
        Reference("0-17-vuotiaat", 2019, Decimal("1.9"), "%", "kymenlaakso"),
        Reference("0-17-vuotiaat", 2019, Decimal("1.5"), "%"),
        Reference("", 2019, Decimal("2.1"), "%", "espoo"),
        Reference("", 2019, Decimal("1.4"), "%"),
    ]
    assert reading.unknown == ["Kuusamo"]  # no such area: reported, not guessed


def test_a_group_written_before_a_colon_is_no_area():
    reading = read_values("Lukiolaiset: 12 %. Ylipainoisuus: 8. ja 9. luokkalaisista.", "")
    assert reading == read_values("", "")


def test_linking_reads_the_plans_own_areas_values_by_their_finnish_or_swedish_name(
    client, people, in_english
):
    vasa = Area.objects.create(
        code="kunta:905", name_fi="Vaasa", name_sv="Vasa", kind=AreaKind.MUNICIPALITY
    )
    IndicatorDescription.objects.create(
        plan=people.plan,
        number=1,
        name="Placerade utom hemmet",
        description="Vasa: 1,9 %. Hela landet: 1,5 %. Korsholm: 2,0 %. (THL 2019)",
    )
    client.force_login(people.alice)
    response = client.post(links_url(people.plan), {"action": "read"}, follow=True)
    values = Observation.objects.filter(indicator__plan_links__plan=people.plan)
    found = {(o.area.kind, o.area_id == vasa.pk, o.year): o.value for o in values}
    assert found == {
        (AreaKind.MUNICIPALITY, True, 2019): Decimal("1.9"),
        (AreaKind.COUNTRY, False, 2019): Decimal("1.5"),
    }
    assert (
        "no area in Lanu has the name written before the value: 1. Placerade utom hemmet: Korsholm"
        in response.content.decode()
    )


# Unpublished plans' indicators are not listed outside the plan --------------------------


def test_public_indicators_leave_out_unpublished_plans_texts(people, plan_of):
    published = plan_of(3, slug="julkinen")
    for plan in (people.plan, published):
        IndicatorDescription.objects.create(plan=plan, number=1, name=f"Oma {plan.slug}")
        link_plan_indicators(plan)
    sotkanet(12, "Väestö 31.12.")
    names = {indicator.name_fi for indicator in Indicator.objects.public()}
    assert names == {"Oma julkinen", "Väestö 31.12."}
    assert not people.plan.published


def test_a_plans_indicator_is_never_suggested_as_another_plans_match(people, plan_of):
    other = plan_of(3, slug="toinen")
    IndicatorDescription.objects.create(plan=other, number=1, name="Tyytyväinen elämäänsä")
    link_plan_indicators(other)
    described(people.plan, 1)
    link_plan_indicators(people.plan)
    assert people.plan.plan_indicators.get().sotkanet_match is None
