"""What the push to the national public-service portal keeps (sync/push.py).

Each dossier's events go to the portal in their order: `SyncState` remembers, per dossier, the
last event the portal acknowledged, and whether the dossier waits for a retry (the portal was
unreachable) or for an operator (the portal refused a record: the dead-letter list).
`PendingSync` marks a dossier with events not pushed yet, inline in the action's transaction.
Every call and its answer is a `SyncCall`: the evidence of what the portal acknowledged.
"""

from django.conf import settings
from django.db import models


class SyncState(models.Model):
    class Status(models.TextChoices):
        OK = "ok", "Đã đồng bộ"
        RETRYING = "retrying", "Đang thử lại"
        REJECTED = "rejected", "Cổng từ chối, chờ xử lý"

    dossier = models.OneToOneField("dossiers.Dossier", primary_key=True, on_delete=models.CASCADE,
                                   related_name="sync_state", verbose_name="hồ sơ")
    # The last event of the dossier the portal acknowledged (or that needs no call).
    acknowledged_seq = models.PositiveIntegerField("sự kiện đã đồng bộ", default=0)
    # Whether the portal already holds the dossier record (the next call updates it).
    created_on_portal = models.BooleanField("đã có trên Cổng", default=False)
    status = models.CharField("tình trạng", max_length=10, choices=Status.choices, default=Status.OK)
    attempts = models.PositiveIntegerField("số lần thử", default=0)
    next_attempt_at = models.DateTimeField("thử lại lúc", null=True, blank=True)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "tình trạng đồng bộ hồ sơ"
        verbose_name_plural = "tình trạng đồng bộ hồ sơ"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.get_status_display()}"


class PendingSync(models.Model):
    """A dossier with events the portal has not acknowledged yet (an insert, never an update)."""

    dossier = models.OneToOneField("dossiers.Dossier", primary_key=True, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return str(self.dossier_id)


class SyncCall(models.Model):
    class Outcome(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", "Cổng đã nhận"
        UNREACHABLE = "unreachable", "Không kết nối được"
        REJECTED = "rejected", "Cổng từ chối"
        SKIPPED = "skipped", "Bỏ qua (người vận hành)"

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="sync_calls",
                                verbose_name="hồ sơ")
    seq = models.PositiveIntegerField("sự kiện")
    service = models.CharField("dịch vụ", max_length=40)
    payload = models.JSONField("nội dung gửi", default=dict)
    outcome = models.CharField("kết quả", max_length=12, choices=Outcome.choices)
    answer = models.TextField("trả lời của Cổng", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name="người vận hành")
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lượt gửi lên Cổng"
        verbose_name_plural = "lượt gửi lên Cổng"
        indexes = [models.Index(fields=["dossier", "seq"]), models.Index(fields=["outcome", "at"])]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.service}: {self.get_outcome_display()}"


class SyncDay(models.Model):
    """Dossiers the portal acknowledged, by the day they were received and the agency competent
    to decide them (liên thông legs left out, as in the province's totals): the numerator of
    Decision 766 indicator 1.4, read like the operations centre's other figures."""

    day = models.DateField("ngày tiếp nhận")
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    acknowledged = models.IntegerField("hồ sơ đã đồng bộ", default=0)

    class Meta:
        verbose_name = "hồ sơ đã đồng bộ theo ngày"
        verbose_name_plural = "hồ sơ đã đồng bộ theo ngày"
        constraints = [models.UniqueConstraint(fields=["day", "agency"], name="unique_sync_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}: {self.acknowledged}"
