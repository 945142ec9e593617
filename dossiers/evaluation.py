"""The citizen's scoring of how their dossier was handled (Circular 01/2018/TT-VPCP, under
Decree 61/2018/NĐ-CP Art. 31): nine criteria, 0 to 2 points each, 18 in all.

Three criteria are measured by the platform from the dossier's own events rather than asked
(`MEASURED`: the total time against the legal limit, the time of each agency involved, and
intake and return through the one-stop unit); the applicant answers the other six (`ASKED`).
Decree 61/2018 Art. 33 lets the evaluation draw on the one-stop information system's data.

A dossier is scored once, by the account that submitted it, after the result is returned;
the score may be changed for EDIT_DAYS after it was first given. Each score is an `evaluate`
event of the dossier (the same engine, audit trail and hash chain as every other action),
and the Evaluation row is its projection, per dossier, agency and officer, for the operations
centre.
"""

from __future__ import annotations

from datetime import timedelta

# (code, the question as the citizen reads it)
CRITERIA: tuple[tuple[str, str], ...] = (
    ("total_time", "Tổng thời gian giải quyết so với thời gian quy định"),
    ("agency_time", "Thời gian thực hiện tại từng cơ quan, đơn vị tham gia giải quyết"),
    ("contacts", "Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ"),
    ("agencies_contacted", "Số cơ quan, đơn vị phải liên hệ để hoàn thiện hồ sơ"),
    ("one_stop", "Việc tiếp nhận và trả kết quả qua Bộ phận Một cửa"),
    ("disclosure", "Việc công khai thủ tục hành chính"),
    ("attitude", "Thái độ, tinh thần phục vụ của cán bộ, công chức"),
    ("feedback", "Việc tiếp nhận, xử lý phản ánh, kiến nghị"),
    ("online", "Chất lượng dịch vụ công trực tuyến"),
)
CODES = tuple(code for code, _ in CRITERIA)
# Measured from the dossier's events (`measured`), never asked of the applicant.
MEASURED = ("total_time", "agency_time", "one_stop")
ASKED = tuple(code for code in CODES if code not in MEASURED)
LABELS = dict(CRITERIA)
POINTS = ((2, "Tốt, hài lòng"), (1, "Bình thường"), (0, "Chưa tốt, không hài lòng"))
MAX_TOTAL = 2 * len(CRITERIA)
COMMENT_MAX = 2000
EDIT_DAYS = 7
EDIT_WINDOW = timedelta(days=EDIT_DAYS)

# Bands used in practice for a score out of 18, a dossier's total or an average (to verify
# against the circular's annex): above 15 excellent, 12 to 15 good, 9 to under 12 fair, 6 to
# under 9 average, under 6 weak. A score of exactly 15 is good: "excellent" is above 15.
BANDS = (("excellent", "Xuất sắc"), ("good", "Tốt"), ("fair", "Khá"), ("average", "Trung bình"), ("weak", "Yếu"))
BAND_LABELS = dict(BANDS)


def band_code(score: float) -> str:
    if score > 15:
        return "excellent"
    if score >= 12:
        return "good"
    if score >= 9:
        return "fair"
    if score >= 6:
        return "average"
    return "weak"


def band(score: float) -> str:
    return BAND_LABELS[band_code(score)]


# How the measured criteria score (Circular 01/2018/TT-VPCP Art. 13; the points of each case to
# verify against its annex): a result early 2, on time 1, late 0.
TIMELINESS_POINTS = {"early": 2, "on_time": 1, "late": 0}


def measured(dossier) -> dict[str, int]:
    """The three criteria the platform measures for a returned dossier, from its events and those
    of its liên thông legs: the total time (the dossier's timeliness), each participating
    agency's time (its worst step: 0 if any step was late, 2 if every step was early, else 1),
    and the one-stop (1 point for intake by the one-stop counter, 1 for the result returned
    there: a counter officer's step of the receiving agency)."""
    from django.db.models import Q

    from catalogue.models import ProcessStep
    from dossiers.models import DossierEvent

    total = TIMELINESS_POINTS.get(dossier.timeliness, 1)
    events = DossierEvent.objects.filter(Q(dossier_id=dossier.pk) | Q(dossier__parent_id=dossier.pk))
    steps = [TIMELINESS_POINTS[t] for t in events.exclude(step_timeliness="").values_list("step_timeliness", flat=True)
             if t in TIMELINESS_POINTS]
    own = events.filter(dossier_id=dossier.pk)
    received = own.filter(action="receive").exists()
    returned = own.filter(action="return_result", from_step__role="counter_officer",
                          from_step__performer=ProcessStep.Performer.RECEIVING).exists()
    return {"total_time": total, "agency_time": min(steps) if steps else total,
            "one_stop": int(received) + int(returned)}
