"""An uploaded file waiting between its preview and the coordinator's confirmation."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingImport(models.Model):
    """The upload's bytes, kept until its owner confirms (then deleted) or abandons it.

    Nothing of the plan is written before the confirmation; the file is read again
    then, so what is written is what the plan is at that moment compared with."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pending_imports",
        help_text=_("The plan the file is imported into; empty for a new plan."),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.file_name

    KEPT = timedelta(days=2)  # an upload nobody confirmed is deleted after this

    @classmethod
    def forget_old(cls) -> int:
        """Delete uploads left unconfirmed for longer than KEPT; how many were deleted."""
        deleted, _by_model = cls.objects.filter(created__lt=timezone.now() - cls.KEPT).delete()
        return deleted
