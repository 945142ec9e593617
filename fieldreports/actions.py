"""The one write path for field reports: one function per transition (design.md).

Each action runs in a transaction, locks the report row (select_for_update), checks the
actor's right on the server, appends a ReportEvent (who, when, from/to state and unit,
reason, idempotency key), updates the report projection, and sends notifications only
after commit. Views and APIs call these and nothing else.

Workflow (field-reports.md §1–2; DIGIT PGR):
    new ──dispatch──▶ dispatched ──accept──▶ accepted ──start──▶ in_progress
     ▲                    │  ▲                  │                    │
     │ reopen             │  └──── transfer ────┴────────────────────┤
     │                    └──────────── resolve / reject ◀───────────┘
   resolved / rejected ──rate 1–5──▶ closed
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.permissions import require
from fieldreports import notifications, routing
from fieldreports.models import (
    DESCRIPTION_MAX,
    Category,
    CategoryQuestion,
    ModerationLog,
    Report,
    ReportEvent,
    ReportPhoto,
)
from fieldreports.permissions import ioc_agency, is_operator
from fieldreports.photos import CleanPhoto, clean_photos
from fieldreports.services import clock_start, due_at_for, may_reopen

S = Report.Status


class ActionError(Exception):
    """A refusal the user can act on; `message` is Vietnamese, `field` names the input."""

    def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message, self.field, self.code = message, field, code


@dataclass
class Contact:
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""


_UNCHANGED = object()


def _already_done(key: str | None) -> Report | None:
    if not key:
        return None
    event = ReportEvent.objects.filter(idempotency_key=key).select_related("report").first()
    return event.report if event else None


def _lock(report: Report | int) -> Report:
    pk = report.pk if isinstance(report, Report) else report
    return Report.objects.select_for_update().get(pk=pk)


def _record(report: Report, action: str, actor, to_status: str, *, now: datetime, reason: str = "",
            to_agency=_UNCHANGED, key: str | None = None) -> ReportEvent:
    from_status, from_agency_id = report.status, report.agency_id
    if to_agency is not _UNCHANGED:
        report.agency = to_agency
    report.status = to_status
    report.updated_at = now
    report.save()
    return ReportEvent.objects.create(
        report=report, action=action, actor=actor if getattr(actor, "pk", None) else None,
        from_status=from_status, to_status=to_status, from_agency_id=from_agency_id,
        to_agency_id=report.agency_id, reason=reason, due_at=report.due_at, idempotency_key=key or None,
        created_at=now,
    )


def _expect(report: Report, allowed, verb: str) -> None:
    if report.status not in allowed:
        raise ActionError(
            f"Không thể {verb} phản ánh đang ở trạng thái “{report.get_status_display()}”.", code="wrong_state"
        )


def _require_operator(actor, action: str = "fieldreport.dispatch") -> None:
    if not is_operator(actor, action):
        require(actor, action, ioc_agency())  # raises PermissionDenied with the standard message


def _require_handler(actor, report: Report) -> None:
    require(actor, "fieldreport.handle", report.agency_id)


def _attach(report: Report, photos: list[CleanPhoto], kind: str) -> None:
    for photo in photos:
        row = ReportPhoto(report=report, kind=kind, content_type=photo.content_type, sha256=photo.sha256,
                          width=photo.width, height=photo.height)
        row.file.save(photo.content.name, photo.content, save=False)
        row.save()


# --- reporting ----------------------------------------------------------------------------
def clean_attributes(category: Category, raw: dict) -> dict:
    """Answers to the category's extra questions (Open311 attributes), checked by datatype."""
    answers = {}
    for q in category.questions.all():
        value = raw.get(q.code)
        if isinstance(value, list | tuple):
            value = [str(v).strip() for v in value if str(v).strip()]
        elif value is not None:
            value = str(value).strip()
        if value in (None, "", []):
            if q.required:
                raise ActionError(f"Vui lòng trả lời câu hỏi “{q.question}”.", field=f"attribute[{q.code}]")
            continue
        keys = {str(v.get("key")) for v in q.values or []}
        if q.datatype == CategoryQuestion.Datatype.MULTI:
            values = value if isinstance(value, list) else [value]
            if not set(values) <= keys:
                raise ActionError(f"Lựa chọn không hợp lệ cho “{q.question}”.", field=f"attribute[{q.code}]")
            answers[q.code] = values
            continue
        if isinstance(value, list):
            value = value[0]
        if q.datatype == CategoryQuestion.Datatype.SINGLE and value not in keys:
            raise ActionError(f"Lựa chọn không hợp lệ cho “{q.question}”.", field=f"attribute[{q.code}]")
        if q.datatype == CategoryQuestion.Datatype.NUMBER:
            try:
                Decimal(value)
            except InvalidOperation:
                raise ActionError(f"“{q.question}” phải là một số.", field=f"attribute[{q.code}]") from None
        if q.datatype == CategoryQuestion.Datatype.DATETIME and parse_datetime(value) is None:
            raise ActionError(f"“{q.question}” phải là ngày giờ ISO 8601.", field=f"attribute[{q.code}]")
        answers[q.code] = value
    return answers


