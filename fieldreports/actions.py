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

import functools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
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
from fieldreports.services import clock_start, due_at_for, is_reporter, within_reopen_window
from motcua.inputs import clean_text

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


def idempotent(action):
    """Run `action` at most once per `idempotency_key`, and answer a retry with the first outcome.

    A retry that arrives after the first attempt committed is answered by the lookup at the
    start. Two attempts in flight at once (a double click, a client retrying on a timeout)
    both miss that lookup; the loser then fails inside the action's own transaction (a
    savepoint when nested), either on the unique key of the event row or on the state the
    winner left (“already accepted”). Its work is rolled back, its on-commit mail dropped,
    and it answers with the winner's report instead of an error.
    """

    @functools.wraps(action)
    def run(*args, idempotency_key: str | None = None, **kwargs):
        if (done := _already_done(idempotency_key)) is not None:
            return done
        try:
            return action(*args, idempotency_key=idempotency_key, **kwargs)
        except (IntegrityError, ActionError):
            if (done := _already_done(idempotency_key)) is not None:
                return done
            raise

    return run


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
# Lengths of the stored fields: longer input is refused, never cut (nothing lost on bad input).
ADDRESS_MAX, ADDRESS_ID_MAX, NAME_MAX, EMAIL_MAX, PHONE_MAX, PARTNER_ID_MAX, MEDIA_URL_MAX = (
    255, 100, 100, 254, 30, 100, 500)
TEXT_MAX = 4000  # answers, reasons, comments


def _text(value, field: str, label: str, *, max_length: int = TEXT_MAX, multiline: bool = True) -> str:
    """One cleaning for every free text an action stores (inputs.clean_text), with its limit."""
    text = clean_text(value, multiline=multiline)
    if len(text) > max_length:
        raise ActionError(f"{label} tối đa {max_length} ký tự.", field=field)
    return text


def _required_text(value, field: str, message: str, label: str, **kw) -> str:
    text = _text(value, field, label, **kw)
    if not text:
        raise ActionError(message, field=field)
    return text


def clean_attributes(category: Category, raw: dict) -> dict:
    """Answers to the category's extra questions (Open311 attributes), checked by datatype."""
    answers = {}
    for q in category.questions.all():
        value = raw.get(q.code)
        field, label = f"attribute[{q.code}]", f"Câu trả lời “{q.question}”"
        if isinstance(value, list | tuple):
            value = [v for v in (_text(v, field, label, multiline=False) for v in value) if v]
        elif value is not None:
            value = _text(value, field, label, multiline=q.datatype == CategoryQuestion.Datatype.TEXT)
        if value in (None, "", []):
            if q.required:
                raise ActionError(f"Vui lòng trả lời câu hỏi “{q.question}”.", field=field)
            continue
        keys = {choice["key"] for choice in q.choices}
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
                number = Decimal(value)
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                raise ActionError(f"“{q.question}” phải là một số.", field=f"attribute[{q.code}]") from None
        if q.datatype == CategoryQuestion.Datatype.DATETIME:
            try:
                moment = parse_datetime(value)
            except ValueError:  # well-formed but impossible: 2026-02-30, 25:00
                moment = None
            if moment is None:
                raise ActionError(f"“{q.question}” phải là ngày giờ ISO 8601 có thật, ví dụ 2025-06-01T08:30:00+07:00.",
                                  field=f"attribute[{q.code}]")
        answers[q.code] = value
    return answers


