"""Every change of a dossier goes through one of these functions (design.md).

Each action checks the actor's role in the agency concerned, runs in a transaction with
the dossier row locked, appends a hash-chained event, updates the projection (state,
national status, step, due times) and sends notifications only after commit. Every
action takes an idempotency key: a retried request with the same key returns the first
outcome without acting again. What each step may do comes from the procedure version's
published process; nothing here knows any particular procedure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.permissions import roles_in
from accounts.roles import CITIZEN, Role
from catalogue.models import ProcedureVersion, ProcessStep
from catalogue.services import version_on
from dossiers import notify
from dossiers.codes import new_lookup_secret, next_code
from dossiers.deadlines import agency_of_step, classify, dossier_due, give_back, shift_step_due, step_due
from dossiers.events import append
from dossiers.models import ApplicantKind, Channel, Dossier, DossierEvent
from dossiers.states import FINAL, OPEN, PAUSED, STATUS_OF, State
from motcua.inputs import clean_text
from motcua.textsearch import normalize
from workdays.services import calendar_for


class ActionError(Exception):
    """A refusal the user can act on: a stable code and a Vietnamese message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class Outcome:
    dossier: Dossier
    event: DossierEvent
    repeated: bool = False  # True when the idempotency key had already been used


@dataclass
class Applicant:
    kind: str
    id_number: str
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    representative_name: str = ""
    representative_id_number: str = ""


@dataclass
class _Change:
    """What an action decided, collected before the event is written."""

    data: dict = field(default_factory=dict)
    agency: object = None
    step_timeliness: str = ""


DENIED = "Bạn không có quyền thực hiện thao tác này đối với hồ sơ này."


# --- the engine ---------------------------------------------------------------------------------

def _perform(
    dossier_id: int, action: str, actor, key: str | None, states: frozenset[str] | set[str],
    apply: Callable[[Dossier, datetime, _Change], None],
) -> Outcome:
    if key:
        found = _replay(key, action)
        if found:
            return found
    try:
        with transaction.atomic():
            dossier = (
                Dossier.objects.select_for_update(of=("self",))
                .select_related("procedure_version", "current_step", "receiving_agency")
                .get(pk=dossier_id)
            )
            if key and (found := _replay(key, action)):
                return found
            if dossier.state not in states:
                raise ActionError(
                    "invalid_state", f"Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "
                    f"“{dossier.get_state_display()}”.",
                )
            before = (dossier.state, dossier.status, dossier.current_step_id)
            now = timezone.now()
            change = _Change()
            apply(dossier, now, change)
            return _record(dossier, action, actor, key, now, change, before)
    except IntegrityError:
        # Two requests with the same key raced: the other one won; answer with its outcome.
        if key and (found := _replay(key, action)):
            return found
        raise


