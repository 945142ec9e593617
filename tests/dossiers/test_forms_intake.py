"""Forms of intake: 01 receipt and appointment slip (with its QR code), 02 supplement
request, 03 refusal — each rendered for a real story and read back with pypdf."""

import shutil
import subprocess

import pytest
import segno

from dossiers import actions
from dossiers.forms import issue_form, lookup_url, read
from dossiers.forms.receipt import qr_code
from tests.dossiers.conftest import at
from tests.dossiers.test_forms_support import media, page_sizes, pdf_text, submitted  # noqa: F401

pytestmark = pytest.mark.usefixtures("media")  # stored forms go to a temporary MEDIA_ROOT

A5 = (420, 595)


def test_form_01_carries_the_receipt_facts_in_two_copies(received):
    # Given Lan's dossier received by Hòa on Monday 10/03/2025 09:00
    # When the receipt is issued
    issued = issue_form(received, "01")
    data = read(issued)
    text = pdf_text(data)

    # Then it is two A5 pages (copy for the file, copy for the applicant) with every field
    assert page_sizes(data) == [A5, A5]
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "SỞ XÂY DỰNG" in text and "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    for fact in (
        "Mã hồ sơ: 000.00.20.H57-250310-0001", f"Mã tra cứu: {received.lookup_secret}", "Nguyễn Thị Lan",
        "12 Lê Lợi, phường Thuận Hóa", "0905123456", "lan@example.vn",
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Đơn đề nghị cấp giấy phép xây dựng",
        "Giấy chứng nhận quyền sử dụng đất", "01 (bộ)", "15 ngày làm việc",
        "09 giờ 00 phút, ngày 10/03/2025", "17 giờ 00 phút, ngày 31/03/2025", "Huế, ngày 10 tháng 03 năm 2025",
        "Liên 1", "Liên 2", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Thị Hòa", "số thứ tự: 0001",
    ):
        assert fact in text, fact
    assert issued.event.action == "receive" and issued.dossier == received


def test_form_01_qr_code_opens_the_public_lookup_page(received):
    url = lookup_url(received)
    assert url == ("https://dichvucong.hue.gov.vn/tra-cuu-ho-so/?ma=000.00.20.H57-250310-0001"
                   f"&mat-khau={received.lookup_secret}")
    # The QR code drawn on the slip is the one of that URL
    assert qr_code(received).matrix == segno.make(url, error="m", micro=False).matrix


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="pdftoppm and zbarimg (poppler-utils, zbar-tools) are needed to decode the printed QR")
def test_form_01_printed_qr_code_decodes_to_the_lookup_url(received, tmp_path):
    (tmp_path / "01.pdf").write_bytes(read(issue_form(received, "01")))
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", tmp_path / "01.pdf", tmp_path / "p"],
                   check=True)
    image = next(tmp_path.glob("p*.png"))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", image], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == lookup_url(received)


def test_form_02_at_intake_lists_what_to_complete(permit, hoa):
    # Given Lan's counter dossier lacking the drawings
    dossier = submitted(permit, hoa)
    dossier = actions.request_intake_supplement(
        dossier, hoa, missing=["Giấy chứng nhận quyền sử dụng đất", "Bản vẽ mặt bằng tầng hầm"],
        reason="Bản sao chưa được chứng thực; thiếu bản vẽ tầng hầm",
    ).dossier
    # When form 02 is issued
    data = read(issue_form(dossier, "02"))
    text = pdf_text(data)
    # Then the guidance is complete, once and in writing
    assert page_sizes(data) == [A5]
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    for fact in ("Ông/Bà Nguyễn Thị Lan", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
                 "Giấy chứng nhận quyền sử dụng đất", "bản sao chứng thực: 1", "Bản vẽ mặt bằng tầng hầm",
                 "Theo quy định", "Bản sao chưa được chứng thực; thiếu bản vẽ tầng hầm", "Sở Xây dựng",
                 "NGƯỜI HƯỚNG DẪN", "Trần Thị Hòa"):
        assert fact in text, fact


def test_form_02_during_appraisal_names_the_agency_asking(received, hoa, minh, clock):
    dossier = actions.forward(received, hoa).dossier
    clock.move_to(at(2025, 3, 11, 10))
    actions.request_supplement(dossier, minh, missing=["Bản vẽ thiết kế xây dựng"], reason="Bản vẽ không rõ nét")
    text = pdf_text(read(issue_form(dossier, "02")))
    assert "Mã hồ sơ: 000.00.20.H57-250310-0001" in text
    assert "Qua thẩm định, Sở Xây dựng đề nghị bổ sung" in text
    assert "Bản vẽ không rõ nét" in text and "Lê Văn Minh" in text and "Huế, ngày 11 tháng 03 năm 2025" in text


def test_form_03_gives_the_specific_reason(permit, hoa):
    dossier = submitted(permit, hoa)
    actions.refuse(dossier, hoa, reason="Công trình không thuộc diện phải cấp giấy phép xây dựng")
    data = read(issue_form(dossier, "03"))
    text = pdf_text(data)
    assert page_sizes(data) == [A5]
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    for fact in ("Ông/Bà Nguyễn Thị Lan", "Công trình không thuộc diện phải cấp giấy phép xây dựng",
                 "không tiếp nhận, giải quyết hồ sơ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Thị Hòa"):
        assert fact in text, fact
