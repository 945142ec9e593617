"""Every change of a PAR INDEX round or assessment goes through one of these functions, on the
workflow engine (parindex/machine.py): a transaction, the row lock, the permission and the
guards (deadlines, roles), and a hash-chained event saying what changed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum

from dossiers.files import ACCEPTED, ImageTooLarge, _clean_name, _hash, sniff
from motcua.inputs import clean_text
from parindex import measures
from parindex.machine import ASSESSMENT, ROUND, Code
from parindex.models import (
    Assessment,
    AssessmentState,
    CriteriaSet,
    Criterion,
    Evidence,
    Round,
    RoundState,
    Score,
)
from workflow import engine
from workflow.engine import Change
from workflow.errors import ActionError

TEXT_MAX = 4000
EVIDENCE_PER_CRITERION = 20


# --- rounds ------------------------------------------------------------------------------------

def _check_deadlines(self_deadline: datetime | None, appraisal_deadline: datetime | None) -> None:
    if self_deadline is None:
        raise ActionError(Code.INVALID_DATE, "Vui lòng nhập hạn tự đánh giá.", field="self_deadline")
    if appraisal_deadline is None:
        raise ActionError(Code.INVALID_DATE, "Vui lòng nhập hạn thẩm định.", field="appraisal_deadline")
    if appraisal_deadline <= self_deadline:
        raise ActionError(Code.INVALID_DATE, "Hạn thẩm định phải sau hạn tự đánh giá.", field="appraisal_deadline")


def open_round(actor, *, year: int, criteria_set: CriteriaSet, council_agency, agencies, self_deadline: datetime,
               appraisal_deadline: datetime, key: str | None = None) -> Round:
    """Open a year's assessment for `agencies` on `criteria_set`: a draft assessment each, with
    the criteria the platform measures already filled."""
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ActionError(Code.INVALID_DATE, "Năm đánh giá phải từ 2000 đến 2100.", field="year")
    if Round.objects.filter(year=year).exists():
        raise ActionError(Code.DUPLICATE, f"Đã có kỳ đánh giá năm {year}.", field="year")
    _check_deadlines(self_deadline, appraisal_deadline)
    agencies = list(agencies)
    if not agencies:
        raise ActionError(Code.INCOMPLETE, "Vui lòng chọn ít nhất một cơ quan được đánh giá.", field="agencies")
    with transaction.atomic():
        outcome = engine.create(ROUND, "open", actor, lambda: Round(
            year=year, criteria_set=criteria_set, council_agency=council_agency, self_deadline=self_deadline,
            appraisal_deadline=appraisal_deadline), effect=_opened(agencies), key=key)
        r = outcome.obj
        if not outcome.repeated:
            for agency in agencies:
                engine.create(ASSESSMENT, "start", actor, lambda agency=agency: Assessment(round=r, agency=agency),
                              effect=_started)
    return r


def _opened(agencies):
    def effect(r: Round, change: Change) -> None:
        r.created_at = change.now
        change.data = {"year": r.year, "criteria_set": r.criteria_set.code, "agencies": [a.code for a in agencies],
                       "self_deadline": r.self_deadline.isoformat(),
                       "appraisal_deadline": r.appraisal_deadline.isoformat()}

    return effect


def _started(a: Assessment, change: Change) -> None:
    a.save()  # the scores need its id
    leaves = a.round.criteria_set.criteria.filter(is_leaf=True)
    Score.objects.bulk_create([Score(assessment=a, criterion=c) for c in leaves])
    change.data = {"agency": a.agency.code, "measured": _measure(a, change.now)}


def set_deadlines(r: Round, actor, *, self_deadline: datetime, appraisal_deadline: datetime,
                  key: str | None = None) -> Round:
    _check_deadlines(self_deadline, appraisal_deadline)

    def effect(locked: Round, change: Change) -> None:
        change.data = {"self_deadline": [locked.self_deadline.isoformat(), self_deadline.isoformat()],
                       "appraisal_deadline": [locked.appraisal_deadline.isoformat(), appraisal_deadline.isoformat()]}
        locked.self_deadline, locked.appraisal_deadline = self_deadline, appraisal_deadline

    return engine.perform(ROUND, r.pk, "set_deadlines", actor, effect=effect, key=key).obj


def publish(r: Round, actor, *, key: str | None = None) -> Round:
    """Publish the ranking once every assessment is locked; each assessment is published with it."""

    def effect(locked: Round, change: Change) -> None:
        waiting = locked.assessments.exclude(state=AssessmentState.APPRAISED).select_related("agency")
        if waiting.exists():
            names = ", ".join(a.agency.name for a in waiting[:5])
            raise ActionError(Code.NOT_LOCKED, f"Còn {waiting.count()} cơ quan chưa khóa kết quả thẩm định ({names}); "
                              "chỉ công bố khi mọi bản đánh giá đã khóa.")
        for pk in locked.assessments.values_list("pk", flat=True):
            a = ASSESSMENT.lock(pk)
            engine.follow(ASSESSMENT, a, "publish", actor, effect=_published)
        locked.state, locked.published_at = RoundState.PUBLISHED, change.now
        change.data = {"assessments": locked.assessments.count()}

    return engine.perform(ROUND, r.pk, "publish", actor, effect=effect, key=key).obj


def _published(a: Assessment, change: Change) -> None:
    a.state = AssessmentState.PUBLISHED
    change.data = {"council_total": str(a.council_total)}


# --- an agency's assessment ----------------------------------------------------------------------

def _leaf(a: Assessment, code: str) -> Criterion:
    found = Criterion.objects.filter(criteria_set_id=a.round.criteria_set_id, code=str(code)[:20], is_leaf=True).first()
    if found is None:
        raise ActionError(Code.INVALID_CRITERION, "Tiêu chí không có trong bộ tiêu chí của kỳ đánh giá, hoặc là tiêu "
                          "chí tổng hợp (chỉ chấm điểm tiêu chí cuối cùng).", field="criterion")
    return found


def parse_points(raw, maximum: Decimal, field: str = "points") -> Decimal:
    """Points typed by a person: a decimal with at most two places, from 0 to the maximum."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or isinstance(raw, bool):
        raise ActionError(Code.INVALID_POINTS, f"Điểm phải là một số từ 0 đến {_vn(maximum)}, ví dụ 1,5.", field=field)
    if not Decimal(0) <= value <= maximum:
        raise ActionError(Code.INVALID_POINTS, f"Điểm phải từ 0 đến {_vn(maximum)} (điểm tối đa của tiêu chí).",
                          field=field)
    if value != value.quantize(Decimal("0.01")):
        raise ActionError(Code.INVALID_POINTS, "Điểm chỉ được có tối đa hai chữ số thập phân.", field=field)
    return value.quantize(Decimal("0.01"))


