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