def _clean(value):
    """Event data as stored: every string without control characters (motcua.inputs)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


def _record(dossier: Dossier, action: str, actor, key, now, change: _Change, before) -> Outcome:
    dossier.status = STATUS_OF[dossier.state]
    event = DossierEvent(
        action=action, actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.full_name or actor.username) if getattr(actor, "pk", None) else "",
        agency=change.agency, at=now, from_state=before[0], to_state=dossier.state, from_status=before[1],
        to_status=dossier.status, from_step_id=before[2], to_step_id=dossier.current_step_id,
        due_at=dossier.due_at, step_due_at=dossier.step_due_at, step_timeliness=change.step_timeliness,
        data=_clean(change.data), idempotency_key=key or None,
    )
    append(dossier, event)
    dossier.save()
    if notify.wants(action, dossier):
        message = notify.applicant_message(dossier, event)
        transaction.on_commit(lambda: notify.send_applicant_message(message))
    return Outcome(dossier, event)


def _replay(key: str, action: str) -> Outcome | None:
    event = DossierEvent.objects.select_related("dossier").filter(idempotency_key=key).first()
    if event is None:
        return None
    if event.action != action:
        raise ActionError("idempotency_key_reused", "Mã giao dịch (idempotency key) đã được dùng cho thao tác khác.")
    return Outcome(event.dossier, event, repeated=True)


# --- permission helpers -----------------------------------------------------------------------

def _require_role(actor, agency, *roles: str) -> None:
    if not set(roles) & roles_in(actor, agency.pk if agency else None):
        raise PermissionDenied(DENIED)


def _step_agency(dossier: Dossier):
    return agency_of_step(dossier.current_step, dossier) if dossier.current_step_id else dossier.receiving_agency


def _require_step(dossier: Dossier, actor, step_action: str) -> None:
    """The current step allows `step_action` and the actor holds the step's role there; once
    the step is assigned, only the assignee (or a leader of that agency) acts on it."""
    step = dossier.current_step
    if step is None or step_action not in (step.actions or []):
        raise ActionError("not_allowed_at_step", "Bước xử lý hiện tại không cho phép thao tác này.")
    agency = agency_of_step(step, dossier)
    _require_role(actor, agency, step.role)
    if dossier.assignee_id and dossier.assignee_id != actor.pk and Role.LEADER not in roles_in(actor, agency.pk):
        raise PermissionDenied(f"Hồ sơ đang được giao cho {dossier.assignee}; chỉ người được giao hoặc lãnh đạo "
                               "cơ quan mới xử lý được.")


def is_applicant(actor, dossier: Dossier) -> bool:
    """The citizen or organisation account that submitted the dossier online."""
    return bool(getattr(actor, "pk", None)) and dossier.submitted_by_id == actor.pk and CITIZEN in roles_in(actor, None)


def _steps(dossier: Dossier) -> list[ProcessStep]:
    return steps_of(dossier.procedure_version_id)


@lru_cache(maxsize=2048)
def steps_of(version_id: int) -> list[ProcessStep]:
    """The steps of a version, cached: a published version never changes (catalogue/models.py).
    Related agencies are not cached with them (deferred), so their working hours stay current."""
    return list(ProcessStep.objects.filter(version_id=version_id).order_by("order", "pk"))


# --- step movement ---------------------------------------------------------------------------

def _enter_step(dossier: Dossier, step: ProcessStep, now: datetime, assignee=None) -> None:
    agency = agency_of_step(step, dossier)
    if assignee is not None and step.role not in roles_in(assignee, agency.pk):
        raise ActionError("bad_assignee", f"{assignee} không có vai trò “{step.get_role_display()}” tại {agency}.")
    dossier.current_step = step
    dossier.current_agency = agency
    dossier.assignee = assignee
    dossier.step_started_at = now
    dossier.step_due_at = step_due(step, calendar_for(agency), now)
    dossier.step_overdue_alerted_at = None


def _leave_step(dossier: Dossier, now: datetime, change: _Change) -> None:
    if dossier.current_step_id:
        agency = agency_of_step(dossier.current_step, dossier)
        change.agency = agency
        change.step_timeliness = classify(calendar_for(agency), now, dossier.step_due_at)


def _resolve(dossier: Dossier, now: datetime) -> None:
    dossier.state = State.RESULT_READY
    dossier.resolved_at = now
    dossier.timeliness = classify(calendar_for(dossier.receiving_agency), now, dossier.statutory_due_at)


# --- intake ------------------------------------------------------------------------------------

def submit(
    version: ProcedureVersion, applicant: Applicant, actor, *, channel: int = Channel.ONLINE,
    receiving_agency=None, key: str | None = None,
) -> Outcome:
    """Register a dossier (status 1): online by a citizen, or at the counter / by post by an officer."""
    if key and (found := _replay(key, "submit")):
        return found
    today = timezone.localdate()
    if version_on(version.procedure, today) != version:
        raise ActionError("version_not_in_force", "Thủ tục này không có hiệu lực vào ngày hôm nay.")
    receiving_agency = receiving_agency or version.receiving_agency
    if channel == Channel.ONLINE:
        if CITIZEN not in roles_in(actor, None):
            raise PermissionDenied("Chỉ công dân, tổ chức đã đăng nhập mới nộp hồ sơ trực tuyến.")
        if version.online_level == ProcedureVersion.OnlineLevel.NONE:
            raise ActionError("not_online", "Thủ tục này chỉ tiếp nhận trực tiếp, không nộp trực tuyến.")
    else:
        _require_role(actor, receiving_agency, Role.COUNTER_OFFICER)
    applicant = dataclasses.replace(
        applicant, **{f.name: clean_text(getattr(applicant, f.name), multiline=False)
                      for f in dataclasses.fields(applicant)})
    _check_applicant(applicant)
    try:
        with transaction.atomic():
            now = timezone.now()
            dossier = Dossier(
                procedure_version=version, channel=channel, lookup_secret=new_lookup_secret(),
                applicant_kind=applicant.kind, applicant_id_number=applicant.id_number,
                applicant_name=applicant.name, applicant_name_search=normalize(applicant.name),
                applicant_address=applicant.address, applicant_phone=applicant.phone,
                applicant_email=applicant.email, representative_name=applicant.representative_name,
                representative_id_number=applicant.representative_id_number,
                submitted_by=actor if channel == Channel.ONLINE else None,
                receiving_agency=receiving_agency, current_agency=receiving_agency,
                state=State.SUBMITTED, submitted_at=now,
            )
            dossier.status = STATUS_OF[dossier.state]
            dossier.save()
            change = _Change(data={"channel": channel}, agency=receiving_agency)
            return _record(dossier, "submit", actor, key, now, change, ("", None, None))
    except IntegrityError:
        if key and (found := _replay(key, "submit")):
            return found
        raise


def _check_applicant(applicant: Applicant) -> None:
    from accounts.identity import citizen_id_error, tax_code_error

    if applicant.kind not in ApplicantKind.values:
        raise ActionError("invalid_applicant", "Loại người nộp không hợp lệ.")
    if not applicant.name.strip():
        raise ActionError("invalid_applicant", "Vui lòng nhập họ tên người nộp hồ sơ.")
    check = citizen_id_error if applicant.kind == ApplicantKind.CITIZEN else tax_code_error
    error = check(applicant.id_number.strip())
    if error:
        raise ActionError("invalid_applicant", error)


def _take_in(d: Dossier, now: datetime, assignee=None) -> None:
    """What receiving means, at the counter or for a liên thông transfer: the code, the due
    time by the receiving agency's calendar, and the first step."""
    steps = _steps(d)
    if not steps:
        raise ActionError("no_process", "Thủ tục chưa có quy trình xử lý.")
    d.code = next_code(d.receiving_agency, timezone.localdate(now))
    d.received_at = now
    d.due_at = d.statutory_due_at = dossier_due(d.procedure_version, calendar_for(d.receiving_agency), now)
    d.state = State.RECEIVED
    _enter_step(d, steps[0], now, assignee)


