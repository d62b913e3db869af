"""Welfare indicators: what is measured, where, and the values year by year (tidy long form)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("fi", "sv", "en")


def translated(item: models.Model, field: str) -> str:
    """The text of `field` in the reader's language, else the first of fi, sv, en that
    is written: a Swedish plan's indicator has a Swedish name only."""
    language = (get_language() or "fi")[:2]
    order = [language, *(other for other in LANGUAGES if other != language)]
    return next((text for code in order if (text := getattr(item, f"{field}_{code}", ""))), "")


class Direction(models.TextChoices):
    HIGHER_BETTER = "higher", _("higher is better")
    LOWER_BETTER = "lower", _("lower is better")
    NEUTRAL = "neutral", _("neutral")


PLAN_CODE = "plan:"  # the start of the code of an indicator made of a plan's own text


class IndicatorQuerySet(models.QuerySet):
    def public(self) -> "IndicatorQuerySet":
        """The indicators any visitor may see listed: all but those made of a plan's own
        text, unless that plan is published."""
        own = models.Q(code__startswith=PLAN_CODE)
        return self.exclude(own & ~models.Q(plan_links__plan__published=True))


class Indicator(models.Model):
    """One measure, e.g. Sotkanet's 127 "Väestö 31.12.". Its code is unique: a Sotkanet
    indicator's is "sotkanet:<id>"."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=500, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=500, blank=True)
    name_en = models.CharField(_("name in English"), max_length=500, blank=True)
    definition_fi = models.TextField(_("definition in Finnish"), blank=True)
    definition_sv = models.TextField(_("definition in Swedish"), blank=True)
    definition_en = models.TextField(_("definition in English"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.NEUTRAL
    )
    sotkanet_id = models.PositiveIntegerField(_("Sotkanet id"), null=True, blank=True, unique=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        """The name in the reader's language, else in another one."""
        return translated(self, "name")

    @property
    def definition(self) -> str:
        return translated(self, "definition")


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("whole country")
    WELFARE_AREA = "welfare_area", _("welfare area")
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("municipality")
    OTHER = "other", _("other area")


class Area(models.Model):
    """A place values are given for. Its code is unique: a Sotkanet region's is
    "<category>:<code>" in lower case, e.g. "kunta:285" (Kotka), "maakunta:08"."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    # The source's own category where kind is "other" (SEUTUKUNTA, ERVA, ...).
    category = models.CharField(_("category"), max_length=40, blank=True)
    sotkanet_id = models.PositiveIntegerField(_("Sotkanet id"), null=True, blank=True, unique=True)
    # A municipality belongs to its welfare area, its region and others.
    member_of = models.ManyToManyField(
        "self", symmetrical=False, related_name="members", blank=True, verbose_name=_("member of")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the reader's language, else in another one."""
        return translated(self, "name")


class Gender(models.TextChoices):
    TOTAL = "total", _("total")
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Observation(models.Model):
    """One value: an indicator's for an area, a year, a gender and a population group
    (a text key such as "8.-9. luokka"; blank for none). Re-importing updates in place."""

    # No index of its own: the unique key below begins with it (one index less to write).
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="observations")
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(
        _("gender"), max_length=6, choices=Gender.choices, default=Gender.TOTAL
    )
    group = models.CharField(_("population group"), max_length=100, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6, null=True, blank=True)
    absolute_value = models.DecimalField(
        _("absolute value"), max_digits=24, decimal_places=6, null=True, blank=True
    )

    shown: str  # set by the pages that list values: the value as shown (no field)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "year", "gender", "group"],
                name="one_observation_per_breakdown",
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.area.code} {self.year} {self.gender} {self.group}"


class PlanIndicator(models.Model):
    """An indicator as a plan follows it: the plan's text describing it (its number, group,
    name and place in the plan's list are the text's, never copies), the sub-goals it
    follows, and a Sotkanet indicator suggested as the same measure until a coordinator
    confirms (or removes) the match. A text deleted takes its link with it."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="plan_indicators")
    description = models.OneToOneField(
        "plans.IndicatorDescription",
        on_delete=models.CASCADE,
        related_name="indicator_link",
        verbose_name=_("the plan's text"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="plan_links", verbose_name=_("indicator")
    )
    subgoals = models.ManyToManyField(
        "plans.SubGoal", related_name="plan_indicators", blank=True, verbose_name=_("sub-goals")
    )
    sotkanet_match = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Sotkanet match"),
    )
    match_confirmed = models.BooleanField(_("match confirmed"), default=False)

    class Meta:
        ordering = ["description__order", "description__pk"]
        verbose_name = _("indicator of a plan")
        verbose_name_plural = _("indicators of a plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator"], name="one_link_per_indicator")
        ]

    def __str__(self):
        return f"{self.number or ''} {self.name}".strip()

    # The plan's text as it is now (select_related("description") where many are shown).
    @property
    def number(self) -> int | None:
        return self.description.number

    @property
    def group(self) -> str:
        return self.description.group

    @property
    def name(self) -> str:
        return self.description.name


DEFAULT_TOLERANCE = 5


class PlanAreas(models.Model):
    """Where a plan's indicators are looked at: the plan's own area(s), the reference area
    they are compared with (none chosen: the whole country) and the tolerance in per cent
    within which a value counts as neutral."""

    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="indicator_areas"
    )
    areas = models.ManyToManyField(
        Area, related_name="plans", blank=True, verbose_name=_("areas of the plan")
    )
    reference_area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reference area"),
    )
    tolerance = models.DecimalField(
        _("tolerance (%)"), max_digits=5, decimal_places=2, default=DEFAULT_TOLERANCE
    )

    class Meta:
        verbose_name = _("areas of a plan")
        verbose_name_plural = _("areas of plans")

    def __str__(self):
        return str(self.plan)
