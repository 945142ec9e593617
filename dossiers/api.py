"""REST API of dossiers (/api/v1/dossiers): intake, actions, files, search, detail, history.

Every endpoint needs a caller: an API token or a logged-in user (motcua/api_auth.py); `request.auth`
is the user account either way. Every state change goes through
dossiers/actions.py, which checks the actor's role; reads are limited to
`visible_dossiers(user)`, and a dossier outside it answers 404, not 403, so codes of other
agencies' dossiers cannot be probed. The detail never embeds the event history
(docs/api-dossiers.md): it is paged at /dossiers/{id}/events.

Browser clients using the session cookie must send the CSRF token in the `X-CSRFToken`
header on POST (the value of the `csrftoken` cookie); see docs/api-dossiers.md.

Idempotency: the engine scopes the `Idempotency-Key` header to the user and the dossier, so
two users (or two dossiers) never share an outcome by reusing a key.

The actions a user may take on a dossier now are the `allowed_actions` of its detail; the
list of action names and the inputs each one takes come from the dossier table
(dossiers/machine.py), never restated here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Body, File, Form, Header, Path, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as Reply
from pydantic import AwareDatetime, Field, StrictBool, StrictInt, create_model

from accounts.models import User
from accounts.permissions import POLICY, roles_in
from accounts.roles import SYSTEM_ADMIN
from catalogue.models import Component, Procedure
from catalogue.services import version_on
from dossiers import actions
from dossiers.actions import Applicant
from dossiers.deadlines import agency_of_step
from dossiers.evaluation import ASKED, CRITERIA
from dossiers.files import attach_file
from dossiers.machine import DOSSIER, Code
from dossiers.models import ApplicantKind, Channel, Dossier, DossierEvent, DossierFile
from dossiers.search import SearchInputError, search_dossiers, visible_dossiers
from dossiers.states import State, Status
from motcua.api import (
    IN_2000_TO_2100,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    NO_CONTROLS,
    READ_AUTH,
    WRITE_AUTH,
    ApiError,
    ObjectIn,
    errors,
    json_typed,
)
from motcua.api_auth import api_auth
from motcua.inputs import MAX_ID
from motcua.paging import COUNT_LIMIT
from workdays.calendar import Timeliness
from workflow.errors import ActionError

MAX_KEY_LENGTH = 64

# ActionError codes that mean "fix your input"; every other code is a conflict with the
# dossier's current state (409).
INPUT_ERRORS = frozenset({
    Code.MISSING_REASON, Code.INVALID_AMOUNT, Code.INVALID_DATE, Code.BAD_ASSIGNEE, Code.INVALID_APPLICANT,
    Code.NOT_ONLINE, Code.VERSION_NOT_IN_FORCE, Code.WRONG_RECEIVING_AGENCY, Code.SAME_AGENCY, Code.INVALID_COMPONENT,
    Code.INVALID_FILE_TYPE,
    Code.EMPTY_FILE, Code.IDEMPOTENCY_KEY_REUSED, Code.INVALID_SCORE,
})
# The actions of the table a client takes through /dossiers/{id}/actions/{action}: intake,
# files and the platform's deadline watch have their own ways in.
API_ACTIONS = [a for a in DOSSIER.actions if a not in ("submit", "attach_file", "digitize")
               and not a.startswith("alert_")]


router = Router(tags=["dossiers"], auth=api_auth())


# --- schemas ---------------------------------------------------------------------------------------

class Choice(Schema):
    code: str
    label: str


class NumberChoice(Schema):
    code: int
    label: str


class AgencyRef(Schema):
    code: str
    name: str


class ProcedureRef(Schema):
    code: str
    name: str
    version: int


class ApplicantOut(Schema):
    kind: str
    id_number: str
    name: str
    address: str
    phone: str
    email: str
    representative_name: str
    representative_id_number: str


class StepRef(Schema):
    name: str
    role: str
    role_label: str
    agency: AgencyRef
    started_at: datetime | None
    due_at: datetime | None


class PersonRef(Schema):
    username: str
    full_name: str


class FileOut(Schema):
    id: int
    component_id: int | None
    component_name: str | None
    original_name: str
    content_type: str
    extension: str
    size: int
    sha256: str
    uploaded_by: str | None
    uploaded_at: datetime
    download_url: str  # served to those who may see the dossier; never a public file address


class DossierSummary(Schema):
    id: int
    code: str | None
    status: NumberChoice
    state: Choice
    channel: NumberChoice
    procedure: ProcedureRef
    applicant_name: str
    receiving_agency: AgencyRef
    current_agency: AgencyRef
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    timeliness: Choice | None


class ActionRef(Schema):
    code: str
    label: str
    inputs: list[str]
    required: list[str]
    tone: str


class DossierDetail(DossierSummary):
    applicant: ApplicantOut | None
    current_step: StepRef | None
    assignee: PersonRef | None
    statutory_due_at: datetime | None
    resolved_at: datetime | None
    returned_at: datetime | None
    apologized_at: datetime | None
    parent: str | None
    sub_dossiers: list[str]
    files: list[FileOut]
    event_count: int
    lookup_secret: str | None
    allowed_actions: list[ActionRef]


class DossierPage(Schema):
    count: int
    # True when more than COUNT_LIMIT dossiers match: `count` is then COUNT_LIMIT, not exact.
    count_capped: bool = False
    page: int
    page_size: int
    items: list[DossierSummary]


class EventOut(Schema):
    seq: int
    action: str
    at: datetime
    actor_name: str
    agency: str | None
    from_state: str
    to_state: str
    from_status: int | None
    to_status: int
    from_step: str | None
    to_step: str | None
    due_at: datetime | None
    step_due_at: datetime | None
    step_timeliness: str
    data: dict[str, Any] = Field(..., description="Dữ liệu kèm theo thao tác (lý do, giấy tờ cần bổ sung, số tiền, "
                                                  "…), tùy thao tác")


class EventPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[EventOut]


# Checked by the engine (accounts/identity.py), which says precisely what is wrong; the document
# states the same rule so that clients can check before they send.
ID_NUMBER = "^([0-9]{12}|[0-9]{10}(-[0-9]{3})?)$"
# One character besides spaces and the controls motcua/inputs.py drops.
HAS_TEXT = "[^\\s\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]"


# Body fields take the JSON type the document says, not what pydantic's lax mode would coerce.
ChannelIn = json_typed(Channel, int)
ApplicantKindIn = json_typed(ApplicantKind, str)
MomentIn = json_typed(AwareDatetime, str)


class ApplicantIn(Schema):
    kind: ApplicantKindIn = Field(ApplicantKind.CITIZEN, description="citizen (công dân) hoặc organisation (tổ chức)")
    id_number: str = Field(..., max_length=14, json_schema_extra={"pattern": ID_NUMBER}, examples=["046190000123"],
                           description="Công dân: số định danh cá nhân (12 chữ số); tổ chức: mã số thuế (10 chữ số, "
                                       "10 chữ số-3 chữ số, hoặc 12 chữ số). Sai: 422 `invalid_applicant`.")
    name: str = Field(..., max_length=200, json_schema_extra={"pattern": HAS_TEXT},
                      description="Họ tên (tên tổ chức), không được để trống. Trống: 422 `invalid_applicant`.")
    address: str = Field("", max_length=300)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    representative_name: str = Field("", max_length=200)
    representative_id_number: str = Field("", max_length=12)


class IntakeIn(ObjectIn):
    procedure_code: str = Field(..., min_length=1, max_length=100, pattern=NO_CONTROLS, examples=["1.009994"],
                                description="Mã thủ tục đang có hiệu lực, ví dụ 1.009994; không có: 422 "
                                            "`procedure_not_found`")
    channel: ChannelIn = Field(..., description="1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích")
    applicant: ApplicantIn
    receiving_agency: str | None = Field(None, max_length=100, pattern=NO_CONTROLS,
                                         description="Mã cơ quan tiếp nhận (chỉ tiếp nhận trực tiếp/bưu chính)")
    receive: StrictBool = Field(False, description="Tiếp nhận ngay (cán bộ một cửa, tại quầy)")
    assignee: str | None = Field(None, max_length=150, pattern=NO_CONTROLS,
                                 description="Tên đăng nhập người xử lý bước đầu khi tiếp nhận ngay")
    note: str = Field("", max_length=2000)


ActionName = StrEnum("ActionName", {name.upper(): name for name in API_ACTIONS})

# The actions whose engine function refuses an empty reason (dossiers/actions.py, 422
# `missing_reason`); the others take one if given.
REASON_REQUIRED = ("request_intake_supplement", "refuse", "send_back", "request_supplement", "stop", "withdraw",
                   "apologize")


def _required_by(field: str) -> list[str]:
    return [a for a in API_ACTIONS if any(field in t.required for t in DOSSIER.edges(a))]


def _used_by(field: str) -> list[str]:
    return [a for a in API_ACTIONS if any(field in t.inputs for t in DOSSIER.edges(a))]


def _who(field: str, required: list[str] | None = None) -> str:
    required = _required_by(field) if required is None else required
    used = [a for a in _used_by(field) if a not in required]
    return " ".join(([f"Bắt buộc, không được để trống với: {', '.join(required)}."] if required else [])
                    + ([f"Dùng với: {', '.join(used)}."] if used else []))


# The six criteria of Circular 01/2018 the applicant is asked (dossiers/evaluation.py), 0, 1 or 2
# points each; the other three are measured by the platform.
Scores = create_model("Scores", __base__=Schema, **{
    code: (StrictInt, Field(..., ge=0, le=2, description=question)) for code, question in CRITERIA
    if code in ASKED})


class ActionIn(ObjectIn):
    reason: str = Field("", max_length=2000, description="Lý do. " + _who("reason", list(REASON_REQUIRED)))
    missing: list[str] = Field(default_factory=list, max_length=100,
                               description="Giấy tờ cần bổ sung. " + _who("missing"))
    assignee: str | None = Field(None, max_length=150, pattern=NO_CONTROLS,
                                 description="Tên đăng nhập người xử lý. " + _who("assignee"))
    note: str = Field("", max_length=2000, description="Ghi chú. " + _who("note"))
    # The engine refuses a non-positive amount with its own code (`invalid_amount`): stated, not checked, here.
    amount: StrictInt | None = Field(None, le=10**15, json_schema_extra={"minimum": 1},
                               description="Số tiền (đồng) khi yêu cầu nghĩa vụ tài chính, số nguyên dương; không: 422 "
                                           "`invalid_amount`. " + _who("amount"))
    new_due_at: MomentIn | None = Field(None, description="Ngày hẹn mới (ISO 8601 có múi giờ), một lần cho mỗi "
                                                               "hồ sơ. " + _who("new_due_at"))
    procedure_code: str | None = Field(None, max_length=100, pattern=NO_CONTROLS,
                                       description="Mã thủ tục liên thông của cơ quan khác. " + _who("procedure_code"))
    scores: Scores | None = Field(None, description="Điểm của 6 tiêu chí người nộp chấm (3 tiêu chí còn lại hệ "
                                                    "thống tự tính). " + _who("scores"))
    comment: str = Field("", max_length=2000, description="Góp ý kèm đánh giá. " + _who("comment"))


# The national status codes and the internal states, one list, as the filter takes them.
StatusFilter = StrEnum("StatusFilter", {**{f"S{s.value}": str(s.value) for s in Status},
                                        **{s.name: s.value for s in State}})


class SearchQuery(Schema):
    code: str = Field("", max_length=100, pattern=NO_CONTROLS, description="Mã hồ sơ, hoặc một phần của mã")
    applicant_id: str = Field("", max_length=20, pattern=NO_CONTROLS,
                              description="Số định danh cá nhân hoặc mã số thuế của người nộp, đúng cả số")
    name: str = Field("", max_length=200, pattern=NO_CONTROLS, description="Tên người nộp, không phân biệt dấu")
    status: StatusFilter | None = Field(None, description="Mã trạng thái quốc gia 1–10 hoặc trạng thái nội bộ")
    channel: Channel | None = Field(None, description="Kênh nộp: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích")
    agency: str = Field("", max_length=100, pattern=NO_CONTROLS, description="Mã cơ quan tiếp nhận hoặc đang xử lý")
    received_from: date | None = Field(None, json_schema_extra={"pattern": IN_2000_TO_2100},
                                       description="Tiếp nhận từ ngày (YYYY-MM-DD, từ năm 2000 đến 2100)")
    received_to: date | None = Field(None, json_schema_extra={"pattern": IN_2000_TO_2100},
                                     description="Tiếp nhận đến hết ngày (YYYY-MM-DD, từ năm 2000 đến 2100)")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


DossierId = Path(..., ge=1, le=MAX_ID, description="Mã số (id) của hồ sơ")
# No body at all is the same as `{}`: an action that needs no field needs no body.
OPTIONAL_BODY = Body(None)


# --- error translation -------------------------------------------------------------------------------

@contextmanager
def _engine_errors() -> Iterator[None]:
    """The engine's refusals as API errors with stable codes."""
    try:
        yield
    except ActionError as exc:
        if isinstance(exc, PermissionDenied):
            status = 403
        else:
            status = 413 if exc.code == Code.FILE_TOO_LARGE else 422 if exc.code in INPUT_ERRORS else 409
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        raise ApiError(status, exc.code, exc.message, errors) from None
    except PermissionDenied as exc:
        raise ApiError(403, "forbidden", str(exc) or "Bạn không có quyền thực hiện thao tác này.") from None
    except DjangoValidationError as exc:
        errors = [{"field": field if field != "__all__" else "", "message": message}
                  for field, messages in _validation_messages(exc) for message in messages]
        raise ApiError(422, "invalid_input", "Dữ liệu gửi lên không hợp lệ.", errors) from None


