"""The yearly follow-up round: each organisation reports its actions; rounds are the history.

A plan has its own status scale (StatusLevel; Lanu's default is Ei aloitettu /
Aloitettu / Käynnissä / Käytössä / Ei toteudu). A FollowUpRound is opened for
a year; in it each action has at most one ActionReport (status, account, metric
values, whether it continues), each organisation submits once, organisations add
priorities for the coming year per sub-goal, and the coordinator writes the
joint highlights per sub-goal. Closing a round freezes it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanu.followup.charts import number_text
from lanu.plans.labels import in_language
from lanu.plans.models import Action, Metric, Organisation, Plan, SubGoal, Versioned


class StatusLevel(models.Model):
    """One step of a plan's status scale, with a colour and always a text beside it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="status_levels")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    name_sv = models.CharField(
        _("name in Swedish"), max_length=100, blank=True, default="", db_default=""
    )
    name_en = models.CharField(
        _("name in English"), max_length=100, blank=True, default="", db_default=""
    )
    description_sv = models.CharField(
        _("description in Swedish"), max_length=300, blank=True, default="", db_default=""
    )
    description_en = models.CharField(
        _("description in English"), max_length=300, blank=True, default="", db_default=""
    )
    colour = models.CharField(_("colour"), max_length=7, help_text=_("As #rrggbb."))
    counts_as_progress = models.BooleanField(
        _("counts as progress"),
        default=True,
        help_text=_("Off for levels such as “not started” or “will not be realised”."),
    )

    class Meta:
        verbose_name = _("status level")
        verbose_name_plural = _("status levels")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="one_level_order")]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the page's language (Finnish when it has no translation)."""
        return in_language(self, "name")

    @property
    def local_description(self) -> str:
        return in_language(self, "description")


class FollowUpRound(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    state = models.CharField(_("state"), max_length=6, choices=State.choices, default=State.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    subgoals_at_closing = models.JSONField(
        _("sub-goals at closing"),
        default=list,
        blank=True,
        help_text=_("The ids of the plan's live sub-goals when the round closed."),
    )
    imported = models.BooleanField(
        _("imported from a document"),
        default=False,
        help_text=_(
            "Read from an evaluation document (import-round), not run in Lanu: it has no "
            "submissions, and all its added priorities are public."
        ),
    )

    own_organisations: list  # not a column: the person's own, set for the plan page's panel

    class Meta:
        verbose_name = _("follow-up round")
        verbose_name_plural = _("follow-up rounds")
        ordering = ["plan", "-year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="one_round_a_year")]

    def __str__(self) -> str:
        return f"{self.plan} – {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED


class RoundAction(models.Model):
    """An action as it took part in a round, written when the round closes.

    A closed round's pages count these rows instead of the live plan, so archiving an
    action or a goal, moving an action to another organisation or sub-goal afterwards,
    leaves the closed round's figures as they were at closing.
    """

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="members")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    subgoals = models.JSONField(
        _("sub-goals"), default=list, help_text=_("The ids of the sub-goals the action served.")
    )

    class Meta:
        verbose_name = _("action of a closed round")
        verbose_name_plural = _("actions of a closed round")
        constraints = [
            models.UniqueConstraint(fields=["round", "action"], name="one_member_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round.year}: {self.action}"


# The one place the rule is written: a report reports something when it gives a status
# or tells what was done. Pages, counts, reminders and closing all ask this (reports.py
# tells_something is the same rule for a report already read).
TOLD = models.Q(status__isnull=False) | ~models.Q(account="")


class ActionReport(Versioned):
    """What an organisation reports of one action in one round (one row per action per round)."""

    class Continuation(models.TextChoices):
        CONTINUES = "continues", _("Continues as it is")
        CHANGES = "changes", _("Continues, changed")
        ENDS = "ends", _("Ends")

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="reports")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reports")
    status = models.ForeignKey(
        StatusLevel, on_delete=models.RESTRICT, null=True, blank=True, verbose_name=_("status")
    )
    account = models.TextField(_("what was done"), blank=True)
    continuation = models.CharField(
        _("next year"), max_length=10, choices=Continuation.choices, blank=True
    )
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("action report")
        verbose_name_plural = _("action reports")
        constraints = [
            models.UniqueConstraint(fields=["round", "action"], name="one_report_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round.year}: {self.action}"


class MetricValue(models.Model):
    """A value reported for a metric of the action, in one round, as the metric's kind says.

    A number or a percentage is `value`; a yes/no answer is `value` 1 (yes) or 0 (no),
    whichever word it was given in (forms.YesNoField); a text is `text`, `value` empty.
    A metric with values cannot be deleted on its own (RESTRICT: editing archives it
    instead); deleting a whole plan, its rounds with it, still can.
    """

    report = models.ForeignKey(ActionReport, on_delete=models.CASCADE, related_name="values")
    metric = models.ForeignKey(Metric, on_delete=models.RESTRICT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("metric value")
        verbose_name_plural = _("metric values")
        constraints = [
            models.UniqueConstraint(fields=["report", "metric"], name="one_value_per_metric")
        ]

    def __str__(self) -> str:
        return f"{self.metric}: {self.shown()}"

    @property
    def answer(self) -> bool | None:
        """A yes/no metric's answer (None: not one)."""
        return None if self.value is None else bool(self.value)

    def shown(self) -> str:
        """The value as a reader writes it: "12,5 henkilöä", "40 %", "Kyllä", or the text."""
        kind = self.metric.kind
        if kind == Metric.Kind.TEXT or self.value is None:
            return self.text
        if kind == Metric.Kind.YES_NO:
            return str(_("Yes") if self.value else _("No"))
        number = number_text(self.value)
        if kind == Metric.Kind.PERCENTAGE:
            return f"{number} %"
        return f"{number} {self.metric.unit}".strip()


class Submission(models.Model):
    """An organisation's whole report for a round, submitted."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="one_submission")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.round}"


class AddedPriority(models.Model):
    """Lisätty painopiste: what an organisation emphasises in a sub-goal for the coming year."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="priorities")
    subgoal = models.ForeignKey(SubGoal, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    prefix = models.CharField(
        _("as the document named the organisation"), max_length=100, blank=True
    )
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("added priority")
        verbose_name_plural = _("added priorities")
        ordering = ["round", "subgoal", "order"]

    def __str__(self) -> str:
        return self.text[:80]


class JointHighlight(models.Model):
    """Yhteisen työn nosto: what the network achieved together in a sub-goal."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="highlights")
    subgoal = models.ForeignKey(SubGoal, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("joint highlight")
        verbose_name_plural = _("joint highlights")
        ordering = ["round", "subgoal", "order"]

    def __str__(self) -> str:
        return self.text[:80]


class ReminderSent(models.Model):
    """One reminder e-mail of a round: who sent it, when, to whom, for which organisation.

    Recorded so the overview shows who has been reminded, and so the same person is
    never reminded twice on one day in a round (reminders.py): one e-mail covers all the
    organisations the person is a contact of, and has a row for each.
    """

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    email = models.EmailField(_("e-mail address"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    with_password_link = models.BooleanField(_("with a link to choose a password"), default=False)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["round", "-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "recipient", "sent_on"],
                name="one_reminder_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} → {self.email}"
