"""The plan as data: goals, sub-goals, each organisation's actions and their metrics.

Names follow ../shared/DOMAIN.md. A plan keeps its own labels for its levels
(Päätavoite / Painopiste / Periaate ...), since plans name them differently.
Text an imported document says that fits no field is kept in a `notes` field.
"""

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import metric_kinds
from .labels import LEVEL_NAMES as LEVELS
from .labels import in_language, known_translations

if TYPE_CHECKING:
    from .listing import SubGoalRef


class Versioned(models.Model):
    """Counts saves, so that a save based on an old version is refused (plans/editing.py)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Organisation(Versioned):
    """Who carries out actions: the welfare area, a municipality, a parish, an NGO..."""

    class Kind(models.TextChoices):
        WELFARE_AREA = "welfare_area", _("Welfare area")
        MUNICIPALITY = "municipality", _("Municipality")
        PARISH = "parish", _("Parish")
        NGO = "ngo", _("NGO")
        POLICE = "police", _("Police")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def add_aliases(self, names) -> None:
        """Remember other names of this organisation (no duplicates, not its own name)."""
        for name in names:
            if name and name != self.name and name not in self.aliases:
                self.aliases.append(name)


class Plan(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        ARCHIVED = "archived", _("Archived")

    slug = models.SlugField(_("short address"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    region = models.CharField(_("region"), max_length=200, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    language = models.CharField(_("language"), max_length=5, default="fi")
    goal_label = models.CharField(_("label of goals"), max_length=100, default="Päätavoite")
    subgoal_label = models.CharField(_("label of sub-goals"), max_length=100, default="Välitavoite")
    action_label = models.CharField(_("label of actions"), max_length=100, default="Toimenpide")
    goal_label_sv = models.CharField(
        _("label of goals in Swedish"), max_length=100, blank=True, default="", db_default=""
    )
    goal_label_en = models.CharField(
        _("label of goals in English"), max_length=100, blank=True, default="", db_default=""
    )
    subgoal_label_sv = models.CharField(
        _("label of sub-goals in Swedish"), max_length=100, blank=True, default="", db_default=""
    )
    subgoal_label_en = models.CharField(
        _("label of sub-goals in English"), max_length=100, blank=True, default="", db_default=""
    )
    action_label_sv = models.CharField(
        _("label of actions in Swedish"), max_length=100, blank=True, default="", db_default=""
    )
    action_label_en = models.CharField(
        _("label of actions in English"), max_length=100, blank=True, default="", db_default=""
    )
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published = models.BooleanField(_("published"), default=False)
    organisations = models.ManyToManyField(
        Organisation, through="Participation", related_name="plans", blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("imported from"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-period_start", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.fill_label_translations()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.slug])

    @property
    def period(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    @property
    def level_labels(self) -> dict[str, str]:
        """The labels as the plan's document writes them (Finnish): what exports keep."""
        return {"goal": self.goal_label, "subgoal": self.subgoal_label, "action": self.action_label}

    @property
    def labels(self) -> dict[str, str]:
        """The labels in the page's language: `{{ plan.labels.goal }}` in templates."""
        return self.labels_in()

    @property
    def own_labels(self) -> dict[str, str]:
        """The labels in the page's language where they differ from the level's generic
        word ("" where the plan calls a sub-goal a sub-goal), for a heading that names the
        generic word and adds the plan's own in parentheses: "Status per sub-goal (Focus)"."""
        generic = {"goal": Goal, "subgoal": SubGoal, "action": Action}
        return {
            level: "" if label.casefold() == str(generic[level]._meta.verbose_name) else label
            for level, label in self.labels.items()
        }

    def labels_in(self, language: str | None = None) -> dict[str, str]:
        return {level: in_language(self, f"{level}_label", language) for level in LEVELS}

    def fill_label_translations(self) -> None:
        """An empty Swedish or English label of a usual Finnish one gets its usual name."""
        for level in LEVELS:
            field = f"{level}_label"
            for language, name in known_translations(getattr(self, field)).items():
                if not getattr(self, f"{field}_{language}"):
                    setattr(self, f"{field}_{language}", name)


