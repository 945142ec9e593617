"""The SIPAS survey's workflow as one table (docs/measuring.md).

    (new) ──create──▶ draft ──open──▶ open ──close──▶ closed
                      save_question,    answer (through a one-time link)
                      remove_question,
                      draw_sample

The organiser's staff (Role.APPRAISER, or the IT department) prepare, open and close it; the
platform closes it when its date passes and records each answer for the anonymous respondent.
"""

from __future__ import annotations

from enum import StrEnum

from accounts.permissions import Target
from sipas import access  # noqa: F401  (registers the permissions this table names)
from sipas.models import Survey, SurveyEvent, SurveyState
from workflow.actors import SystemActor, person
from workflow.machine import NEW, Machine, edge

S = SurveyState


class Code(StrEnum):
    INVALID_STATE = "invalid_state"
    FORBIDDEN = "forbidden"
    UNKNOWN_ACTION = "unknown_action"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    INVALID_INPUT = "invalid_input"
    NO_SAMPLE = "no_sample"
    NO_QUESTIONS = "no_questions"
    INVALID_LINK = "invalid_link"


class Respondent(SystemActor):
    """The platform recording an answer for a respondent it must not name."""

    full_name = "Người được khảo sát (ẩn danh)"
    username = "respondent"


RESPONDENT = Respondent()


def organiser(s: Survey) -> Target:
    return Target(agency_id=s.organiser_id)


def anyone(s: Survey) -> None:
    return None


MANAGE = {"permission": "sipas.manage", "scope": organiser}
TRANSITIONS = [
    edge("create", [NEW], [S.DRAFT], **MANAGE, label="Tạo đợt khảo sát"),
    edge("save_question", [S.DRAFT], **MANAGE, inputs=("question",), label="Lưu câu hỏi"),
    edge("remove_question", [S.DRAFT], **MANAGE, inputs=("question",), tone="danger", label="Xóa câu hỏi"),
    edge("draw_sample", [S.DRAFT], **MANAGE, inputs=("seed", "sample_per_agency"), tone="secondary",
         label="Chọn mẫu người được khảo sát"),
    edge("open", [S.DRAFT], [S.OPEN], **MANAGE, label="Bắt đầu khảo sát, gửi lời mời"),
    edge("answer", [S.OPEN], permission="sipas.answer", scope=anyone, label="Ghi nhận phiếu trả lời"),
    edge("close", [S.OPEN], [S.CLOSED], **MANAGE, tone="danger", label="Kết thúc khảo sát"),
    edge("close", [S.OPEN], [S.CLOSED], permission="sipas.answer", scope=anyone, label="Hết thời gian khảo sát"),
]


class SurveyMachine(Machine):
    name = "sipas_survey"
    model = Survey
    event_model = SurveyEvent
    transitions = TRANSITIONS
    noun = "đợt khảo sát"
    label_field = "title"
    denied = "Bạn không có quyền quản lý đợt khảo sát này."
    row_fields = ("title", "organiser_id", "returned_from", "returned_to", "sample_per_agency", "seed", "closes_at",
                  "state", "created_at", "opened_at", "closed_at")
    row_event_fields = {"state": ("to_state", "trạng thái")}

    def describe_state(self, s: Survey) -> str:
        return f"đợt khảo sát đang ở trạng thái “{s.get_state_display()}”"

    def build_event(self, s, transition, actor, change, before) -> SurveyEvent:
        return SurveyEvent(action=transition.action, actor=person(actor),
                           actor_name=getattr(actor, "full_name", "") or getattr(actor, "username", ""),
                           at=change.now, from_state=before["state"], to_state=s.state, data=change.data)


SURVEY = SurveyMachine()
