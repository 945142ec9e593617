"""The PAR INDEX (Chỉ số cải cách hành chính) of the province's agencies, year by year
(Decision 876/QĐ-BNV approves the index for 2022–2030; each province scores its own
departments with a criteria tree of its own making).

- A CriteriaSet is one version of the tree (areas → criteria → sub-criteria with their
  maximum points), imported from Excel by an administrator (parindex/excel.py) and never
  changed once imported: the Ministry changes the index, and a new version is imported.
- A Round is one year's assessment on one criteria set, with the deadline of the agencies'
  self-assessment and that of the appraisal council, run by the council's agency.
- An Assessment is one agency in a round: its self-assessment (points, explanations and
  evidence files per criterion), the criteria the platform measures itself, and the council's
  points and comments; draft → submitted → appraised (locked) → published.

Rounds and assessments change only through parindex/actions.py, on the workflow engine
(parindex/machine.py): every change is a hash-chained event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from motcua.private_storage import private_storage
from workflow.models import ChainedEvent, ChainedObject


class CriteriaSet(models.Model):
    code = models.CharField("mã bộ tiêu chí", max_length=40, unique=True)
    name = models.CharField("tên bộ tiêu chí", max_length=300)
    basis = models.CharField("căn cứ", max_length=300, blank=True)
    from_year = models.PositiveSmallIntegerField("áp dụng từ năm")
    max_points = models.DecimalField("tổng điểm tối đa", max_digits=7, decimal_places=2)
    source_name = models.CharField("tệp nguồn", max_length=200, blank=True)
    imported_at = models.DateTimeField("nhập lúc")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "bộ tiêu chí Chỉ số CCHC"
        verbose_name_plural = "bộ tiêu chí Chỉ số CCHC"
        ordering = ["-from_year", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Criterion(models.Model):
    """A node of the tree: an area (level 1), a criterion or a sub-criterion. Only leaves are
    scored; a parent's maximum is the sum of its children's (checked at import)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    code = models.CharField("mã", max_length=20)
    name = models.CharField("nội dung", max_length=500)
    level = models.PositiveSmallIntegerField("cấp")
    order = models.PositiveIntegerField("thứ tự")
    max_points = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2)
    is_leaf = models.BooleanField("được chấm điểm", default=True)
    # A measure of the platform (parindex/measures.py) that scores the criterion by itself.
    measure = models.CharField("phép đo tự động", max_length=40, blank=True)
    target_percent = models.DecimalField("mục tiêu (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    evidence_required = models.BooleanField("bắt buộc tài liệu kiểm chứng", default=False)
    guidance = models.TextField("hướng dẫn chấm điểm", blank=True)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["criteria_set", "order"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="unique_par_criterion")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class RoundState(models.TextChoices):
    OPEN = "open", "Đang đánh giá"
    PUBLISHED = "published", "Đã công bố kết quả"


class Round(ChainedObject):
    year = models.PositiveSmallIntegerField("năm đánh giá", unique=True)
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name="bộ tiêu chí", on_delete=models.PROTECT,
                                     related_name="rounds")
    # The agency running the appraisal (its APPRAISER members are the council).
    council_agency = models.ForeignKey("units.Agency", verbose_name="cơ quan thường trực hội đồng thẩm định",
                                       on_delete=models.PROTECT, related_name="+")
    self_deadline = models.DateTimeField("hạn tự đánh giá")
    appraisal_deadline = models.DateTimeField("hạn thẩm định")
    state = models.CharField("trạng thái", max_length=10, choices=RoundState.choices, default=RoundState.OPEN)
    created_at = models.DateTimeField("mở lúc")
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True)

    class Meta:
        verbose_name = "kỳ đánh giá Chỉ số CCHC"
        verbose_name_plural = "kỳ đánh giá Chỉ số CCHC"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Chỉ số CCHC năm {self.year}"