def _partner_fields(contact: Contact, media_url: str, device_id: str, account_id: str) -> dict:
    """Contact and partner fields, checked against the stored lengths and formats (never cut)."""
    one_line = functools.partial(_text, multiline=False)
    fields = {
        "contact_first_name": one_line(contact.first_name, "first_name", "Tên", max_length=NAME_MAX),
        "contact_last_name": one_line(contact.last_name, "last_name", "Họ", max_length=NAME_MAX),
        "contact_email": one_line(contact.email, "email", "Thư điện tử", max_length=EMAIL_MAX),
        "contact_phone": one_line(contact.phone, "phone", "Số điện thoại", max_length=PHONE_MAX),
        "device_id": one_line(device_id, "device_id", "Mã thiết bị", max_length=PARTNER_ID_MAX),
        "account_id": one_line(account_id, "account_id", "Mã tài khoản", max_length=PARTNER_ID_MAX),
        "media_url": one_line(media_url, "media_url", "Liên kết ảnh/video", max_length=MEDIA_URL_MAX),
    }
    checks = [("contact_email", "email", EmailValidator(), "Thư điện tử không hợp lệ."),
              # Only web links: a javascript: or data: URL would be republished to every client.
              ("media_url", "media_url", URLValidator(schemes=["http", "https"]),
               "Liên kết ảnh/video phải là địa chỉ http:// hoặc https:// hợp lệ.")]
    for key, field, validator, message in checks:
        if fields[key]:
            try:
                validator(fields[key])
            except ValidationError:
                raise ActionError(message, field=field) from None
    return fields


@idempotent
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
    if not Category.objects.reportable().filter(pk=category.pk).exists():
        raise ActionError("Lĩnh vực không hợp lệ; hãy chọn một lĩnh vực cụ thể.", field="category")
    description = _required_text(description, "description", "Vui lòng mô tả vấn đề.", "Nội dung",
                                 max_length=DESCRIPTION_MAX)
    address = _text(address, "address", "Địa chỉ", max_length=ADDRESS_MAX, multiline=False)
    address_id = _text(address_id, "address_id", "Mã địa chỉ", max_length=ADDRESS_ID_MAX, multiline=False)
    has_point = lat is not None and long is not None
    if has_point and not (-90 <= lat <= 90 and -180 <= long <= 180):
        raise ActionError("Tọa độ không hợp lệ.", field="lat")
    if not has_point and not address and not address_id:
        raise ActionError("Vui lòng chọn vị trí trên bản đồ hoặc nhập địa chỉ.", field="address")
    answers = clean_attributes(category, attributes or {})
    partner = _partner_fields(contact or Contact(), media_url, device_id, account_id)
    cleaned = clean_photos(photos)  # decoding is slow: before the transaction
    is_urgent = bool(is_urgent and category.may_be_urgent)
    now = now or timezone.now()
    with transaction.atomic():
        found = routing.route(category, lat, long)
        agency = None
        if found.agency_id:
            from units.models import Agency

            # A unit deactivated since the router was built no longer takes reports: the
            # report waits in the IOC triage queue instead.
            agency = Agency.objects.filter(pk=found.agency_id, is_active=True).first()
        started = clock_start(now, is_urgent)
        report = Report.objects.create(
            category=category, description=description, lat=lat if has_point else None,
            long=long if has_point else None, address=address, address_id=address_id,
            ward_id=found.ward_id, is_urgent=is_urgent, attributes=answers, status=S.NEW,
            reporter=reporter if getattr(reporter, "pk", None) else None,
            source=Report.Source.OPEN311 if api_client else Report.Source.WEB, api_client=api_client,
            created_at=now, updated_at=now, clock_started_at=started,
            due_at=due_at_for(category, started, is_urgent, agency), **partner,
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
            notifications.after_commit(notifications.unit_dispatched, report)
    return report


# --- operations centre -------------------------------------------------------------------
def _reset_escalation(report: Report) -> None:
    # A new unit (or a new round after a reopen) starts with a clean slate.
    report.escalation_level, report.escalated_at = 0, None


@idempotent
def dispatch(report: Report, actor, agency, *, reason: str = "", idempotency_key: str | None = None,
             now: datetime | None = None) -> Report:
    """The IOC sends a report to a unit (from triage), or re-routes it by hand."""
    _require_operator(actor)
    if agency is None or not agency.is_active:
        raise ActionError("Chọn đơn vị xử lý đang hoạt động.", field="agency")
    reason = _text(reason, "reason", "Ghi chú")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _expect(report, Report.OPEN_STATUSES, "điều phối")
        action = "dispatch" if report.status == S.NEW else "reroute"
        if report.agency_id == agency.pk and report.status != S.NEW:
            raise ActionError("Phản ánh đã ở đơn vị này.", field="agency")
        _reset_escalation(report)
        _record(report, action, actor, S.DISPATCHED, now=now, to_agency=agency, reason=reason, key=idempotency_key)
        notifications.after_commit(notifications.unit_dispatched, report)
    return report


# --- handling unit --------------------------------------------------------------------------
@idempotent
def accept(report: Report, actor, *, idempotency_key: str | None = None, now: datetime | None = None) -> Report:
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, (S.DISPATCHED,), "tiếp nhận")
        _record(report, "accept", actor, S.ACCEPTED, now=now, key=idempotency_key)
    return report


