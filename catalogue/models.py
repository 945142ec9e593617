"""The procedure catalogue: administrative procedures (thủ tục hành chính) and their versions.

A procedure is a stable identity (its national code); everything a citizen or an officer
relies on lives in a ProcedureVersion. Editing creates a draft; publishing freezes it with
an effective date; a published version never changes, and each dossier pins the version
in force on the day it was received (docs/domain/one-stop.md §1: rules are versioned by date).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from accounts.roles import Role
from motcua.formats import group_thousands
from motcua.inputs import has_controls
from motcua.textsearch import normalize

# National database code, optionally with a provincial suffix: 1.001234 or 1.000948.H38
# (docs/domain/one-stop.md §3).
PROCEDURE_CODE_RE = re.compile(r"^\d\.\d{6}(\.[A-Z]\d{2})?$")


def validate_procedure_code(value: str) -> None:
    if not PROCEDURE_CODE_RE.match(value or ""):
        raise ValidationError("Mã thủ tục phải có dạng 1.001234 hoặc 1.000948.H38.", code="procedure_code")


class PublishedVersionError(ValidationError):
    """Raised on any attempt to change a published version or its parts."""

    def __init__(self):
        super().__init__("Phiên bản đã công bố không được sửa đổi; hãy tạo bản nháp mới.", code="published")


class Field(models.Model):
    """Lĩnh vực: the area of administration a procedure belongs to."""

    code = models.SlugField("mã lĩnh vực", max_length=50, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=200, unique=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    code = models.CharField("mã thủ tục", max_length=20, unique=True, validators=[validate_procedure_code])
    abolished_on = models.DateField(
        "bãi bỏ từ ngày", null=True, blank=True, help_text="Từ ngày này thủ tục không còn được tiếp nhận."
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["code"]

    def __str__(self) -> str:
        latest = self.versions.order_by("-number").first()
        return f"{self.code} — {latest.name}" if latest else self.code


class ProcedureVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PUBLISHED = "published", "Đã công bố"

    class TimeLimitKind(models.TextChoices):
        WORKING_DAYS = "days", "Ngày làm việc"
        WORKING_HOURS = "hours", "Giờ làm việc"
        SAME_DAY = "same_day", "Trong ngày"

    class OnlineLevel(models.TextChoices):
        # Decree 42/2022/NĐ-CP: full process online, partly online, or at the counter only.
        FULL = "full", "Toàn trình"
        PARTIAL = "partial", "Một phần"
        NONE = "none", "Chỉ trực tiếp"

    class ResultType(models.TextChoices):
        LICENCE = "licence", "Giấy phép"
        CERTIFICATE = "certificate", "Giấy chứng nhận"
        DECISION = "decision", "Quyết định"
        CONFIRMATION = "confirmation", "Văn bản xác nhận"
        REGISTRATION = "registration", "Đăng ký, ghi sổ"
        OTHER = "other", "Khác"

    procedure = models.ForeignKey(Procedure, verbose_name="thủ tục", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("phiên bản số")
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.DRAFT)
    effective_from = models.DateField("ngày hiệu lực", null=True, blank=True)
    published_at = models.DateTimeField("ngày công bố", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người công bố", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    name = models.CharField("tên thủ tục", max_length=500)
    field = models.ForeignKey(Field, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="versions")
    level_central = models.BooleanField("cấp trung ương", default=False)
    level_province = models.BooleanField("cấp tỉnh", default=False)
    level_commune = models.BooleanField("cấp xã", default=False)
    competent_agency = models.ForeignKey(
        "units.Agency", verbose_name="cơ quan có thẩm quyền", on_delete=models.PROTECT, related_name="+"
    )
    receiving_agency = models.ForeignKey(
        "units.Agency", verbose_name="cơ quan tiếp nhận", on_delete=models.PROTECT, related_name="+"
    )
    for_citizens = models.BooleanField("đối tượng: công dân", default=True)
    for_organisations = models.BooleanField("đối tượng: tổ chức, doanh nghiệp", default=False)
    time_limit_kind = models.CharField("loại thời hạn", max_length=10, choices=TimeLimitKind.choices)
    time_limit_value = models.PositiveIntegerField(
        "thời hạn giải quyết", null=True, blank=True, help_text="Số ngày hoặc số giờ làm việc; để trống nếu trong ngày."
    )
    time_limit_note = models.CharField("ghi chú thời hạn", max_length=500, blank=True)
    fee_note = models.TextField("miễn, giảm phí và ghi chú", blank=True)
    result_type = models.CharField("loại kết quả", max_length=20, choices=ResultType.choices)
    result_name = models.CharField("kết quả thực hiện", max_length=500)
    online_level = models.CharField("mức độ trực tuyến", max_length=10, choices=OnlineLevel.choices)
    is_lien_thong = models.BooleanField("thực hiện liên thông", default=False)
    # Where the law lets a dossier be received outside the procedure's receiving agency (the
    # 2025 two-tier reform: "tiếp nhận không phụ thuộc địa giới hành chính"), any commune's
    # one-stop counter or the service centre may take it in; otherwise only the receiving agency.
    intake_anywhere = models.BooleanField(
        "tiếp nhận không phụ thuộc địa giới hành chính", default=False,
        help_text="Bộ phận Một cửa của mọi xã, phường và Trung tâm Phục vụ hành chính công đều được tiếp nhận "
                  "hồ sơ của thủ tục này. Để trống: chỉ cơ quan tiếp nhận của thủ tục.")
    requirements = models.TextField("yêu cầu, điều kiện thực hiện", blank=True)

    # Normalised copies for diacritic-insensitive search (motcua.textsearch), padded with
    # spaces so that " word" matches at the start of any word.
    search_name = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = "phiên bản thủ tục"
        verbose_name_plural = "phiên bản thủ tục"
        ordering = ["procedure__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="unique_procedure_version_number"),
            models.UniqueConstraint(
                fields=["procedure"], condition=models.Q(state="draft"), name="one_draft_per_procedure"
            ),
        ]
        indexes = [models.Index(fields=["procedure", "state", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number} — {self.name}"

    def save(self, *args, **kwargs):
        if self.pk and ProcedureVersion.objects.filter(pk=self.pk, state=self.State.PUBLISHED).exists():
            raise PublishedVersionError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise PublishedVersionError()
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def statutory_hours(self) -> Decimal | None:
        """The statutory limit in working hours (1 working day = 8 working hours)."""
        if self.time_limit_kind == self.TimeLimitKind.WORKING_DAYS and self.time_limit_value:
            return Decimal(self.time_limit_value * WORKING_HOURS_PER_DAY)
        if self.time_limit_kind == self.TimeLimitKind.WORKING_HOURS and self.time_limit_value:
            return Decimal(self.time_limit_value)
        if self.time_limit_kind == self.TimeLimitKind.SAME_DAY:
            return Decimal(WORKING_HOURS_PER_DAY)
        return None

    def time_limit_display(self) -> str:
        if self.time_limit_kind == self.TimeLimitKind.SAME_DAY:
            return "Trong ngày"
        unit = "ngày làm việc" if self.time_limit_kind == self.TimeLimitKind.WORKING_DAYS else "giờ làm việc"
        return f"{self.time_limit_value} {unit}"

    def clean(self) -> None:
        if self.time_limit_kind in (self.TimeLimitKind.WORKING_DAYS, self.TimeLimitKind.WORKING_HOURS):
            if not self.time_limit_value:
                raise ValidationError({"time_limit_value": "Nhập số ngày hoặc số giờ làm việc (số nguyên dương)."})
        elif self.time_limit_value:
            raise ValidationError({"time_limit_value": "Thủ tục giải quyết trong ngày không nhập số ngày, số giờ."})
        if not (self.level_central or self.level_province or self.level_commune):
            raise ValidationError("Chọn ít nhất một cấp thực hiện.")
        if not (self.for_citizens or self.for_organisations):
            raise ValidationError("Chọn ít nhất một đối tượng thực hiện (công dân hoặc tổ chức).")

# One-stop practice: 1 working day = 8 working hours (docs/domain/one-stop.md §4).
WORKING_HOURS_PER_DAY = 8


class VersionPart(models.Model):
    """A row that belongs to a version and freezes with it."""

    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def save(self, *args, **kwargs):
        self._guard()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._guard()
        return super().delete(*args, **kwargs)

    def _guard(self) -> None:
        if ProcedureVersion.objects.filter(pk=self.version_id, state=ProcedureVersion.State.PUBLISHED).exists():
            raise PublishedVersionError()


class LegalBasis(VersionPart):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="legal_bases")
    number = models.CharField("số, ký hiệu văn bản", max_length=100)
    title = models.CharField("trích yếu", max_length=500)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    article = models.CharField("điều, khoản", max_length=200, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = "căn cứ pháp lý"
        verbose_name_plural = "căn cứ pháp lý"

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class Fee(VersionPart):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField("tên phí, lệ phí", max_length=300)
    amount = models.PositiveBigIntegerField("mức thu (đồng)")
    online_amount = models.PositiveBigIntegerField(
        "mức thu khi nộp trực tuyến (đồng)", null=True, blank=True, help_text="Để trống nếu như nộp trực tiếp."
    )
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"

    def __str__(self) -> str:
        return f"{self.name}: {group_thousands(self.amount)} đồng"


class Component(VersionPart):
    class Requirement(models.TextChoices):
        REQUIRED = "required", "Bắt buộc"
        CONDITIONAL = "conditional", "Có điều kiện"

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="components")
    name = models.CharField("tên giấy tờ", max_length=500)
    originals = models.PositiveSmallIntegerField("số bản chính", default=0)
    certified_copies = models.PositiveSmallIntegerField("số bản sao chứng thực", default=0)
    copies = models.PositiveSmallIntegerField("số bản sao", default=0)
    requirement = models.CharField("bắt buộc", max_length=12, choices=Requirement.choices, default=Requirement.REQUIRED)
    condition = models.CharField("điều kiện", max_length=500, blank=True)
    form_file = models.FileField("mẫu đơn, tờ khai", upload_to="catalogue/forms/", blank=True)
    must_digitize = models.BooleanField("phải số hóa khi tiếp nhận", default=False)
    reusable = models.BooleanField("tái sử dụng từ kết quả đã có", default=False)

    class Meta(VersionPart.Meta):
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.requirement == self.Requirement.CONDITIONAL and not self.condition:
            raise ValidationError({"condition": "Thành phần có điều kiện phải ghi rõ điều kiện."})
        if not (self.originals or self.certified_copies or self.copies):
            raise ValidationError("Nhập số lượng ít nhất một loại bản (chính, sao chứng thực hoặc sao).")


class StepAction(models.TextChoices):
    FORWARD = "forward", "Chuyển bước tiếp theo"
    SEND_BACK = "send_back", "Trả lại bước trước"
    REQUEST_SUPPLEMENT = "request_supplement", "Yêu cầu bổ sung"
    REFUSE = "refuse", "Từ chối"
    TRANSFER = "transfer", "Chuyển cơ quan khác (liên thông)"
    APPROVE = "approve", "Phê duyệt"
    SIGN = "sign", "Ký số"
    RETURN_RESULT = "return_result", "Trả kết quả"


class ProcessStep(VersionPart):
    """One step of the internal process (quy trình nội bộ, ISO 9001:2015)."""

    class Performer(models.TextChoices):
        RECEIVING = "receiving", "Cơ quan tiếp nhận"
        COMPETENT = "competent", "Cơ quan có thẩm quyền"
        OTHER = "other", "Cơ quan khác (liên thông)"

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField("tên bước", max_length=300)
    role = models.CharField("vai trò thực hiện", max_length=20, choices=Role.choices)
    performer = models.CharField("cơ quan thực hiện", max_length=10, choices=Performer.choices)
    other_agency = models.ForeignKey(
        "units.Agency", verbose_name="cơ quan liên thông", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    budget_hours = models.DecimalField(
        "thời gian (giờ làm việc)", max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    actions = models.JSONField("thao tác được phép", default=list)

    class Meta(VersionPart.Meta):
        verbose_name = "bước quy trình"
        verbose_name_plural = "quy trình nội bộ"

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Synonym(models.Model):
    """An everyday way of naming what a procedure's official text calls otherwise: "sổ hồng" for
    "giấy chứng nhận quyền sử dụng đất". Searching the everyday term also finds the official one;
    with `two_way`, searching the official term also finds texts that use the everyday one.
    Edited by catalogue administrators (admin, Excel sheet "Từ đồng nghĩa"); docs/search.md."""

    everyday = models.CharField("cách gọi thông dụng", max_length=200,
                                help_text="Cách người dân hay gọi, ví dụ: sổ hồng, bằng lái xe, giấy độc thân.")
    official = models.CharField("thuật ngữ chính thức", max_length=500,
                                help_text="Cụm từ như trong tên hoặc nội dung thủ tục, ví dụ: giấy chứng nhận quyền "
                                          "sử dụng đất.")
    two_way = models.BooleanField("dùng cả hai chiều", default=False,
                                  help_text="Tìm thuật ngữ chính thức cũng ra thủ tục ghi cách gọi thông dụng.")
    # Normalised copies (motcua.textsearch.normalize): what the search compares, and what makes
    # "Sổ hồng" and "so hong" the same entry.
    everyday_key = models.CharField(max_length=200, editable=False)
    official_key = models.CharField(max_length=500, editable=False)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    class Meta:
        verbose_name = "từ đồng nghĩa"
        verbose_name_plural = "từ đồng nghĩa (cách gọi thông dụng)"
        ordering = ["everyday_key", "official_key"]
        constraints = [models.UniqueConstraint(fields=["everyday_key", "official_key"], name="unique_synonym")]

    def __str__(self) -> str:
        return f"{self.everyday} → {self.official}"

    def save(self, *args, **kwargs):
        self.everyday, self.official = self.everyday.strip(), self.official.strip()
        self.everyday_key, self.official_key = normalize(self.everyday), normalize(self.official)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        problems = {}
        for name in ("everyday", "official"):
            value = getattr(self, name) or ""
            if has_controls(value):
                problems[name] = "Không được chứa ký tự điều khiển (ký tự ẩn)."
            elif not normalize(value):
                problems[name] = "Nhập ít nhất một chữ hoặc số."
        if not problems and normalize(self.everyday) == normalize(self.official):
            problems["official"] = "Thuật ngữ chính thức phải khác cách gọi thông dụng."
        elif not problems and Synonym.objects.filter(everyday_key=normalize(self.everyday),
                                                     official_key=normalize(self.official)).exclude(pk=self.pk).exists():
            problems["everyday"] = "Đã có từ đồng nghĩa này (không phân biệt dấu, hoa thường)."
        if problems:
            raise ValidationError(problems)


class SearchMiss(models.Model):
    """A search citizens made that did not help them: no result at all, or results left without
    opening any. Only the words typed (never who, from where, or a number that could identify
    someone: catalogue.search.misses), counted per normalised query, for administrators to add
    the missing everyday term as a synonym."""

    query = models.CharField("từ khóa", max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)
    no_results = models.PositiveIntegerField("số lần không có kết quả", default=0)
    abandoned = models.PositiveIntegerField("số lần bỏ qua kết quả", default=0)
    first_seen = models.DateField("lần đầu")
    last_seen = models.DateField("lần gần nhất")

    class Meta:
        verbose_name = "tìm kiếm không thành công"
        verbose_name_plural = "tìm kiếm không thành công"
        ordering = ["-no_results", "-abandoned", "key"]

    def __str__(self) -> str:
        return self.query
