"""The dossier workflow as one table: the place a reader learns it.

Every edge says from which states an action may be taken, which states it may lead to, the
permission it needs (accounts.permissions) checked on which target, and the conditions
left (guards). The rules and their legal sources are described in docs/domain/one-stop.md.

    submitted ──receive──▶ received ──forward / approve / sign──▶ processing ──…──▶ result_ready
        │  ▲                  │  ▲                                    │                │
        │  └─resubmit─ intake_supplement   request_supplement / request_payment / stop ▼
        │                     │  └────────resume──── supplement / awaiting_payment / stopped
        ├──refuse──▶ refused  ├──transfer──▶ transferred ──(sub-dossier ends)──▶ processing
        └──withdraw─▶ withdrawn                                     return_result ──▶ returned

Which step of a procedure may forward, approve, sign, send back, ask for a supplement,
refuse, transfer or return the result is data: the published process of the procedure
version the dossier pinned (catalogue.ProcessStep.actions). The table's guards read it.
"""

from __future__ import annotations

from enum import StrEnum

from accounts.permissions import Target, can, register_action
from accounts.roles import CITIZEN, OWNER, SYSTEM, Role
from dossiers.models import Channel, Dossier, DossierEvent
from dossiers.states import FINAL, OPEN, PAUSED, STATUS_OF, State
from workflow.actors import person
from workflow.engine import acting_now
from workflow.errors import ActionDenied, ActionError
from workflow.machine import NEW, Machine, edge

S = State


class Code(StrEnum):
    """Every refusal code of the dossier engine (the API answers with these)."""

    INVALID_STATE = "invalid_state"
    FORBIDDEN = "forbidden"
    UNKNOWN_ACTION = "unknown_action"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    NOT_ALLOWED_AT_STEP = "not_allowed_at_step"
    LAST_STEP = "last_step"
    FIRST_STEP = "first_step"
    NOT_LAST_STEP = "not_last_step"
    NO_PROCESS = "no_process"
    ALREADY_GUIDED = "already_guided"
    ALREADY_APOLOGIZED = "already_apologized"
    TOO_LATE = "too_late"
    NO_FEE = "no_fee"
    WITHDRAW_PARENT = "withdraw_parent"
    SAME_AGENCY = "same_agency"
    BAD_ASSIGNEE = "bad_assignee"
    MISSING_REASON = "missing_reason"
    INVALID_AMOUNT = "invalid_amount"
    INVALID_DATE = "invalid_date"
    INVALID_APPLICANT = "invalid_applicant"
    WRONG_RECEIVING_AGENCY = "wrong_receiving_agency"
    NOT_ONLINE = "not_online"
    VERSION_NOT_IN_FORCE = "version_not_in_force"
    INVALID_COMPONENT = "invalid_component"
    INVALID_FILE_TYPE = "invalid_file_type"
    EMPTY_FILE = "empty_file"
    FILE_TOO_LARGE = "file_too_large"
    INVALID_SCORE = "invalid_score"


# --- who may act: the policy rows this table uses ---------------------------------------------
register_action("dossier.view", [Role.COUNTER_OFFICER, Role.SPECIALIST, Role.LEADER, Role.OPERATOR])
# A citizen or organisation submits online on its own behalf (Decree 45/2020).
register_action("dossier.submit_online", [CITIZEN])
# The one-stop counter of the receiving agency: registers, receives, guides once, refuses at
# intake, records what is paid at the counter (Decree 61/2018 Art. 15).
register_action("dossier.intake", [Role.COUNTER_OFFICER])
# Handing in what the dossier needs: the applicant's own account online, or the counter for them.
register_action("dossier.hand_in", [OWNER, Role.COUNTER_OFFICER])
# The work of a process step, by whoever holds the role the step names in its agency.
register_action("dossier.step", [Role.COUNTER_OFFICER, Role.SPECIALIST, Role.LEADER])
# The head of the agency holding the dossier: reassigns, stops, resumes, apologises (Art. 17).
register_action("dossier.lead", [Role.LEADER])
# The applicant's own scoring of how the dossier was handled (dossiers/evaluation.py).
register_action("dossier.evaluate", [OWNER])
# The platform's deadline watch (dossiers/sweep.py).
register_action("dossier.watch", [SYSTEM])


