"""Every change to a plan's objects: who, when, and each field's old and new value."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Change(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        ARCHIVED = "archived", _("Archived")
        RESTORED = "restored", _("Restored")
        MOVED = "moved", _("Moved")
        REMOVED = "removed", _("Removed")

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("object"), max_length=300)
    version = models.PositiveIntegerField(_("version"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    fields = models.JSONField(_("fields"), default=list, blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.object_repr}"
