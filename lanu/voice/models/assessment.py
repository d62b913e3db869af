"""Child impact assessments (lapsivaikutusten arviointi, LAVA): a decision's effects on
children, assessed before it is made.

The record follows the Finnish practice (THL; "Lapsivaikutusten arviointi kunnassa"):
what is decided and when, which children and families it affects, the assessed effects
by area, the children's own views and how they were heard, the alternatives, and the
conclusion with how negative effects are reduced and the real effects followed up.

The effects and the checklist are data, not free text: `effects` maps each Area to its
Direction and a description, `checklist` each item of assessments.CHECKLIST to whether
it is done and a note, so that the pages, the translations and every export read the
same lists, and one row holds the whole assessment (a list of them is a fixed number
of queries). Only READY assessments of a published plan are public.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanu.plans.models import Action, Plan, SubGoal, Versioned

from .feedback import FeedbackForm


class ChildImpactAssessment(Versioned):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready")

    class Area(models.TextChoices):
        HEALTH = "health", _("Health and wellbeing")
        SAFETY = "safety", _("Safety")
        LEARNING = "learning", _("Learning and education")
        LEISURE = "leisure", _("Leisure and hobbies")
        FAMILY = "family", _("Family and livelihood")
        SERVICES = "services", _("Services: reachability and quality")
        PARTICIPATION = "participation", _("Participation and equality")

    class Direction(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEGATIVE = "negative", _("Negative")
        NONE = "none", _("No effect")
        UNKNOWN = "unknown", _("Not known")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assessments")
    title = models.CharField(_("decision"), max_length=300)
    decider = models.CharField(_("decided by"), max_length=300, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    description = models.TextField(_("what is decided and on what schedule"), blank=True)
    children = models.TextField(_("children and families affected"), blank=True)
    vulnerable_groups = models.TextField(_("children in a vulnerable position"), blank=True)
    effects = models.JSONField(_("assessed effects"), default=dict, blank=True)
    children_views = models.TextField(_("the children's own views"), blank=True)
    hearing = models.TextField(_("how the children were heard"), blank=True)
    feedback_form = models.ForeignKey(
        FeedbackForm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("feedback form or hearing"),
    )
    alternatives = models.TextField(_("alternatives and their effects"), blank=True)
    conclusion = models.TextField(_("conclusion and recommendation"), blank=True)
    mitigation = models.TextField(_("how negative effects are reduced"), blank=True)
    follow_up = models.TextField(_("follow-up of the actual effects"), blank=True)
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    subgoals = models.ManyToManyField(
        SubGoal, related_name="assessments", blank=True, verbose_name=_("sub-goals")
    )
    actions = models.ManyToManyField(
        Action, related_name="assessments", blank=True, verbose_name=_("actions")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # the newest decisions first; one not yet dated last, on every database
        ordering = [models.F("decision_date").desc(nulls_last=True), "-created_at", "pk"]
        verbose_name = _("child impact assessment")
        verbose_name_plural = _("child impact assessments")

    def __str__(self):
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY
