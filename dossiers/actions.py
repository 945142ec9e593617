"""Every change of a dossier goes through one of these functions.

Each validates its inputs, then asks the workflow engine (workflow/engine.py) to act along
the dossier table (dossiers/machine.py): the engine locks the row, checks the state, the
permission and the guards, runs the effect written here, appends the hash-chained event,
saves the projection (state, national status, step, due times) and publishes the event
(notifications are sent by the worker, after commit). Every action takes an idempotency key:
a retried request with the same key returns the first outcome without acting again. What
each step may do comes from the procedure version's published process; nothing here knows
any particular procedure.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.utils import timezone

from accounts.permissions import Target, can
from catalogue.models import ProcedureVersion, ProcessStep
from catalogue.services import version_on
from dossiers.codes import new_lookup_secret, next_code
from dossiers.deadlines import agency_of_step, classify, dossier_due, give_back, shift_step_due, step_due
from dossiers.machine import DOSSIER, Code, step_agency_id
from dossiers.models import ApplicantKind, Channel, Dossier
from dossiers.states import FINAL, State
from motcua.inputs import clean_text
from motcua.textsearch import normalize
from workdays.services import calendar_for
from workflow import engine
from workflow.engine import Change
from workflow.errors import ActionDenied, ActionError

__all__ = ["ActionDenied", "ActionError", "Applicant", "Outcome"]


@dataclass
class Outcome(engine.Outcome):
    @property
    def dossier(self) -> Dossier:
        return self.obj

    @classmethod
    def of(cls, outcome: engine.Outcome) -> Outcome:
        return cls(outcome.obj, outcome.event, outcome.repeated, outcome.result)


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


def clean_data(value):
    """Event data as stored: every string without control characters (motcua.inputs)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_data(item) for key, item in value.items()}
    return value


def _act(dossier: Dossier | int, action: str, actor, key: str | None, effect=None, now=None) -> Outcome:
    pk = dossier.pk if isinstance(dossier, Dossier) else dossier
    return Outcome.of(engine.perform(DOSSIER, pk, action, actor, effect=effect, key=key, now=now))


def allowed_actions(dossier: Dossier, user):
    """The edges of the dossier table `user` may take now (the API and the pages offer these)."""
    return DOSSIER.allowed_actions(dossier, user)


def is_applicant(actor, dossier: Dossier) -> bool:
    """The citizen or organisation account that submitted the dossier online."""
    return can(actor, "dossier.hand_in", Target(owner_id=dossier.submitted_by_id))


@lru_cache(maxsize=2048)
def steps_of(version_id: int) -> list[ProcessStep]:
    """The steps of a version, cached: a published version never changes (catalogue/models.py).
    Related agencies are not cached with them (deferred), so their working hours stay current."""
    return list(ProcessStep.objects.filter(version_id=version_id).order_by("order", "pk"))


# --- step movement ---------------------------------------------------------------------------

def _enter_step(dossier: Dossier, step: ProcessStep, now: datetime, assignee=None) -> None:
    agency = agency_of_step(step, dossier)
    if assignee is not None and not can(assignee, "dossier.step", Target(agency_id=agency.pk, role=step.role)):
        raise ActionError(Code.BAD_ASSIGNEE, f"{assignee} không có vai trò “{step.get_role_display()}” tại {agency}.",
                          field="assignee")
    dossier.current_step = step
    dossier.current_agency = agency
    dossier.assignee = assignee
    dossier.step_started_at = now
    dossier.step_due_at = step_due(step, calendar_for(agency), now)
    dossier.step_overdue_alerted_at = None


def _leave_step(dossier: Dossier, change: Change) -> None:
    if dossier.current_step_id:
        agency = agency_of_step(dossier.current_step, dossier)
        change.fields["agency"] = agency
        change.fields["step_timeliness"] = classify(calendar_for(agency), change.now, dossier.step_due_at)


def _step_agency(dossier: Dossier):
    return agency_of_step(dossier.current_step, dossier) if dossier.current_step_id else dossier.receiving_agency


def _resolve(dossier: Dossier, now: datetime) -> None:
    dossier.state = State.RESULT_READY
    dossier.resolved_at = now
    dossier.timeliness = classify(calendar_for(dossier.receiving_agency), now, dossier.statutory_due_at)


