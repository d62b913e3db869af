"""The search app's tables: the similar-actions index (similarity.py) and the coordinators'
overlap decisions (overlaps.py); the themes that align plans' goals and sub-goals
(compare.py, themes.py): a theme ("Eroauttaminen") gathers goals and sub-goals of any plans
working towards the same thing, each in at most one theme, kept as coordinators chose.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lanu.plans.models import Action, Goal, Plan, SubGoal


class IndexedAction(models.Model):
    """An action in the similar-actions index: its terms are its postings, read at the
    action's version (an action whose version differs is indexed again)."""

    action = models.OneToOneField(
        Action, on_delete=models.CASCADE, primary_key=True, related_name="similarity_entry"
    )
    version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.action_id} v{self.version}"


class TermFrequency(models.Model):
    """In how many indexed actions the term occurs (its document frequency). A row is
    never deleted: one whose actions all changed stays at 0."""

    term = models.CharField(max_length=100, primary_key=True)
    documents = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.documents}"


class Posting(models.Model):
    """How often a term occurs in an action's text: the index's inverted lists. `term_id`
    is the term itself; its document frequency is read in the same query."""

    term = models.ForeignKey(
        TermFrequency, on_delete=models.CASCADE, db_column="term", related_name="postings"
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "action"], name="one_posting")]
        indexes = [models.Index(fields=["action"])]

    def __str__(self) -> str:
        return f"{self.term_id} ×{self.count} in {self.action_id}"


class OverlapDecision(models.Model):
    """A coordinator's decision on a pair of actions found similar: the same work done
    twice, related work, or different work. `first` is the action of the smaller id."""

    class Verdict(models.TextChoices):
        SAME_WORK = "same_work", _("Same work")
        RELATED = "related", _("Related")
        DIFFERENT = "different", _("Different")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="overlap_decisions")
    first = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(_("decision"), max_length=10, choices=Verdict.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    class Meta:
        verbose_name = _("overlap decision")
        verbose_name_plural = _("overlap decisions")
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="one_decision")]

    def __str__(self) -> str:
        return f"{self.first_id}–{self.second_id}: {self.verdict}"


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ThemeMember(models.Model):
    """A goal or a sub-goal of one plan in a theme (exactly one of the two)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="members")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    goal = models.OneToOneField(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="theme_member"
    )
    subgoal = models.OneToOneField(
        SubGoal, on_delete=models.CASCADE, null=True, blank=True, related_name="theme_member"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theme member")
        verbose_name_plural = _("theme members")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__isnull=True, subgoal__isnull=False)
                | Q(goal__isnull=False, subgoal__isnull=True),
                name="theme_member_goal_or_subgoal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme}: {self.goal or self.subgoal}"

    @property
    def key(self) -> str:
        """ "goal-PK" or "subgoal-PK": what a form posts to name the member."""
        return f"goal-{self.goal_id}" if self.goal_id else f"subgoal-{self.subgoal_id}"


class SearchEntry(models.Model):
    """One searchable thing of a plan (documents.py says which and with what text): its
    text analysed into `terms` (analysis.terms, in the plan's language), which the
    full-text index reads (fulltext.py): on PostgreSQL `vector`, a tsvector of the text in
    the language's configuration and of the terms in `simple`, with a GIN index; on SQLite
    an FTS5 table the migration's triggers keep in step with this one."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan")
        GOAL = "goal", _("Goal")
        SUBGOAL = "subgoal", _("Sub-goal")
        ACTION = "action", _("Action")
        FOLLOWUP = "followup", _("Follow-up report")
        INDICATOR = "indicator", _("Indicator")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # the action of an action's entry and of its follow-up report's: the goal and status
    # filters read the action's sub-goals and its latest public report when searching
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # a follow-up report's round: its text is found only once the round is closed
    round = models.ForeignKey(
        "followup.FollowUpRound", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=5)
    title = models.TextField()
    text = models.TextField()
    terms = models.TextField()
    vector = SearchVectorField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry")
        ]
        indexes = [models.Index(fields=["plan", "organisation"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"
