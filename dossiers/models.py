"""Dossiers (hồ sơ), their files, their append-only event log and the code counters.

The Dossier row is a projection: it holds the current state for queues and dashboards,
and only the action functions in dossiers/actions.py write it, through the workflow
engine, together with the DossierEvent that explains each change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from dossiers.states import STATUS_OF, State, Status
from motcua.private_storage import private_storage
from workdays.calendar import Timeliness
from workflow.models import ChainedEvent, ChainedObject


class Channel(models.IntegerChoices):
    COUNTER = 1, "Trực tiếp"
    ONLINE = 2, "Trực tuyến"
    POST = 3, "Qua bưu chính công ích"


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", "Công dân"
    ORGANISATION = "organisation", "Tổ chức, doanh nghiệp"


TIMELINESS_CHOICES = [(t.value, t.label) for t in Timeliness]


class Dossier(ChainedObject):
    code = models.CharField("mã hồ sơ", max_length=40, unique=True, null=True, blank=True)
    lookup_secret = models.CharField("mã tra cứu", max_length=16, editable=False)
    procedure_version = models.ForeignKey(
        "catalogue.ProcedureVersion", verbose_name="thủ tục (phiên bản)", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.PositiveSmallIntegerField("hình thức nộp", choices=Channel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="hồ sơ gốc (liên thông)", null=True, blank=True, on_delete=models.PROTECT,
        related_name="sub_dossiers",
    )

    applicant_kind = models.CharField("loại người nộp", max_length=12, choices=ApplicantKind.choices)
    applicant_id_number = models.CharField("số định danh / mã số thuế", max_length=14, db_index=True)
    applicant_name = models.CharField("tên người nộp", max_length=200)
    applicant_name_search = models.CharField(max_length=200, editable=False, db_index=True)
    applicant_address = models.CharField("địa chỉ", max_length=300, blank=True)
    applicant_phone = models.CharField("điện thoại", max_length=20, blank=True)
    applicant_email = models.EmailField("thư điện tử", blank=True)
    representative_name = models.CharField("người nộp thay", max_length=200, blank=True)
    representative_id_number = models.CharField("số định danh người nộp thay", max_length=12, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản nộp", null=True, blank=True, on_delete=models.PROTECT,
        related_name="submitted_dossiers",
    )

    receiving_agency = models.ForeignKey(
        "units.Agency", verbose_name="cơ quan tiếp nhận", on_delete=models.PROTECT, related_name="+"
    )
    current_agency = models.ForeignKey(
        "units.Agency", verbose_name="cơ quan đang xử lý", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("trạng thái", max_length=20, choices=State.choices, default=State.SUBMITTED)
    status = models.PositiveSmallIntegerField("trạng thái (mã quốc gia)", choices=Status.choices, default=Status.NEW)
    current_step = models.ForeignKey(
        "catalogue.ProcessStep", verbose_name="bước hiện tại", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người xử lý", null=True, blank=True, on_delete=models.PROTECT,
        related_name="assigned_dossiers",
    )

    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)
    received_at = models.DateTimeField("ngày tiếp nhận", null=True, blank=True)
    due_at = models.DateTimeField("hạn trả kết quả", null=True, blank=True, db_index=True)
    statutory_due_at = models.DateTimeField("hạn theo quy định", null=True, blank=True)
    step_started_at = models.DateTimeField("bắt đầu bước", null=True, blank=True)
    step_due_at = models.DateTimeField("hạn xử lý bước", null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField("tạm dừng từ", null=True, blank=True)
    resolved_at = models.DateTimeField("ngày có kết quả", null=True, blank=True)
    returned_at = models.DateTimeField("ngày trả kết quả", null=True, blank=True)
    timeliness = models.CharField("kết quả đúng hạn", max_length=10, choices=TIMELINESS_CHOICES, blank=True)
    apologized_at = models.DateTimeField("ngày xin lỗi, hẹn lại", null=True, blank=True)
    due_soon_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)
    step_overdue_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["current_agency", "state"]),
            models.Index(fields=["receiving_agency", "received_at"]),
            models.Index(fields=["state", "due_at"]),
            # The search's order, newest first: the first page is read off this index.
            models.Index(fields=["-created_at", "-id"], name="dossier_newest_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="dossier_status_newest_idx"),
            # The operations centre lists the dossiers apologised for in a period (few among millions).
            models.Index(fields=["apologized_at"], condition=Q(apologized_at__isnull=False),
                         name="dossier_apologized_idx"),
        ]
        constraints = [
            # The national status code is always the one of the internal state.
            models.CheckConstraint(
                condition=Q(*[Q(state=state, status=status) for state, status in STATUS_OF.items()],
                            _connector=Q.OR),
                name="dossier_status_matches_state",
            ),
        ]

    def __str__(self) -> str:
        return self.code or f"Hồ sơ #{self.pk}"


def component_upload_path(instance: DossierFile, filename: str) -> str:
    # The stored name never comes from the user: the content hash and a safe extension.
    return f"dossiers/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


def shown_copy_path(instance: DossierFile, filename: str) -> str:
    # Named after the original's hash: one original, one copy (dossiers/images.py).
    return f"dossiers/shown/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class DossierFile(models.Model):
    """A file attached to one component of a dossier (or to the dossier as a whole)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey(
        "catalogue.Component", verbose_name="thành phần", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    # Never by URL: served by dossiers/downloads.py to those who may see the dossier.
    file = models.FileField("tệp", upload_to=component_upload_path, max_length=200, storage=private_storage)
    # An image's copy without location or camera metadata, served to everyone but the uploader;
    # `file` stays the evidence, byte for byte (dossiers/images.py). Empty for other types.
    shown = models.FileField("bản hiển thị", upload_to=shown_copy_path, max_length=200, storage=private_storage,
                             blank=True)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    content_type = models.CharField("loại tệp", max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"

    def __str__(self) -> str:
        return self.original_name


class DossierEvent(ChainedEvent):
    """One action on a dossier. Append-only and hash-chained per dossier (workflow/chain.py)."""

    CHAIN_PARENT = "dossier"
    HASHED_FIELDS = (
        "dossier_id", "seq", "action", "actor_id", "actor_name", "agency_id", "at", "from_state", "to_state",
        "from_status", "to_status", "from_step_id", "to_step_id", "due_at", "step_due_at", "step_timeliness", "data",
        "idempotency_key", "row_digest",
    )

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("thao tác", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey("units.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("thời điểm")
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    from_status = models.PositiveSmallIntegerField(null=True, blank=True)
    to_status = models.PositiveSmallIntegerField()
    from_step = models.ForeignKey(
        "catalogue.ProcessStep", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_step = models.ForeignKey(
        "catalogue.ProcessStep", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField(null=True, blank=True)
    step_due_at = models.DateTimeField(null=True, blank=True)
    step_timeliness = models.CharField(max_length=10, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "nhật ký xử lý"
        verbose_name_plural = "nhật ký xử lý"
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="unique_dossier_event_seq")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"


class DossierCounter(models.Model):
    """The last sequence number used for dossier codes of an agency on a day (Circular 01/2018
    Art. 19). Incremented under a row lock inside the receiving transaction, so codes are
    unique and consecutive across processes; a rolled-back receipt never used its number."""

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="unique_dossier_counter")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class IssuedForm(models.Model):
    """A PDF form issued for a dossier (01–06), stored so that a reprint is identical."""

    class Kind(models.TextChoices):
        RECEIPT = "01", "Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
        SUPPLEMENT = "02", "Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
        REFUSAL = "03", "Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ"
        APOLOGY = "04", "Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả"
        CONTROL = "05", "Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ"
        LOG_BOOK = "06", "Mẫu 06: Sổ theo dõi hồ sơ"

    dossier = models.ForeignKey(Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="forms")
    kind = models.CharField("mẫu", max_length=2, choices=Kind.choices)
    event = models.ForeignKey(DossierEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The receipt carries the lookup secret: private, like the dossier's own files.
    file = models.FileField(upload_to="forms/%Y/%m/", max_length=200, storage=private_storage)
    sha256 = models.CharField(max_length=64)
    # HMAC under the audit key of the columns above (dossiers/integrity.py): an edited row is found.
    seal = models.CharField(max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "biểu mẫu đã cấp"
        verbose_name_plural = "biểu mẫu đã cấp"
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.dossier}"


class Evaluation(models.Model):
    """The applicant's scores for one dossier (dossiers/evaluation.py), kept current by the
    `evaluate` action: its projection for the operations centre."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="evaluation")
    agency = models.ForeignKey("units.Agency", verbose_name="cơ quan tiếp nhận", on_delete=models.PROTECT,
                               related_name="+")
    # The counter officer who received the dossier: the person the applicant dealt with.
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="cán bộ tiếp nhận", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    scores = models.JSONField("điểm từng tiêu chí")
    total = models.PositiveSmallIntegerField("tổng điểm")
    comment = models.TextField("góp ý", blank=True)
    created_at = models.DateTimeField("ngày đánh giá")
    updated_at = models.DateTimeField("ngày sửa")

    class Meta:
        verbose_name = "đánh giá của người dân"
        verbose_name_plural = "đánh giá của người dân"
        indexes = [models.Index(fields=["agency", "created_at"])]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.total}"