def _back_to_work(dossier: Dossier) -> None:
    """After a pause or a liên thông leg: received while at the first step, processing after."""
    first = dossier.current_step_id == steps_of(dossier.procedure_version_id)[0].pk
    dossier.state = State.RECEIVED if first else State.PROCESSING


# --- intake ------------------------------------------------------------------------------------

def submit(
    version: ProcedureVersion, applicant: Applicant, actor, *, channel: int = Channel.ONLINE,
    receiving_agency=None, key: str | None = None,
) -> Outcome:
    """Register a dossier (status 1): online by a citizen, or at the counter / by post by an officer."""
    if version_on(version.procedure, timezone.localdate()) != version:
        raise ActionError(Code.VERSION_NOT_IN_FORCE, "Thủ tục này không có hiệu lực vào ngày hôm nay.")
    if channel == Channel.ONLINE and version.online_level == ProcedureVersion.OnlineLevel.NONE and can(
            actor, "dossier.submit_online"):
        raise ActionError(Code.NOT_ONLINE, "Thủ tục này chỉ tiếp nhận trực tiếp, không nộp trực tuyến.")
    applicant = dataclasses.replace(
        applicant, **{f.name: clean_text(getattr(applicant, f.name), multiline=False)
                      for f in dataclasses.fields(applicant)})
    receiving_agency = receiving_agency or version.receiving_agency
    _check_receiving_agency(version, receiving_agency)

    def build() -> Dossier:
        return Dossier(
            procedure_version=version, channel=channel, lookup_secret=new_lookup_secret(),
            applicant_kind=applicant.kind, applicant_id_number=applicant.id_number,
            applicant_name=applicant.name, applicant_name_search=normalize(applicant.name),
            applicant_address=applicant.address, applicant_phone=applicant.phone,
            applicant_email=applicant.email, representative_name=applicant.representative_name,
            representative_id_number=applicant.representative_id_number,
            submitted_by=actor if channel == Channel.ONLINE and getattr(actor, "pk", None) else None,
            receiving_agency=receiving_agency, current_agency=receiving_agency, state=State.SUBMITTED,
        )

    def effect(d: Dossier, change: Change) -> None:
        _check_applicant(applicant)  # after the permission: a stranger learns nothing from it
        d.submitted_at = change.now
        change.data = {"channel": channel}
        change.fields["agency"] = receiving_agency

    try:
        return Outcome.of(engine.create(DOSSIER, "submit", actor, build, effect=effect, key=key))
    except ActionDenied:
        if channel == Channel.ONLINE:
            raise ActionDenied("Chỉ công dân, tổ chức đã đăng nhập mới nộp hồ sơ trực tuyến.") from None
        raise


def _check_receiving_agency(version: ProcedureVersion, agency) -> None:
    """A dossier is received where the catalogue says: the procedure's receiving agency, or,
    for a procedure received regardless of administrative boundaries, any active commune
    committee or service centre (docs/domain/one-stop.md §1, the 2025 reform)."""
    from units.models import Agency

    if agency.pk == version.receiving_agency_id:
        return
    one_stop = {Agency.Kind.PEOPLES_COMMITTEE, Agency.Kind.SERVICE_CENTER}
    if version.intake_anywhere and agency.is_active and agency.kind in one_stop:
        return
    where = ("Bộ phận Một cửa của xã, phường hoặc Trung tâm Phục vụ hành chính công" if version.intake_anywhere
             else str(version.receiving_agency))
    raise ActionError(Code.WRONG_RECEIVING_AGENCY, f"Thủ tục “{version.name}” chỉ được tiếp nhận tại {where}.",
                      field="receiving_agency")


def _check_applicant(applicant: Applicant) -> None:
    from accounts.identity import citizen_id_error, tax_code_error

    if applicant.kind not in ApplicantKind.values:
        raise ActionError(Code.INVALID_APPLICANT, "Loại người nộp không hợp lệ.", field="applicant.kind")
    if not applicant.name.strip():
        raise ActionError(Code.INVALID_APPLICANT, "Vui lòng nhập họ tên người nộp hồ sơ.", field="applicant.name")
    check = citizen_id_error if applicant.kind == ApplicantKind.CITIZEN else tax_code_error
    error = check(applicant.id_number.strip())
    if error:
        raise ActionError(Code.INVALID_APPLICANT, error, field="applicant.id_number")