def receive(dossier: Dossier, actor, *, key: str | None = None, assignee=None, note: str = "") -> Outcome:
    """Receive a complete dossier (status 2): code, due time, first step; form 01 is issued."""

    def apply(d: Dossier, now, change: _Change) -> None:
        _require_role(actor, d.receiving_agency, Role.COUNTER_OFFICER)
        _take_in(d, now, assignee)
        change.agency = d.receiving_agency
        change.data = {"code": d.code, "note": note}

    return _perform(dossier.pk, "receive", actor, key, {State.SUBMITTED}, apply)


def request_intake_supplement(
    dossier: Dossier, actor, *, missing: list[str], reason: str, key: str | None = None
) -> Outcome:
    """Guide the applicant once, in writing, on what to complete (form 02; Decree 61 Art. 19)."""
    _require_text(reason, "Vui lòng ghi rõ nội dung cần bổ sung, hoàn thiện.")

    def apply(d: Dossier, now, change: _Change) -> None:
        _require_role(actor, d.receiving_agency, Role.COUNTER_OFFICER)
        if d.events.filter(action="request_intake_supplement").exists():
            raise ActionError("already_guided", "Hồ sơ đã được hướng dẫn bổ sung một lần; Nghị định 61/2018/NĐ-CP "
                              "chỉ cho phép hướng dẫn một lần. Hãy tiếp nhận hoặc từ chối hồ sơ.")
        d.state = State.INTAKE_SUPPLEMENT
        change.agency = d.receiving_agency
        change.data = {"missing": list(missing), "reason": reason}

    return _perform(dossier.pk, "request_intake_supplement", actor, key, {State.SUBMITTED}, apply)


