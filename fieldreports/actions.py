"""The one write path for field reports: one function per action of the field-report table
(fieldreports/machine.py), each on the workflow engine (workflow/engine.py).

Each function validates its inputs (photos are decoded before any transaction), then the
engine locks the report row, checks the state and the actor's right, runs the effect written
here, appends a hash-chained ReportEvent (who, when, from/to state and unit, reason), updates
the report projection and publishes the event: the notify app tells the unit, the reporter or
the leaders after commit. Views and APIs call these and nothing else. Every action takes an
idempotency key, scoped by the engine to the actor and the report.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from fieldreports import routing
from fieldreports.machine import REPORT, Code
from fieldreports.models import (
    DESCRIPTION_MAX,
    Category,
    CategoryQuestion,
    ModerationLog,
    Report,
    ReportPhoto,
)
from fieldreports.permissions import is_operator
from fieldreports.photos import CleanPhoto, clean_photos
from fieldreports.services import clock_start, due_at_for
from motcua.inputs import clean_text
from workflow import engine
from workflow.actors import SYSTEM, PartnerActor
from workflow.engine import Change
from workflow.errors import ActionDenied, ActionError

S = Report.Status

__all__ = ["ActionDenied", "ActionError", "Contact"]


def invalid(message: str, field: str | None = None) -> ActionError:
    """An input to fix; `field` names it."""
    return ActionError(Code.INVALID, message, field=field)


@dataclass
class Contact:
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""


def _act(report: Report | int, action: str, actor, key: str | None, effect, now: datetime | None) -> Report:
    pk = report.pk if isinstance(report, Report) else report
    return engine.perform(REPORT, pk, action, actor, effect=effect, key=key, now=now).obj


def allowed_actions(report: Report, user):
    """The edges of the field-report table `user` may take now (the staff pages offer these)."""
    return REPORT.allowed_actions(report, user)


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
        raise invalid(f"{label} tối đa {max_length} ký tự.", field=field)
    return text


def _required_text(value, field: str, message: str, label: str, **kw) -> str:
    text = _text(value, field, label, **kw)
    if not text:
        raise invalid(message, field=field)
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
                raise invalid(f"Vui lòng trả lời câu hỏi “{q.question}”.", field=field)
            continue
        keys = {choice["key"] for choice in q.choices}
        if q.datatype == CategoryQuestion.Datatype.MULTI:
            values = value if isinstance(value, list) else [value]
            if not set(values) <= keys:
                raise invalid(f"Lựa chọn không hợp lệ cho “{q.question}”.", field=f"attribute[{q.code}]")
            answers[q.code] = values
            continue
        if isinstance(value, list):
            value = value[0]
        if q.datatype == CategoryQuestion.Datatype.SINGLE and value not in keys:
            raise invalid(f"Lựa chọn không hợp lệ cho “{q.question}”.", field=f"attribute[{q.code}]")
        if q.datatype == CategoryQuestion.Datatype.NUMBER:
            try:
                number = Decimal(value)
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                raise invalid(f"“{q.question}” phải là một số.", field=f"attribute[{q.code}]") from None
        if q.datatype == CategoryQuestion.Datatype.DATETIME:
            try:
                moment = parse_datetime(value)
            except ValueError:  # well-formed but impossible: 2026-02-30, 25:00
                moment = None
            if moment is None:
                raise invalid(f"“{q.question}” phải là ngày giờ ISO 8601 có thật, ví dụ 2025-06-01T08:30:00+07:00.",
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
                raise invalid(message, field=field) from None
    return fields


def submit_report(*, reporter, category: Category, description: str, lat: float | None = None,
                  long: float | None = None, address: str = "", address_id: str = "", is_urgent: bool = False,
                  photos=(), attributes: dict | None = None, api_client=None, contact: Contact | None = None,
                  media_url: str = "", device_id: str = "", account_id: str = "", now: datetime | None = None,
                  idempotency_key: str | None = None) -> Report:
    """A citizen (web) or a partner application (Open311) reports a problem. A routing rule that
    matches the category and the place dispatches it at once; otherwise it waits for the IOC."""
    actor = reporter
    if api_client is not None:
        if not api_client.is_active:
            raise ActionDenied("Khóa API đã bị thu hồi.")
        actor = PartnerActor(api_client)
    # Login is required (QĐ 30/2022/QĐ-UBND): refuse a stranger before reading anything.
    REPORT.resolve(Report(), "submit", actor, state="")
    if not Category.objects.reportable().filter(pk=category.pk).exists():
        raise invalid("Lĩnh vực không hợp lệ; hãy chọn một lĩnh vực cụ thể.", field="category")
    description = _required_text(description, "description", "Vui lòng mô tả vấn đề.", "Nội dung",
                                 max_length=DESCRIPTION_MAX)
    address = _text(address, "address", "Địa chỉ", max_length=ADDRESS_MAX, multiline=False)
    address_id = _text(address_id, "address_id", "Mã địa chỉ", max_length=ADDRESS_ID_MAX, multiline=False)
    has_point = lat is not None and long is not None
    if has_point and not (-90 <= lat <= 90 and -180 <= long <= 180):
        raise invalid("Tọa độ không hợp lệ.", field="lat")
    if not has_point and not address and not address_id:
        raise invalid("Vui lòng chọn vị trí trên bản đồ hoặc nhập địa chỉ.", field="address")
    answers = clean_attributes(category, attributes or {})
    partner = _partner_fields(contact or Contact(), media_url, device_id, account_id)
    cleaned = clean_photos(photos)  # decoding is slow: before the transaction
    is_urgent = bool(is_urgent and category.may_be_urgent)
    now = now or timezone.now()
    found = routing.route(category, lat, long)
    agency = None
    if found.agency_id:
        from units.models import Agency

        # A unit deactivated since the router was built no longer takes reports: the
        # report waits in the IOC triage queue instead.
        agency = Agency.objects.filter(pk=found.agency_id, is_active=True).first()
    started = clock_start(now, is_urgent)

    def build() -> Report:
        return Report(
            category=category, description=description, lat=lat if has_point else None,
            long=long if has_point else None, address=address, address_id=address_id,
            ward_id=found.ward_id, is_urgent=is_urgent, attributes=answers, status=S.NEW,
            reporter=reporter if getattr(reporter, "pk", None) else None,
            source=Report.Source.OPEN311 if api_client else Report.Source.WEB, api_client=api_client,
            created_at=now, updated_at=now, clock_started_at=started,
            due_at=due_at_for(category, started, is_urgent, agency), **partner,
        )

    def photographed(report: Report, change: Change) -> None:
        report.save()
        _attach(report, cleaned, ReportPhoto.Kind.REPORT)
        change.fields["reason"] = "khẩn cấp" if is_urgent else ""

    def routed(report: Report, change: Change) -> None:
        report.agency, report.status, report.routed_by_id = agency, S.DISPATCHED, found.rule_id
        change.fields["reason"] = f"Quy tắc phân công #{found.rule_id}"

    with transaction.atomic():
        outcome = engine.create(REPORT, "submit", actor, build, effect=photographed, key=idempotency_key, now=now)
        if agency is not None and not outcome.repeated:
            return engine.perform(REPORT, outcome.obj.pk, "route", SYSTEM, effect=routed, now=now).obj
    return outcome.obj


# --- operations centre -------------------------------------------------------------------
def _reset_escalation(report: Report) -> None:
    # A new unit (or a new round after a reopen) starts with a clean slate.
    report.escalation_level, report.escalated_at = 0, None


def _require_agency(agency) -> None:
    if agency is None or not agency.is_active:
        raise invalid("Chọn đơn vị xử lý đang hoạt động.", field="agency")


def dispatch(report: Report, actor, agency, *, reason: str = "", idempotency_key: str | None = None,
             now: datetime | None = None) -> Report:
    """The IOC sends a report waiting in triage to a unit."""
    return _send(report, actor, agency, "dispatch", reason, idempotency_key, now)


def reroute(report: Report, actor, agency, *, reason: str = "", idempotency_key: str | None = None,
            now: datetime | None = None) -> Report:
    """The IOC moves a report a unit is handling to another unit (only from a handling state)."""
    return _send(report, actor, agency, "reroute", reason, idempotency_key, now)


def _send(report: Report, actor, agency, action: str, reason: str, key: str | None, now: datetime | None) -> Report:
    reason = _text(reason, "reason", "Ghi chú")

    def effect(r: Report, change: Change) -> None:
        _require_agency(agency)
        if r.agency_id == agency.pk and r.status != S.NEW:
            raise invalid("Phản ánh đã ở đơn vị này.", field="agency")
        _reset_escalation(r)
        r.agency, r.status = agency, S.DISPATCHED
        change.fields["reason"] = reason

    return _act(report, action, actor, key, effect, now)


# --- handling unit --------------------------------------------------------------------------
def accept(report: Report, actor, *, idempotency_key: str | None = None, now: datetime | None = None) -> Report:
    def effect(r: Report, change: Change) -> None:
        r.status = S.ACCEPTED

    return _act(report, "accept", actor, idempotency_key, effect, now)


def start(report: Report, actor, *, idempotency_key: str | None = None, now: datetime | None = None) -> Report:
    def effect(r: Report, change: Change) -> None:
        r.status = S.IN_PROGRESS

    return _act(report, "start", actor, idempotency_key, effect, now)


def resolve(report: Report, actor, answer: str, *, photos=(), idempotency_key: str | None = None,
            now: datetime | None = None) -> Report:
    """The unit answers; the answer is published (QĐ 30/2022/QĐ-UBND)."""
    answer = _required_text(answer, "answer", "Vui lòng nhập nội dung trả lời.", "Nội dung trả lời")
    cleaned = clean_photos(photos)

    def effect(r: Report, change: Change) -> None:
        r.outcome, r.answer, r.rejection_reason, r.resolved_at = Report.Outcome.RESOLVED, answer, "", change.now
        r.status = S.RESOLVED
        change.fields["reason"] = answer
        _attach(r, cleaned, ReportPhoto.Kind.ANSWER)

    return _act(report, "resolve", actor, idempotency_key, effect, now)


def reject(report: Report, actor, reason: str, *, idempotency_key: str | None = None,
           now: datetime | None = None) -> Report:
    reason = _required_text(reason, "reason", "Vui lòng nêu lý do từ chối.", "Lý do")

    def effect(r: Report, change: Change) -> None:
        # The outcome is kept apart from the status: rating closes the report, and the public
        # must still read that it was rejected, and why, never an earlier round's answer.
        r.outcome, r.answer, r.rejection_reason, r.resolved_at = Report.Outcome.REJECTED, "", reason, change.now
        r.status = S.REJECTED
        change.fields["reason"] = reason

    return _act(report, "reject", actor, idempotency_key, effect, now)


def transfer(report: Report, actor, agency, reason: str, *, idempotency_key: str | None = None,
             now: datetime | None = None) -> Report:
    """The unit passes the report to another unit, or back to the IOC (`agency` None)."""
    to_agency = agency
    reason = _required_text(reason, "reason", "Vui lòng nêu lý do chuyển.", "Lý do")

    def effect(r: Report, change: Change) -> None:
        if to_agency is not None and (to_agency.pk == r.agency_id or not to_agency.is_active):
            raise invalid("Chọn một đơn vị khác, đang hoạt động.", field="agency")
        _reset_escalation(r)
        r.agency, r.status = to_agency, S.DISPATCHED if to_agency else S.NEW
        change.fields["reason"] = reason

    return _act(report, "transfer", actor, idempotency_key, effect, now)


# --- reporter --------------------------------------------------------------------------------
def rate(report: Report, actor, rating: int, comment: str = "", *, idempotency_key: str | None = None,
         now: datetime | None = None) -> Report:
    """The reporter rates the answer 1–5, which closes the report (DIGIT PGR)."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise invalid("Mức hài lòng từ 1 đến 5.", field="rating")
    comment = _text(comment, "comment", "Nhận xét")

    def effect(r: Report, change: Change) -> None:
        r.rating, r.rating_comment, r.closed_at, r.status = rating, comment, change.now, S.CLOSED
        change.fields["reason"] = f"{rating}/5 {comment}".strip()

    return _act(report, "rate", actor, idempotency_key, effect, now)