def _take_in(d: Dossier, now: datetime, assignee=None) -> None:
    """What receiving means, at the counter or for a liên thông transfer: the code, the due
    time by the receiving agency's calendar, and the first step."""
    steps = steps_of(d.procedure_version_id)
    d.code = next_code(d.receiving_agency, timezone.localdate(now))
    d.received_at = now
    d.due_at = d.statutory_due_at = dossier_due(d.procedure_version, calendar_for(d.receiving_agency), now)
    d.state = State.RECEIVED
    _enter_step(d, steps[0], now, assignee)


COPY_KINDS = {"original": "Bản chính", "certified_copy": "Bản sao có chứng thực", "copy": "Bản sao"}


def receive(dossier: Dossier, actor, *, key: str | None = None, assignee=None, note: str = "",
            components: list[dict] | None = None) -> Outcome:
    """Receive a complete dossier (status 2): code, due time, first step; form 01 is issued.
    `components` records what the counter checked on paper: [{"id", "name", "copy_kind"}],
    copy_kind one of COPY_KINDS."""
    received = _received_components(dossier, components or [])

    def effect(d: Dossier, change: Change) -> None:
        _take_in(d, change.now, assignee)
        change.fields["agency"] = d.receiving_agency
        change.data = {"code": d.code, "note": note}
        if received:
            change.data["components"] = received

    return _act(dossier, "receive", actor, key, effect)


def _received_components(dossier, components: list[dict]) -> list[dict]:
    from catalogue.models import Component

    version_id = dossier.procedure_version_id if isinstance(dossier, Dossier) else (
        Dossier.objects.values_list("procedure_version_id", flat=True).get(pk=dossier))
    names = dict(Component.objects.filter(version_id=version_id).values_list("pk", "name"))
    received = []
    for item in components:
        if item.get("id") not in names:
            raise ActionError(Code.INVALID_COMPONENT, "Thành phần hồ sơ không thuộc thủ tục này.", field="components")
        if item.get("copy_kind") not in COPY_KINDS:
            raise ActionError(Code.INVALID_COMPONENT, "Vui lòng chọn loại bản: bản chính, bản sao có chứng thực "
                              "hoặc bản sao.", field="components")
        received.append({"id": item["id"], "name": names[item["id"]], "copy_kind": item["copy_kind"]})
    return received


def request_intake_supplement(
    dossier: Dossier, actor, *, missing: list[str], reason: str, key: str | None = None
) -> Outcome:
    """Guide the applicant once, in writing, on what to complete (form 02; Decree 61/2018 Art. 15)."""
    _require_text(reason, "Vui lòng ghi rõ nội dung cần bổ sung, hoàn thiện.")

    def effect(d: Dossier, change: Change) -> None:
        d.state = State.INTAKE_SUPPLEMENT
        change.fields["agency"] = d.receiving_agency
        change.data = {"missing": list(missing), "reason": reason}

    return _act(dossier, "request_intake_supplement", actor, key, effect)


def resubmit(dossier: Dossier, actor, *, key: str | None = None) -> Outcome:
    """The applicant hands in the completed dossier again."""

    def effect(d: Dossier, change: Change) -> None:
        d.state = State.SUBMITTED
        d.submitted_at = change.now
        change.fields["agency"] = d.receiving_agency

    return _act(dossier, "resubmit", actor, key, effect)


def refuse(dossier: Dossier, actor, *, reason: str, key: str | None = None) -> Outcome:
    """Refuse the dossier with the specific reason (form 03): at intake, or at a step allowing it."""
    _require_text(reason, "Vui lòng ghi rõ lý do từ chối.")

    def effect(d: Dossier, change: Change) -> None:
        if d.state in (State.SUBMITTED, State.INTAKE_SUPPLEMENT):
            change.fields["agency"] = d.receiving_agency
        else:
            _leave_step(d, change)
        d.state = State.REFUSED
        change.data = {"reason": reason}
        if d.parent_id:
            _flow_back(d, actor, change.now, "refused", reason)

    return _act(dossier, "refuse", actor, key, effect)