def resubmit(dossier: Dossier, actor, *, key: str | None = None) -> Outcome:
    """The applicant hands in the completed dossier again."""

    def apply(d: Dossier, now, change: _Change) -> None:
        if not is_applicant(actor, d):
            _require_role(actor, d.receiving_agency, Role.COUNTER_OFFICER)
        d.state = State.SUBMITTED
        d.submitted_at = now
        change.agency = d.receiving_agency

    return _perform(dossier.pk, "resubmit", actor, key, {State.INTAKE_SUPPLEMENT}, apply)


def refuse(dossier: Dossier, actor, *, reason: str, key: str | None = None) -> Outcome:
    """Refuse the dossier with the specific reason (form 03): at intake, or at a step allowing it."""
    _require_text(reason, "Vui lòng ghi rõ lý do từ chối.")

    def apply(d: Dossier, now, change: _Change) -> None:
        if d.state in (State.SUBMITTED, State.INTAKE_SUPPLEMENT):
            _require_role(actor, d.receiving_agency, Role.COUNTER_OFFICER)
            change.agency = d.receiving_agency
        else:
            _require_step(d, actor, "refuse")
            _leave_step(d, now, change)
        d.state = State.REFUSED
        change.data = {"reason": reason}
        if d.parent_id:
            _flow_back(d, actor, now, "refused", reason)

    states = {State.SUBMITTED, State.INTAKE_SUPPLEMENT, State.RECEIVED, State.PROCESSING}
    return _perform(dossier.pk, "refuse", actor, key, states, apply)


# --- processing --------------------------------------------------------------------------------

def forward(dossier: Dossier, actor, *, key: str | None = None, assignee=None, note: str = "",
            action: str = "forward") -> Outcome:
    """Hand the dossier to the next step (forward, approve or sign, as the step allows)."""

    def apply(d: Dossier, now, change: _Change) -> None:
        _require_step(d, actor, action)
        steps = _steps(d)
        position = [s.pk for s in steps].index(d.current_step_id)
        if position + 1 >= len(steps):
            raise ActionError("last_step", "Đây là bước cuối cùng; hãy trả kết quả.")
        _leave_step(d, now, change)
        _enter_step(d, steps[position + 1], now, assignee)
        d.state = State.PROCESSING
        if position + 2 == len(steps):
            _resolve(d, now)  # the last step only returns the result: it is ready now
        change.data = {"note": note}

    return _perform(dossier.pk, action, actor, key, {State.RECEIVED, State.PROCESSING}, apply)


def approve(dossier: Dossier, actor, **kwargs) -> Outcome:
    return forward(dossier, actor, action="approve", **kwargs)


def sign(dossier: Dossier, actor, **kwargs) -> Outcome:
    return forward(dossier, actor, action="sign", **kwargs)


def send_back(dossier: Dossier, actor, *, reason: str, key: str | None = None, assignee=None) -> Outcome:
    _require_text(reason, "Vui lòng ghi rõ lý do trả lại.")

    def apply(d: Dossier, now, change: _Change) -> None:
        _require_step(d, actor, "send_back")
        steps = _steps(d)
        position = [s.pk for s in steps].index(d.current_step_id)
        if position == 0:
            raise ActionError("first_step", "Bước đầu tiên không có bước trước để trả lại.")
        _leave_step(d, now, change)
        _enter_step(d, steps[position - 1], now, assignee)
        d.state = State.RECEIVED if position - 1 == 0 else State.PROCESSING
        change.data = {"reason": reason}

    return _perform(dossier.pk, "send_back", actor, key, {State.RECEIVED, State.PROCESSING}, apply)