# --- scopes: the target each permission is checked on -------------------------------------------
def step_agency_id(d: Dossier) -> int:
    """The agency performing the current step (the receiving agency before any step)."""
    step = d.current_step
    if step is None:
        return d.receiving_agency_id
    if step.performer == step.Performer.RECEIVING:
        return d.receiving_agency_id
    if step.performer == step.Performer.COMPETENT:
        return d.procedure_version.competent_agency_id
    return step.other_agency_id


def receiving(d: Dossier) -> Target:
    return Target(agency_id=d.receiving_agency_id, owner_id=d.submitted_by_id)


def step_role(d: Dossier) -> Target:
    if d.current_step_id is None:
        return Target()
    return Target(agency_id=step_agency_id(d), role=d.current_step.role)


def step_agency(d: Dossier) -> Target:
    return Target(agency_id=step_agency_id(d))


def anyone(d: Dossier) -> None:
    return None


# --- when an edge applies ---------------------------------------------------------------------
def online(d: Dossier) -> bool:
    return d.channel == Channel.ONLINE


def not_online(d: Dossier) -> bool:
    return d.channel != Channel.ONLINE


# --- guards ----------------------------------------------------------------------------------------
def _steps(d: Dossier):
    from dossiers.actions import steps_of

    return steps_of(d.procedure_version_id)


def _position(d: Dossier) -> int:
    return [s.pk for s in _steps(d)].index(d.current_step_id)


def step_allows(action: str):
    def guard(d: Dossier, user) -> None:
        if d.current_step is None or action not in (d.current_step.actions or []):
            raise ActionError(Code.NOT_ALLOWED_AT_STEP, "Bước xử lý hiện tại không cho phép thao tác này.")

    guard.__name__ = f"step_allows_{action}"
    return guard


def held_by_actor(d: Dossier, user) -> None:
    """Once a step is assigned, only the assignee, or a leader of that agency, acts on it."""
    if d.assignee_id and d.assignee_id != getattr(user, "pk", None) and not can(user, "dossier.lead", step_agency(d)):
        raise ActionDenied(f"Hồ sơ đang được giao cho {d.assignee}; chỉ người được giao hoặc lãnh đạo cơ quan "
                           "mới xử lý được.")


def has_next_step(d: Dossier, user) -> None:
    if _position(d) + 1 >= len(_steps(d)):
        raise ActionError(Code.LAST_STEP, "Đây là bước cuối cùng; hãy trả kết quả.")


def has_previous_step(d: Dossier, user) -> None:
    if _position(d) == 0:
        raise ActionError(Code.FIRST_STEP, "Bước đầu tiên không có bước trước để trả lại.")


def at_last_step(d: Dossier, user) -> None:
    steps = _steps(d)
    if not steps or d.current_step_id != steps[-1].pk:
        raise ActionError(Code.NOT_LAST_STEP, "Chỉ trả kết quả ở bước cuối cùng của quy trình.")


def at_a_step(d: Dossier, user) -> None:
    if d.current_step_id is None:
        raise ActionError(Code.NOT_ALLOWED_AT_STEP, "Hồ sơ chưa ở bước xử lý nào.")


def has_process(d: Dossier, user) -> None:
    if not _steps(d):
        raise ActionError(Code.NO_PROCESS, "Thủ tục chưa có quy trình xử lý.")


def not_guided_before(d: Dossier, user) -> None:
    # Decree 61/2018 Art. 15: the guidance on what to complete is given once, in writing.
    if d.pk and d.events.filter(action="request_intake_supplement").exists():
        raise ActionError(Code.ALREADY_GUIDED, "Hồ sơ đã được hướng dẫn bổ sung một lần; Nghị định 61/2018/NĐ-CP "
                          "chỉ cho phép hướng dẫn một lần. Hãy tiếp nhận hoặc từ chối hồ sơ.")


