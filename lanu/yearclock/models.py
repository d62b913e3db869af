"""The vuosikello: the events of the shared work that come back every year.

An event belongs to one or more plans and may be owned by one of their organisations.
Its date recurs (occurrences.py): once on a date, every year on a day ("15.3."), in an
ISO week on a weekday ("week 10, Monday"), on the last weekday of a month ("the last
Friday of May"), or a number of days from a follow-up round's opening or closing (one
occurrence for each round of its plans, so it moves with the round's dates). Every
other year (`every_years` 2, counted from `first_year`) is the School Health Promotion
study's rhythm; `last_year` ends the recurrence.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanu.plans.labels import in_language
from lanu.plans.models import Organisation, Plan, Versioned


class Event(Versioned):
    class Kind(models.TextChoices):
        DEADLINE = "deadline", _("Deadline")
        MEETING = "meeting", _("Meeting")
        REPORT = "report", _("Report")
        SURVEY = "survey", _("Survey")
        OTHER = "other", _("Other")

    class Recurrence(models.TextChoices):
        ONCE = "once", _("Once, on a date")
        DAY = "day", _("Every year on the same day")
        WEEK = "week", _("Every year in a week, on a weekday")
        LAST_WEEKDAY = "last_weekday", _("Every year on the last weekday of a month")
        ROUND = "round", _("Days from a follow-up round's opening or closing")

    class Anchor(models.TextChoices):
        OPENS = "opens", _("the round opens")
        CLOSES = "closes", _("the round closes")

    class Produces(models.TextChoices):  # the report (lanu.reports) an event gives
        EVALUATION = "evaluation", _("The yearly evaluation of the previous year's round")

    class Weekday(models.IntegerChoices):  # ISO numbers
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    plans = models.ManyToManyField(Plan, related_name="events", verbose_name=_("plans"))
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("The organisation responsible: its contact people are reminded."),
    )
    title = models.CharField(_("title"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    recurrence = models.CharField(
        _("recurrence"), max_length=12, choices=Recurrence.choices, default=Recurrence.DAY
    )
    on_date = models.DateField(_("date"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("day of the month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    week = models.PositiveSmallIntegerField(
        _("week number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(53)],
        help_text=_("Week 53 exists only in some years; the event is left out in the others."),
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), null=True, blank=True, choices=Weekday.choices
    )
    anchor = models.CharField(
        _("counted from when"), max_length=6, choices=Anchor.choices, blank=True
    )
    offset_days = models.SmallIntegerField(
        _("days from it"),
        default=0,
        validators=[MinValueValidator(-366), MaxValueValidator(366)],
        help_text=_("Negative: before, positive: after."),
    )
    every_years = models.PositiveSmallIntegerField(
        _("every how many years"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("2: every other year, counted from the first year."),
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(
        _("lasts days"), default=1, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    produces = models.CharField(
        _("produces the report"),
        max_length=12,
        choices=Produces.choices,
        blank=True,
        help_text=_("The clock links the report once its round is closed."),
    )
    round_event = models.BooleanField(
        _("the round's own"),
        default=False,
        help_text=_("Added when a follow-up round was opened: its opening or closing."),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["month", "day", "week", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def local_title(self) -> str:
        return in_language(self, "title")

    @property
    def local_description(self) -> str:
        return in_language(self, "description")

    def clean(self) -> None:
        """The fields the recurrence needs, each error on its field."""
        errors: dict[str, str] = {}
        for name in NEEDED[self.recurrence]:
            if getattr(self, name) in (None, ""):
                errors[name] = str(_("Needed for this recurrence."))
        if self.recurrence == self.Recurrence.DAY and self.month and self.day:
            if self.day > DAYS_IN_MONTH[self.month]:
                errors["day"] = str(_("The month has no such day."))
        if self.every_years > 1 and not self.first_year:
            errors["first_year"] = str(_("Needed to count every other year from."))
        if self.first_year and self.last_year and self.last_year < self.first_year:
            errors["last_year"] = str(_("The last year cannot be before the first year."))
        if errors:
            raise ValidationError(errors)


NEEDED: dict[str, tuple[str, ...]] = {  # the fields each recurrence reads
    Event.Recurrence.ONCE: ("on_date",),
    Event.Recurrence.DAY: ("month", "day"),
    Event.Recurrence.WEEK: ("week", "weekday"),
    Event.Recurrence.LAST_WEEKDAY: ("month", "weekday"),
    Event.Recurrence.ROUND: ("anchor",),
}
DAYS_IN_MONTH = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31}
DAYS_IN_MONTH |= {11: 30, 12: 31}


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a plan's calendar feed, for subscribing to an unpublished plan."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    renewed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.plan}"


class DeadlineReminderSent(models.Model):
    """One reminder of an event's occurrence to one person: never sent twice."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reminders")
    occurs_on = models.DateField(_("occurs on"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    email = models.EmailField(_("e-mail address"))
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder sent")
        verbose_name_plural = _("deadline reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurs_on", "email"], name="one_deadline_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.occurs_on} → {self.email}"