def reassign(dossier: Dossier, actor, *, assignee, key: str | None = None) -> Outcome:
    """A leader of the agency holding the dossier hands the current step to another officer."""

    def apply(d: Dossier, now, change: _Change) -> None:
        agency = _step_agency(d)
        _require_role(actor, agency, Role.LEADER)
        step = d.current_step
        if step is None or step.role not in roles_in(assignee, agency.pk):
            raise ActionError("bad_assignee", f"{assignee} không thể xử lý bước này tại {agency}.")
        change.agency = agency
        change.data = {"from": d.assignee_id, "to": assignee.pk}
        d.assignee = assignee

    return _perform(dossier.pk, "reassign", actor, key, OPEN | PAUSED, apply)


# --- pauses: supplement, financial obligation, stop ---------------------------------------------

def request_supplement(dossier: Dossier, actor, *, missing: list[str], reason: str, key: str | None = None) -> Outcome:
    """Ask the applicant, through the one-stop unit, for more documents (status 5); the clock stops."""
    _require_text(reason, "Vui lòng ghi rõ nội dung cần bổ sung.")

    def apply(d: Dossier, now, change: _Change) -> None:
        _require_step(d, actor, "request_supplement")
        d.state, d.paused_at = State.SUPPLEMENT, now
        change.agency = _step_agency(d)
        change.data = {"missing": list(missing), "reason": reason}

    return _perform(dossier.pk, "request_supplement", actor, key, {State.RECEIVED, State.PROCESSING}, apply)


def request_payment(dossier: Dossier, actor, *, amount: int, reason: str, key: str | None = None) -> Outcome:
    """Wait for a fee or tax to be paid (status 6); the clock stops."""
    if not isinstance(amount, int) or amount <= 0:
        raise ActionError("invalid_amount", "Số tiền phải là số nguyên dương (đồng).")

    def apply(d: Dossier, now, change: _Change) -> None:
        agency = _step_agency(d)
        if d.current_step is None:
            raise PermissionDenied(DENIED)
        _require_role(actor, agency, d.current_step.role)
        if not d.procedure_version.fees.exists():
            raise ActionError("no_fee", "Thủ tục này không có phí, lệ phí hay nghĩa vụ tài chính để yêu cầu.")
        d.state, d.paused_at = State.AWAITING_PAYMENT, now
        change.agency = agency
        change.data = {"amount": amount, "reason": reason}

    return _perform(dossier.pk, "request_payment", actor, key, {State.RECEIVED, State.PROCESSING}, apply)


def stop(dossier: Dossier, actor, *, reason: str, key: str | None = None) -> Outcome:
    _require_text(reason, "Vui lòng ghi rõ lý do dừng xử lý.")

    def apply(d: Dossier, now, change: _Change) -> None:
        agency = _step_agency(d)
        _require_role(actor, agency, Role.LEADER)
        d.state, d.paused_at = State.STOPPED, now
        change.agency = agency
        change.data = {"reason": reason}

    return _perform(dossier.pk, "stop", actor, key, {State.RECEIVED, State.PROCESSING}, apply)


def resume(dossier: Dossier, actor, *, key: str | None = None, note: str = "") -> Outcome:
    """End a pause: supplement received, obligation paid, or processing resumed. The working
    time spent waiting is given back to the dossier's and the step's due times."""

    def apply(d: Dossier, now, change: _Change) -> None:
        if d.state == State.SUPPLEMENT:
            if not is_applicant(actor, d):
                _require_role(actor, d.receiving_agency, Role.COUNTER_OFFICER)
            change.agency = d.receiving_agency
        elif d.state == State.AWAITING_PAYMENT:
            # The payment is recorded where it is paid, not by the officer who asked for it.
            _require_role(actor, d.receiving_agency, Role.COUNTER_OFFICER)
            change.agency = d.receiving_agency
        else:
            _require_role(actor, _step_agency(d), Role.LEADER)
            change.agency = _step_agency(d)
        waited = give_back(d, d.paused_at, now)
        change.data = {"paused_state": d.state, "waited_seconds": int(waited.total_seconds()), "note": note}
        first = d.current_step_id == _steps(d)[0].pk
        d.state = State.RECEIVED if first else State.PROCESSING
        d.paused_at = None

    return _perform(dossier.pk, "resume", actor, key, PAUSED, apply)


# --- liên thông ----------------------------------------------------------------------------------

