"""The operations centre's projections of the dossier log: what the dashboards read.

Never the dossiers or their events on a page view (a GROUP BY over millions of dossiers costs
hundreds of milliseconds; these rows answer in one). They are kept by ioc/projection.py from
the events, per dossier in event order, and can be rebuilt from the log at any time
(`manage.py ioc_rebuild`); a rebuild gives the same rows as the incremental path.
"""

from django.conf import settings
from django.db import models

from motcua.private_storage import private_storage


class FlowCounts(models.Model):
    """What is counted of the dossiers of one procedure and channel, for the agency competent
    to decide it (the service centre receives for many agencies; the figures are those of the
    agency that does the work), over a day (DossierFlow) or a month (DossierFlowMonth).
    Plain integers, not positive ones: a batch may carry a negative correction (a changed
    score) for a row that exists, and a CHECK would refuse it before the upsert adds it."""

    agency = models.ForeignKey("units.Agency", verbose_name="cơ quan giải quyết", on_delete=models.PROTECT,
                               related_name="+")
    procedure = models.ForeignKey("catalogue.Procedure", verbose_name="thủ tục", on_delete=models.PROTECT,
                                  related_name="+")
    channel = models.PositiveSmallIntegerField("hình thức nộp")
    # A liên thông leg received at another agency: counted there, left out of province totals.
    linked = models.BooleanField("hồ sơ liên thông", default=False)
    received = models.IntegerField("tiếp nhận", default=0)
    resolved_early = models.IntegerField("giải quyết trước hạn", default=0)
    resolved_on_time = models.IntegerField("giải quyết đúng hạn", default=0)
    resolved_late = models.IntegerField("giải quyết quá hạn", default=0)
    processing_seconds = models.BigIntegerField("tổng thời gian giải quyết (giây)", default=0)
    returned = models.IntegerField("trả kết quả", default=0)
    refused = models.IntegerField("từ chối", default=0)
    withdrawn = models.IntegerField("rút hồ sơ", default=0)
    apologies = models.IntegerField("xin lỗi, hẹn lại", default=0)
    evaluations = models.IntegerField("lượt đánh giá", default=0)
    evaluation_points = models.IntegerField("tổng điểm đánh giá", default=0)

    class Meta:
        abstract = True


class DossierFlow(FlowCounts):
    """What happened on one day (ioc/figures.py reads the days of a period outside whole months)."""

    day = models.DateField("ngày")

    class Meta:
        verbose_name = "số liệu hồ sơ theo ngày"
        verbose_name_plural = "số liệu hồ sơ theo ngày"
        constraints = [models.UniqueConstraint(fields=["day", "agency", "procedure", "channel", "linked"],
                                               name="unique_dossier_flow")]
        indexes = [models.Index(fields=["agency", "day"]), models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id} {self.procedure_id} {self.channel}"


