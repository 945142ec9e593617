"""The digitized papers of citizens and organisations (kho dữ liệu số hóa), reused once-only.

A paper a counter officer scans is kept as a `Document` of its holder (by ID number or tax
code: a dossier taken at the counter has no account), with what it is, who issued it, its
number and validity, its SHA-256 and whether it was certified as an electronic copy of the
original (Decree 107/2021/NĐ-CP on digitizing dossiers and results; Decree 45/2020/NĐ-CP Art.
25 on reusing them). The file is the dossier's own stored blob, content-addressed: nothing
is copied. At the holder's next dossier the portal and the counter offer the valid documents
already held; using one is recorded (`Reuse`) and the paper is not asked for again.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from motcua.private_storage import private_storage


class Document(models.Model):
    class Source(models.TextChoices):
        COUNTER = "counter", "Số hóa tại Bộ phận Một cửa"
        RESULT = "result", "Kết quả giải quyết điện tử"

    holder_kind = models.CharField("loại chủ sở hữu", max_length=12)
    holder_number = models.CharField("số định danh / mã số thuế", max_length=14, db_index=True)
    holder_name = models.CharField("tên chủ sở hữu", max_length=200)
    kind = models.CharField("loại giấy tờ", max_length=500)
    kind_key = models.CharField(max_length=500, editable=False)  # the kind without accents: what offers match on
    issuer = models.CharField("cơ quan cấp", max_length=300, blank=True)
    number = models.CharField("số, ký hiệu", max_length=100, blank=True)
    issued_on = models.DateField("ngày cấp", null=True, blank=True)
    valid_until = models.DateField("có giá trị đến", null=True, blank=True, help_text="Để trống nếu không thời hạn.")
    certified_copy = models.BooleanField("chứng thực bản sao điện tử từ bản chính", default=False)
    file = models.FileField("tệp", max_length=200, storage=private_storage)
    shown = models.FileField("bản hiển thị", max_length=200, storage=private_storage, blank=True)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    source = models.CharField("nguồn", max_length=10, choices=Source.choices, default=Source.COUNTER)
    source_dossier = models.ForeignKey("dossiers.Dossier", verbose_name="hồ sơ gốc", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    digitized_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người số hóa", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("ngày số hóa", default=timezone.now)
    revoked_at = models.DateTimeField("ngày hủy", null=True, blank=True)
    revoke_reason = models.CharField("lý do hủy", max_length=500, blank=True)

    class Meta:
        verbose_name = "giấy tờ số hóa"
        verbose_name_plural = "giấy tờ số hóa"
        indexes = [models.Index(fields=["holder_number", "kind_key"]), models.Index(fields=["created_at"])]
        constraints = [models.UniqueConstraint(fields=["holder_number", "sha256", "kind_key"],
                                               name="unique_document_per_holder")]

    def __str__(self) -> str:
        return f"{self.kind} — {self.holder_name}"

    def valid_on(self, day) -> bool:
        return self.revoked_at is None and (self.valid_until is None or self.valid_until >= day)


class Reuse(models.Model):
    """A component of a dossier given by a document already held, instead of a new paper."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="reuses")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="reuses")
    dossier_file = models.OneToOneField("dossiers.DossierFile", on_delete=models.PROTECT, related_name="reuse")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "lượt tái sử dụng"
        verbose_name_plural = "lượt tái sử dụng"

    def __str__(self) -> str:
        return f"{self.document_id} → {self.dossier_id}"


class DossierDigitization(models.Model):
    """Whether a dossier has digitized components and reused ones: set once each, counted once
    in DigitizationDay for the Decision 766 index."""

    dossier = models.OneToOneField("dossiers.Dossier", primary_key=True, on_delete=models.CASCADE, related_name="+")
    digitized = models.BooleanField(default=False)
    reused = models.BooleanField(default=False)

    def __str__(self) -> str:
        return str(self.dossier_id)


class DigitizationDay(models.Model):
    """Dossiers with digitized components, and with reused ones, by the day they were received and
    the agency competent to decide them (liên thông legs left out, as in the province's totals)."""

    day = models.DateField("ngày tiếp nhận")
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    digitized = models.IntegerField("hồ sơ có thành phần số hóa", default=0)
    reused = models.IntegerField("hồ sơ tái sử dụng dữ liệu số hóa", default=0)

    class Meta:
        verbose_name = "số liệu số hóa theo ngày"
        verbose_name_plural = "số liệu số hóa theo ngày"
        constraints = [models.UniqueConstraint(fields=["day", "agency"], name="unique_digitization_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}"