def has_fees(d: Dossier, user) -> None:
    if not d.procedure_version.fees.exists():
        raise ActionError(Code.NO_FEE, "Thủ tục này không có phí, lệ phí hay nghĩa vụ tài chính để yêu cầu.")


def not_apologized(d: Dossier, user) -> None:
    # Decree 61/2018 Art. 17: the new appointment is set only once.
    if d.apologized_at is not None:
        raise ActionError(Code.ALREADY_APOLOGIZED, "Hồ sơ đã được hẹn lại một lần; không được hẹn lại lần thứ hai.")


def before_due(d: Dossier, user) -> None:
    if d.due_at is None or acting_now() >= d.due_at:
        raise ActionError(Code.TOO_LATE, "Hồ sơ đã quá hạn trả kết quả; phiếu xin lỗi và hẹn lại phải gửi trước hạn.")


def counter_once_received(d: Dossier, user) -> None:
    """Once received, only the counter adds files (it digitizes the paper components)."""
    if d.state == S.RECEIVED and not can(user, "dossier.intake", receiving(d)):
        raise ActionError(Code.INVALID_STATE, f"Không thể đính kèm tệp khi hồ sơ đang ở trạng thái "
                          f"“{d.get_state_display()}”.")


def evaluation_open(d: Dossier, user) -> None:
    """Scored once; the score may be changed for a few days after it was first given."""
    from dossiers.evaluation import EDIT_DAYS, EDIT_WINDOW
    from dossiers.models import Evaluation

    first = Evaluation.objects.filter(dossier_id=d.pk).values_list("created_at", flat=True).first()
    if first is not None and acting_now() > first + EDIT_WINDOW:
        raise ActionError(Code.TOO_LATE, f"Đánh giá chỉ được sửa trong {EDIT_DAYS} ngày kể từ khi gửi.")


def submitted_online(d: Dossier, user) -> None:
    if d.submitted_by_id is None or d.parent_id:
        raise ActionError(Code.INVALID_STATE, "Chỉ hồ sơ nộp bằng tài khoản trực tuyến mới được đánh giá tại đây.")


def not_a_sub_dossier(d: Dossier, user) -> None:
    if d.parent_id:
        raise ActionError(Code.WITHDRAW_PARENT, f"Hồ sơ liên thông chỉ được rút cùng với hồ sơ gốc {d.parent.code}.")


AT_STEP = {S.RECEIVED, S.PROCESSING}
ALIVE = OPEN | PAUSED
WITHDRAWABLE = set(S.values) - FINAL - {S.RESULT_READY}
# The applicant completes the dossier before it is received, and when asked for a supplement.
COMPLETING = {S.SUBMITTED, S.INTAKE_SUPPLEMENT, S.SUPPLEMENT}
# Received, whatever became of it since, short of a refusal or a withdrawal.
HELD = (OPEN | PAUSED | {S.RESULT_READY, S.RETURNED})
STEP = {"permission": "dossier.step", "scope": step_role}
LEAD = {"permission": "dossier.lead", "scope": step_agency}
COUNTER = {"permission": "dossier.intake", "scope": receiving}
HAND_IN = {"permission": "dossier.hand_in", "scope": receiving}
WATCH = {"permission": "dossier.watch", "scope": anyone, "tone": "secondary"}
D61 = "Nghị định 61/2018/NĐ-CP"