def _vn(number: Decimal) -> str:
    return f"{number.normalize():f}".replace(".", ",")


def _text(value: str, field: str, what: str) -> str:
    value = clean_text(value or "")
    if len(value) > TEXT_MAX:
        raise ActionError(Code.INVALID_POINTS, f"{what} dài tối đa {TEXT_MAX} ký tự.", field=field)
    return value


def _totals(a: Assessment) -> None:
    sums = a.scores.aggregate(own=Sum("self_points"), council=Sum("council_points"))
    a.self_total = sums["own"] or Decimal(0)
    a.council_total = sums["council"] or Decimal(0)


def _measure(a: Assessment, now) -> dict:
    """Take every measured criterion again (the agency scores those the platform could not)."""
    taken = {}
    for score in a.scores.select_related("criterion").exclude(criterion__measure=""):
        found = measures.take(score.criterion.measure, a.agency_id, a.round.year)
        score.measured = found or {}
        score.measured_points = measures.points(found, score.criterion.max_points, score.criterion.target_percent)
        if score.measured_points is not None:
            score.self_points = score.measured_points
        score.save(update_fields=["measured", "measured_points", "self_points"])
        taken[score.criterion.code] = None if score.measured_points is None else str(score.measured_points)
    a.measured_at = now
    _totals(a)
    return taken


def _perform(a: Assessment, action: str, actor, effect, key=None):
    return engine.perform(ASSESSMENT, a.pk, action, actor, effect=effect, key=key).obj


def score_self(a: Assessment, actor, *, criterion: str, points, explanation: str = "", key: str | None = None):
    leaf = _leaf(a, criterion)
    value = parse_points(points, leaf.max_points)
    explanation = _text(explanation, "explanation", "Giải trình")

    def effect(locked: Assessment, change: Change) -> None:
        score = Score.objects.select_for_update().get(assessment=locked, criterion=leaf)
        if score.measured_points is not None:
            raise ActionError(Code.MEASURED, "Tiêu chí này do hệ thống tự đo từ số liệu giải quyết hồ sơ; cơ quan "
                              "không tự chấm.", field="points")
        change.data = {"criterion": leaf.code, "points": str(value), "before": _str(score.self_points),
                       "explanation": explanation}
        score.self_points, score.explanation = value, explanation
        score.save(update_fields=["self_points", "explanation"])
        _totals(locked)

    return _perform(a, "score_self", actor, effect, key)


def measure(a: Assessment, actor, *, key: str | None = None):
    def effect(locked: Assessment, change: Change) -> None:
        change.data = {"measured": _measure(locked, change.now)}

    return _perform(a, "measure", actor, effect, key)


