from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from catalogue.filters import CatalogueFilter
from catalogue.models import Field, Procedure, ProcedureVersion
from catalogue.services import current_versions, version_on
from motcua.api import ApiError

router = Router(tags=["Thủ tục hành chính"])

MAX_PAGE_SIZE = 100


class ProcedureQuery(Schema):
    q: str = ""
    field: str = ""
    level: str = ""
    agency: str = ""
    online_level: str = ""
    applicant: str = ""
    page: int = 1
    page_size: int = 20


class AgencyRef(Schema):
    code: str
    name: str


class ProcedureSummary(Schema):
    code: str
    name: str
    field: str
    version: int
    effective_from: date
    time_limit_kind: str
    time_limit_value: int | None
    online_level: str
    competent_agency: AgencyRef
    receiving_agency: AgencyRef


class ProcedurePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ProcedureSummary]


class ComponentOut(Schema):
    id: int  # the `component_id` a dossier file is attached to (POST /dossiers/{id}/files)
    name: str
    originals: int
    certified_copies: int
    copies: int
    requirement: str
    condition: str
    form_url: str | None
    must_digitize: bool
    reusable: bool


class FeeOut(Schema):
    name: str
    amount: int
    online_amount: int | None
    note: str


class LegalBasisOut(Schema):
    number: str
    title: str
    issued_on: date | None
    article: str


class StepOut(Schema):
    order: int
    name: str
    role: str
    performer: str
    other_agency: AgencyRef | None
    budget_hours: Decimal
    actions: list[str]


class ProcedureDetail(ProcedureSummary):
    levels: list[str]
    applicant_types: list[str]
    time_limit_note: str
    result_type: str
    result_name: str
    is_lien_thong: bool
    requirements: str
    fee_note: str
    components: list[ComponentOut]
    fees: list[FeeOut]
    legal_bases: list[LegalBasisOut]
    steps: list[StepOut]


class FieldOut(Schema):
    code: str
    name: str


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[dict]


def _agency(agency) -> dict:
    return {"code": agency.code, "name": agency.name}


def _summary(v: ProcedureVersion) -> dict:
    return {
        "code": v.procedure.code, "name": v.name, "field": v.field.name, "version": v.number,
        "effective_from": v.effective_from, "time_limit_kind": v.time_limit_kind,
        "time_limit_value": v.time_limit_value, "online_level": v.online_level,
        "competent_agency": _agency(v.competent_agency), "receiving_agency": _agency(v.receiving_agency),
    }


@router.get("/fields", response=list[FieldOut], summary="Danh sách lĩnh vực")
def fields(request: HttpRequest):
    return [{"code": f.code, "name": f.name} for f in Field.objects.all()]


@router.get("/procedures", response={200: ProcedurePage, 422: ErrorOut}, summary="Tra cứu thủ tục")
def procedures(request: HttpRequest, query: Query[ProcedureQuery]):
    """Các thủ tục đang có hiệu lực; tìm kiếm `q` không phân biệt dấu và hoa thường."""
    if query.page < 1 or not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise ApiError(422, "invalid_input", f"page phải ≥ 1 và page_size từ 1 đến {MAX_PAGE_SIZE}.")
    chosen = CatalogueFilter(query.q, query.field, query.level, query.agency, query.online_level, query.applicant)
    versions = chosen.apply(current_versions())
    start = (query.page - 1) * query.page_size
    items = list(versions[start:start + query.page_size])
    return {"count": versions.count(), "page": query.page, "page_size": query.page_size,
            "items": [_summary(v) for v in items]}


@router.get("/procedures/{code}", response={200: ProcedureDetail, 404: ErrorOut}, summary="Chi tiết thủ tục")
def procedure(request: HttpRequest, code: str, on: date | None = None):
    """Phiên bản có hiệu lực vào ngày `on` (mặc định: hôm nay)."""
    found = Procedure.objects.filter(code=code).first()
    version = version_on(found, on or timezone.localdate()) if found else None
    if version is None:
        raise ApiError(404, "not_found", f"Không tìm thấy thủ tục có mã '{code}' có hiệu lực vào ngày này.")
    v = (ProcedureVersion.objects.select_related("procedure", "field", "competent_agency", "receiving_agency")
         .prefetch_related("components", "fees", "legal_bases", "steps__other_agency").get(pk=version.pk))
    levels = [name for name, flag in (("central", v.level_central), ("province", v.level_province),
                                      ("commune", v.level_commune)) if flag]
    applicants = [name for name, flag in (("citizen", v.for_citizens), ("organisation", v.for_organisations)) if flag]
    return {
        **_summary(v), "levels": levels, "applicant_types": applicants, "time_limit_note": v.time_limit_note,
        "result_type": v.result_type, "result_name": v.result_name, "is_lien_thong": v.is_lien_thong,
        "requirements": v.requirements, "fee_note": v.fee_note,
        "components": [{
            "id": c.pk, "name": c.name, "originals": c.originals, "certified_copies": c.certified_copies,
            "copies": c.copies,
            "requirement": c.requirement, "condition": c.condition,
            "form_url": request.build_absolute_uri(c.form_file.url) if c.form_file else None,
            "must_digitize": c.must_digitize, "reusable": c.reusable,
        } for c in v.components.all()],
        "fees": [{"name": f.name, "amount": f.amount, "online_amount": f.online_amount, "note": f.note}
                 for f in v.fees.all()],
        "legal_bases": [{"number": b.number, "title": b.title, "issued_on": b.issued_on, "article": b.article}
                        for b in v.legal_bases.all()],
        "steps": [{"order": s.order, "name": s.name, "role": s.role, "performer": s.performer,
                   "other_agency": _agency(s.other_agency) if s.other_agency else None,
                   "budget_hours": s.budget_hours, "actions": list(s.actions)} for s in v.steps.all()],
    }