class DossierFlowMonth(FlowCounts):
    """The same as DossierFlow summed over a calendar month (`month` is its first day), kept
    with it: a year's figures read twelve rows per key instead of 365."""

    month = models.DateField("tháng")

    class Meta:
        verbose_name = "số liệu hồ sơ theo tháng"
        verbose_name_plural = "số liệu hồ sơ theo tháng"
        constraints = [models.UniqueConstraint(fields=["month", "agency", "procedure", "channel", "linked"],
                                               name="unique_dossier_flow_month")]
        indexes = [models.Index(fields=["agency", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.agency_id} {self.procedure_id} {self.channel}"


class DurationCounts(models.Model):
    """How many of the dossiers resolved took each number of calendar days from receipt to
    result (started days: 0 means within the day; LONGEST means more than that): the
    distribution the percentiles of processing time are read from."""

    LONGEST = 91

    agency = models.ForeignKey("units.Agency", verbose_name="cơ quan giải quyết", on_delete=models.PROTECT,
                               related_name="+")
    procedure = models.ForeignKey("catalogue.Procedure", verbose_name="thủ tục", on_delete=models.PROTECT,
                                  related_name="+")
    channel = models.PositiveSmallIntegerField("hình thức nộp")
    linked = models.BooleanField("hồ sơ liên thông", default=False)
    days = models.PositiveSmallIntegerField("số ngày giải quyết")
    count = models.IntegerField("số hồ sơ", default=0)

    class Meta:
        abstract = True


class DossierDuration(DurationCounts):
    """The distribution of the dossiers resolved on one day."""

    day = models.DateField("ngày")

    class Meta:
        verbose_name = "phân bố thời gian giải quyết"
        verbose_name_plural = "phân bố thời gian giải quyết"
        constraints = [models.UniqueConstraint(fields=["day", "agency", "procedure", "channel", "linked", "days"],
                                               name="unique_dossier_duration")]
        indexes = [models.Index(fields=["agency", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id} {self.procedure_id}: {self.days} ngày × {self.count}"


class DossierDurationMonth(DurationCounts):
    """DossierDuration summed over a calendar month (`month` is its first day)."""

    month = models.DateField("tháng")

    class Meta:
        verbose_name = "phân bố thời gian giải quyết theo tháng"
        verbose_name_plural = "phân bố thời gian giải quyết theo tháng"
        constraints = [models.UniqueConstraint(fields=["month", "agency", "procedure", "channel", "linked", "days"],
                                               name="unique_dossier_duration_month")]
        indexes = [models.Index(fields=["agency", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.agency_id} {self.procedure_id}: {self.days} ngày × {self.count}"


class DossierOpen(models.Model):
    """The dossiers received and not yet resolved, now, by the day they are due."""

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.PROTECT, related_name="+")
    linked = models.BooleanField(default=False)
    due_day = models.DateField()
    paused = models.BooleanField(default=False)  # waiting for a supplement, a payment, or stopped
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "procedure", "linked", "due_day", "paused"],
                                               name="unique_dossier_open")]
        indexes = [models.Index(fields=["agency", "due_day"])]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.procedure_id} {self.due_day}: {self.count}"


class DossierOpenAgency(models.Model):
    """DossierOpen summed over procedures: what the dashboard's cards and agency table read
    when no procedure is chosen (tens of rows per agency instead of thousands)."""

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    due_day = models.DateField()
    paused = models.BooleanField(default=False)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "due_day", "paused"],
                                               name="unique_dossier_open_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.due_day}: {self.count}"


class DossierTrack(models.Model):
    """What the projection last applied of one dossier: its last event and where it counts now."""

    dossier = models.OneToOneField("dossiers.Dossier", primary_key=True, on_delete=models.CASCADE,
                                   related_name="+")
    seq = models.PositiveIntegerField(default=0)
    open_due_day = models.DateField(null=True)
    open_paused = models.BooleanField(default=False)
    evaluation_day = models.DateField(null=True)
    evaluation_points = models.PositiveSmallIntegerField(null=True)

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq}"


class PendingDossier(models.Model):
    """A dossier with events not applied yet: written by the action's own transaction (an
    insert, never an update, so intakes at one agency do not queue on a shared row), removed
    by the catch-up once applied."""

    dossier = models.OneToOneField("dossiers.Dossier", primary_key=True, on_delete=models.CASCADE,
                                   related_name="+")

    def __str__(self) -> str:
        return str(self.dossier_id)


class ReportFlow(models.Model):
    """What happened on one day to the field reports of one category held by one unit (none:
    still with the operations centre)."""

    day = models.DateField("ngày")
    agency = models.ForeignKey("units.Agency", verbose_name="đơn vị xử lý", null=True, on_delete=models.PROTECT,
                               related_name="+")
    category = models.ForeignKey("fieldreports.Category", verbose_name="lĩnh vực", on_delete=models.PROTECT,
                                 related_name="+")
    received = models.IntegerField("tiếp nhận", default=0)
    answered_on_time = models.IntegerField("trả lời đúng hạn", default=0)
    answered_late = models.IntegerField("trả lời quá hạn", default=0)
    # From the report's submission to each answer (a reopened report answered again counts again).
    answer_seconds = models.BigIntegerField("tổng thời gian trả lời (giây)", default=0)
    rejected = models.IntegerField("từ chối", default=0)
    reopened = models.IntegerField("mở lại", default=0)
    ratings = models.IntegerField("lượt đánh giá", default=0)
    rating_points = models.IntegerField("tổng điểm đánh giá", default=0)

    class Meta:
        verbose_name = "số liệu phản ánh theo ngày"
        verbose_name_plural = "số liệu phản ánh theo ngày"
        # Reports still with the centre have no unit: their rows never conflict (NULLs are
        # distinct), so additions for them are new rows, which the sums read all the same.
        constraints = [models.UniqueConstraint(fields=["day", "agency", "category"], name="unique_report_flow")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id} {self.category_id}"