def submit_report(*, reporter, category: Category, description: str, lat: float | None = None,
                  long: float | None = None, address: str = "", address_id: str = "", is_urgent: bool = False,
                  photos=(), attributes: dict | None = None, api_client=None, contact: Contact | None = None,
                  media_url: str = "", device_id: str = "", account_id: str = "", now: datetime | None = None,
                  idempotency_key: str | None = None) -> Report:
    """A citizen (web) or a partner application (Open311) reports a problem."""
    if api_client is None:
        # Login is required (QĐ 30/2022/QĐ-UBND); the reporter's own account.
        require(reporter, "fieldreport.report")
    elif not api_client.is_active:
        raise ActionError("Khóa API đã bị thu hồi.", code="forbidden")
    done = _already_done(idempotency_key)
    if done is not None:
        return done
    if not category.is_active or category.children.exists():
        raise ActionError("Lĩnh vực không hợp lệ; hãy chọn một lĩnh vực cụ thể.", field="category")
    description = (description or "").strip()
    if not description:
        raise ActionError("Vui lòng mô tả vấn đề.", field="description")
    if len(description) > DESCRIPTION_MAX:
        raise ActionError(f"Nội dung tối đa {DESCRIPTION_MAX} ký tự.", field="description")
    has_point = lat is not None and long is not None
    if has_point and not (-90 <= lat <= 90 and -180 <= long <= 180):
        raise ActionError("Tọa độ không hợp lệ.", field="lat")
    if not has_point and not (address or "").strip() and not (address_id or "").strip():
        raise ActionError("Vui lòng chọn vị trí trên bản đồ hoặc nhập địa chỉ.", field="address")
    answers = clean_attributes(category, attributes or {})
    cleaned = clean_photos(photos)  # decoding is slow: before the transaction
    is_urgent = bool(is_urgent and category.may_be_urgent)
    now = now or timezone.now()
    contact = contact or Contact()
    with transaction.atomic():
        found = routing.route(category, lat, long)
        agency = None
        if found.agency_id:
            from units.models import Agency

            agency = Agency.objects.get(pk=found.agency_id)
        started = clock_start(now, is_urgent)
        report = Report.objects.create(
            category=category, description=description, lat=lat if has_point else None,
            long=long if has_point else None, address=(address or "").strip()[:255], address_id=address_id[:100],
            ward_id=found.ward_id, is_urgent=is_urgent, attributes=answers, status=S.NEW,
            reporter=reporter if getattr(reporter, "pk", None) else None,
            source=Report.Source.OPEN311 if api_client else Report.Source.WEB, api_client=api_client,
            contact_first_name=contact.first_name[:100], contact_last_name=contact.last_name[:100],
            contact_email=contact.email[:254], contact_phone=contact.phone[:30], device_id=device_id[:100],
            account_id=account_id[:100], media_url=media_url[:500], created_at=now, updated_at=now,
            clock_started_at=started, due_at=due_at_for(category, started, is_urgent, agency),
        )
        ReportEvent.objects.create(
            report=report, action="submit", actor=report.reporter, from_status="", to_status=S.NEW,
            due_at=report.due_at, idempotency_key=idempotency_key or None, created_at=now,
            reason="khẩn cấp" if is_urgent else "",
        )
        _attach(report, cleaned, ReportPhoto.Kind.REPORT)
        if agency is not None:
            # A matching rule dispatches at once; no match waits in the IOC triage queue.
            report.routed_by_id = found.rule_id
            _record(report, "route", None, S.DISPATCHED, now=now, to_agency=agency,
                    reason=f"Quy tắc phân công #{found.rule_id}")
            transaction.on_commit(lambda: notifications.unit_dispatched(report))
    return report


