"""Who may do what in a plan: memberships with a role, and failed logins."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Membership(models.Model):
    """A person's role in one plan; an editor edits one organisation's actions."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        "plans.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
        help_text=_("The organisation whose actions an editor edits."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "plan", "role", "organisation"], name="one_membership"
            ),
            models.CheckConstraint(
                condition=~models.Q(role="editor", organisation=None),
                name="editor_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        role = self.get_role_display()
        if self.organisation_id:
            return f"{self.user} – {role} ({self.organisation}) – {self.plan}"
        return f"{self.user} – {role} – {self.plan}"


class LoginFailure(models.Model):
    """Failed logins counted for one account (or unknown name), or from one address.

    Reaching the scope's limit locks it: 15 minutes the first time, twice as long each
    further time, at most a day. A day without failures forgets the past locks.
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account"
        ADDRESS = "address"

    LIMITS: dict[str, int] = {Scope.ACCOUNT: 5, Scope.ADDRESS: 20}  # by scope
    FIRST_LOCK = timedelta(minutes=15)
    LONGEST_LOCK = timedelta(days=1)
    FORGOTTEN_AFTER = timedelta(days=1)

    scope = models.CharField(max_length=8, choices=Scope.choices)
    key = models.CharField(max_length=300)
    count = models.PositiveIntegerField(default=0)
    locks = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="one_failure_row")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}: {self.count} ({self.locks} locks)"

    def is_locked(self, now) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def fail(self, now) -> None:
        """Count one more failure; at the limit, lock for longer than the last time."""
        if now - self.last_at > self.FORGOTTEN_AFTER:
            self.count = self.locks = 0
        self.count += 1
        self.last_at = now
        if self.count >= self.LIMITS[self.scope]:
            self.count, self.locks = 0, self.locks + 1
            self.locked_until = now + self.lock_length()

    def lock_length(self) -> timedelta:
        return min(self.FIRST_LOCK * 2 ** min(self.locks - 1, 10), self.LONGEST_LOCK)
