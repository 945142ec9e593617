"""The PAR INDEX workflows as tables (docs/measuring.md).

A round (one year):      (new) ──open──▶ open ──publish──▶ published      set_deadlines (open)

An agency's assessment:
    (new) ──start──▶ draft ──submit──▶ submitted ──lock──▶ appraised ──publish──▶ published
            score_self, measure,          appraise                  (with the round)
            attach / remove evidence
    and after the self-assessment deadline a draft not submitted is appraised and locked as
    it stands (the council scores what the agency did not hand in).

Who: an agency's leader or agency administrator self-assesses and its leader submits; the
appraisal council (Role.APPRAISER in the round's council agency, the Department of Home Affairs)
appraises and locks, never an agency where its member holds another role; the council or the
IT department opens the round, moves its deadlines and publishes (Decision 876/QĐ-BNV).
"""

from __future__ import annotations

from enum import StrEnum

from accounts.permissions import Target, register_action, roles_in
from accounts.roles import SYSTEM_ADMIN, Role
from parindex.models import Assessment, AssessmentEvent, AssessmentState, Round, RoundEvent, RoundState
from workflow.actors import person
from workflow.engine import acting_now
from workflow.errors import ActionDenied, ActionError
from workflow.machine import NEW, Machine, edge

A = AssessmentState


class Code(StrEnum):
    INVALID_STATE = "invalid_state"
    FORBIDDEN = "forbidden"
    UNKNOWN_ACTION = "unknown_action"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    PAST_DEADLINE = "past_deadline"
    BEFORE_DEADLINE = "before_deadline"
    INVALID_POINTS = "invalid_points"
    INCOMPLETE = "incomplete"
    INVALID_CRITERION = "invalid_criterion"
    INVALID_DATE = "invalid_date"
    DUPLICATE = "duplicate"
    NOT_LOCKED = "not_locked"
    MEASURED = "measured"
    INVALID_FILE_TYPE = "invalid_file_type"
    FILE_TOO_LARGE = "file_too_large"
    EMPTY_FILE = "empty_file"
    CONFLICT_OF_INTEREST = "conflict_of_interest"


register_action("parindex.manage", [Role.APPRAISER, SYSTEM_ADMIN])
register_action("parindex.self_assess", [Role.LEADER, Role.AGENCY_ADMIN])
# The head of the agency answers for what it hands in.
register_action("parindex.submit", [Role.LEADER])
register_action("parindex.appraise", [Role.APPRAISER])
# The published ranking: the council, the agencies' leaders and the operations centre.
register_action("parindex.view", [Role.APPRAISER, Role.LEADER, Role.AGENCY_ADMIN, Role.OPERATOR, SYSTEM_ADMIN])


def council(obj) -> Target:
    r = obj.round if isinstance(obj, Assessment) else obj
    return Target(agency_id=r.council_agency_id)


def own_agency(a: Assessment) -> Target:
    return Target(agency_id=a.agency_id)


def before_self_deadline(a: Assessment, user) -> None:
    if acting_now() > a.round.self_deadline:
        raise ActionError(Code.PAST_DEADLINE, "Đã quá hạn tự đánh giá ("
                          f"{_local(a.round.self_deadline)}); không thể sửa hay nộp bản tự đánh giá.")


def after_self_deadline(a: Assessment, user) -> None:
    if acting_now() <= a.round.self_deadline:
        raise ActionError(Code.BEFORE_DEADLINE, "Cơ quan chưa nộp bản tự đánh giá và vẫn còn hạn ("
                          f"{_local(a.round.self_deadline)}); hội đồng thẩm định sau khi cơ quan nộp hoặc hết hạn.")


def before_appraisal_deadline(a: Assessment, user) -> None:
    if acting_now() > a.round.appraisal_deadline:
        raise ActionError(Code.PAST_DEADLINE, f"Đã quá hạn thẩm định ({_local(a.round.appraisal_deadline)}); "
                          "cơ quan thường trực cần gia hạn trước khi thẩm định tiếp.")


def not_own_agency(a: Assessment, user) -> None:
    """A council member does not appraise an agency where they hold any other role."""
    if roles_in(user, a.agency_id) - {Role.APPRAISER}:
        raise ActionDenied("Thành viên hội đồng không thẩm định cơ quan nơi mình đang công tác.")


def _local(moment) -> str:
    from django.utils import timezone

    return f"{timezone.localtime(moment):%H:%M ngày %d/%m/%Y}"


SELF = {"permission": "parindex.self_assess", "scope": own_agency, "guards": (before_self_deadline,)}
APPRAISE = {"permission": "parindex.appraise", "scope": council}
DECISION = "Quyết định 876/QĐ-BNV"

