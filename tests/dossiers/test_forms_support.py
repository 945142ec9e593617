"""Helpers shared by the form tests (no tests here): PDF text and pages, stored files in a
temporary MEDIA_ROOT, and the stories that give rise to each form."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from dossiers import actions
from dossiers.models import Channel
from tests.dossiers.conftest import LAN, at

MM = 72 / 25.4


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_BASE_URL = "https://dichvucong.hue.gov.vn"
    return settings.MEDIA_ROOT


def pdf_text(data: bytes) -> str:
    """All text of the PDF, with runs of whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_sizes(data: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(data))
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]


def appraised_late_with_apology(received, hoa, minh, dung, clock):
    """Lan's dossier: forwarded on time, a supplement asked and given, an apology with a new
    date, approved late, returned. Returns the dossier after each handover has happened."""
    clock.move_to(at(2025, 3, 10, 11))
    dossier = actions.forward(received, hoa, assignee=minh).dossier
    clock.move_to(at(2025, 3, 12, 10))
    dossier = actions.request_supplement(dossier, minh, missing=["Giấy chứng nhận quyền sử dụng đất"],
                                         reason="Bản sao chưa được chứng thực").dossier
    clock.move_to(at(2025, 3, 13, 10))
    dossier = actions.resume(dossier, hoa).dossier
    clock.move_to(at(2025, 3, 28, 9))
    dossier = actions.apologize(dossier, dung, reason="Cần lấy ý kiến cơ quan quản lý quy hoạch",
                                new_due_at=at(2025, 4, 7, 17)).dossier
    clock.move_to(at(2025, 4, 1, 9))
    dossier = actions.forward(dossier, minh).dossier
    clock.move_to(at(2025, 4, 2, 9))
    dossier = actions.approve(dossier, dung).dossier
    clock.move_to(at(2025, 4, 2, 14))
    return actions.return_result(dossier, hoa).dossier


def submitted(permit, hoa):
    return actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
