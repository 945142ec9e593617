"""What the citizen portal keeps of its own: drafts of online submissions. Dossiers, their
files and their scores belong to the dossiers app."""

from django.conf import settings
from django.db import models


class Draft(models.Model):
    """The text a citizen has typed into an online submission, kept until they submit it, so
    nothing is lost when a phone's browser closes the tab. Files are not kept in a draft: they
    are checked and attached when the dossier is submitted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bản nháp hồ sơ trực tuyến"
        verbose_name_plural = "bản nháp hồ sơ trực tuyến"
        constraints = [models.UniqueConstraint(fields=["user", "procedure"], name="unique_draft_per_procedure")]

    def __str__(self) -> str:
        return f"{self.user} — {self.procedure_id}"