TRANSITIONS = [
    # Intake: online, at the counter or by public post.
    edge("submit", [NEW], [S.SUBMITTED], permission="dossier.submit_online", scope=anyone, when=online,
         label="Nộp hồ sơ trực tuyến", basis="Nghị định 45/2020/NĐ-CP (thủ tục hành chính trên môi trường điện tử)"),
    edge("submit", [NEW], [S.SUBMITTED], **COUNTER, when=not_online, label="Nhập hồ sơ",
         basis=f"{D61} Điều 15: tiếp nhận trực tiếp hoặc qua bưu chính công ích"),
    edge("receive", [S.SUBMITTED], [S.RECEIVED], **COUNTER, guards=(has_process,), inputs=("assignee", "note"),
         label="Tiếp nhận hồ sơ",
         basis=f"{D61} Điều 15: hồ sơ đầy đủ được tiếp nhận và hẹn trả kết quả (mẫu 01)"),
    edge("request_intake_supplement", [S.SUBMITTED], [S.INTAKE_SUPPLEMENT], **COUNTER, guards=(not_guided_before,),
         inputs=("missing", "reason"), tone="secondary", label="Hướng dẫn bổ sung, hoàn thiện",
         basis=f"{D61} Điều 15: hướng dẫn một lần, bằng văn bản (mẫu 02)"),
    edge("resubmit", [S.INTAKE_SUPPLEMENT], [S.SUBMITTED], **HAND_IN, label="Nộp lại hồ sơ đã hoàn thiện"),
    edge("refuse", [S.SUBMITTED, S.INTAKE_SUPPLEMENT], [S.REFUSED], **COUNTER, inputs=("reason",), tone="danger",
         label="Từ chối tiếp nhận", basis=f"{D61} Điều 15: từ chối nêu rõ lý do (mẫu 03)"),
    edge("refuse", AT_STEP, [S.REFUSED], **STEP, guards=(step_allows("refuse"), held_by_actor), inputs=("reason",),
         tone="danger", label="Từ chối giải quyết", basis=f"{D61} Điều 17: hồ sơ không đủ điều kiện giải quyết"),
    # Processing: the published process says which step forwards, approves or signs.
    edge("forward", AT_STEP, [S.PROCESSING, S.RESULT_READY], **STEP,
         guards=(step_allows("forward"), held_by_actor, has_next_step), inputs=("assignee", "note"),
         label="Chuyển bước tiếp theo"),
    edge("approve", AT_STEP, [S.PROCESSING, S.RESULT_READY], **STEP,
         guards=(step_allows("approve"), held_by_actor, has_next_step), inputs=("assignee", "note"), label="Phê duyệt"),
    edge("sign", AT_STEP, [S.PROCESSING, S.RESULT_READY], **STEP,
         guards=(step_allows("sign"), held_by_actor, has_next_step), inputs=("assignee", "note"), label="Ký duyệt"),
    edge("send_back", AT_STEP, AT_STEP, **STEP, guards=(step_allows("send_back"), held_by_actor, has_previous_step),
         inputs=("reason", "assignee"), tone="secondary", label="Trả lại bước trước"),
    edge("reassign", ALIVE, **LEAD, guards=(at_a_step,), inputs=("assignee",), required=("assignee",),
         tone="secondary",
         label="Giao cho cán bộ khác"),
    # Pauses: the clock stops, and the waiting time is given back on resumption (Art. 17).
    edge("request_supplement", AT_STEP, [S.SUPPLEMENT], **STEP,
         guards=(step_allows("request_supplement"), held_by_actor), inputs=("missing", "reason"), tone="secondary",
         label="Yêu cầu bổ sung hồ sơ", basis=f"{D61} Điều 17: yêu cầu bổ sung qua Bộ phận Một cửa (mẫu 02)"),
    edge("request_payment", AT_STEP, [S.AWAITING_PAYMENT], **STEP, guards=(held_by_actor, has_fees),
         inputs=("amount", "reason"), tone="secondary", label="Yêu cầu thực hiện nghĩa vụ tài chính"),
    edge("stop", AT_STEP, [S.STOPPED], **LEAD, inputs=("reason",), tone="danger", label="Dừng xử lý"),
    edge("resume", [S.SUPPLEMENT], AT_STEP, **HAND_IN, inputs=("note",), label="Đã nhận hồ sơ bổ sung"),
    # The payment is recorded where it is paid, not by the officer who asked for it.
    edge("resume", [S.AWAITING_PAYMENT], AT_STEP, **COUNTER, inputs=("note",), label="Xác nhận đã nộp tiền"),
    edge("resume", [S.STOPPED], AT_STEP, **LEAD, inputs=("note",), label="Tiếp tục xử lý"),
    # Online payment (payments/): a confirmed payment is recorded on the dossier whatever its
    # state (money received is never unrecorded), and one that settles the obligation asked
    # for resumes the dossier at once, with the waiting time given back (Art. 17); a refund too.
    edge("record_payment", set(S.values), permission=None, scope=None, internal=True,
         label="Đã thanh toán trực tuyến", basis="Nghị định 45/2020/NĐ-CP: thanh toán trực tuyến"),
    edge("resume", [S.AWAITING_PAYMENT], AT_STEP, permission=None, scope=None, internal=True,
         label="Đã thực hiện nghĩa vụ tài chính trực tuyến"),
    edge("record_refund", set(S.values), permission=None, scope=None, internal=True,
         label="Hoàn trả tiền đã thanh toán"),
    # Liên thông: a linked sub-dossier is received at the other agency; its end flows back.
    edge("transfer", AT_STEP, [S.TRANSFERRED], **STEP, guards=(step_allows("transfer"), held_by_actor),
         inputs=("procedure_code", "note"), required=("procedure_code",), tone="secondary", label="Chuyển liên thông",
         basis=f"{D61} Điều 16: chuyển hồ sơ giữa các cơ quan, các cấp"),
    edge("receive_transfer", [NEW], [S.RECEIVED], permission=None, scope=None, internal=True,
         label="Tiếp nhận hồ sơ liên thông"),
    edge("transfer_result", [S.TRANSFERRED], AT_STEP, permission=None, scope=None, internal=True,
         label="Nhận kết quả liên thông"),
    # Results.
    edge("return_result", [S.RESULT_READY, S.RECEIVED, S.PROCESSING], [S.RETURNED], **STEP,
         guards=(at_last_step, step_allows("return_result"), held_by_actor), inputs=("note",), label="Trả kết quả",
         basis=f"{D61} Điều 18"),
    edge("withdraw", WITHDRAWABLE, [S.WITHDRAWN], **HAND_IN, guards=(not_a_sub_dossier,), inputs=("reason",),
         tone="danger", label="Rút hồ sơ", basis="theo đề nghị của tổ chức, cá nhân"),
    # A parent's withdrawal takes its liên thông sub-dossiers with it.
    edge("withdraw", set(S.values) - FINAL, [S.WITHDRAWN], permission=None, scope=None, internal=True,
         label="Rút hồ sơ"),
    edge("apologize", ALIVE, **LEAD, guards=(not_apologized, before_due), inputs=("reason", "new_due_at"),
         required=("new_due_at",),
         tone="secondary", label="Xin lỗi và hẹn lại ngày trả",
         basis=f"{D61} Điều 17: xin lỗi ít nhất 01 ngày làm việc trước hạn, hẹn lại một lần (mẫu 04)"),
    # The applicant scores the handling once the result is returned (Decree 61/2018 Art. 31).
    edge("evaluate", [S.RETURNED], permission="dossier.evaluate", scope=receiving,
         guards=(submitted_online, evaluation_open), inputs=("scores", "comment"), required=("scores",),
         tone="secondary", label="Đánh giá mức độ hài lòng",
         basis=f"{D61} Điều 31; Thông tư 01/2018/TT-VPCP"),
    # Files: the applicant while completing; the counter also digitizes at the first step
    # (Decree 107/2021: paper components are digitized at intake).
    edge("attach_file", COMPLETING | {S.RECEIVED}, **HAND_IN, guards=(counter_once_received,),
         inputs=("file", "component"), tone="secondary", label="Đính kèm tệp"),
    # The counter keeps a component as a digitized document of the applicant, reused at their
    # next dossier (documents/, Decree 107/2021/NĐ-CP; Decree 45/2020/NĐ-CP Art. 25).
    edge("digitize", HELD, **COUNTER, inputs=("kind", "issuer", "number", "issued_on", "valid_until", "certified"),
         tone="secondary", label="Số hóa vào kho dữ liệu", basis="Nghị định 107/2021/NĐ-CP"),
    # The deadline watch (dossiers/sweep.py): every alert is an event of the dossier.
    edge("alert_due_soon", OPEN, **WATCH, label="Cảnh báo sắp đến hạn",
         basis=f"{D61} Điều 17: còn một ngày làm việc để xin lỗi, hẹn lại"),
    edge("alert_overdue", OPEN, **WATCH, label="Cảnh báo quá hạn"),
    edge("alert_step_overdue", OPEN - {S.TRANSFERRED}, **WATCH, label="Cảnh báo bước xử lý quá hạn"),
]


