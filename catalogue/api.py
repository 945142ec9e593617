from datetime import date
from enum import StrEnum

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import Field as Declared

from catalogue.filters import APPLICANTS, LEVELS, CatalogueFilter
from catalogue.models import Field, Procedure, ProcedureVersion
from catalogue.search import MAX_QUERY, Found, misses
from catalogue.services import current_versions, version_on
from motcua.api import MAX_PAGE, MAX_PAGE_SIZE, NO_CONTROLS, ApiError, errors

router = Router(tags=["catalogue"])

# The filters' values as named enums: an unknown one is refused (422), not silently ignored.
Level = StrEnum("Level", {name.upper(): name for name in LEVELS})
OnlineLevel = StrEnum("OnlineLevel", {name.upper(): name for name in ProcedureVersion.OnlineLevel.values})
ApplicantType = StrEnum("ApplicantType", {name.upper(): name for name in APPLICANTS})


class ProcedureQuery(Schema):
    q: str = Declared("", max_length=MAX_QUERY, pattern=NO_CONTROLS,
                      description="Tìm thủ tục như ô tìm kiếm của cổng: có dấu hay không dấu, cách gọi thông dụng "
                                  "(sổ hồng, bằng lái xe), lỗi gõ; kết quả xếp theo mức phù hợp, tối đa 50")
    field: str = Declared("", max_length=100, pattern=NO_CONTROLS, description="Mã lĩnh vực (xem /fields)")
    level: Level | None = Declared(None, description="Cấp thực hiện")
    agency: str = Declared("", max_length=100, pattern=NO_CONTROLS,
                           description="Mã cơ quan có thẩm quyền hoặc tiếp nhận")
    online_level: OnlineLevel | None = Declared(None, description="Mức độ trực tuyến")
    applicant: ApplicantType | None = Declared(None, description="Đối tượng thực hiện")
    page: int = Declared(1, ge=1, le=MAX_PAGE)
    page_size: int = Declared(20, ge=1, le=MAX_PAGE_SIZE)


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
    searched_for: str | None = Declared(None, description="Từ khóa đã tìm sau khi sửa lỗi gõ, nếu có sửa")
    suggestions: list[str] = Declared([], description="Khi không tìm thấy: các từ khóa nên thử («Có phải bạn muốn "
                                                      "tìm»)")


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
    budget_hours: float  # working hours of the step, e.g. 11.5
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


def _agency(agency) -> dict:
    return {"code": agency.code, "name": agency.name}


def _summary(v: ProcedureVersion) -> dict:
    return {
        "code": v.procedure.code, "name": v.name, "field": v.field.name, "version": v.number,
        "effective_from": v.effective_from, "time_limit_kind": v.time_limit_kind,
        "time_limit_value": v.time_limit_value, "online_level": v.online_level,
        "competent_agency": _agency(v.competent_agency), "receiving_agency": _agency(v.receiving_agency),
    }


PROCEDURE_CODE = Path(..., max_length=100, pattern=NO_CONTROLS, description="Mã thủ tục, ví dụ 1.009994")
ON_DATE = Query(None, description="Ngày (YYYY-MM-DD) cần xem phiên bản có hiệu lực; mặc định hôm nay")


@router.get("/fields", response=list[FieldOut], summary="Danh sách lĩnh vực")
def fields(request: HttpRequest):
    return [{"code": f.code, "name": f.name} for f in Field.objects.all()]


@router.get("/procedures", response={200: ProcedurePage, **errors(422)}, summary="Tra cứu thủ tục")
def procedures(request: HttpRequest, query: Query[ProcedureQuery]):
    """Các thủ tục đang có hiệu lực; tìm kiếm `q` không phân biệt dấu và hoa thường. Giá trị lọc không có
    trong danh sách (`level`, `online_level`, `applicant`), `page`/`page_size` ngoài khoảng: 422."""
    chosen = CatalogueFilter(query.q, query.field, query.level or "", query.agency, query.online_level or "",
                             query.applicant or "")
    versions = chosen.apply(current_versions())
    start = (query.page - 1) * query.page_size
    items = list(versions[start:start + query.page_size])
    found = versions if isinstance(versions, Found) else None
    if found is not None and chosen.only_query and not found and query.page == 1:
        misses.record(chosen.q, misses.NO_RESULTS)
    return {"count": versions.count(), "page": query.page, "page_size": query.page_size,
            "items": [_summary(v) for v in items], "searched_for": found.searched_for if found is not None else None,
            "suggestions": found.suggestions if found is not None else []}


@router.get("/procedures/{code}", response={200: ProcedureDetail, **errors(404, 422)}, summary="Chi tiết thủ tục")
def procedure(request: HttpRequest, code: str = PROCEDURE_CODE, on: date | None = ON_DATE):
    """Phiên bản có hiệu lực vào ngày `on` (mặc định: hôm nay). Không có thủ tục mã này, hoặc không có
    phiên bản hiệu lực vào ngày đó: 404. `on` không phải ngày dạng YYYY-MM-DD: 422."""
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