@idempotent
def start(report: Report, actor, *, idempotency_key: str | None = None, now: datetime | None = None) -> Report:
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, (S.ACCEPTED,), "bắt đầu xử lý")
        _record(report, "start", actor, S.IN_PROGRESS, now=now, key=idempotency_key)
    return report


@idempotent
def resolve(report: Report, actor, answer: str, *, photos=(), idempotency_key: str | None = None,
            now: datetime | None = None) -> Report:
    """The unit answers; the answer is published (QĐ 30/2022/QĐ-UBND)."""
    answer = _required_text(answer, "answer", "Vui lòng nhập nội dung trả lời.", "Nội dung trả lời")
    cleaned = clean_photos(photos)
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, (S.ACCEPTED, S.IN_PROGRESS), "trả lời")
        report.outcome, report.answer, report.rejection_reason, report.resolved_at = (
            Report.Outcome.RESOLVED, answer, "", now)
        _record(report, "resolve", actor, S.RESOLVED, now=now, reason=answer, key=idempotency_key)
        _attach(report, cleaned, ReportPhoto.Kind.ANSWER)
        notifications.after_commit(notifications.reporter_answered, report)
    return report


@idempotent
def reject(report: Report, actor, reason: str, *, idempotency_key: str | None = None,
           now: datetime | None = None) -> Report:
    reason = _required_text(reason, "reason", "Vui lòng nêu lý do từ chối.", "Lý do")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, Report.HANDLING_STATUSES, "từ chối")
        # The outcome is kept apart from the status: rating closes the report, and the public
        # must still read that it was rejected, and why, never an earlier round's answer.
        report.outcome, report.answer, report.rejection_reason, report.resolved_at = (
            Report.Outcome.REJECTED, "", reason, now)
        _record(report, "reject", actor, S.REJECTED, now=now, reason=reason, key=idempotency_key)
        notifications.after_commit(notifications.reporter_answered, report)
    return report


@idempotent
def transfer(report: Report, actor, to_agency, reason: str, *, idempotency_key: str | None = None,
             now: datetime | None = None) -> Report:
    """The unit passes the report to another unit, or back to the IOC (`to_agency` None)."""
    reason = _required_text(reason, "reason", "Vui lòng nêu lý do chuyển.", "Lý do")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_handler(actor, report)
        _expect(report, Report.HANDLING_STATUSES, "chuyển")
        if to_agency is not None and (to_agency.pk == report.agency_id or not to_agency.is_active):
            raise ActionError("Chọn một đơn vị khác, đang hoạt động.", field="agency")
        _reset_escalation(report)
        _record(report, "transfer", actor, S.DISPATCHED if to_agency else S.NEW, now=now, to_agency=to_agency,
                reason=reason, key=idempotency_key)
        if to_agency is not None:
            notifications.after_commit(notifications.unit_dispatched, report)
    return report


# --- reporter --------------------------------------------------------------------------------
def _require_reporter(actor, report: Report, verb: str) -> None:
    """The reporter's own answered report: the conditions of services.may_rate, with reasons."""
    if not is_reporter(actor, report):
        raise ActionError(f"Chỉ người phản ánh được {verb}.", code="forbidden")
    _expect(report, Report.ANSWERED_STATUSES, verb)