class DossierMachine(Machine):
    name = "dossier"
    model = Dossier
    event_model = DossierEvent
    transitions = TRANSITIONS
    noun = "hồ sơ"
    label_field = "code"
    denied = "Bạn không có quyền thực hiện thao tác này đối với hồ sơ này."
    row_fields_v1 = (
        "code", "lookup_secret", "procedure_version_id", "channel", "parent_id", "applicant_kind",
        "applicant_id_number", "applicant_name", "applicant_address", "applicant_phone", "applicant_email",
        "representative_name", "representative_id_number", "receiving_agency_id", "current_agency_id", "state",
        "status", "current_step_id", "submitted_at", "received_at", "due_at", "statutory_due_at", "step_started_at",
        "step_due_at", "paused_at", "resolved_at", "returned_at", "timeliness", "apologized_at",
    )
    # Version 2 adds whose dossier it is online (the account that sees it and its files) and who
    # holds it now, and the deadline sweep's marks (each set by an alert event).
    row_fields = (*row_fields_v1, "submitted_by_id", "assignee_id", "due_soon_alerted_at", "overdue_alerted_at",
                  "step_overdue_alerted_at")
    row_version = 2
    legacy_row_fields = {1: row_fields_v1}
    row_event_fields = {
        "state": ("to_state", "trạng thái"), "status": ("to_status", "mã trạng thái"),
        "current_step_id": ("to_step_id", "bước xử lý"), "due_at": ("due_at", "hạn trả kết quả"),
        "step_due_at": ("step_due_at", "hạn xử lý bước"),
    }

    def integrity_checks(self, objects=None, *, contents: bool = False):
        from dossiers.codes import code_gaps
        from dossiers.integrity import file_breaks, form_breaks
        from workflow.chain import BrokenLink

        if objects is None:  # codes are consecutive across all dossiers, not within a selection
            for code, reason in code_gaps():
                yield BrokenLink(self.name, 0, 0, reason, code)
        yield from file_breaks(objects, contents=contents)
        yield from form_breaks(objects, contents=contents)

    def lock(self, pk):
        return (Dossier.objects.select_for_update(of=("self",))
                .select_related("procedure_version", "current_step", "receiving_agency").get(pk=pk))

    def snapshot(self, d: Dossier) -> dict:
        return {"state": d.state, "status": d.status if d.pk else None, "step": d.current_step_id}

    def project(self, d: Dossier) -> None:
        d.status = STATUS_OF[d.state]  # the national code follows the state (a constraint checks it)

    def describe_state(self, d: Dossier) -> str:
        return f"hồ sơ đang ở trạng thái “{d.get_state_display()}”"

    def build_event(self, d: Dossier, transition, actor, change, before) -> DossierEvent:
        from dossiers.actions import clean_data

        who = person(actor)
        return DossierEvent(
            action=transition.action, actor=who, actor_name=_name(actor), agency=change.fields.get("agency"),
            at=change.now, from_state=before["state"], to_state=d.state, from_status=before["status"],
            to_status=d.status, from_step_id=before["step"], to_step_id=d.current_step_id, due_at=d.due_at,
            step_due_at=d.step_due_at, step_timeliness=change.fields.get("step_timeliness", ""),
            data=clean_data(change.data),
        )


def _name(actor) -> str:
    if getattr(actor, "is_system", False):
        return actor.full_name
    if person(actor) is None:
        return ""
    return actor.full_name or actor.username


DOSSIER = DossierMachine()