def reopen(report: Report, actor, reason: str, *, idempotency_key: str | None = None,
           now: datetime | None = None) -> Report:
    """Only the reporter, within 10 days of the answer (DIGIT PGR); back to IOC triage."""
    reason = _required_text(reason, "reason", "Vui lòng nêu lý do mở lại.", "Lý do")

    def effect(r: Report, change: Change) -> None:
        r.reopen_count += 1
        _reset_escalation(r)
        # A new round: the earlier answer or rejection stays in the events, not on the report.
        r.outcome, r.answer, r.rejection_reason, r.resolved_at = "", "", "", None
        r.clock_started_at = clock_start(change.now, r.is_urgent)
        r.due_at = due_at_for(r.category, r.clock_started_at, r.is_urgent)
        r.agency, r.status = None, S.NEW
        change.fields["reason"] = reason

    return _act(report, "reopen", actor, idempotency_key, effect, now)


# --- moderation (IOC) ---------------------------------------------------------------------------
def _moderated(action: str, r: Report, actor, reason: str, change: Change, **log) -> None:
    ModerationLog.objects.create(action=action, actor=actor, report=r, reason=reason, **log)
    change.fields["reason"] = reason


def hide(report: Report, actor, reason: str, *, hidden: bool = True, idempotency_key: str | None = None,
         now: datetime | None = None) -> Report:
    reason = _reason(reason)
    action = "hide" if hidden else "unhide"

    def effect(r: Report, change: Change) -> None:
        r.is_hidden = hidden
        _moderated(action, r, actor, reason, change)

    return _act(report, action, actor, idempotency_key, effect, now)