@idempotent
def rate(report: Report, actor, rating: int, comment: str = "", *, idempotency_key: str | None = None,
         now: datetime | None = None) -> Report:
    """The reporter rates the answer 1–5, which closes the report (DIGIT PGR)."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ActionError("Mức hài lòng từ 1 đến 5.", field="rating")
    comment = _text(comment, "comment", "Nhận xét")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_reporter(actor, report, "đánh giá")
        report.rating, report.rating_comment, report.closed_at = rating, comment, now
        _record(report, "rate", actor, S.CLOSED, now=now, reason=f"{rating}/5 {comment}".strip(),
                key=idempotency_key)
    return report


@idempotent
def reopen(report: Report, actor, reason: str, *, idempotency_key: str | None = None,
           now: datetime | None = None) -> Report:
    """Only the reporter, within 10 days of the answer (DIGIT PGR); back to IOC triage."""
    reason = _required_text(reason, "reason", "Vui lòng nêu lý do mở lại.", "Lý do")
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        _require_reporter(actor, report, "mở lại phản ánh")
        if not within_reopen_window(report, now):
            raise ActionError(
                f"Chỉ được mở lại trong {settings.FIELDREPORTS_REOPEN_DAYS} ngày kể từ khi có trả lời.",
                code="too_late",
            )
        report.reopen_count += 1
        _reset_escalation(report)
        # A new round: the earlier answer or rejection stays in the events, not on the report.
        report.outcome, report.answer, report.rejection_reason, report.resolved_at = "", "", "", None
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
    reason = _reason(reason)
    text = clean_text(text)
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


def hide_photo(photo: ReportPhoto, actor, reason: str, *, hidden: bool = True) -> ReportPhoto:
    """Hide one photo from the public (its file is kept, served only to the IOC: views.photo)."""
    _require_operator(actor, "fieldreport.moderate")
    reason = _reason(reason)
    with transaction.atomic():
        _lock(photo.report_id)
        changed = ReportPhoto.objects.filter(pk=photo.pk, is_hidden=not hidden).update(is_hidden=hidden)
        if changed:
            ModerationLog.objects.create(
                action=ModerationLog.Action.HIDE_PHOTO if hidden else ModerationLog.Action.UNHIDE_PHOTO,
                actor=actor, report_id=photo.report_id, photo=photo, reason=reason,
            )
    photo.is_hidden = hidden
    return photo


def clear_media_url(report: Report, actor, reason: str) -> Report:
    """Unpublish the link a partner application sent (Open311 media_url); the log keeps it."""
    _require_operator(actor, "fieldreport.moderate")
    reason = _reason(reason)
    with transaction.atomic():
        report = _lock(report)
        if report.media_url:
            before, report.media_url = report.media_url, ""
            report.save(update_fields=["media_url"])
            ModerationLog.objects.create(action=ModerationLog.Action.CLEAR_MEDIA_URL, actor=actor, report=report,
                                         reason=reason, before=before, after="")
    return report


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
    return _required_text(reason, "reason", "Vui lòng nêu lý do.", "Lý do")


# --- escalation ------------------------------------------------------------------------------
def escalate(report_id: int, from_level: int, to_level: int, *, now: datetime | None = None) -> bool:
    """Raise a report's escalation level once, whoever else runs the sweep at the same time.

    A conditional UPDATE … WHERE escalation_level = old decides the winner without holding
    a lock across the notification; the unique idempotency key stops a second event. Level 1
    stores when it happened: level 2 counts from there (escalation.sweep).
    """
    now = now or timezone.now()
    with transaction.atomic():
        changes = {"escalation_level": to_level}
        if from_level == 0:
            changes["escalated_at"] = now
        won = Report.objects.filter(
            pk=report_id, escalation_level=from_level, status__in=Report.OPEN_STATUSES
        ).update(**changes)
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
        notifications.after_commit(notifications.escalation, report, to_level, recipients)
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