def _validation_messages(exc: DjangoValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        return [(field, [str(m) for e in errs for m in e.messages]) for field, errs in exc.error_dict.items()]
    return [("", list(exc.messages))]


def _paging(page: int, page_size: int) -> tuple[int, int]:
    start = (page - 1) * page_size  # both in range: the query schemas declare and check it
    return start, start + page_size


def _client_key(key: str | None) -> str | None:
    """The client's Idempotency-Key, checked; the engine scopes it to the user and the dossier."""
    if key is None or not key.strip():
        return None
    key = key.strip()
    if len(key) > MAX_KEY_LENGTH:
        raise ApiError(422, "invalid_input", f"Idempotency-Key dài tối đa {MAX_KEY_LENGTH} ký tự.",
                       [{"field": "Idempotency-Key", "message": f"Tối đa {MAX_KEY_LENGTH} ký tự."}])
    return f"api/{key}"


# --- loading -----------------------------------------------------------------------------------------

def _with_relations(queryset):
    return queryset.select_related(
        "procedure_version__procedure", "procedure_version__competent_agency", "receiving_agency",
        "current_agency", "current_step__other_agency", "assignee", "parent",
    )


# What a search result shows (_summary), and nothing else: a page of the list joins three
# tables and reads a few columns, instead of the detail's seven joins of whole rows.
SUMMARY_FIELDS = (
    "code", "status", "state", "channel", "applicant_name", "submitted_at", "received_at", "due_at", "timeliness",
    "created_at", "procedure_version__name", "procedure_version__number", "procedure_version__procedure__code",
    "receiving_agency__code", "receiving_agency__name", "current_agency__code", "current_agency__name",
)


def _for_summary(queryset):
    return queryset.select_related("procedure_version__procedure", "receiving_agency", "current_agency").only(
        *SUMMARY_FIELDS)


def _visible(request: HttpRequest, dossier_id: int) -> Dossier:
    found = _with_relations(visible_dossiers(request.auth)).filter(pk=dossier_id).first()
    if found is None:
        raise ApiError(404, "not_found", "Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này.")
    return found


def _user_by_username(username: str | None, field: str = "assignee") -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ApiError(422, "unknown_user", f"Không tìm thấy cán bộ có tên đăng nhập “{username}”.",
                       [{"field": field, "message": "Không tìm thấy người dùng."}])
    return user


def _version_in_force(code: str, field: str):
    procedure = Procedure.objects.filter(code=(code or "").strip()).first()
    version = version_on(procedure, timezone.localdate()) if procedure else None
    if version is None:
        raise ApiError(422, "procedure_not_found", f"Không tìm thấy thủ tục có mã “{code}” đang có hiệu lực.",
                       [{"field": field, "message": "Mã thủ tục không đúng hoặc chưa có hiệu lực."}])
    return version


# --- serialisation -----------------------------------------------------------------------------------

def _t(moment: datetime | None) -> datetime | None:
    # Times leave in the province's local time (+07:00), as officials read them.
    return timezone.localtime(moment) if moment else None


def _agency(agency) -> dict:
    return {"code": agency.code, "name": agency.name}


def _summary(d: Dossier) -> dict:
    version = d.procedure_version
    return {
        "id": d.pk, "code": d.code,
        "status": {"code": d.status, "label": Status(d.status).label},
        "state": {"code": d.state, "label": State(d.state).label},
        "channel": {"code": d.channel, "label": Channel(d.channel).label},
        "procedure": {"code": version.procedure.code, "name": version.name, "version": version.number},
        "applicant_name": d.applicant_name,
        "receiving_agency": _agency(d.receiving_agency), "current_agency": _agency(d.current_agency),
        "submitted_at": _t(d.submitted_at), "received_at": _t(d.received_at), "due_at": _t(d.due_at),
        "timeliness": {"code": d.timeliness, "label": Timeliness(d.timeliness).label} if d.timeliness else None,
    }


def _may_see_secret(user, d: Dossier) -> bool:
    """The lookup secret goes to the applicant and the staff of the receiving agency only."""
    if d.submitted_by_id is not None and d.submitted_by_id == user.pk:
        return True
    roles = roles_in(user, d.receiving_agency_id)
    return bool(roles & (POLICY["dossier.view"] | {SYSTEM_ADMIN}))


def _file(f: DossierFile) -> dict:
    return {
        "id": f.pk, "component_id": f.component_id, "component_name": f.component.name if f.component else None,
        "original_name": f.original_name, "content_type": f.content_type, "extension": f.extension,
        "size": f.size, "sha256": f.sha256,
        "uploaded_by": (f.uploaded_by.full_name or f.uploaded_by.username) if f.uploaded_by else None,
        "uploaded_at": _t(f.uploaded_at),
        "download_url": reverse("dossiers:file", args=[f.dossier_id, f.pk]),
    }


def _detail(user, d: Dossier) -> dict:
    step = d.current_step
    files = d.files.select_related("component", "uploaded_by").order_by("uploaded_at", "pk")
    return {
        **_summary(d),
        "applicant": {
            "kind": d.applicant_kind, "id_number": d.applicant_id_number, "name": d.applicant_name,
            "address": d.applicant_address, "phone": d.applicant_phone, "email": d.applicant_email,
            "representative_name": d.representative_name,
            "representative_id_number": d.representative_id_number,
        },
        "current_step": {
            "name": step.name, "role": step.role, "role_label": step.get_role_display(),
            "agency": _agency(agency_of_step(step, d)),
            "started_at": _t(d.step_started_at), "due_at": _t(d.step_due_at),
        } if step else None,
        "assignee": {"username": d.assignee.username, "full_name": d.assignee.full_name} if d.assignee else None,
        "statutory_due_at": _t(d.statutory_due_at), "resolved_at": _t(d.resolved_at), "returned_at": _t(d.returned_at),
        "apologized_at": _t(d.apologized_at),
        "parent": d.parent.code if d.parent else None,
        "sub_dossiers": [code or f"#{pk}" for pk, code in d.sub_dossiers.order_by("pk").values_list("pk", "code")],
        "files": [_file(f) for f in files],
        "event_count": d.event_count,
        "lookup_secret": d.lookup_secret if _may_see_secret(user, d) else None,
        "allowed_actions": [
            {"code": t.action, "label": t.label, "inputs": list(t.inputs), "required": list(t.required),
             "tone": t.tone}
            for t in actions.allowed_actions(d, user) if t.action in API_ACTIONS
        ],
    }


def _fresh_detail(user, dossier_id: int) -> dict:
    # After an action the actor sees its outcome even if the dossier has left their scope.
    return _detail(user, _with_relations(Dossier.objects).get(pk=dossier_id))


# --- endpoints ---------------------------------------------------------------------------------------

@router.post("", response={201: DossierDetail, **errors(400, *WRITE_AUTH, 409, 422)},
             summary="Nộp / tiếp nhận hồ sơ")
def intake(request: HttpRequest, payload: IntakeIn,
           idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    """Đăng ký hồ sơ: công dân nộp trực tuyến (channel=2), hoặc cán bộ một cửa nhập hồ sơ tại quầy /
    qua bưu chính (channel 1, 3) và, với `receive=true`, tiếp nhận ngay (cấp mã hồ sơ và hạn trả kết quả).
    Gửi lại cùng `Idempotency-Key` trả về đúng hồ sơ đã tạo, không tạo hồ sơ mới."""
    user = request.auth
    key = _client_key(idempotency_key)
    version = _version_in_force(payload.procedure_code, "procedure_code")
    receiving_agency = None
    if payload.receiving_agency:
        if payload.channel == Channel.ONLINE:
            raise ApiError(422, "invalid_input", "Hồ sơ trực tuyến được gửi đến cơ quan tiếp nhận của thủ tục.",
                           [{"field": "receiving_agency", "message": "Không dùng cho hồ sơ trực tuyến."}])
        from units.models import Agency

        receiving_agency = Agency.objects.filter(code=payload.receiving_agency, is_active=True).first()
        if receiving_agency is None:
            raise ApiError(422, "invalid_input", f"Không tìm thấy cơ quan có mã “{payload.receiving_agency}”.",
                           [{"field": "receiving_agency", "message": "Mã cơ quan không đúng."}])
    a = payload.applicant
    if a.email:
        try:
            validate_email(a.email)
        except DjangoValidationError:
            raise ApiError(422, "invalid_input", "Dữ liệu gửi lên không hợp lệ.",
                           [{"field": "applicant.email", "message": "Địa chỉ thư điện tử không hợp lệ."}]) from None
    applicant = Applicant(a.kind, a.id_number, a.name, a.address, a.phone, a.email, a.representative_name,
                          a.representative_id_number)
    assignee = _user_by_username(payload.assignee)
    with _engine_errors(), transaction.atomic():
        # Intake and receipt succeed or fail together: no half-taken-in dossier is left behind.
        outcome = actions.submit(version, applicant, user, channel=payload.channel,
                                 receiving_agency=receiving_agency, key=key)
        if payload.receive:
            outcome = actions.receive(outcome.dossier, user, assignee=assignee, note=payload.note,
                                      key=f"{key}/receive" if key else None)
    return Reply(201, _fresh_detail(user, outcome.dossier.pk))


@router.post("/{int:dossier_id}/actions/{action}", response={200: DossierDetail, **errors(400, *WRITE_AUTH, 404, 409,
                                                                                       422)},
             summary="Thực hiện thao tác xử lý hồ sơ")
def act(request: HttpRequest, action: ActionName, dossier_id: int = DossierId,
        payload: ActionIn = OPTIONAL_BODY,
        idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=MAX_KEY_LENGTH)):
    """Một thao tác của quy trình; các thao tác được phép lúc này là `allowed_actions` của chi tiết hồ sơ.
    Thân JSON không bắt buộc (thao tác không cần trường nào: gửi không có thân, hoặc `{}`); mỗi trường nói
    thao tác nào dùng nó và thao tác nào bắt buộc nó (thiếu: 422, ví dụ `missing_reason`). Hồ sơ không có
    hoặc bạn không được xem: 404; vai trò không được làm thao tác này: 403; trạng thái, bước hiện tại không
    cho phép: 409. Gửi lại cùng `Idempotency-Key` trả về kết quả của lần đầu, không thực hiện lại."""
    user = request.auth
    dossier = _visible(request, dossier_id)
    body = payload or ActionIn()
    key = _client_key(idempotency_key)
    with _engine_errors():
        outcome = _dispatch(dossier, ActionName(action), body, user, key)
    return Reply(200, _fresh_detail(user, outcome.dossier.pk))


def _dispatch(dossier: Dossier, action: ActionName, body: ActionIn, user, key: str | None) -> actions.Outcome:
    """Call the action's function with the inputs its table row names, read from the body."""
    transition = DOSSIER.edges(action.value)[0]
    readers = {
        "reason": lambda: body.reason, "missing": lambda: body.missing, "note": lambda: body.note,
        "amount": lambda: body.amount, "new_due_at": lambda: body.new_due_at,
        "assignee": lambda: _user_by_username(body.assignee),
        "procedure_code": lambda: _version_in_force(body.procedure_code, "procedure_code"),
        "scores": lambda: body.scores, "comment": lambda: body.comment,
    }
    names = {"procedure_code": "version"}  # the function takes the version the code names
    kwargs = {}
    for name in transition.inputs:
        raw = getattr(body, name, None)
        if name in transition.required and not raw:
            raise _missing(name, REQUIRED_MESSAGES.get(name, "Thiếu giá trị bắt buộc."))
        if name == "procedure_code" and not raw:
            continue
        kwargs[names.get(name, name)] = readers[name]()
    return getattr(actions, action.value)(dossier, user, key=key, **kwargs)


REQUIRED_MESSAGES = {
    "assignee": "Vui lòng chọn cán bộ nhận xử lý (tên đăng nhập).",
    "procedure_code": "Vui lòng nhập mã thủ tục liên thông.",
    "new_due_at": "Vui lòng nhập ngày hẹn trả kết quả mới.",
    "scores": "Vui lòng chấm điểm đủ 9 tiêu chí.",
}


def _missing(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid_input", message, [{"field": field, "message": message}])


@router.post("/{int:dossier_id}/files",
             response={201: FileOut, 200: FileOut, **errors(400, *WRITE_AUTH, 404, 409, 413, 422)},
             summary="Đính kèm tệp vào thành phần hồ sơ")
def upload(request: HttpRequest, file: File[UploadedFile], dossier_id: int = DossierId,
           component_id: int = Form(None, ge=1, le=MAX_ID,
                                    description="Thành phần hồ sơ (`components[].id` của thủ tục); bỏ trống khi tệp "
                                                "thuộc cả hồ sơ. Không gửi giá trị rỗng hay chữ “None”.")):
    """Tải lên một tệp (multipart/form-data: `file`, `component_id`). Chấp nhận PDF, JPG, PNG, DOCX,
    XLSX, nhận biết theo nội dung tệp chứ không theo tên tệp (khác: 422 `invalid_file_type`; quá dung
    lượng: 413). Tải lại đúng tệp đã có trả về 200."""
    user = request.auth
    dossier = _visible(request, dossier_id)
    component = None
    if component_id is not None:
        component = Component.objects.filter(pk=component_id).first()
        if component is None:
            raise ApiError(422, "invalid_component", "Không tìm thấy thành phần hồ sơ đã chọn.",
                           [{"field": "component_id", "message": "Thành phần không tồn tại."}])
    with _engine_errors():
        attached = attach_file(dossier, component, file, user)
    created = getattr(attached, "created", True)
    attached = DossierFile.objects.select_related("component", "uploaded_by").get(pk=attached.pk)
    return Reply(201 if created else 200, _file(attached))


@router.get("", response={200: DossierPage, **errors(*READ_AUTH, 422)}, summary="Tìm kiếm hồ sơ")
def search(request: HttpRequest, query: Query[SearchQuery]):
    """Hồ sơ bạn được xem, lọc theo mã hồ sơ, số định danh, tên người nộp (không phân biệt dấu),
    trạng thái, kênh nộp, cơ quan và khoảng ngày tiếp nhận; mới nhất trước. Giá trị lọc không có trong
    danh sách, ngày ngoài 2000–2100, `page`/`page_size` ngoài khoảng: 422."""
    start, end = _paging(query.page, query.page_size)
    try:
        found = search_dossiers(
            visible_dossiers(request.auth), code=query.code, applicant_id=query.applicant_id, name=query.name,
            status=query.status.value if query.status else None, agency=query.agency,
            received_from=query.received_from, received_to=query.received_to,
        )
        if query.channel:
            found = found.filter(channel=query.channel)
    except SearchInputError as exc:
        raise ApiError(422, "invalid_input", str(exc), [{"field": exc.field, "message": str(exc)}]) from None
    items = _for_summary(found).order_by("-created_at", "-pk")[start:end]
    # Counting every match of a broad search over millions of rows costs more than the page
    # itself; past COUNT_LIMIT the exact number helps nobody, so the count stops there.
    count = found.order_by()[:COUNT_LIMIT + 1].count()
    return {"count": min(count, COUNT_LIMIT), "count_capped": count > COUNT_LIMIT, "page": query.page,
            "page_size": query.page_size, "items": [_summary(d) for d in items]}


@router.get("/{int:dossier_id}", response={200: DossierDetail, **errors(*READ_AUTH, 404, 422)},
            summary="Chi tiết hồ sơ")
def detail(request: HttpRequest, dossier_id: int = DossierId):
    """Trạng thái hiện tại của hồ sơ (không kèm nhật ký xử lý: xem /events)."""
    return _detail(request.auth, _visible(request, dossier_id))


@router.get("/{int:dossier_id}/events", response={200: EventPage, **errors(*READ_AUTH, 404, 422)},
            summary="Nhật ký xử lý hồ sơ")
def events(request: HttpRequest, query: Query[PageQuery], dossier_id: int = DossierId):
    """Các thao tác đã thực hiện trên hồ sơ, theo thứ tự, phân trang."""
    dossier = _visible(request, dossier_id)
    start, end = _paging(query.page, query.page_size)
    rows = (DossierEvent.objects.filter(dossier=dossier).select_related("agency", "from_step", "to_step")
            .order_by("seq")[start:end])
    return {
        "count": dossier.event_count, "page": query.page, "page_size": query.page_size,
        "items": [{
            "seq": e.seq, "action": e.action, "at": _t(e.at), "actor_name": e.actor_name,
            "agency": e.agency.code if e.agency else None, "from_state": e.from_state, "to_state": e.to_state,
            "from_status": e.from_status, "to_status": e.to_status,
            "from_step": e.from_step.name if e.from_step else None, "to_step": e.to_step.name if e.to_step else None,
            "due_at": _t(e.due_at), "step_due_at": _t(e.step_due_at), "step_timeliness": e.step_timeliness,
            "data": e.data,
        } for e in rows],
    }