# --- processing --------------------------------------------------------------------------------

def forward(dossier: Dossier, actor, *, key: str | None = None, assignee=None, note: str = "",
            action: str = "forward") -> Outcome:
    """Hand the dossier to the next step (forward, approve or sign, as the step allows)."""

    def effect(d: Dossier, change: Change) -> None:
        steps = steps_of(d.procedure_version_id)
        position = [s.pk for s in steps].index(d.current_step_id)
        _leave_step(d, change)
        _enter_step(d, steps[position + 1], change.now, assignee)
        d.state = State.PROCESSING
        if position + 2 == len(steps):
            _resolve(d, change.now)  # the last step only returns the result: it is ready now
        change.data = {"note": note}

    return _act(dossier, action, actor, key, effect)


def approve(dossier: Dossier, actor, **kwargs) -> Outcome:
    return forward(dossier, actor, action="approve", **kwargs)


def sign(dossier: Dossier, actor, **kwargs) -> Outcome:
    return forward(dossier, actor, action="sign", **kwargs)


def send_back(dossier: Dossier, actor, *, reason: str, key: str | None = None, assignee=None) -> Outcome:
    _require_text(reason, "Vui lòng ghi rõ lý do trả lại.")

    def effect(d: Dossier, change: Change) -> None:
        steps = steps_of(d.procedure_version_id)
        position = [s.pk for s in steps].index(d.current_step_id)
        _leave_step(d, change)
        _enter_step(d, steps[position - 1], change.now, assignee)
        d.state = State.RECEIVED if position - 1 == 0 else State.PROCESSING
        change.data = {"reason": reason}

    return _act(dossier, "send_back", actor, key, effect)


def reassign(dossier: Dossier, actor, *, assignee, key: str | None = None) -> Outcome:
    """A leader of the agency holding the dossier hands the current step to another officer."""

    def effect(d: Dossier, change: Change) -> None:
        agency = _step_agency(d)
        if not can(assignee, "dossier.step", Target(agency_id=agency.pk, role=d.current_step.role)):
            raise ActionError(Code.BAD_ASSIGNEE, f"{assignee} không thể xử lý bước này tại {agency}.",
                              field="assignee")
        change.fields["agency"] = agency
        change.data = {"from": d.assignee_id, "to": assignee.pk}
        d.assignee = assignee

    return _act(dossier, "reassign", actor, key, effect)


# --- pauses: supplement, financial obligation, stop ---------------------------------------------

def request_supplement(dossier: Dossier, actor, *, missing: list[str], reason: str, key: str | None = None) -> Outcome:
    """Ask the applicant, through the one-stop unit, for more documents (status 5); the clock stops."""
    _require_text(reason, "Vui lòng ghi rõ nội dung cần bổ sung.")

    def effect(d: Dossier, change: Change) -> None:
        d.state, d.paused_at = State.SUPPLEMENT, change.now
        change.fields["agency"] = _step_agency(d)
        change.data = {"missing": list(missing), "reason": reason}

    return _act(dossier, "request_supplement", actor, key, effect)


def request_payment(dossier: Dossier, actor, *, amount: int, reason: str, key: str | None = None) -> Outcome:
    """Wait for a fee or tax to be paid (status 6); the clock stops."""
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ActionError(Code.INVALID_AMOUNT, "Số tiền phải là số nguyên dương (đồng).", field="amount")

    def effect(d: Dossier, change: Change) -> None:
        d.state, d.paused_at = State.AWAITING_PAYMENT, change.now
        change.fields["agency"] = _step_agency(d)
        change.data = {"amount": amount, "reason": reason}

    return _act(dossier, "request_payment", actor, key, effect)


def stop(dossier: Dossier, actor, *, reason: str, key: str | None = None) -> Outcome:
    _require_text(reason, "Vui lòng ghi rõ lý do dừng xử lý.")

    def effect(d: Dossier, change: Change) -> None:
        d.state, d.paused_at = State.STOPPED, change.now
        change.fields["agency"] = _step_agency(d)
        change.data = {"reason": reason}

    return _act(dossier, "stop", actor, key, effect)


