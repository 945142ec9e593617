"""Dossier fixtures: the building-permit procedure of agency A (received and decided there),
a second agency's procedure for liên thông, a frozen clock, and intake helpers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.roles import Role
from catalogue.specs import StepSpecRow, write_spec
from dossiers import actions
from dossiers.actions import Applicant
from dossiers.models import Channel
from tests.catalogue.conftest import building_permit_spec
from tests.conftest import staff

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LAN = Applicant("citizen", "046190000123", "Nguyễn Thị Lan", "12 Lê Lợi, phường Thuận Hóa", "0905123456",
                "lan@example.vn")


def pdf_bytes(text: str = "Đơn đề nghị") -> bytes:
    """A real one-page PDF (fpdf2): dossier files must open, not only start with %PDF-."""
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text=text.encode("ascii", "ignore").decode() or "PDF")
    return bytes(document.output())


def verify_dossier(dossier):
    """The first break in the dossier's event chain or row, or None (workflow/chain.py)."""
    from dossiers.machine import DOSSIER
    from workflow.chain import verify_object

    breaks = verify_object(DOSSIER, dossier)
    return breaks[0] if breaks else None


def at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=VN)


@pytest.fixture
def clock():
    """The clock, frozen at Monday 10/03/2025 09:00 in Huế; move it with clock.move_to(at(...))."""
    with time_machine.travel(at(2025, 3, 10), tick=False) as traveller:
        yield traveller


@pytest.fixture
def permit(agency_a, clock):
    spec = building_permit_spec(agency_a, effective_from=date(2025, 1, 1))
    spec.steps[1].actions.append("transfer")
    return write_spec(spec)


@pytest.fixture
def land_info(agency_b, clock):
    """Agency B's 3-working-day procedure, used as the liên thông leg."""
    spec = building_permit_spec(
        agency_b, code="1.004321", name="Cung cấp thông tin phục vụ cấp phép", time_limit_value=3,
        online_level="none", effective_from=date(2025, 1, 1),
    )
    spec.steps = [
        StepSpecRow("Tiếp nhận", "counter_officer", "receiving", Decimal("2"), ["forward"]),
        StepSpecRow("Xử lý", "specialist", "competent", Decimal("16"), ["forward"]),
        StepSpecRow("Phê duyệt", "leader", "competent", Decimal("4"), ["approve"]),
        StepSpecRow("Trả kết quả", "counter_officer", "receiving", Decimal("2"), ["return_result"]),
    ]
    return write_spec(spec)


@pytest.fixture
def counter_b(agency_b):
    return staff("thu", agency_b, Role.COUNTER_OFFICER, full_name="Ngô Thị Thu")


@pytest.fixture
def leader_b(agency_b):
    return staff("khoa", agency_b, Role.LEADER, full_name="Lý Đăng Khoa")


@pytest.fixture
def received(permit, hoa):
    """Lan's dossier, taken in and received at the counter by Hòa on Monday 09:00."""
    dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    return actions.receive(dossier, hoa).dossier