# --- operations centre -------------------------------------------------------------------
def dispatch(report: Report, actor, agency, *, reason: str = "", idempotency_key: str | None = None,
             now: datetime | None = None) -> Report:
    """The IOC sends a report to a unit (from triage), or re-routes it by hand."""
    _require_operator(actor)
    if (done := _already_done(idempotency_key)) is not None:
        return done
    if agency is None or not agency.is_active:
        raise ActionError("Chọn đơn vị xử lý đang hoạt động.", field="agency")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _expect(report, Report.OPEN_STATUSES, "điều phối")
        action = "dispatch" if report.status == S.NEW else "reroute"
        if report.agency_id == agency.pk and report.status != S.NEW:
            raise ActionError("Phản ánh đã ở đơn vị này.", field="agency")
        report.escalation_level = 0
        _record(report, action, actor, S.DISPATCHED, now=now, to_agency=agency, reason=reason, key=idempotency_key)
        transaction.on_commit(lambda: notifications.unit_dispatched(report))
    return report


# --- handling unit --------------------------------------------------------------------------
def accept(report: Report, actor, *, idempotency_key: str | None = None, now: datetime | None = None) -> Report:
    if (done := _already_done(idempotency_key)) is not None:
        return done
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, (S.DISPATCHED,), "tiếp nhận")
        _record(report, "accept", actor, S.ACCEPTED, now=now, key=idempotency_key)
    return report


def start(report: Report, actor, *, idempotency_key: str | None = None, now: datetime | None = None) -> Report:
    if (done := _already_done(idempotency_key)) is not None:
        return done
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, (S.ACCEPTED,), "bắt đầu xử lý")
        _record(report, "start", actor, S.IN_PROGRESS, now=now, key=idempotency_key)
    return report


def resolve(report: Report, actor, answer: str, *, photos=(), idempotency_key: str | None = None,
            now: datetime | None = None) -> Report:
    """The unit answers; the answer is published (QĐ 30/2022/QĐ-UBND)."""
    if (done := _already_done(idempotency_key)) is not None:
        return done
    answer = (answer or "").strip()
    if not answer:
        raise ActionError("Vui lòng nhập nội dung trả lời.", field="answer")
    cleaned = clean_photos(photos)
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, (S.ACCEPTED, S.IN_PROGRESS), "trả lời")
        report.answer, report.rejection_reason, report.resolved_at = answer, "", now
        _record(report, "resolve", actor, S.RESOLVED, now=now, reason=answer, key=idempotency_key)
        _attach(report, cleaned, ReportPhoto.Kind.ANSWER)
        transaction.on_commit(lambda: notifications.reporter_answered(report))
    return report


def reject(report: Report, actor, reason: str, *, idempotency_key: str | None = None,
           now: datetime | None = None) -> Report:
    if (done := _already_done(idempotency_key)) is not None:
        return done
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Vui lòng nêu lý do từ chối.", field="reason")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, Report.HANDLING_STATUSES, "từ chối")
        report.rejection_reason, report.resolved_at = reason, now
        _record(report, "reject", actor, S.REJECTED, now=now, reason=reason, key=idempotency_key)
        transaction.on_commit(lambda: notifications.reporter_answered(report))
    return report