class Participation(models.Model):
    """An organisation taking part in a plan, in the order the plan lists them."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "organisation"], name="one_participation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.plan}"


class Section(models.Model):
    """A free-text chapter of a plan: introduction, state of wellbeing, monitoring..."""

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction")
        WELLBEING = "wellbeing", _("State of wellbeing")
        MONITORING = "monitoring", _("Monitoring")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title


class IndicatorDescription(models.Model):
    """A welfare indicator as the plan describes it, with its national reference."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicator_descriptions")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    group = models.CharField(_("group"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("indicator description")
        verbose_name_plural = _("indicator descriptions")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class GoalBase(Versioned):
    """What a goal and a sub-goal both have: a number, a title and text, a place, archiving."""

    number = models.CharField(_("number"), max_length=10)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    order = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.key} {self.title}"

    @property
    def key(self) -> str:
        """The key in exports and lists: the number, with the goal's before a sub-goal's."""
        return self.number


class Goal(GoalBase):
    """Top level: main goal (päätavoite), priority (painopiste) or principle (periaate)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_goal_number")
        ]


class SubGoal(GoalBase):
    """Välitavoite / tavoite: "where must we succeed?"."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="subgoals")

    class Meta:
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")
        ordering = ["goal__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="unique_subgoal_number")
        ]

    @property
    def key(self) -> str:
        """The sub-goal's key in exports: "GOAL.SUB", e.g. "I.3"."""
        return f"{self.goal.number}.{self.number}"


class Action(Versioned):
    """Toimenpide: what one organisation does, and how, for one or more sub-goals."""

    class Permanence(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        PROJECT = "project", _("Project-funded")
        PILOT = "pilot", _("Pilot")
        UNKNOWN = "unknown", _("Unknown")

    class Ease(models.TextChoices):
        EASY = "easy", _("Easy")
        HARD = "hard", _("Hard")

    class Impact(models.TextChoices):
        LOW = "low", _("Low")
        HIGH = "high", _("High")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("organisation"),
    )
    subgoals = models.ManyToManyField(SubGoal, related_name="actions", verbose_name=_("sub-goals"))
    description = models.TextField(_("description"), blank=True)
    items = models.JSONField(_("items"), default=list, blank=True)
    schedule = models.CharField(_("schedule"), max_length=500, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    permanence = models.CharField(
        _("permanence"), max_length=10, choices=Permanence.choices, default=Permanence.UNKNOWN
    )
    responsible = models.TextField(_("responsible"), blank=True)
    monitoring = models.TextField(_("monitoring"), blank=True)
    ease = models.CharField(_("ease"), max_length=4, choices=Ease.choices, blank=True)
    impact = models.CharField(_("impact"), max_length=4, choices=Impact.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    order = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(_("archived"), default=False)

    # Not columns: what a page or an export gives each action it lists, read in one query
    # for them all (plans/listing.py; a closed round's, followup/overview.py).
    subgoal_refs: list["SubGoalRef"]
    subgoal_keys: list[str]  # every sub-goal's key, archived ones too (the full export)
    metric_list: list  # MetricRefs, or Metric rows in the full export
    url: str
    group_size: int  # the first of an organisation's actions: how many it has in the table
    organisation_url: str

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["order", "id"]
        indexes = [models.Index(fields=["plan", "order"]), models.Index(fields=["organisation"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:action", args=[self.plan.slug, self.pk])

    @property
    def number(self) -> int:
        """The action's number in the plan, counting from 1."""
        return self.order + 1

    @property
    def title(self) -> str:
        """A one-line name: the description's first line, or the first item."""
        text = self.description or (self.items[0] if self.items else "")
        first = text.strip().splitlines()[0] if text.strip() else ""
        return first if len(first) <= 120 else first[:119].rstrip() + "…"

    @property
    def more_text(self) -> bool:
        """Whether the description says more than its title shows."""
        return bool(self.description.strip()) and self.description.strip() != self.title


class Metric(models.Model):
    """Mittari: how the action's success is measured.

    A metric keeps its identity through edits (plans/metrics.py), so that the values
    reported for it stay; one no longer wanted that has values is archived, not deleted.
    """

    class Kind(models.TextChoices):
        NUMBER = metric_kinds.NUMBER, pgettext_lazy("metric kind", "Number")
        PERCENTAGE = metric_kinds.PERCENTAGE, _("Percentage")
        YES_NO = metric_kinds.YES_NO, _("Yes / no")
        TEXT = metric_kinds.TEXT, _("Text")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="metrics")
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("Of a number, e.g. “persons”, “€”.")
    )
    by_mother_tongue = models.BooleanField(
        _("broken down by mother tongue / citizenship"), default=False
    )
    order = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text