class ReportOpen(models.Model):
    """The field reports not answered yet, now, by unit, category and due day."""

    agency = models.ForeignKey("units.Agency", null=True, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("fieldreports.Category", on_delete=models.PROTECT, related_name="+")
    due_day = models.DateField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "category", "due_day"], name="unique_report_open")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.category_id} {self.due_day}: {self.count}"


class ReportTrack(models.Model):
    report = models.OneToOneField("fieldreports.Report", primary_key=True, on_delete=models.CASCADE,
                                  related_name="+")
    seq = models.PositiveIntegerField(default=0)
    open_agency_id = models.IntegerField(null=True)
    open_due_day = models.DateField(null=True)

    def __str__(self) -> str:
        return f"{self.report_id}#{self.seq}"


class PendingReport(models.Model):
    report = models.OneToOneField("fieldreports.Report", primary_key=True, on_delete=models.CASCADE,
                                  related_name="+")

    def __str__(self) -> str:
        return str(self.report_id)


class IndexVersion(models.Model):
    """One version of the Decision 766/QĐ-TTg service index formulas. The national portal
    changes them; an administrator adds a version instead of anyone editing code."""

    code = models.CharField("mã phiên bản", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    effective_from = models.DateField("áp dụng từ")
    note = models.TextField("ghi chú, nguồn", blank=True)

    class Meta:
        verbose_name = "phiên bản Bộ chỉ số 766"
        verbose_name_plural = "phiên bản Bộ chỉ số 766"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class IndexIndicator(models.Model):
    class Rule(models.TextChoices):
        LINEAR = "linear", "Tỷ lệ × điểm tối đa"
        TARGET = "target", "Đủ điểm khi đạt mục tiêu"
        MONITOR = "monitor", "Theo dõi, không tính điểm"

    class Source(models.TextChoices):
        OWN = "own", "Dữ liệu của hệ thống"
        NATIONAL = "national", "Cần dữ liệu Cổng Dịch vụ công quốc gia"
        NOT_YET = "not_yet", "Hệ thống chưa thu thập"

    version = models.ForeignKey(IndexVersion, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    group = models.CharField("nhóm", max_length=100)
    code = models.CharField("mã", max_length=10)
    name = models.CharField("chỉ số", max_length=300)
    max_points = models.DecimalField("điểm tối đa", max_digits=5, decimal_places=2)
    rule = models.CharField("cách tính điểm", max_length=10, choices=Rule.choices, default=Rule.LINEAR)
    target_percent = models.DecimalField("mục tiêu (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    empty_points = models.DecimalField("điểm khi không phát sinh", max_digits=5, decimal_places=2, null=True,
                                       blank=True)
    source = models.CharField("nguồn dữ liệu", max_length=10, choices=Source.choices, default=Source.OWN)
    measure = models.CharField("phép đo của hệ thống", max_length=40, blank=True,
                               help_text="Tên phép đo trong ioc/index766.py (để trống nếu cần dữ liệu bên ngoài).")
    numerator = models.CharField("tử số", max_length=300, blank=True)
    denominator = models.CharField("mẫu số", max_length=300, blank=True)

    class Meta:
        verbose_name = "chỉ số"
        verbose_name_plural = "chỉ số"
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_index_indicator")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Export(models.Model):
    """An Excel export of one of the operations centre's tables, built by a worker (ioc/exports.py)
    while the page shows its progress; the file is kept in the private storage for its owner."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang xuất"
        DONE = "done", "Hoàn tất"
        FAILED = "failed", "Không thành công"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người xuất", on_delete=models.CASCADE,
                             related_name="+")
    table = models.CharField("bảng", max_length=40)
    params = models.CharField("bộ lọc", max_length=500, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField("số dòng đã ghi", default=0)
    rows_total = models.PositiveIntegerField("tổng số dòng", null=True)
    file = models.FileField("tệp", upload_to="exports/%Y/%m/", storage=private_storage, max_length=200, blank=True)
    filename = models.CharField("tên tệp", max_length=200, blank=True)
    error = models.CharField("lỗi", max_length=300, blank=True)
    created_at = models.DateTimeField("lúc yêu cầu", auto_now_add=True)
    finished_at = models.DateTimeField("lúc xong", null=True, blank=True)

    class Meta:
        verbose_name = "tệp xuất số liệu"
        verbose_name_plural = "tệp xuất số liệu"
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.table} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, 100 * self.rows_done // self.rows_total) if self.rows_total else 0