def attach_evidence(a: Assessment, actor, *, criterion: str, upload) -> Evidence:
    """Keep a file as the proof of one criterion: accepted for what its bytes are (PDF, images,
    Word, Excel: dossiers/files.py), stored privately under its content hash."""
    ASSESSMENT.resolve(a, "attach_evidence", actor)  # refuse a stranger before reading the file
    leaf = _leaf(a, criterion)
    name = _clean_name(getattr(upload, "name", "") or "tep")
    sha256, size = _hash(upload, name)
    try:
        kind = sniff(upload)
    except ImageTooLarge as exc:
        raise ActionError(Code.FILE_TOO_LARGE, f"Ảnh “{name}” quá lớn để xử lý ({exc}).", field="file") from None
    if kind is None:
        raise ActionError(Code.INVALID_FILE_TYPE, f"Tệp “{name}” không phải {ACCEPTED} (hệ thống kiểm tra nội dung "
                          "tệp, không dựa vào tên tệp).", field="file")

    def effect(locked: Assessment, change: Change) -> None:
        if Evidence.objects.filter(assessment=locked, criterion=leaf).count() >= EVIDENCE_PER_CRITERION:
            raise ActionError(Code.INCOMPLETE, f"Mỗi tiêu chí đính kèm tối đa {EVIDENCE_PER_CRITERION} tệp.",
                              field="file")
        row = Evidence(assessment=locked, criterion=leaf, name=name, content_type=kind.content_type,
                       extension=kind.extension, size=size, sha256=sha256, uploaded_by=_person(actor),
                       uploaded_at=change.now)
        upload.seek(0)
        row.file.save(f"{sha256}{kind.extension}", upload, save=False)
        row.save()
        change.data = {"criterion": leaf.code, "evidence": row.pk, "name": name, "sha256": sha256, "size": size}
        change.result = row

    return engine.perform(ASSESSMENT, a.pk, "attach_evidence", actor, effect=effect).result


def remove_evidence(a: Assessment, actor, *, evidence_id: int):
    def effect(locked: Assessment, change: Change) -> None:
        row = Evidence.objects.filter(assessment=locked, pk=evidence_id).select_related("criterion").first()
        if row is None:
            raise ActionError(Code.INVALID_CRITERION, "Không tìm thấy tài liệu kiểm chứng này.", field="evidence")
        change.data = {"criterion": row.criterion.code, "evidence": row.pk, "name": row.name, "sha256": row.sha256}
        row.delete()  # the file stays: its hash in the event still names what was handed in

    return _perform(a, "remove_evidence", actor, effect)


def submit(a: Assessment, actor, *, key: str | None = None):
    """Hand in the self-assessment: every scored criterion has points (the platform's or the
    agency's) and every criterion that asks for evidence has a file; the measures are taken one
    last time and kept as they were handed in."""

    def effect(locked: Assessment, change: Change) -> None:
        measured = _measure(locked, change.now)
        scores = locked.scores.select_related("criterion")
        missing = [s.criterion.code for s in scores if s.self_points is None]
        if missing:
            raise ActionError(Code.INCOMPLETE, f"Còn {len(missing)} tiêu chí chưa tự chấm điểm: "
                              f"{', '.join(missing[:10])}.")
        proven = set(locked.evidence.values_list("criterion_id", flat=True))
        unproven = [s.criterion.code for s in scores if s.criterion.evidence_required
                    and s.criterion_id not in proven]
        if unproven:
            raise ActionError(Code.INCOMPLETE, f"Còn {len(unproven)} tiêu chí bắt buộc có tài liệu kiểm chứng chưa "
                              f"đính kèm: {', '.join(unproven[:10])}.")
        locked.state, locked.submitted_at = AssessmentState.SUBMITTED, change.now
        change.data = {"self_total": str(locked.self_total), "measured": measured}

    return _perform(a, "submit", actor, effect, key)


def appraise(a: Assessment, actor, *, criterion: str, points, comment: str = "", key: str | None = None):
    """The council's points for one criterion; a comment is required when they differ from what
    the agency gave itself (the agency reads why)."""
    leaf = _leaf(a, criterion)
    value = parse_points(points, leaf.max_points)
    comment = _text(comment, "comment", "Nhận xét")

    def effect(locked: Assessment, change: Change) -> None:
        score = Score.objects.select_for_update().get(assessment=locked, criterion=leaf)
        if score.self_points != value and not comment:
            raise ActionError(Code.INCOMPLETE, "Điểm thẩm định khác điểm tự đánh giá: vui lòng ghi nhận xét nêu lý "
                              "do.", field="comment")
        change.data = {"criterion": leaf.code, "points": str(value), "before": _str(score.council_points),
                       "comment": comment}
        score.council_points, score.council_comment = value, comment
        score.save(update_fields=["council_points", "council_comment"])
        _totals(locked)

    return _perform(a, "appraise", actor, effect, key)


def lock(a: Assessment, actor, *, key: str | None = None):
    """Lock the council's result: every criterion appraised; nothing changes it afterwards."""

    def effect(locked: Assessment, change: Change) -> None:
        missing = list(locked.scores.filter(council_points__isnull=True).values_list("criterion__code", flat=True))
        if missing:
            raise ActionError(Code.INCOMPLETE, f"Còn {len(missing)} tiêu chí chưa chấm điểm thẩm định: "
                              f"{', '.join(missing[:10])}.")
        locked.state, locked.appraised_at = AssessmentState.APPRAISED, change.now
        change.data = {"self_total": str(locked.self_total), "council_total": str(locked.council_total)}

    return _perform(a, "lock", actor, effect, key)


def _str(value) -> str | None:
    return None if value is None else str(value)


def _person(actor):
    return actor if getattr(actor, "pk", None) else None
