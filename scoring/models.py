"""The roll-up of citizens' scores (dossiers.Evaluation, Circular 01/2018/TT-VPCP) per agency,
officer and day or month: what the operations centre's scoring pages read, never the
evaluations themselves on a page view. Kept by scoring/projection.py from each `evaluate`
event, in the action's own transaction; `manage.py scoring_rebuild` recomputes it.
"""

from django.conf import settings
from django.db import models

from dossiers.evaluation import BANDS, CODES


class ScoreCounts(models.Model):
    """Sums over the evaluations first given on a day (or in a month) for one receiving agency
    and the counter officer who received the dossiers (none: received by nobody we know).
    Plain integers: a changed score adds a negative correction to the row it first counted in."""

    agency = models.ForeignKey("units.Agency", verbose_name="cơ quan tiếp nhận", on_delete=models.PROTECT,
                               related_name="+")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="cán bộ tiếp nhận", null=True,
                                on_delete=models.PROTECT, related_name="+")
    evaluations = models.IntegerField("lượt đánh giá", default=0)
    points = models.IntegerField("tổng điểm", default=0)
    # The points of each criterion (dossiers/evaluation.py CODES), summed.
    c_total_time = models.IntegerField("tổng thời gian", default=0)
    c_agency_time = models.IntegerField("thời gian từng cơ quan", default=0)
    c_contacts = models.IntegerField("số lần liên hệ", default=0)
    c_agencies_contacted = models.IntegerField("số cơ quan phải liên hệ", default=0)
    c_one_stop = models.IntegerField("qua Bộ phận Một cửa", default=0)
    c_disclosure = models.IntegerField("công khai thủ tục", default=0)
    c_attitude = models.IntegerField("thái độ phục vụ", default=0)
    c_feedback = models.IntegerField("xử lý phản ánh, kiến nghị", default=0)
    c_online = models.IntegerField("dịch vụ công trực tuyến", default=0)
    # How many evaluations fell in each band (dossiers/evaluation.py BANDS).
    b_excellent = models.IntegerField("xuất sắc", default=0)
    b_good = models.IntegerField("tốt", default=0)
    b_fair = models.IntegerField("khá", default=0)
    b_average = models.IntegerField("trung bình", default=0)
    b_weak = models.IntegerField("yếu", default=0)

    class Meta:
        abstract = True


COUNTS = ("evaluations", "points", *(f"c_{code}" for code in CODES), *(f"b_{code}" for code, _ in BANDS))


class ScoreDay(ScoreCounts):
    day = models.DateField("ngày đánh giá")

    class Meta:
        verbose_name = "điểm đánh giá theo ngày"
        verbose_name_plural = "điểm đánh giá theo ngày"
        # Rows of evaluations with no officer never conflict (NULLs are distinct): additions for
        # them are new rows, which the sums read all the same.
        constraints = [models.UniqueConstraint(fields=["day", "agency", "officer"], name="unique_score_day")]
        indexes = [models.Index(fields=["agency", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id} {self.officer_id}"


class ScoreMonth(ScoreCounts):
    """ScoreDay summed over a calendar month (`month` is its first day)."""

    month = models.DateField("tháng")

    class Meta:
        verbose_name = "điểm đánh giá theo tháng"
        verbose_name_plural = "điểm đánh giá theo tháng"
        constraints = [models.UniqueConstraint(fields=["month", "agency", "officer"], name="unique_score_month")]
        indexes = [models.Index(fields=["agency", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.agency_id} {self.officer_id}"