def transfer(dossier: Dossier, actor, *, version: ProcedureVersion, note: str = "", key: str | None = None) -> Outcome:
    """Send the dossier to another agency or level: a linked sub-dossier is received there,
    with its own steps and deadlines; its result flows back when it is returned."""
    if key and (found := _replay(key, "transfer")):
        return found
    today = timezone.localdate()
    if version_on(version.procedure, today) != version:
        raise ActionError("version_not_in_force", "Thủ tục liên thông không có hiệu lực vào ngày hôm nay.")

    def apply(d: Dossier, now, change: _Change) -> None:
        _require_step(d, actor, "transfer")
        if version.receiving_agency_id == _step_agency(d).pk:
            raise ActionError("same_agency", "Hồ sơ liên thông phải chuyển đến cơ quan khác.")
        sub = Dossier(
            procedure_version=version, channel=d.channel, parent=d, lookup_secret=new_lookup_secret(),
            applicant_kind=d.applicant_kind, applicant_id_number=d.applicant_id_number,
            applicant_name=d.applicant_name, applicant_name_search=d.applicant_name_search,
            applicant_address=d.applicant_address, applicant_phone=d.applicant_phone,
            applicant_email=d.applicant_email, submitted_by=d.submitted_by,
            receiving_agency=version.receiving_agency, current_agency=version.receiving_agency,
            submitted_at=now,
        )
        _take_in(sub, now)
        sub.status = STATUS_OF[sub.state]
        sub.save()
        sub_change = _Change(data={"parent": d.code, "note": note}, agency=version.receiving_agency)
        _record(sub, "receive_transfer", actor, None, now, sub_change, ("", None, None))
        d.state = State.TRANSFERRED
        # The other agency's time is not this step's: its clock stops until the result is back.
        d.paused_at = now
        change.agency = _step_agency(d)
        change.data = {"sub_dossier": sub.code, "to_agency": version.receiving_agency.code, "note": note}

    return _perform(dossier.pk, "transfer", actor, key, {State.RECEIVED, State.PROCESSING}, apply)


# --- results -------------------------------------------------------------------------------------

def return_result(dossier: Dossier, actor, *, key: str | None = None, note: str = "") -> Outcome:
    """Return the result to the applicant (status 10), or, for a liên thông sub-dossier,
    to the agency that sent it, which resumes its own processing."""

    def apply(d: Dossier, now, change: _Change) -> None:
        steps = _steps(d)
        if d.current_step_id != steps[-1].pk:
            raise ActionError("not_last_step", "Chỉ trả kết quả ở bước cuối cùng của quy trình.")
        _require_step(d, actor, "return_result")
        if d.state != State.RESULT_READY:
            _resolve(d, now)  # a one-step process: resolved and returned at once
        _leave_step(d, now, change)
        d.state, d.returned_at, d.assignee = State.RETURNED, now, None
        change.data = {"note": note}
        if d.parent_id:
            _flow_back(d, actor, now, "returned")

    states = {State.RESULT_READY, State.RECEIVED, State.PROCESSING}
    return _perform(dossier.pk, "return_result", actor, key, states, apply)


def _flow_back(sub: Dossier, actor, now, outcome: str, reason: str = "") -> None:
    """A liên thông sub-dossier ended (returned, refused or withdrawn): its parent resumes
    the step that sent it, with that step's clock given back for the time away."""
    parent = Dossier.objects.select_for_update(of=("self",)).select_related("current_step", "receiving_agency").get(
        pk=sub.parent_id
    )
    if parent.state != State.TRANSFERRED:
        return
    before = (parent.state, parent.status, parent.current_step_id)
    if parent.paused_at and parent.step_due_at:
        parent.step_due_at = shift_step_due(parent, parent.paused_at, now)
    parent.paused_at = None
    first = parent.current_step_id == _steps(parent)[0].pk
    parent.state = State.RECEIVED if first else State.PROCESSING
    data = {"sub_dossier": sub.code, "outcome": outcome, "result": sub.timeliness, "reason": reason}
    _record(parent, "transfer_result", actor, None, now, _Change(data=data, agency=sub.receiving_agency), before)