def _resumed(note: str, **extra):
    def effect(d: Dossier, change: Change) -> None:
        stopped = d.state == State.STOPPED
        change.fields["agency"] = _step_agency(d) if stopped else d.receiving_agency
        waited = give_back(d, d.paused_at, change.now)
        change.data = {"paused_state": d.state, "waited_seconds": int(waited.total_seconds()), "note": note, **extra}
        _back_to_work(d)
        d.paused_at = None

    return effect


def resume(dossier: Dossier, actor, *, key: str | None = None, note: str = "") -> Outcome:
    """End a pause: supplement received, obligation paid, or processing resumed. The working
    time spent waiting is given back to the dossier's and the step's due times."""
    return _act(dossier, "resume", actor, key, _resumed(note))


# --- online payment (payments/actions.py calls these with the dossier already locked) ------------

def record_payment(d: Dossier, actor, *, data: dict, resume: bool, now: datetime) -> None:
    """A payment the gateway confirmed, on the dossier's trail; when it settles the obligation
    the dossier waits for, the dossier resumes as the counter's "paid" would (the clock restarts)."""

    def effect(obj: Dossier, change: Change) -> None:
        change.fields["agency"] = obj.receiving_agency
        change.data = data

    engine.follow(DOSSIER, d, "record_payment", actor, effect=effect, now=now)
    if resume and d.state == State.AWAITING_PAYMENT:
        engine.follow(DOSSIER, d, "resume", actor, now=now,
                      effect=_resumed("Đã thực hiện nghĩa vụ tài chính trực tuyến.", payment=data.get("order_ref")))


def record_refund(d: Dossier, actor, *, data: dict, now: datetime) -> None:
    def effect(obj: Dossier, change: Change) -> None:
        change.fields["agency"] = obj.receiving_agency
        change.data = data

    engine.follow(DOSSIER, d, "record_refund", actor, effect=effect, now=now)


# --- liên thông ----------------------------------------------------------------------------------

def transfer(dossier: Dossier, actor, *, version: ProcedureVersion, note: str = "", key: str | None = None) -> Outcome:
    """Send the dossier to another agency or level: a linked sub-dossier is received there,
    with its own steps and deadlines; its result flows back when it is returned."""
    if version_on(version.procedure, timezone.localdate()) != version:
        raise ActionError(Code.VERSION_NOT_IN_FORCE, "Thủ tục liên thông không có hiệu lực vào ngày hôm nay.",
                          field="procedure_code")

    def effect(d: Dossier, change: Change) -> None:
        if version.receiving_agency_id == step_agency_id(d):
            raise ActionError(Code.SAME_AGENCY, "Hồ sơ liên thông phải chuyển đến cơ quan khác.",
                              field="procedure_code")
        if not steps_of(version.pk):
            raise ActionError(Code.NO_PROCESS, "Thủ tục liên thông chưa có quy trình xử lý.", field="procedure_code")
        sub = Dossier(
            procedure_version=version, channel=d.channel, parent=d, lookup_secret=new_lookup_secret(),
            applicant_kind=d.applicant_kind, applicant_id_number=d.applicant_id_number,
            applicant_name=d.applicant_name, applicant_name_search=d.applicant_name_search,
            applicant_address=d.applicant_address, applicant_phone=d.applicant_phone,
            applicant_email=d.applicant_email, submitted_by=d.submitted_by,
            receiving_agency=version.receiving_agency, current_agency=version.receiving_agency,
            submitted_at=change.now, state=State.SUBMITTED,
        )

        def take_in(s: Dossier, sub_change: Change) -> None:
            _take_in(s, sub_change.now)
            sub_change.data = {"parent": d.code, "note": note}
            sub_change.fields["agency"] = version.receiving_agency

        engine.follow(DOSSIER, sub, "receive_transfer", actor, effect=take_in, now=change.now, state="")
        d.state = State.TRANSFERRED
        # The other agency's time is not this step's: its clock stops until the result is back.
        d.paused_at = change.now
        change.fields["agency"] = _step_agency(d)
        change.data = {"sub_dossier": sub.code, "to_agency": version.receiving_agency.code, "note": note}

    return _act(dossier, "transfer", actor, key, effect)


# --- results -------------------------------------------------------------------------------------

