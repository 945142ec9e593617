"""Form 01 re-issued: a dossier that resumes after a supplement requested during processing
gets a new appointment slip with the moved due date, tied to the `resume` event, while the
slip of the receipt stays stored and downloadable."""

import io

import pytest
from django.urls import include, path
from pypdf import PdfReader

import motcua.urls
from dossiers import actions
from dossiers.forms import FormError, issue_form, read, render_form
from dossiers.models import IssuedForm
from tests.dossiers.conftest import LAN, at
from tests.dossiers.test_forms_support import media, page_sizes, pdf_text  # noqa: F401

# As in test_lookup.py: until motcua/urls.py includes dossiers.urls, this module is the URLconf.
urlpatterns = [path("", include("dossiers.urls")), *motcua.urls.urlpatterns]
pytestmark = [pytest.mark.usefixtures("media"), pytest.mark.urls(__name__)]

A5 = (420, 595)
REISSUED = "Hẹn lại sau khi bổ sung hồ sơ"


def supplemented(received, hoa, minh, clock):
    """Lan's dossier: the original slip printed, a supplement asked on Wednesday 12/03 10:00
    and handed in on Friday 14/03 10:00 — two working days given back."""
    original = issue_form(received, "01", user=hoa)
    dossier = actions.forward(received, hoa, assignee=minh).dossier
    clock.move_to(at(2025, 3, 12, 10))
    dossier = actions.request_supplement(dossier, minh, missing=["Bản vẽ thiết kế xây dựng"],
                                         reason="Bản vẽ không rõ nét").dossier
    clock.move_to(at(2025, 3, 14, 10))
    outcome = actions.resume(dossier, hoa)
    return original, outcome


def test_resuming_after_a_supplement_issues_a_new_slip_with_the_new_date(received, hoa, minh, clock):
    original, outcome = supplemented(received, hoa, minh, clock)
    assert outcome.dossier.due_at == at(2025, 4, 2, 17)  # was 31/03 17:00

    # When form 01 is asked for again
    reissued = issue_form(outcome.dossier, "01", user=hoa)

    # Then it is a new stored slip, of the resume event, with the new appointment
    assert reissued.pk != original.pk and reissued.event == outcome.event
    assert IssuedForm.objects.filter(dossier=received, kind="01").count() == 2
    data = read(reissued)
    text = pdf_text(data)
    assert page_sizes(data) == [A5, A5]  # still one page per copy
    for fact in (REISSUED, "Nhận hồ sơ bổ sung: 10 giờ 00 phút, ngày 14/03/2025",
                 "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 02/04/2025",
                 # received once: the original time and log-book line are kept
                 "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 10/03/2025",
                 "Vào Sổ theo dõi hồ sơ ngày 10/03/2025, số thứ tự: 0001",
                 "Huế, ngày 14 tháng 03 năm 2025", "Mã hồ sơ: 000.00.20.H57-250310-0001", "Liên 1", "Liên 2",
                 "Trần Thị Hòa"):
        assert fact in text, fact
    assert "31/03/2025" not in text

    # And the original slip is untouched, still the stored one for the receive event
    first = text_of(original)
    assert REISSUED not in first and "17 giờ 00 phút, ngày 31/03/2025" in first
    receive = received.events.get(action="receive")
    assert issue_form(received, "01", event=receive).pk == original.pk
    assert issue_form(received, "01").pk == reissued.pk  # the latest, asked for again
    assert render_form(received, "01", outcome.event) == data  # deterministic


def text_of(issued):
    return pdf_text(read(issued))


def test_other_pauses_do_not_reissue_the_slip(received, hoa, dung, clock):
    dossier = actions.forward(received, hoa).dossier
    clock.move_to(at(2025, 3, 11, 9))
    dossier = actions.stop(dossier, dung, reason="Chờ ý kiến cơ quan khác").dossier
    clock.move_to(at(2025, 3, 12, 9))
    outcome = actions.resume(dossier, dung)
    assert issue_form(outcome.dossier, "01").event.action == "receive"
    with pytest.raises(FormError, match="không phát sinh mẫu 01"):
        issue_form(outcome.dossier, "01", event=outcome.event)


def test_the_applicant_handing_in_online_is_not_printed_as_the_receiving_officer(permit, lan, hoa, minh, clock):
    dossier = actions.forward(actions.receive(actions.submit(permit, LAN, lan).dossier, hoa).dossier, hoa).dossier
    clock.move_to(at(2025, 3, 12, 10))
    actions.request_supplement(dossier, minh, missing=[], reason="Bổ sung bản vẽ")
    clock.move_to(at(2025, 3, 13, 10))
    dossier = actions.resume(dossier, lan).dossier  # from her own account
    data = read(issue_form(dossier, "01"))
    assert REISSUED in pdf_text(data)
    # Each copy is one page ending on the receiver's box, left blank to sign.
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) == 2 and all(p.endswith("NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên)") for p in pages)


def test_the_public_download_gives_the_latest_slip_even_if_the_original_is_printed_after(
        client, received, hoa, minh, clock):
    # Given a dossier supplemented and resumed, whose slips are printed newest first
    dossier = actions.forward(received, hoa, assignee=minh).dossier
    clock.move_to(at(2025, 3, 12, 10))
    dossier = actions.request_supplement(dossier, minh, missing=["Bản vẽ"], reason="Bản vẽ không rõ nét").dossier
    clock.move_to(at(2025, 3, 14, 10))
    dossier = actions.resume(dossier, hoa).dossier
    reissued = issue_form(dossier, "01")
    original = issue_form(dossier, "01", event=received.events.get(action="receive"))
    assert original.pk > reissued.pk

    # When the applicant downloads the receipt with the code and secret printed on it
    url = f"/tra-cuu-ho-so/{received.code}/{received.lookup_secret}/giay-tiep-nhan.pdf"
    got = client.get(url)

    # Then it is the slip with the new appointment, not the one printed last
    assert got.status_code == 200 and b"".join(got.streaming_content) == read(reissued)