def withdraw(dossier: Dossier, actor, *, reason: str, key: str | None = None) -> Outcome:
    """Withdraw at the applicant's request (status 7)."""
    _require_text(reason, "Vui lòng ghi rõ lý do rút hồ sơ.")

    def apply(d: Dossier, now, change: _Change) -> None:
        if d.parent_id:
            raise ActionError("withdraw_parent", "Hồ sơ liên thông chỉ được rút cùng với hồ sơ gốc "
                              f"{d.parent.code}.")
        if not is_applicant(actor, d):
            _require_role(actor, d.receiving_agency, Role.COUNTER_OFFICER)
        for sub in Dossier.objects.select_for_update(of=("self",)).filter(parent=d).exclude(state__in=FINAL):
            before = (sub.state, sub.status, sub.current_step_id)
            sub.state, sub.assignee = State.WITHDRAWN, None
            _record(sub, "withdraw", actor, None, now, _Change(data={"reason": reason, "with_parent": d.code},
                                                               agency=sub.receiving_agency), before)
        d.state, d.assignee = State.WITHDRAWN, None
        change.agency = d.receiving_agency
        change.data = {"reason": reason}

    states = set(State.values) - FINAL - {State.RESULT_READY}
    return _perform(dossier.pk, "withdraw", actor, key, states, apply)


# --- lateness --------------------------------------------------------------------------------------

def apologize(dossier: Dossier, actor, *, reason: str, new_due_at: datetime, key: str | None = None) -> Outcome:
    """Apologise for lateness and set a new date (form 04). Decree 61 allows the new date only once."""
    _require_text(reason, "Vui lòng ghi rõ lý do chậm trễ.")
    if new_due_at.tzinfo is None:
        raise ActionError("invalid_date", "Ngày hẹn mới phải có múi giờ.")

    def apply(d: Dossier, now, change: _Change) -> None:
        agency = _step_agency(d)
        _require_role(actor, agency, Role.LEADER)
        if d.apologized_at is not None:
            raise ActionError("already_apologized", "Hồ sơ đã được hẹn lại một lần; không được hẹn lại lần thứ hai.")
        if now >= d.due_at:
            raise ActionError("too_late", "Hồ sơ đã quá hạn trả kết quả; phiếu xin lỗi và hẹn lại phải gửi trước hạn.")
        if new_due_at <= d.due_at:
            raise ActionError("invalid_date", "Ngày hẹn mới phải sau hạn trả kết quả hiện tại.")
        calendar = calendar_for(d.receiving_agency)
        # A new appointment buys at most the statutory time once more (at least a working day).
        statutory = calendar.working_time_between(d.received_at, d.statutory_due_at)
        latest = calendar.add_working_time(d.due_at, max(statutory, calendar.day_length()))
        if new_due_at > latest:
            raise ActionError("invalid_date", "Ngày hẹn mới không được quá "
                              f"{timezone.localtime(latest):%H:%M ngày %d/%m/%Y} (thêm tối đa một lần thời hạn "
                              "giải quyết).")
        # Decree 61 asks for the apology at least one working day before the due date.
        notice = calendar.working_time_between(now, d.due_at)
        change.agency = agency
        change.data = {"reason": reason, "previous_due_at": d.due_at.isoformat(),
                       "on_time": notice >= calendar.day_length()}
        d.apologized_at = now
        d.due_at = new_due_at
        d.due_soon_alerted_at = d.overdue_alerted_at = None

    return _perform(dossier.pk, "apologize", actor, key, OPEN | PAUSED, apply)


def record_attachment(dossier: Dossier, actor, attached) -> DossierEvent:
    """The event for a file attached to a dossier; the caller (dossiers.files.attach_file)
    holds the dossier's row lock inside its transaction. The state does not change."""
    before = (dossier.state, dossier.status, dossier.current_step_id)
    change = _Change(agency=dossier.receiving_agency, data={
        "file": attached.sha256, "name": attached.original_name, "size": attached.size,
        "component": attached.component.name if attached.component_id else "",
    })
    return _record(dossier, "attach_file", actor, None, timezone.now(), change, before).event


def _require_text(value: str, message: str) -> None:
    if not clean_text(value):
        raise ActionError("missing_reason", message)