def unhide(report: Report, actor, reason: str, **kwargs) -> Report:
    return hide(report, actor, reason, hidden=False, **kwargs)


def edit_text(report: Report, actor, text: str, reason: str, *, idempotency_key: str | None = None,
              now: datetime | None = None) -> Report:
    """The original text is kept in `description`; the public sees the edited copy."""
    reason = _reason(reason)
    text = clean_text(text)
    if not text or len(text) > DESCRIPTION_MAX:
        raise invalid(f"Nội dung công khai từ 1 đến {DESCRIPTION_MAX} ký tự.", field="text")

    def effect(r: Report, change: Change) -> None:
        before = r.public_text
        r.public_description = text
        _moderated(ModerationLog.Action.EDIT_TEXT, r, actor, reason, change, before=before, after=text)

    return _act(report, "edit_text", actor, idempotency_key, effect, now)


edit_public_text = edit_text


def hide_photo(report: Report, actor, photo: ReportPhoto, reason: str, *, hidden: bool = True,
               idempotency_key: str | None = None, now: datetime | None = None) -> ReportPhoto:
    """Hide one photo from the public (its file is kept, served only to the IOC: views.photo)."""
    reason = _reason(reason)
    action = "hide_photo" if hidden else "unhide_photo"

    def effect(r: Report, change: Change) -> None:
        changed = ReportPhoto.objects.filter(pk=photo.pk, report=r, is_hidden=not hidden).update(is_hidden=hidden)
        if not changed:
            change.record = False
            return
        _moderated(action, r, actor, reason, change, photo=photo)
        change.data = {"photo": photo.pk}

    _act(report, action, actor, idempotency_key, effect, now)
    photo.is_hidden = hidden
    return photo


