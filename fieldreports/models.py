"""Field reports (phản ánh hiện trường): categories, routing, reports, their events.

The report row is a projection of its events: every change goes through one function in
fieldreports/actions.py, on the workflow engine, which writes a hash-chained ReportEvent in
the same transaction. Views and APIs never call `.save()` on a report.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fieldreports.storage import photo_storage
from workflow.models import ChainedEvent, ChainedObject

# Open311 GeoReport v2 limits the description to 4,000 characters (docs/domain/field-reports.md §9).
DESCRIPTION_MAX = 4000


class CategoryQuerySet(models.QuerySet):
    def reportable(self):
        """Active leaf categories: the ones a report is filed in (groups are not Open311 services)."""
        return self.filter(is_active=True, children__isnull=True)


class Category(models.Model):
    """A field of problem, two levels deep (group → category); an Open311 service."""

    class DeadlineKind(models.TextChoices):
        CALENDAR = "calendar", "Giờ theo lịch"
        WORKING = "working", "Giờ làm việc"

    code = models.SlugField("mã", max_length=50, unique=True, help_text="Mã dịch vụ Open311 (service_code).")
    name = models.CharField("tên", max_length=200)
    description = models.TextField("mô tả", blank=True)
    parent = models.ForeignKey(
        "self", verbose_name="nhóm", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    keywords = models.CharField("từ khóa", max_length=255, blank=True, help_text="Cách nhau bởi dấu phẩy.")
    # Per-category deadlines are configuration, not law ([verify] in docs/domain/field-reports.md §5).
    deadline_hours = models.PositiveIntegerField("thời hạn xử lý (giờ)", default=72)
    deadline_kind = models.CharField(
        "cách tính thời hạn", max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.WORKING
    )
    may_be_urgent = models.BooleanField("có thể khẩn cấp", default=False)
    urgent_deadline_hours = models.PositiveIntegerField("thời hạn khi khẩn cấp (giờ, theo lịch)", default=4)
    is_active = models.BooleanField("đang dùng", default=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "lĩnh vực phản ánh"
        verbose_name_plural = "lĩnh vực phản ánh"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self) -> None:
        # Two levels only: a group, and the categories inside it.
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "Chỉ có hai cấp: nhóm và lĩnh vực."})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "Một lĩnh vực không thể là nhóm của chính nó."})

    @property
    def group_name(self) -> str:
        return self.parent.name if self.parent_id else self.name


class CategoryQuestion(models.Model):
    """An extra question of a category, published as an Open311 attribute."""

    class Datatype(models.TextChoices):
        STRING = "string", "Chuỗi ngắn"
        NUMBER = "number", "Số"
        DATETIME = "datetime", "Ngày giờ"
        TEXT = "text", "Văn bản"
        SINGLE = "singlevaluelist", "Chọn một"
        MULTI = "multivaluelist", "Chọn nhiều"

    category = models.ForeignKey(Category, verbose_name="lĩnh vực", on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField("mã", max_length=50)
    question = models.CharField("câu hỏi", max_length=255)
    datatype = models.CharField("kiểu dữ liệu", max_length=20, choices=Datatype.choices, default=Datatype.STRING)
    datatype_description = models.CharField("hướng dẫn nhập", max_length=255, blank=True)
    required = models.BooleanField("bắt buộc", default=False)
    order = models.PositiveIntegerField("thứ tự", default=0)
    values = models.JSONField(
        "các lựa chọn", default=list, blank=True, help_text='Danh sách [{"key": "...", "name": "..."}].'
    )

    class Meta:
        verbose_name = "câu hỏi bổ sung"
        verbose_name_plural = "câu hỏi bổ sung"
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="fr_question_code_unique")]

    def __str__(self) -> str:
        return self.question

    @property
    def is_list(self) -> bool:
        return self.datatype in (self.Datatype.SINGLE, self.Datatype.MULTI)

    def clean(self) -> None:
        values = self.values if self.values is not None else []
        message = 'Các lựa chọn phải là danh sách [{"key": "...", "name": "..."}], mỗi key khác nhau và không rỗng.'
        if not isinstance(values, list):
            raise ValidationError({"values": message})
        keys = []
        for item in values:
            if not (isinstance(item, dict) and isinstance(item.get("key"), str | int) and str(item["key"]).strip()
                    and isinstance(item.get("name", ""), str)):
                raise ValidationError({"values": message})
            keys.append(str(item["key"]).strip())
        if len(keys) != len(set(keys)):
            raise ValidationError({"values": message})
        if self.is_list and not keys:
            raise ValidationError({"values": "Câu hỏi chọn một hoặc chọn nhiều cần ít nhất một lựa chọn."})

    @property
    def choices(self) -> list[dict]:
        """The well-formed entries of `values` as {key, name} strings (clean() refuses the others;
        rows saved before it existed are read defensively)."""
        out = []
        for item in self.values if isinstance(self.values, list) else []:
            if isinstance(item, dict) and str(item.get("key", "")).strip():
                key = str(item["key"]).strip()
                out.append({"key": key, "name": str(item.get("name") or key)})
        return out


class Boundary(models.Model):
    """A polygon from GeoJSON: a ward's boundary (with `unit`) or any named area."""

    name = models.CharField("tên", max_length=200)
    unit = models.OneToOneField(
        "units.AdministrativeUnit", verbose_name="đơn vị hành chính", null=True, blank=True,
        on_delete=models.CASCADE, related_name="fieldreport_boundary",
    )
    geometry = models.JSONField("hình học (GeoJSON)", help_text="Polygon hoặc MultiPolygon, tọa độ WGS 84.")
    is_approximate = models.BooleanField(
        "ranh giới gần đúng", default=False, help_text="Ranh giới minh họa, không dùng làm căn cứ pháp lý."
    )
    source = models.CharField("nguồn", max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ranh giới"
        verbose_name_plural = "ranh giới"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name + (" (gần đúng)" if self.is_approximate else "")

    def clean(self) -> None:
        from fieldreports.geo import GeometryError, shape_of

        try:
            shape_of(self.geometry)
        except GeometryError as exc:
            raise ValidationError({"geometry": str(exc)}) from None


class RoutingRule(models.Model):
    """Category × area → responsible unit. Rules are tried in `order`; the first match wins."""

    class AreaKind(models.TextChoices):
        POLYGON = "polygon", "Vùng vẽ trên bản đồ"
        WARD = "ward", "Xã, phường"
        PROVINCE = "province", "Toàn thành phố"

    order = models.PositiveIntegerField("thứ tự", default=100)
    category = models.ForeignKey(
        Category, verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.CASCADE,
        related_name="routing_rules", help_text="Một nhóm áp dụng cho mọi lĩnh vực trong nhóm; để trống: mọi lĩnh vực.",
    )
    area_kind = models.CharField("loại địa bàn", max_length=10, choices=AreaKind.choices)
    boundary = models.ForeignKey(
        Boundary, verbose_name="vùng", null=True, blank=True, on_delete=models.CASCADE, related_name="rules"
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name="xã, phường", null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    agency = models.ForeignKey(
        "units.Agency", verbose_name="đơn vị xử lý", on_delete=models.CASCADE, related_name="fieldreport_rules"
    )
    is_active = models.BooleanField("đang áp dụng", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "quy tắc phân công"
        verbose_name_plural = "quy tắc phân công"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        category = self.category.name if self.category_id else "mọi lĩnh vực"
        return f"#{self.order} {category} → {self.agency}"

    def clean(self) -> None:
        if self.area_kind == self.AreaKind.POLYGON and not self.boundary_id:
            raise ValidationError({"boundary": "Chọn vùng cho quy tắc theo vùng."})
        if self.area_kind == self.AreaKind.WARD and not self.unit_id:
            raise ValidationError({"unit": "Chọn xã, phường cho quy tắc theo xã, phường."})


class ApiClient(models.Model):
    """A partner application allowed to POST Open311 requests (hotline desk, chat bot, city app).

    Only a SHA-256 of the key is stored; keys are 32 random bytes, so a fast hash suffices.
    """

    name = models.CharField("tên ứng dụng", max_length=200, unique=True)
    key_prefix = models.CharField("tiền tố khóa", max_length=8, editable=False, db_index=True)
    key_hash = models.CharField("băm khóa", max_length=64, unique=True, editable=False)
    is_active = models.BooleanField("đang hiệu lực", default=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)

    class Meta:
        verbose_name = "khóa API Open311"
        verbose_name_plural = "khóa API Open311"

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    def save(self, *args, **kwargs):
        # An inactive key is a revoked key, whichever way it became inactive (admin, command).
        if not self.is_active and self.revoked_at is None:
            self.revoked_at = timezone.now()
        elif self.is_active:
            self.revoked_at = None
        super().save(*args, **kwargs)

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def set_new_key(self) -> str:
        key = secrets.token_urlsafe(32)
        self.key_prefix, self.key_hash = key[:8], self.hash_key(key)
        return key

    @classmethod
    def authenticate(cls, key: str | None) -> ApiClient | None:
        if not key:
            return None
        return cls.objects.filter(key_hash=cls.hash_key(key), is_active=True).first()


class Report(ChainedObject):
    class Status(models.TextChoices):
        NEW = "new", "Chờ điều phối"
        DISPATCHED = "dispatched", "Đã chuyển đơn vị xử lý"
        ACCEPTED = "accepted", "Đơn vị đã tiếp nhận"
        IN_PROGRESS = "in_progress", "Đang xử lý"
        RESOLVED = "resolved", "Đã xử lý"
        REJECTED = "rejected", "Từ chối xử lý"
        CLOSED = "closed", "Đã đóng"

    class Outcome(models.TextChoices):
        # What the unit decided, kept when the reporter's rating closes the report.
        NONE = "", "Chưa có kết quả"
        RESOLVED = "resolved", "Đã xử lý"
        REJECTED = "rejected", "Từ chối xử lý"

    class Source(models.TextChoices):
        WEB = "web", "Trang web"
        OPEN311 = "open311", "Ứng dụng đối tác (Open311)"

    OPEN_STATUSES = (Status.NEW, Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS)
    HANDLING_STATUSES = (Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS)
    ANSWERED_STATUSES = (Status.RESOLVED, Status.REJECTED)

    category = models.ForeignKey(Category, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="reports")
    description = models.TextField(
        "nội dung (bản gốc)", validators=[MaxLengthValidator(DESCRIPTION_MAX)],
        help_text="Bản gốc người phản ánh gửi; không bao giờ sửa.",
    )
    public_description = models.TextField(
        "nội dung công khai (đã biên tập)", blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    address_id = models.CharField("mã địa chỉ", max_length=100, blank=True)
    lat = models.FloatField("vĩ độ", null=True, blank=True)
    long = models.FloatField("kinh độ", null=True, blank=True)
    ward = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name="xã, phường", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    is_urgent = models.BooleanField("khẩn cấp", default=False)
    attributes = models.JSONField("trả lời câu hỏi bổ sung", default=dict, blank=True)

    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.NEW)
    agency = models.ForeignKey(
        "units.Agency", verbose_name="đơn vị xử lý", null=True, blank=True, on_delete=models.PROTECT,
        related_name="field_reports",
    )
    routed_by = models.ForeignKey(
        RoutingRule, verbose_name="quy tắc phân công", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    # Confidential identity (QĐ 30/2022: only authorised IOC staff see it).
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người phản ánh", null=True, blank=True, on_delete=models.PROTECT,
        related_name="field_reports",
    )
    source = models.CharField("kênh", max_length=10, choices=Source.choices, default=Source.WEB)
    api_client = models.ForeignKey(
        ApiClient, verbose_name="ứng dụng đối tác", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_first_name = models.CharField("tên", max_length=100, blank=True)
    contact_last_name = models.CharField("họ", max_length=100, blank=True)
    contact_email = models.EmailField("thư điện tử", blank=True)
    contact_phone = models.CharField("điện thoại", max_length=30, blank=True)
    device_id = models.CharField("mã thiết bị", max_length=100, blank=True)
    account_id = models.CharField("mã tài khoản đối tác", max_length=100, blank=True)
    media_url = models.URLField("ảnh/video (URL)", max_length=500, blank=True)
    token = models.UUIDField("mã tạm (Open311)", default=uuid.uuid4, unique=True, editable=False)

    created_at = models.DateTimeField("thời điểm gửi", default=timezone.now, db_index=True)
    clock_started_at = models.DateTimeField("bắt đầu tính hạn")
    due_at = models.DateTimeField("hạn xử lý", db_index=True)
    updated_at = models.DateTimeField("cập nhật", default=timezone.now)
    resolved_at = models.DateTimeField("thời điểm trả lời", null=True, blank=True)
    closed_at = models.DateTimeField("thời điểm đóng", null=True, blank=True)

    outcome = models.CharField("kết quả", max_length=10, choices=Outcome.choices, blank=True, default="")
    answer = models.TextField("trả lời công khai", blank=True)
    rejection_reason = models.TextField("lý do từ chối", blank=True)
    rating = models.PositiveSmallIntegerField(
        "mức hài lòng", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField("nhận xét", blank=True)
    reopen_count = models.PositiveIntegerField("số lần mở lại", default=0)
    escalation_level = models.PositiveSmallIntegerField("mức nhắc việc", default=0)
    escalated_at = models.DateTimeField("thời điểm nhắc việc mức 1", null=True, blank=True)
    is_hidden = models.BooleanField("đã ẩn khỏi công khai", default=False)

    class Meta:
        verbose_name = "phản ánh"
        verbose_name_plural = "phản ánh"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["category", "status", "lat"]),
            models.Index(fields=["escalation_level", "escalated_at"]),
        ]

    def __str__(self) -> str:
        return f"Phản ánh #{self.pk}"

    @property
    def public_text(self) -> str:
        return self.public_description or self.description

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def open311_status(self) -> str:
        # Open311 knows only open and closed (docs/domain/field-reports.md §9): an answered report is closed.
        return "open" if self.is_open else "closed"

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @property
    def is_rejected(self) -> bool:
        return self.outcome == self.Outcome.REJECTED

    @property
    def is_resolved(self) -> bool:
        return self.outcome == self.Outcome.RESOLVED


def photo_path(instance, filename: str) -> str:
    now = timezone.now()
    return f"fieldreports/{now:%Y/%m}/{filename}"


class ReportPhoto(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", "Ảnh phản ánh"
        ANSWER = "answer", "Ảnh kết quả xử lý"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.REPORT)
    # Outside MEDIA_URL: served by views.photo, which checks visibility (fieldreports/storage.py).
    file = models.FileField("tệp", upload_to=photo_path, max_length=255, storage=photo_storage)
    content_type = models.CharField(max_length=30)
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    # Moderation hides a photo from the public; the file itself is kept as the original.
    is_hidden = models.BooleanField("đã ẩn", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Ảnh {self.pk} của phản ánh #{self.report_id}"

    def get_absolute_url(self) -> str:
        return reverse("fieldreports:photo", args=[self.pk])


class AppendOnly(models.Model):
    """Rows that are written once and never changed nor deleted (the audit trail)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("Nhật ký chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Nhật ký chỉ được ghi thêm, không được xóa.")


class ReportEvent(ChainedEvent):
    """One row per action on a report: who, when, from and to which state and unit, why.
    Append-only and hash-chained per report (workflow/models.py, workflow/chain.py)."""

    CHAIN_PARENT = "report"
    HASHED_FIELDS = (
        "report_id", "seq", "action", "actor_id", "from_status", "to_status", "from_agency_id", "to_agency_id",
        "reason", "due_at", "data", "idempotency_key", "created_at", "row_digest",
    )

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("thao tác", max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    from_agency = models.ForeignKey(
        "units.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_agency = models.ForeignKey("units.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "sự kiện xử lý"
        verbose_name_plural = "sự kiện xử lý"
        ordering = ["report", "seq"]
        constraints = [models.UniqueConstraint(fields=["report", "seq"], name="unique_report_event_seq")]

    def __str__(self) -> str:
        return f"#{self.report_id} {self.action} {self.from_status}→{self.to_status}"


class ModerationLog(AppendOnly):
    """Every moderation step, with the reason and what was there before (docs/domain/field-reports.md §8)."""

    class Action(models.TextChoices):
        HIDE = "hide", "Ẩn phản ánh"
        UNHIDE = "unhide", "Hiện lại phản ánh"
        EDIT_TEXT = "edit_text", "Biên tập nội dung công khai"
        HIDE_PHOTO = "hide_photo", "Ẩn ảnh"
        UNHIDE_PHOTO = "unhide_photo", "Hiện lại ảnh"
        CLEAR_MEDIA_URL = "clear_media_url", "Gỡ liên kết ảnh/video của đối tác"
        LOCK_ACCOUNT = "lock_account", "Khóa tài khoản"

    action = models.CharField("thao tác", max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.PROTECT, related_name="moderation")
    photo = models.ForeignKey(ReportPhoto, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("lý do")
    before = models.TextField("trước", blank=True)
    after = models.TextField("sau", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "nhật ký kiểm duyệt"
        verbose_name_plural = "nhật ký kiểm duyệt"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.created_at:%d/%m/%Y %H:%M}"
