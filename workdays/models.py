from django.conf import settings
from django.db import models


class DayOverride(models.Model):
    """A provincial decision that wins over the national calendar for one date:
    an extra day off, or a day worked (e.g. a Saturday worked in exchange)."""

    date = models.DateField("ngày", unique=True)
    is_working_day = models.BooleanField(
        "là ngày làm việc", help_text="Bật: ngày này làm việc (kể cả thứ Bảy, Chủ nhật). Tắt: ngày này nghỉ."
    )
    reason = models.CharField("lý do", max_length=255)
    decision = models.CharField(
        "văn bản quyết định", max_length=255, blank=True, help_text="Ví dụ: Quyết định số 123/QĐ-UBND ngày …"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", null=True, blank=True, on_delete=models.SET_NULL,
        editable=False,
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    class Meta:
        verbose_name = "ngày nghỉ, ngày làm bù (điều chỉnh)"
        verbose_name_plural = "ngày nghỉ, ngày làm bù (điều chỉnh)"
        ordering = ["-date"]

    def __str__(self) -> str:
        kind = "Làm việc" if self.is_working_day else "Nghỉ"
        return f"{self.date:%d/%m/%Y} — {kind}: {self.reason}"
