"""The field-report workflow as one table (rules and sources: docs/domain/field-reports.md).

    new ──dispatch / route──▶ dispatched ──accept──▶ accepted ──start──▶ in_progress
     ▲                          │  ▲                   │                    │
     │ reopen (reporter,        │  └── transfer / reroute ──────────────────┤
     │  within 10 days)         └────────── resolve / reject ◀──────────────┘
   resolved / rejected ──rate 1–5 (reporter)──▶ closed

The operations centre (IOC) triages and dispatches, the responsible unit handles and answers
(QĐ 30/2022/QĐ-UBND of Thừa Thiên Huế); the reporter rates or reopens, only the reporter
and only within the window (DIGIT PGR). Moderation keeps the state and writes an event too.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings

from accounts.permissions import Target
from fieldreports.models import Report, ReportEvent
from fieldreports.permissions import ioc_agency
from workflow.actors import person
from workflow.engine import acting_now
from workflow.errors import ActionError
from workflow.machine import NEW, Machine, edge

S = Report.Status


class Code(StrEnum):
    INVALID_STATE = "invalid_state"
    FORBIDDEN = "forbidden"
    UNKNOWN_ACTION = "unknown_action"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    INVALID = "invalid"  # an input to fix; `field` names it
    TOO_LATE = "too_late"
    NOTHING_TO_DO = "nothing_to_do"


# --- scopes ------------------------------------------------------------------------------------
def ioc(r: Report) -> Target:
    agency = ioc_agency()
    return Target(agency_id=agency.pk if agency else None)


def unit(r: Report) -> Target:
    return Target(agency_id=r.agency_id)


def reporter(r: Report) -> Target:
    return Target(owner_id=r.reporter_id)


def anyone(r: Report) -> None:
    return None


# --- guards ------------------------------------------------------------------------------------
def within_reopen_window(r: Report, user) -> None:
    from fieldreports.services import within_reopen_window as inside

    if not inside(r, acting_now()):
        raise ActionError(Code.TOO_LATE, f"Chỉ được mở lại trong {settings.FIELDREPORTS_REOPEN_DAYS} ngày kể từ khi "
                          "có trả lời.")


def shown(r: Report, user) -> None:
    if r.is_hidden:
        raise ActionError(Code.NOTHING_TO_DO, "Phản ánh đã được ẩn.")


def hidden(r: Report, user) -> None:
    if not r.is_hidden:
        raise ActionError(Code.NOTHING_TO_DO, "Phản ánh đang được công khai.")


def has_media_url(r: Report, user) -> None:
    if not r.media_url:
        raise ActionError(Code.NOTHING_TO_DO, "Phản ánh không có liên kết ảnh/video của đối tác.")


ALL = set(S.values)
HANDLING = set(Report.HANDLING_STATUSES)
ANSWERED = set(Report.ANSWERED_STATUSES)
OPEN = set(Report.OPEN_STATUSES)
DISPATCH = {"permission": "fieldreport.dispatch", "scope": ioc}
HANDLE = {"permission": "fieldreport.handle", "scope": unit}
FOLLOW_UP = {"permission": "fieldreport.follow_up", "scope": reporter}
MODERATE = {"permission": "fieldreport.moderate", "scope": ioc, "tone": "secondary"}
WATCH = {"permission": "fieldreport.watch", "scope": anyone}
QD30 = "QĐ 30/2022/QĐ-UBND"

TRANSITIONS = [
    edge("submit", [NEW], [S.NEW], permission="fieldreport.report", scope=anyone, label="Gửi phản ánh",
         basis=f"{QD30}: phải đăng nhập để phản ánh; danh tính được giữ kín"),
    # A rule matching the category and the place dispatches at once (docs/fieldreports.md).
    edge("route", [S.NEW], [S.DISPATCHED], **WATCH, label="Phân công theo quy tắc"),
    edge("dispatch", [S.NEW], [S.DISPATCHED], **DISPATCH, inputs=("agency", "reason"), required=("agency",),
         label="Điều phối đến đơn vị", basis=f"{QD30}: IOC tiếp nhận và chuyển đơn vị xử lý"),
    edge("reroute", HANDLING, [S.DISPATCHED], **DISPATCH, inputs=("agency", "reason"), required=("agency",),
         tone="secondary", label="Điều phối lại"),
    edge("accept", [S.DISPATCHED], [S.ACCEPTED], **HANDLE, label="Tiếp nhận"),
    edge("start", [S.ACCEPTED], [S.IN_PROGRESS], **HANDLE, label="Bắt đầu xử lý"),
    edge("resolve", [S.ACCEPTED, S.IN_PROGRESS], [S.RESOLVED], **HANDLE, inputs=("answer", "photos"),
         required=("answer",), label="Trả lời, đã xử lý", basis=f"{QD30}: kết quả xử lý được công khai"),
    edge("reject", HANDLING, [S.REJECTED], **HANDLE, inputs=("reason",), required=("reason",), tone="danger",
         label="Từ chối xử lý"),
    # To another unit, or back to the IOC triage queue when no unit is named.
    edge("transfer", HANDLING, [S.DISPATCHED, S.NEW], **HANDLE, inputs=("agency", "reason"), required=("reason",),
         tone="secondary", label="Chuyển đơn vị khác"),
    edge("rate", ANSWERED, [S.CLOSED], **FOLLOW_UP, inputs=("rating", "comment"), required=("rating",),
         label="Đánh giá", basis="DIGIT PGR: người phản ánh đánh giá 1–5, phản ánh được đóng"),
    edge("reopen", ANSWERED, [S.NEW], **FOLLOW_UP, guards=(within_reopen_window,), inputs=("reason",),
         required=("reason",), tone="secondary", label="Mở lại phản ánh",
         basis="DIGIT PGR: chỉ người phản ánh, trong 10 ngày kể từ khi có trả lời"),
    edge("escalate", OPEN, **WATCH, label="Nhắc việc quá hạn"),
    # Moderation (QĐ 30/2022): the original is kept; the public sees the moderated copy.
    edge("hide", ALL, **{**MODERATE, "tone": "danger"}, guards=(shown,), inputs=("reason",), required=("reason",),
         label="Ẩn khỏi công khai"),
    edge("unhide", ALL, **MODERATE, guards=(hidden,), inputs=("reason",), required=("reason",),
         label="Hiện lại"),
    edge("edit_text", ALL, **MODERATE, inputs=("text", "reason"), required=("text", "reason"),
         label="Biên tập nội dung công khai"),
    edge("hide_photo", ALL, **MODERATE, inputs=("photo", "reason"), required=("photo", "reason"), label="Ẩn ảnh"),
    edge("unhide_photo", ALL, **MODERATE, inputs=("photo", "reason"), required=("photo", "reason"),
         label="Hiện lại ảnh"),
    edge("clear_media_url", ALL, **MODERATE, guards=(has_media_url,), inputs=("reason",), required=("reason",),
         label="Gỡ liên kết ảnh/video"),
]


class ReportMachine(Machine):
    name = "fieldreport"
    model = Report
    event_model = ReportEvent
    transitions = TRANSITIONS
    noun = "phản ánh"
    state_field = "status"
    denied = "Bạn không có quyền thực hiện thao tác này đối với phản ánh này."
    row_fields_v1 = (
        "category_id", "description", "lat", "long", "is_urgent", "status", "agency_id", "reporter_id", "created_at",
        "due_at", "resolved_at", "closed_at", "outcome", "answer", "rejection_reason", "rating",
    )
    # Version 2 adds what moderation decides (hidden, the public wording), where and what was
    # reported, the reporter's contacts and channel, the clock, reopening and escalation.
    row_fields = (*row_fields_v1, "is_hidden", "public_description", "address", "address_id", "attributes",
                  "source", "api_client_id", "contact_first_name", "contact_last_name", "contact_email",
                  "contact_phone", "device_id", "account_id", "media_url", "clock_started_at", "reopen_count",
                  "escalation_level", "escalated_at", "rating_comment")
    row_version = 2
    legacy_row_fields = {1: row_fields_v1}
    row_event_fields = {
        "status": ("to_status", "trạng thái"), "agency_id": ("to_agency_id", "đơn vị xử lý"),
        "due_at": ("due_at", "hạn xử lý"),
    }

    def lock(self, pk):
        return Report.objects.select_for_update(of=("self",)).select_related("category").get(pk=pk)

    def snapshot(self, r: Report) -> dict:
        return {"state": r.status if r.pk else "", "agency": r.agency_id if r.pk else None}

    def describe_state(self, r: Report) -> str:
        return f"phản ánh đang ở trạng thái “{r.get_status_display()}”"

    def build_event(self, r: Report, transition, actor, change, before) -> ReportEvent:
        r.updated_at = change.now
        return ReportEvent(
            action=transition.action, actor=person(actor), from_status=before["state"], to_status=r.status,
            from_agency_id=before["agency"], to_agency_id=r.agency_id, reason=change.fields.get("reason", ""),
            due_at=r.due_at, data=change.data, created_at=change.now,
        )


REPORT = ReportMachine()