def return_result(dossier: Dossier, actor, *, key: str | None = None, note: str = "") -> Outcome:
    """Return the result to the applicant (status 10), or, for a liên thông sub-dossier,
    to the agency that sent it, which resumes its own processing."""

    def effect(d: Dossier, change: Change) -> None:
        if d.state != State.RESULT_READY:
            _resolve(d, change.now)  # a one-step process: resolved and returned at once
        _leave_step(d, change)
        d.state, d.returned_at, d.assignee = State.RETURNED, change.now, None
        change.data = {"note": note}
        if d.parent_id:
            _flow_back(d, actor, change.now, "returned")

    return _act(dossier, "return_result", actor, key, effect)


def _flow_back(sub: Dossier, actor, now, outcome: str, reason: str = "") -> None:
    """A liên thông sub-dossier ended (returned, refused or withdrawn): its parent resumes
    the step that sent it, with that step's clock given back for the time away."""
    parent = DOSSIER.lock(sub.parent_id)
    if parent.state != State.TRANSFERRED:
        return

    def effect(p: Dossier, change: Change) -> None:
        if p.paused_at and p.step_due_at:
            p.step_due_at = shift_step_due(p, p.paused_at, now)
        p.paused_at = None
        _back_to_work(p)
        change.fields["agency"] = sub.receiving_agency
        change.data = {"sub_dossier": sub.code, "outcome": outcome, "result": sub.timeliness, "reason": reason}

    engine.follow(DOSSIER, parent, "transfer_result", actor, effect=effect, now=now)


def withdraw(dossier: Dossier, actor, *, reason: str, key: str | None = None) -> Outcome:
    """Withdraw at the applicant's request (status 7); liên thông sub-dossiers go with it."""
    _require_text(reason, "Vui lòng ghi rõ lý do rút hồ sơ.")

    def effect(d: Dossier, change: Change) -> None:
        for sub in Dossier.objects.select_for_update(of=("self",)).filter(parent=d).exclude(state__in=FINAL):
            def leave(s: Dossier, sub_change: Change) -> None:
                s.state, s.assignee = State.WITHDRAWN, None
                sub_change.data = {"reason": reason, "with_parent": d.code}
                sub_change.fields["agency"] = s.receiving_agency

            engine.follow(DOSSIER, sub, "withdraw", actor, effect=leave, now=change.now)
        d.state, d.assignee = State.WITHDRAWN, None
        change.fields["agency"] = d.receiving_agency
        change.data = {"reason": reason}

    return _act(dossier, "withdraw", actor, key, effect)


# --- lateness --------------------------------------------------------------------------------------

def apologize(dossier: Dossier, actor, *, reason: str, new_due_at: datetime, key: str | None = None) -> Outcome:
    """Apologise for lateness and set a new date (form 04). Decree 61/2018 Art. 17 allows the new
    date only once, and asks for the apology at least one working day before the due date."""
    _require_text(reason, "Vui lòng ghi rõ lý do chậm trễ.")
    if not isinstance(new_due_at, datetime) or new_due_at.tzinfo is None:
        raise ActionError(Code.INVALID_DATE, "Ngày hẹn mới phải có múi giờ.", field="new_due_at")

    def effect(d: Dossier, change: Change) -> None:
        if new_due_at <= d.due_at:
            raise ActionError(Code.INVALID_DATE, "Ngày hẹn mới phải sau hạn trả kết quả hiện tại.", field="new_due_at")
        calendar = calendar_for(d.receiving_agency)
        # A new appointment buys at most the statutory time once more (at least a working day).
        statutory = calendar.working_time_between(d.received_at, d.statutory_due_at)
        latest = calendar.add_working_time(d.due_at, max(statutory, calendar.day_length()))
        if new_due_at > latest:
            raise ActionError(Code.INVALID_DATE, "Ngày hẹn mới không được quá "
                              f"{timezone.localtime(latest):%H:%M ngày %d/%m/%Y} (thêm tối đa một lần thời hạn "
                              "giải quyết).", field="new_due_at")
        notice = calendar.working_time_between(change.now, d.due_at)
        change.fields["agency"] = _step_agency(d)
        change.data = {"reason": reason, "previous_due_at": d.due_at.isoformat(),
                       "on_time": notice >= calendar.day_length()}
        d.apologized_at = change.now
        d.due_at = new_due_at
        d.due_soon_alerted_at = d.overdue_alerted_at = None

    return _act(dossier, "apologize", actor, key, effect)


