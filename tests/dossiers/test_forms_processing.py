"""Forms of processing: 04 apology with the new date, 05 process control slip built from
the events, one row per handover with its early / on time / late result."""

import pytest

from dossiers import actions
from dossiers.forms import issue_form, read, render_form
from dossiers.forms.control import handovers
from tests.dossiers.conftest import at
from tests.dossiers.test_forms_support import appraised_late_with_apology, media, page_sizes, pdf_text  # noqa: F401

pytestmark = pytest.mark.usefixtures("media")  # stored forms go to a temporary MEDIA_ROOT

A5 = (420, 595)


def test_form_04_apologises_with_the_reason_and_the_new_date(received, hoa, dung, clock):
    # Given the dossier in appraisal, due 31/03/2025 17:00
    dossier = actions.forward(received, hoa).dossier
    # When Dũng apologises on 28/03 with a new date
    clock.move_to(at(2025, 3, 28, 9))
    dossier = actions.apologize(dossier, dung, reason="Cần lấy ý kiến cơ quan quản lý quy hoạch",
                                new_due_at=at(2025, 4, 4, 17)).dossier
    data = read(issue_form(dossier, "04"))
    text = pdf_text(data)
    # Then the letter has the original appointment, the reason and the new date
    assert page_sizes(data) == [A5]
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    for fact in ("Kính gửi: Nguyễn Thị Lan", "Ngày 10/03/2025", "000.00.20.H57-250310-0001",
                 "17 giờ 00 phút, ngày 31/03/2025", "Cần lấy ý kiến cơ quan quản lý quy hoạch",
                 "xin lỗi Ông/Bà", "17 giờ 00 phút, ngày 04/04/2025", "THỦ TRƯỞNG CƠ QUAN", "Phạm Quốc Dũng",
                 "Huế, ngày 28 tháng 03 năm 2025"):
        assert fact in text, fact


def test_form_05_has_one_row_per_handover_with_its_timeliness(received, hoa, minh, dung, clock):
    # Given Lan's dossier: forwarded on time, a supplement, an apology, appraised late, returned
    dossier = appraised_late_with_apology(received, hoa, minh, dung, clock)
    events = list(dossier.events.select_related("from_step", "to_step", "agency").order_by("seq"))

    # When the control slip is built
    rows = handovers(dossier, events)

    # Then each handover is a row (the apology is not a handover), with who gave and received
    assert [r.action for r in rows] == [
        "receive", "forward", "request_supplement", "resume", "forward", "approve", "return_result"]
    assert [r.result for r in rows] == ["—", "Đúng hạn", "—", "—", "Quá hạn", "Đúng hạn", "Đúng hạn"]
    by_seq = {e.seq: e for e in events}
    for row in rows:
        assert row.at == by_seq[row.seq].at
    handed = rows[1]
    assert handed.giver == "Tiếp nhận hồ sơ — Sở Xây dựng\n(Trần Thị Hòa)"
    assert handed.receiver == "Thẩm định hồ sơ — Sở Xây dựng\n(Lê Văn Minh)"
    assert rows[4].receiver == "Phê duyệt — Sở Xây dựng\n(Phạm Quốc Dũng)"
    assert rows[2].note == "Yêu cầu bổ sung: Bản sao chưa được chứng thực"

    # And the PDF shows them
    data = read(issue_form(dossier, "05"))
    text = pdf_text(data)
    assert page_sizes(data) == [A5]
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    for fact in ("000.00.20.H57-250310-0001", "Nguyễn Thị Lan", "Trước hạn, đúng hạn, quá hạn".lower(),
                 "Quá hạn", "Đúng hạn", "11:00 10/03/2025", "09:00 01/04/2025", "14:00 02/04/2025",
                 "Lê Văn Minh", "Phạm Quốc Dũng", "Trả kết quả"):
        assert fact in text, fact


def test_form_05_is_reissued_when_new_events_exist(received, hoa, minh, clock):
    first = issue_form(received, "05")
    assert issue_form(received, "05").pk == first.pk  # nothing new: the same slip
    clock.move_to(at(2025, 3, 10, 10))
    actions.forward(received, hoa, assignee=minh)
    second = issue_form(received, "05")
    assert second.pk != first.pk and second.event.seq == first.event.seq + 1
    assert second.sha256 != first.sha256
    assert "10:00 10/03/2025" in pdf_text(read(second)) and "10:00 10/03/2025" not in pdf_text(read(first))
    # The earlier slip can still be rendered as it was
    assert render_form(received, "05", first.event) == read(first)
