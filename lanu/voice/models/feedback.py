"""Feedback forms and hearings: what children, youth and families are asked, and what
they answer.

A FeedbackForm belongs to a plan and may be about one sub-goal or one action. A
hearing (kuuleminen) is a form of kind HEARING with an opening and closing time and a
target group (the youth council); a feedback form may stay open without end.

Answers are anonymous by design: a Response keeps the day it came (never the time of
day, which with a meeting's schedule could point at a person), the optional age group
and municipality, and nothing else about the person: no name, no e-mail, no IP
address, no user, no session. Free-text answers wait for moderation; only PUBLISHED
text may ever be shown outside the plan's coordinators and editors.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from lanu.plans.models import Action, Organisation, Plan, SubGoal

CODE_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a poster
CODE_LENGTH = 6


def new_code() -> str:
    """A short, unguessable code for the form's short link (/v/<code>/)."""
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


class FeedbackForm(models.Model):
    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("Feedback form")
        HEARING = "hearing", _("Hearing")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="feedback_forms")
    subgoal = models.ForeignKey(
        SubGoal,
        on_delete=models.CASCADE,
        related_name="feedback_forms",
        null=True,
        blank=True,
        verbose_name=_("sub-goal"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        related_name="feedback_forms",
        null=True,
        blank=True,
        verbose_name=_("action"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        related_name="feedback_forms",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FEEDBACK)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="fi")
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    ask_age_group = models.BooleanField(_("ask the age group"), default=True)
    ask_municipality = models.BooleanField(_("ask the municipality"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    summary_published = models.BooleanField(_("summary published"), default=False)
    code = models.CharField(_("short code"), max_length=12, unique=True, default=new_code)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")

    def __str__(self):
        return self.title

    def is_open(self, now=None) -> bool:
        """Answers are taken: the form is OPEN and now is within its opening hours."""
        now = now or timezone.now()
        if self.state != self.State.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def state_now(self, now=None) -> str:
        """The state as a reader should take it: an OPEN form outside its opening hours
        says whether it is still to open or has ended (its state stays OPEN)."""
        now = now or timezone.now()
        if self.state == self.State.OPEN and self.opens_at and now < self.opens_at:
            return pgettext("a form's state", "Not open yet")
        if self.state == self.State.OPEN and self.closes_at and now >= self.closes_at:
            return pgettext("a form's state", "Ended")
        return str(self.get_state_display())


class Question(models.Model):
    class Kind(models.TextChoices):
        SCORE = "score", _("Recommendation score 0–10 (cNPS)")
        SMILEY = "smiley", _("Smiley scale")
        CHOICE = "choice", _("One choice")
        CHOICES = "choices", _("Several choices")
        TEXT = "text", _("Free text")

    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text


class Response(models.Model):
    """One person's answers to a form. Nothing here identifies the person."""

    class AgeGroup(models.TextChoices):
        UNDER_7 = "0-6", _("Under 7")
        AGE_7_12 = "7-12", _("7–12")
        AGE_13_15 = "13-15", _("13–15")
        AGE_16_17 = "16-17", _("16–17")
        AGE_18_29 = "18-29", _("18–29")
        ADULT = "adult", _("Adult (parent or guardian)")

    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self):
        return f"{self.form} #{self.pk}"


class Answer(models.Model):
    """The answer to one question: a number (score 0–10, smiley 1–5), the chosen
    choices, or a text. A text waits for moderation before anyone outside the plan's
    people may read it; personal_data lists what the moderator is warned of."""

    class Moderation(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.SmallIntegerField(_("number"), null=True, blank=True)
    chosen = models.JSONField(_("chosen"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    personal_data = models.JSONField(_("personal data found"), default=list, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.question}: {self.text or self.number or self.chosen}"