class RoundEvent(ChainedEvent):
    CHAIN_PARENT = "round"
    HASHED_FIELDS = ("round_id", "seq", "action", "actor_id", "actor_name", "at", "from_state", "to_state", "data",
                     "idempotency_key", "row_digest")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("thao tác", max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField("thời điểm")
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "sự kiện kỳ đánh giá"
        verbose_name_plural = "sự kiện kỳ đánh giá"
        ordering = ["round", "seq"]
        constraints = [models.UniqueConstraint(fields=["round", "seq"], name="unique_par_round_event_seq")]


class AssessmentState(models.TextChoices):
    DRAFT = "draft", "Đang tự đánh giá"
    SUBMITTED = "submitted", "Đã nộp, chờ thẩm định"
    APPRAISED = "appraised", "Đã thẩm định, khóa kết quả"
    PUBLISHED = "published", "Đã công bố"


class Assessment(ChainedObject):
    round = models.ForeignKey(Round, verbose_name="kỳ đánh giá", on_delete=models.PROTECT, related_name="assessments")
    agency = models.ForeignKey("units.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+")
    state = models.CharField("trạng thái", max_length=10, choices=AssessmentState.choices,
                             default=AssessmentState.DRAFT)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    appraised_at = models.DateTimeField("khóa kết quả lúc", null=True, blank=True)
    self_total = models.DecimalField("điểm tự đánh giá", max_digits=7, decimal_places=2, default=0)
    council_total = models.DecimalField("điểm thẩm định", max_digits=7, decimal_places=2, default=0)
    measured_at = models.DateTimeField("đo tự động lúc", null=True, blank=True)

    class Meta:
        verbose_name = "bản đánh giá của cơ quan"
        verbose_name_plural = "bản đánh giá của cơ quan"
        ordering = ["round", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["round", "agency"], name="unique_par_assessment")]

    def __str__(self) -> str:
        return f"{self.agency} — {self.round}"


class AssessmentEvent(ChainedEvent):
    CHAIN_PARENT = "assessment"
    HASHED_FIELDS = ("assessment_id", "seq", "action", "actor_id", "actor_name", "at", "from_state", "to_state",
                     "data", "idempotency_key", "row_digest")

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("thao tác", max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField("thời điểm")
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "sự kiện đánh giá Chỉ số CCHC"
        verbose_name_plural = "sự kiện đánh giá Chỉ số CCHC"
        ordering = ["assessment", "seq"]
        constraints = [models.UniqueConstraint(fields=["assessment", "seq"], name="unique_par_assessment_event_seq")]


class Score(models.Model):
    """One scored (leaf) criterion of one assessment: the agency's points and explanation, the
    platform's measure, the council's points and comment. Written only by parindex/actions.py."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    self_points = models.DecimalField("điểm tự đánh giá", max_digits=6, decimal_places=2, null=True, blank=True)
    explanation = models.TextField("giải trình", blank=True)
    measured_points = models.DecimalField("điểm hệ thống đo", max_digits=6, decimal_places=2, null=True, blank=True)
    measured = models.JSONField("số liệu đo", default=dict, blank=True)  # numerator, denominator, ratio, period
    council_points = models.DecimalField("điểm thẩm định", max_digits=6, decimal_places=2, null=True, blank=True)
    council_comment = models.TextField("nhận xét của hội đồng", blank=True)

    class Meta:
        verbose_name = "điểm tiêu chí"
        verbose_name_plural = "điểm tiêu chí"
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="unique_par_score")]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.criterion_id}"


def evidence_path(instance, filename: str) -> str:
    return f"parindex/{instance.assessment_id}/{instance.sha256}{instance.extension}"


class Evidence(models.Model):
    """A file an agency attaches to a criterion as its proof (tài liệu kiểm chứng)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    file = models.FileField("tệp", upload_to=evidence_path, storage=private_storage, max_length=200)
    name = models.CharField("tên tệp", max_length=200)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField("dung lượng")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("tải lên lúc")

    class Meta:
        verbose_name = "tài liệu kiểm chứng"
        verbose_name_plural = "tài liệu kiểm chứng"
        ordering = ["criterion", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