def unhide_photo(report: Report, actor, photo: ReportPhoto, reason: str, **kwargs) -> ReportPhoto:
    return hide_photo(report, actor, photo, reason, hidden=False, **kwargs)


def clear_media_url(report: Report, actor, reason: str, *, idempotency_key: str | None = None,
                    now: datetime | None = None) -> Report:
    """Unpublish the link a partner application sent (Open311 media_url); the log keeps it."""
    reason = _reason(reason)

    def effect(r: Report, change: Change) -> None:
        before, r.media_url = r.media_url, ""
        _moderated(ModerationLog.Action.CLEAR_MEDIA_URL, r, actor, reason, change, before=before, after="")

    return _act(report, "clear_media_url", actor, idempotency_key, effect, now)


def lock_account(user, actor, reason: str) -> None:
    """Accounts that post abusive or non-constructive content can be locked (QĐ 30/2022). An
    account, not a report: its log is the moderation register, not a report's chain."""
    if not is_operator(actor, "fieldreport.moderate"):
        raise ActionDenied()
    reason = _reason(reason)
    if user.kind == get_user_model().Kind.STAFF or user.is_superuser:
        raise ActionDenied("Chỉ khóa được tài khoản công dân.")
    with transaction.atomic():
        get_user_model().objects.filter(pk=user.pk).update(is_active=False)
        ModerationLog.objects.create(action=ModerationLog.Action.LOCK_ACCOUNT, actor=actor, user=user, reason=reason)
    user.is_active = False


def _reason(reason: str) -> str:
    return _required_text(reason, "reason", "Vui lòng nêu lý do.", "Lý do")


# --- escalation ------------------------------------------------------------------------------
def escalate(report_id: int, from_level: int, to_level: int, *, now: datetime | None = None) -> bool:
    """Raise a report's escalation level once, whoever else runs the sweep at the same time:
    under the row lock the level is checked again. Level 1 stores when it happened: level 2
    counts from there (escalation.sweep). True for the one sweep that raised it."""

    def effect(r: Report, change: Change) -> None:
        if r.escalation_level != from_level:
            change.record = False
            return
        r.escalation_level = to_level
        if from_level == 0:
            r.escalated_at = change.now
        change.fields["reason"] = f"Quá hạn, nhắc việc mức {to_level}"
        change.data = {"level": to_level}

    try:
        return engine.perform(REPORT, report_id, "escalate", SYSTEM, effect=effect, now=now).event is not None
    except ActionError:  # answered or closed since the sweep read it
        return False