def transfer(report: Report, actor, to_agency, reason: str, *, idempotency_key: str | None = None,
             now: datetime | None = None) -> Report:
    """The unit passes the report to another unit, or back to the IOC (`to_agency` None)."""
    if (done := _already_done(idempotency_key)) is not None:
        return done
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Vui lòng nêu lý do chuyển.", field="reason")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, Report.HANDLING_STATUSES, "chuyển")
        if to_agency is not None and (to_agency.pk == report.agency_id or not to_agency.is_active):
            raise ActionError("Chọn một đơn vị khác, đang hoạt động.", field="agency")
        report.escalation_level = 0
        _record(report, "transfer", actor, S.DISPATCHED if to_agency else S.NEW, now=now, to_agency=to_agency,
                reason=reason, key=idempotency_key)
        if to_agency is not None:
            transaction.on_commit(lambda: notifications.unit_dispatched(report))
    return report


# --- reporter --------------------------------------------------------------------------------
def rate(report: Report, actor, rating: int, comment: str = "", *, idempotency_key: str | None = None,
         now: datetime | None = None) -> Report:
    """The reporter rates the answer 1–5, which closes the report (DIGIT PGR)."""
    if (done := _already_done(idempotency_key)) is not None:
        return done
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ActionError("Mức hài lòng từ 1 đến 5.", field="rating")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        if report.reporter_id is None or getattr(actor, "pk", None) != report.reporter_id:
            raise ActionError("Chỉ người phản ánh được đánh giá.", code="forbidden")
        _expect(report, Report.ANSWERED_STATUSES, "đánh giá")
        report.rating, report.rating_comment, report.closed_at = rating, (comment or "").strip(), now
        _record(report, "rate", actor, S.CLOSED, now=now, reason=f"{rating}/5 {report.rating_comment}".strip(),
                key=idempotency_key)
    return report


def reopen(report: Report, actor, reason: str, *, idempotency_key: str | None = None,
           now: datetime | None = None) -> Report:
    """Only the reporter, within 10 days of the answer (DIGIT PGR); back to IOC triage."""
    if (done := _already_done(idempotency_key)) is not None:
        return done
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Vui lòng nêu lý do mở lại.", field="reason")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        if report.reporter_id is None or getattr(actor, "pk", None) != report.reporter_id:
            raise ActionError("Chỉ người phản ánh được mở lại phản ánh.", code="forbidden")
        _expect(report, Report.ANSWERED_STATUSES, "mở lại")
        if not may_reopen(actor, report, now):
            raise ActionError(
                f"Chỉ được mở lại trong {settings.FIELDREPORTS_REOPEN_DAYS} ngày kể từ khi có trả lời.",
                code="too_late",
            )
        report.reopen_count += 1
        report.escalation_level = 0
        report.clock_started_at = clock_start(now, report.is_urgent)
        report.due_at = due_at_for(report.category, report.clock_started_at, report.is_urgent)
        _record(report, "reopen", actor, S.NEW, now=now, to_agency=None, reason=reason, key=idempotency_key)
    return report


# --- moderation (IOC) ---------------------------------------------------------------------------
def hide(report: Report, actor, reason: str, *, hidden: bool = True) -> Report:
    _require_operator(actor, "fieldreport.moderate")
    reason = _reason(reason)
    with transaction.atomic():
        report = _lock(report)
        if report.is_hidden != hidden:
            report.is_hidden = hidden
            report.save(update_fields=["is_hidden"])
            ModerationLog.objects.create(
                action=ModerationLog.Action.HIDE if hidden else ModerationLog.Action.UNHIDE, actor=actor,
                report=report, reason=reason,
            )
    return report