# --- the applicant's scoring ------------------------------------------------------------------------

def evaluate(dossier: Dossier, actor, *, scores: dict, comment: str = "", key: str | None = None) -> Outcome:
    """The applicant scores the handling of a returned dossier: 0–2 points on each of the six
    criteria of Circular 01/2018 they are asked (dossiers/evaluation.py), with an optional
    comment; the other three are measured from the dossier's events under its lock. A second
    call within the edit window replaces the scores; each call is an event."""
    from dossiers.evaluation import ASKED, COMMENT_MAX, LABELS, MEASURED, measured
    from dossiers.models import Evaluation

    if not isinstance(scores, dict):
        raise ActionError(Code.INVALID_SCORE, f"Vui lòng chấm điểm đủ {len(ASKED)} tiêu chí.", field="scores")
    for code in scores:
        if code in MEASURED:
            raise ActionError(Code.INVALID_SCORE, f"Tiêu chí “{LABELS[code]}” do hệ thống tự tính từ quá trình giải "
                              "quyết hồ sơ; người nộp không chấm tiêu chí này.", field=f"scores.{code}")
    if set(scores) != set(ASKED):
        raise ActionError(Code.INVALID_SCORE, f"Vui lòng chấm điểm đủ {len(ASKED)} tiêu chí.", field="scores")
    clean = {}
    for code in ASKED:
        value = scores[code]
        if isinstance(value, bool) or value not in (0, 1, 2):
            raise ActionError(Code.INVALID_SCORE, "Mỗi tiêu chí được chấm 0, 1 hoặc 2 điểm.", field=f"scores.{code}")
        clean[code] = int(value)
    comment = clean_text(comment or "")
    if len(comment) > COMMENT_MAX:
        raise ActionError(Code.INVALID_SCORE, f"Góp ý dài tối đa {COMMENT_MAX} ký tự.", field="comment")

    def effect(d: Dossier, change: Change) -> None:
        every = {**clean, **measured(d)}
        total = sum(every.values())
        officer_id = (d.events.filter(action="receive").order_by("seq").values_list("actor_id", flat=True).first())
        row, created = Evaluation.objects.get_or_create(dossier=d, defaults={
            "agency_id": d.receiving_agency_id, "officer_id": officer_id, "scores": every, "total": total,
            "comment": comment, "created_at": change.now, "updated_at": change.now})
        if not created:
            row.scores, row.total, row.comment, row.updated_at = every, total, comment, change.now
            row.save(update_fields=["scores", "total", "comment", "updated_at"])
        change.fields["agency"] = d.receiving_agency
        change.data = {"scores": every, "total": total, "comment": comment, "first": created,
                       "measured": list(MEASURED)}

    return _act(dossier, "evaluate", actor, key, effect)


# --- the deadline watch --------------------------------------------------------------------------

ALERT_MARKS = {
    "alert_due_soon": "due_soon_alerted_at",
    "alert_overdue": "overdue_alerted_at",
    "alert_step_overdue": "step_overdue_alerted_at",
}


def alert(dossier_id: int, action: str, actor, *, still_due, now: datetime | None = None) -> bool:
    """Record a deadline alert once (dossiers/sweep.py). Under the row lock the mark is checked
    again, so two workers sweeping at once alert a dossier once. True for the one that did."""
    mark = ALERT_MARKS[action]

    def effect(d: Dossier, change: Change) -> None:
        if getattr(d, mark) is not None or not still_due(d, change.now):
            change.record = False
            return
        setattr(d, mark, change.now)
        change.fields["agency"] = d.current_agency
        change.data = {"due_at": (d.step_due_at if action == "alert_step_overdue" else d.due_at).isoformat()}

    try:
        return _act(dossier_id, action, actor, None, effect, now=now).event is not None
    except ActionError:  # moved on since the sweep read it (paused, resolved): nothing to alert
        return False


def _require_text(value: str, message: str) -> None:
    if not clean_text(value):
        raise ActionError(Code.MISSING_REASON, message, field="reason")
