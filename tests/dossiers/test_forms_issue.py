"""Issuing forms: stored once with their SHA-256, reprinted byte for byte, rendered
deterministically, refused with a clear message when the dossier never had the event;
the log book (form 06); the print_form command."""

import hashlib
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from dossiers import actions
from dossiers.forms import FormError, issue_form, issue_log_book, read, render_form
from dossiers.models import IssuedForm
from tests.dossiers.conftest import LAN, at
from tests.dossiers.test_forms_support import media, page_sizes, pdf_text, submitted  # noqa: F401

pytestmark = pytest.mark.usefixtures("media")  # stored forms go to a temporary MEDIA_ROOT


def test_a_reprint_is_the_stored_file_byte_for_byte(received, hoa, minh, clock):
    first = issue_form(received, "01", user=hoa)
    original = read(first)
    assert first.sha256 == hashlib.sha256(original).hexdigest()
    assert first.issued_by == hoa and first.file.name.startswith("forms/")

    # Later the dossier moves on; the receipt asked for again is the same row and bytes
    clock.move_to(at(2025, 3, 12, 10))
    actions.forward(received, hoa, assignee=minh)
    again = issue_form(received, "01")
    assert again.pk == first.pk and read(again) == original
    assert IssuedForm.objects.filter(dossier=received, kind="01").count() == 1


def test_rendering_the_same_event_twice_gives_identical_bytes(received, hoa, clock):
    event = received.events.get(action="receive")
    first = render_form(received, "01", event)
    clock.move_to(at(2025, 6, 2, 15))  # a later day: no clock time leaks into the file
    assert render_form(received, "01", event) == first
    assert b"/CreationDate (D:20250310" in first  # the receipt's time, not the rendering's


@pytest.mark.parametrize(("kind", "message"), [
    ("03", "không bị từ chối"),
    ("04", "chưa được xin lỗi"),
    ("02", "chưa có yêu cầu bổ sung"),
])
def test_a_form_without_its_event_is_refused_in_vietnamese(received, kind, message):
    with pytest.raises(FormError, match=message) as caught:
        issue_form(received, kind)
    assert isinstance(caught.value, ValueError) and caught.value.code == "not_available"
    assert not IssuedForm.objects.exists()


def test_no_receipt_before_receiving_and_other_mistakes(permit, hoa, received):
    dossier = submitted(permit, hoa)
    with pytest.raises(FormError, match="chưa được tiếp nhận"):
        issue_form(dossier, "01")
    with pytest.raises(FormError, match="chưa được tiếp nhận"):
        issue_form(dossier, "05")
    with pytest.raises(FormError, match="01 đến 06"):
        issue_form(received, "07")
    with pytest.raises(FormError, match="mẫu 06"):
        issue_form(received, "06")
    other = received.events.get(action="receive")
    with pytest.raises(FormError, match="không phát sinh mẫu 01"):
        issue_form(dossier, "01", event=other)  # an event of another dossier


def test_form_01_is_tied_to_the_receive_event_even_with_a_number(received):
    assert issue_form(received, 1).event.action == "receive"


def test_log_book_lists_one_agency_over_a_date_range(permit, hoa, minh, received, agency_a, clock):
    # Given two dossiers received on 10/03 and one on 12/03; the first is returned
    clock.move_to(at(2025, 3, 10, 10))
    second = actions.receive(actions.submit(permit, LAN, hoa, channel=1).dossier, hoa).dossier
    clock.move_to(at(2025, 3, 12, 9))
    third = actions.receive(actions.submit(permit, LAN, hoa, channel=1).dossier, hoa).dossier
    clock.move_to(at(2025, 3, 12, 10))
    actions.forward(received, hoa, assignee=minh)

    # When the log book for 10/03–11/03 is issued
    book = issue_log_book(agency_a, date(2025, 3, 10), date(2025, 3, 11))
    data = read(book)
    text = pdf_text(data)

    # Then it is one A4 landscape page with the two dossiers of those days only
    assert page_sizes(data) == [(842, 595)]
    assert (book.kind, book.dossier, book.event) == ("06", None, None)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "từ ngày 10/03/2025 đến ngày 11/03/2025" in text
    assert received.code in text and second.code in text and third.code not in text
    for heading in ("STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Nhận hồ sơ", "Hẹn trả kết quả", "Trả kết quả",
                    "Ghi chú"):
        assert heading in text, heading
    assert "10:00 12/03/2025" in text  # when the first one was handed on to appraisal
    assert "Tổng số hồ sơ: 2" in text
    # The same book asked for again is the stored one
    assert issue_log_book(agency_a, date(2025, 3, 10), date(2025, 3, 11)).pk == book.pk
    with pytest.raises(FormError, match="sau ngày bắt đầu"):
        issue_log_book(agency_a, date(2025, 3, 11), date(2025, 3, 10))


def test_print_form_command(received, agency_a, tmp_path):
    out = tmp_path / "01.pdf"
    call_command("print_form", received.code, "01", "-o", str(out))
    assert out.read_bytes() == read(IssuedForm.objects.get(dossier=received, kind="01"))
    assert "GIẤY TIẾP NHẬN" in pdf_text(out.read_bytes())

    book = tmp_path / "06.pdf"
    call_command("print_form", agency_a.code, "06", "--from", "2025-03-01", "--to", "2025-03-31", "-o", str(book))
    assert received.code in pdf_text(book.read_bytes())

    with pytest.raises(CommandError, match="không bị từ chối"):
        call_command("print_form", received.code, "03", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="Không có hồ sơ"):
        call_command("print_form", "000.00.20.H57-250310-9999", "01", "-o", str(tmp_path / "x.pdf"))
