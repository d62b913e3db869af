"""An uploaded file waiting between its preview and the coordinator's confirmation, and
the column roles a coordinator chose for a plan's documents, kept for next year's file."""

from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingImport(models.Model):
    """The upload as read, kept until its owner confirms (then deleted) or abandons it.

    The file is read once, on upload: a document people write is kept as its
    `document` (read again with the person's `choices` at every redraw, which is
    fast and needs no file); a plan in one of Lanu's own formats as its `data`.
    Only an action spreadsheet into an existing plan keeps the file's bytes
    (`content`): it is compared with the plan as it is at the confirmation."""

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
    content = models.BinaryField(_("content"), blank=True, default=b"")
    data = models.JSONField(_("plan read"), null=True, blank=True, encoder=DjangoJSONEncoder)
    document = models.JSONField(_("document read"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=dict, blank=True)
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


class ImportLayout(models.Model):
    """The roles a coordinator gave a table's columns in an import's preview.

    Kept with the plan the import created, by the table's signature (its header words,
    normalised), so that next year's file of the same layout is read the same way
    without choosing again."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="import_layouts")
    signature = models.CharField(_("header words"), max_length=1000)
    roles = models.JSONField(_("column roles"), default=list)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import layout")
        verbose_name_plural = _("import layouts")
        ordering = ["-updated"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "signature"], name="one_layout_per_signature")
        ]

    def __str__(self) -> str:
        return self.signature