ASSESSMENT_TRANSITIONS = [
    edge("start", [NEW], [A.DRAFT], permission="parindex.manage", scope=council, label="Mở đánh giá cho cơ quan"),
    edge("score_self", [A.DRAFT], **SELF, inputs=("criterion", "points", "explanation"), label="Tự chấm điểm"),
    edge("measure", [A.DRAFT], **SELF, tone="secondary", label="Cập nhật số liệu hệ thống tự đo"),
    edge("measure", [A.DRAFT], permission="parindex.manage", scope=council, tone="secondary",
         label="Cập nhật số liệu hệ thống tự đo"),
    edge("attach_evidence", [A.DRAFT], **SELF, inputs=("criterion", "file"), tone="secondary",
         label="Đính kèm tài liệu kiểm chứng"),
    edge("remove_evidence", [A.DRAFT], **SELF, inputs=("evidence",), tone="danger",
         label="Gỡ tài liệu kiểm chứng"),
    edge("submit", [A.DRAFT], [A.SUBMITTED], permission="parindex.submit", scope=own_agency,
         guards=(before_self_deadline,), label="Nộp bản tự đánh giá", basis=DECISION),
    edge("appraise", [A.SUBMITTED], **APPRAISE, guards=(not_own_agency, before_appraisal_deadline),
         inputs=("criterion", "points", "comment"), label="Chấm điểm thẩm định"),
    edge("appraise", [A.DRAFT], **APPRAISE, guards=(not_own_agency, after_self_deadline, before_appraisal_deadline),
         inputs=("criterion", "points", "comment"), label="Chấm điểm thẩm định (cơ quan không nộp đúng hạn)"),
    edge("lock", [A.SUBMITTED], [A.APPRAISED], **APPRAISE, guards=(not_own_agency, before_appraisal_deadline),
         label="Khóa kết quả thẩm định", basis=DECISION),
    edge("lock", [A.DRAFT], [A.APPRAISED], **APPRAISE,
         guards=(not_own_agency, after_self_deadline, before_appraisal_deadline),
         label="Khóa kết quả thẩm định", basis=DECISION),
    edge("publish", [A.APPRAISED], [A.PUBLISHED], permission=None, scope=None, internal=True,
         label="Công bố kết quả"),
]

ROUND_TRANSITIONS = [
    edge("open", [NEW], [RoundState.OPEN], permission="parindex.manage", scope=council,
         label="Mở kỳ đánh giá Chỉ số CCHC", basis=DECISION),
    edge("set_deadlines", [RoundState.OPEN], permission="parindex.manage", scope=council,
         inputs=("self_deadline", "appraisal_deadline"), tone="secondary", label="Đổi hạn tự đánh giá, thẩm định"),
    edge("publish", [RoundState.OPEN], [RoundState.PUBLISHED], permission="parindex.manage", scope=council,
         label="Công bố kết quả và xếp hạng", basis=DECISION),
]


class _Events(Machine):
    def describe_state(self, obj) -> str:
        return f"{self.noun} đang ở trạng thái “{obj.get_state_display()}”"


class AssessmentMachine(_Events):
    name = "parindex_assessment"
    model = Assessment
    event_model = AssessmentEvent
    transitions = ASSESSMENT_TRANSITIONS
    noun = "bản đánh giá Chỉ số CCHC"
    denied = "Bạn không có quyền thực hiện thao tác này đối với bản đánh giá Chỉ số CCHC này."
    row_fields = ("round_id", "agency_id", "state", "submitted_at", "appraised_at", "self_total", "council_total",
                  "measured_at")
    row_event_fields = {"state": ("to_state", "trạng thái")}

    def lock(self, pk):
        return Assessment.objects.select_for_update(of=("self",)).select_related("round", "agency").get(pk=pk)

    def build_event(self, a, transition, actor, change, before) -> AssessmentEvent:
        return AssessmentEvent(action=transition.action, actor=person(actor), actor_name=_name(actor),
                               at=change.now, from_state=before["state"], to_state=a.state, data=change.data)


class RoundMachine(_Events):
    name = "parindex_round"
    model = Round
    event_model = RoundEvent
    transitions = ROUND_TRANSITIONS
    noun = "kỳ đánh giá"
    label_field = "year"
    denied = "Bạn không có quyền quản lý kỳ đánh giá Chỉ số CCHC."
    row_fields = ("year", "criteria_set_id", "council_agency_id", "self_deadline", "appraisal_deadline", "state",
                  "created_at", "published_at")
    row_event_fields = {"state": ("to_state", "trạng thái")}

    def build_event(self, r, transition, actor, change, before) -> RoundEvent:
        return RoundEvent(action=transition.action, actor=person(actor), actor_name=_name(actor), at=change.now,
                          from_state=before["state"], to_state=r.state, data=change.data)


def _name(actor) -> str:
    return getattr(actor, "full_name", "") or getattr(actor, "username", "")


ASSESSMENT = AssessmentMachine()
ROUND = RoundMachine()
