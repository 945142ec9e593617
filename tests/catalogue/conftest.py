"""Catalogue fixtures: a valid procedure spec that each test bends to its story."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from catalogue.specs import ComponentSpec, FeeSpec, LegalBasisSpec, ProcedureSpec, StepSpecRow, write_spec


def building_permit_spec(agency, receiving=None, **overrides) -> ProcedureSpec:
    """Cấp giấy phép xây dựng: 15 working days = 120 working hours, split over four steps."""
    receiving = receiving or agency
    spec = ProcedureSpec(
        code="1.009994",
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        field_code="xay-dung",
        field_name="Xây dựng",
        competent_agency_code=agency.code,
        receiving_agency_code=receiving.code,
        time_limit_kind="days",
        time_limit_value=15,
        result_type="licence",
        result_name="Giấy phép xây dựng",
        online_level="partial",
        level_province=True,
        for_citizens=True,
        requirements="Công trình phù hợp quy hoạch chi tiết xây dựng.",
        effective_from=date(2025, 7, 1),
        components=[
            ComponentSpec("Đơn đề nghị cấp giấy phép xây dựng", originals=1, must_digitize=True),
            ComponentSpec("Giấy chứng nhận quyền sử dụng đất", certified_copies=1, reusable=True),
            ComponentSpec("Bản vẽ thiết kế xây dựng", copies=2, requirement="conditional",
                          condition="Khi công trình có tầng hầm"),
        ],
        fees=[FeeSpec("Lệ phí cấp giấy phép xây dựng", 75000, 50000)],
        legal_bases=[LegalBasisSpec("Luật Xây dựng số 50/2014/QH13", "Luật Xây dựng", date(2014, 6, 18), "Điều 89")],
        steps=[
            StepSpecRow("Tiếp nhận hồ sơ", "counter_officer", "receiving", Decimal("4"), ["forward", "refuse"]),
            StepSpecRow("Thẩm định hồ sơ", "specialist", "competent", Decimal("100"),
                        ["forward", "request_supplement", "send_back"]),
            StepSpecRow("Phê duyệt", "leader", "competent", Decimal("12"), ["approve", "send_back"]),
            StepSpecRow("Trả kết quả", "counter_officer", "receiving", Decimal("4"), ["return_result"]),
        ],
    )
    for name, value in overrides.items():
        setattr(spec, name, value)
    return spec


@pytest.fixture
def permit_spec(agency_a):
    return building_permit_spec(agency_a)


@pytest.fixture
def permit(permit_spec):
    """The building permit, published from 01/07/2025."""
    return write_spec(permit_spec)


# --- Excel workbooks built in code (tests/catalogue/test_excel_*.py, test_admin_*.py) ---------
# Each sheet is given as a list of rows keyed by the Vietnamese column headers of
# catalogue.excel; missing sheets get their header row only.


def make_workbook(sheets: dict[str, list[dict]], *, drop_sheets=()) -> bytes:
    import io

    from openpyxl import Workbook

    from catalogue.excel import SHEETS

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, columns in SHEETS.items():
        if name in drop_sheets:
            continue
        ws = workbook.create_sheet(name)
        headers = [c.header for c in columns]
        ws.append(headers)
        for row in sheets.get(name, []):
            ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def permit_sheets(agency, code="1.009994", effective="01/07/2025") -> dict[str, list[dict]]:
    """The building permit of `building_permit_spec`, as an official would type it."""
    return {
        "Thủ tục": [{
            "Mã thủ tục": code, "Tên thủ tục": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            "Mã lĩnh vực": "xay-dung", "Tên lĩnh vực": "Xây dựng", "Cấp tỉnh": "x",
            "Mã cơ quan có thẩm quyền": agency.code, "Mã cơ quan tiếp nhận": agency.code, "Công dân": "x",
            "Loại thời hạn": "days", "Thời hạn giải quyết": 15, "Loại kết quả": "licence",
            "Kết quả thực hiện": "Giấy phép xây dựng", "Mức độ trực tuyến": "partial",
            "Yêu cầu, điều kiện": "Công trình phù hợp quy hoạch chi tiết xây dựng.", "Ngày hiệu lực": effective,
        }],
        "Thành phần hồ sơ": [
            {"Mã thủ tục": code, "Tên giấy tờ": "Đơn đề nghị cấp giấy phép xây dựng", "Số bản chính": 1,
             "Bắt buộc": "required", "Phải số hóa": "x"},
            {"Mã thủ tục": code, "Tên giấy tờ": "Giấy chứng nhận quyền sử dụng đất", "Số bản sao chứng thực": 1,
             "Bắt buộc": "required", "Tái sử dụng": "x"},
            {"Mã thủ tục": code, "Tên giấy tờ": "Bản vẽ thiết kế xây dựng", "Số bản sao": 2,
             "Bắt buộc": "conditional", "Điều kiện": "Khi công trình có tầng hầm"},
        ],
        "Quy trình": [
            {"Mã thủ tục": code, "Thứ tự bước": 1, "Tên bước": "Tiếp nhận hồ sơ", "Vai trò": "counter_officer",
             "Cơ quan thực hiện": "receiving", "Thời gian (giờ làm việc)": 4, "Thao tác được phép": "forward, refuse"},
            {"Mã thủ tục": code, "Thứ tự bước": 2, "Tên bước": "Thẩm định hồ sơ", "Vai trò": "specialist",
             "Cơ quan thực hiện": "competent", "Thời gian (giờ làm việc)": 100,
             "Thao tác được phép": "forward, request_supplement, send_back"},
            {"Mã thủ tục": code, "Thứ tự bước": 3, "Tên bước": "Phê duyệt", "Vai trò": "leader",
             "Cơ quan thực hiện": "competent", "Thời gian (giờ làm việc)": 11.5,
             "Thao tác được phép": "approve, send_back"},
            {"Mã thủ tục": code, "Thứ tự bước": 4, "Tên bước": "Trả kết quả", "Vai trò": "counter_officer",
             "Cơ quan thực hiện": "receiving", "Thời gian (giờ làm việc)": 4.5, "Thao tác được phép": "return_result"},
        ],
        "Căn cứ pháp lý": [
            {"Mã thủ tục": code, "Số, ký hiệu văn bản": "Luật Xây dựng số 50/2014/QH13", "Trích yếu": "Luật Xây dựng",
             "Ngày ban hành": "18/06/2014", "Điều, khoản": "Điều 89"},
        ],
        "Phí, lệ phí": [
            {"Mã thủ tục": code, "Tên phí, lệ phí": "Lệ phí cấp giấy phép xây dựng", "Mức thu (đồng)": 75000,
             "Mức thu trực tuyến (đồng)": 50000},
        ],
    }


def same_day_sheets(agency, code="2.000100") -> dict[str, list[dict]]:
    """A same-day procedure left as a draft (no effective date), with Vietnamese labels."""
    return {
        "Thủ tục": [{
            "Mã thủ tục": code, "Tên thủ tục": "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
            "Mã lĩnh vực": "chung-thuc", "Tên lĩnh vực": "Chứng thực", "Cấp xã": "có", "Cấp tỉnh": "không",
            "Mã cơ quan có thẩm quyền": agency.code, "Mã cơ quan tiếp nhận": agency.code, "Công dân": "x",
            "Tổ chức, doanh nghiệp": "x", "Loại thời hạn": "Trong ngày", "Loại kết quả": "Văn bản xác nhận",
            "Kết quả thực hiện": "Bản sao được chứng thực", "Mức độ trực tuyến": "Toàn trình",
            "Liên thông": "Có", "Ghi chú thời hạn": "Tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        }],
        "Thành phần hồ sơ": [
            {"Mã thủ tục": code, "Tên giấy tờ": "Bản chính giấy tờ cần chứng thực", "Số bản chính": 1,
             "Bắt buộc": "Bắt buộc"},
        ],
        "Quy trình": [
            {"Mã thủ tục": code, "Thứ tự bước": 1, "Tên bước": "Tiếp nhận và chứng thực", "Vai trò": "Cán bộ một cửa",
             "Cơ quan thực hiện": "Cơ quan tiếp nhận", "Thời gian (giờ làm việc)": "0,5",
             "Thao tác được phép": "Trả kết quả; Từ chối"},
        ],
        "Phí, lệ phí": [
            {"Mã thủ tục": code, "Tên phí, lệ phí": "Phí chứng thực", "Mức thu (đồng)": "2.000",
             "Ghi chú": "Mỗi trang"},
        ],
    }


def merge_sheets(*parts: dict[str, list[dict]]) -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {}
    for part in parts:
        for name, rows in part.items():
            merged.setdefault(name, []).extend(rows)
    return merged