def edit_public_text(report: Report, actor, text: str, reason: str) -> Report:
    """The original text is kept in `description`; the public sees the edited copy."""
    _require_operator(actor, "fieldreport.moderate")
    reason, text = _reason(reason), (text or "").strip()
    if not text or len(text) > DESCRIPTION_MAX:
        raise ActionError(f"Nội dung công khai từ 1 đến {DESCRIPTION_MAX} ký tự.", field="text")
    with transaction.atomic():
        report = _lock(report)
        before = report.public_text
        report.public_description = text
        report.save(update_fields=["public_description"])
        ModerationLog.objects.create(action=ModerationLog.Action.EDIT_TEXT, actor=actor, report=report,
                                     reason=reason, before=before, after=text)
    return report


def hide_photo(photo: ReportPhoto, actor, reason: str) -> ReportPhoto:
    _require_operator(actor, "fieldreport.moderate")
    reason = _reason(reason)
    with transaction.atomic():
        _lock(photo.report_id)
        ReportPhoto.objects.filter(pk=photo.pk).update(is_hidden=True)
        ModerationLog.objects.create(action=ModerationLog.Action.HIDE_PHOTO, actor=actor, report_id=photo.report_id,
                                     photo=photo, reason=reason)
    photo.is_hidden = True
    return photo


def lock_account(user, actor, reason: str) -> None:
    """Accounts that post abusive or non-constructive content can be locked (QĐ 30/2022)."""
    _require_operator(actor, "fieldreport.moderate")
    reason = _reason(reason)
    if user.kind == get_user_model().Kind.STAFF or user.is_superuser:
        raise ActionError("Chỉ khóa được tài khoản công dân.", code="forbidden")
    with transaction.atomic():
        get_user_model().objects.filter(pk=user.pk).update(is_active=False)
        ModerationLog.objects.create(action=ModerationLog.Action.LOCK_ACCOUNT, actor=actor, user=user, reason=reason)
    user.is_active = False


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Vui lòng nêu lý do.", field="reason")
    return reason


# --- escalation ------------------------------------------------------------------------------
def escalate(report_id: int, from_level: int, to_level: int, *, now: datetime | None = None) -> bool:
    """Raise a report's escalation level once, whoever else runs the sweep at the same time.

    A conditional UPDATE … WHERE escalation_level = old decides the winner without holding
    a lock across the notification; the unique idempotency key stops a second event.
    """
    now = now or timezone.now()
    with transaction.atomic():
        won = Report.objects.filter(
            pk=report_id, escalation_level=from_level, status__in=Report.OPEN_STATUSES
        ).update(escalation_level=to_level)
        if not won:
            return False
        report = Report.objects.select_related("agency", "category").get(pk=report_id)
        ReportEvent.objects.create(
            report=report, action="escalate", from_status=report.status, to_status=report.status,
            from_agency_id=report.agency_id, to_agency_id=report.agency_id, due_at=report.due_at,
            reason=f"Quá hạn, nhắc việc mức {to_level}", created_at=now,
            # The number of earlier events tells a second escalation (after a re-route or
            # a reopen reset the level) from a repeated one.
            idempotency_key=f"escalate:{report_id}:{to_level}:{report.events.count()}",
        )
        recipients = escalation_recipients(report, to_level)
        transaction.on_commit(lambda: notifications.escalation(report, to_level, recipients))
    return True


def escalation_recipients(report: Report, level: int) -> list[str]:
    """Level 1: the unit's leaders; level 2 (or a report still in triage): the IOC."""
    from accounts.models import Membership
    from accounts.permissions import POLICY

    if level == 1 and report.agency_id:
        roles, agency, extra = POLICY["fieldreport.escalation_notice"], report.agency, []
    else:
        agency = ioc_agency()
        if agency is None:
            return []
        roles, extra = POLICY["fieldreport.dispatch"], [agency.email]
    return extra + list(
        Membership.objects.filter(agency=agency, role__in=roles, is_active=True, user__is_active=True)
        .values_list("user__email", flat=True)
    )
