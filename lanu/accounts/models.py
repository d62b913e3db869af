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
    """Failed logins from one address for one username, to lock out password guessing."""

    LIMIT = 5
    LOCKOUT = timedelta(minutes=15)

    address = models.GenericIPAddressField()
    username = models.CharField(max_length=254)
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["address", "username"], name="one_failure_row")
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.address}: {self.count}"

    @property
    def locked(self) -> bool:
        return self.count >= self.LIMIT and timezone.now() - self.last_at < self.LOCKOUT
