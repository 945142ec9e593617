"""Fields of the official forms 02–04 (Circular 01/2018/TT-VPCP): the applicant's contact
details and each missing component's kind on 02, the contact line and the submitter's
signature on 03, the number and distribution list on 04 — read back from the PDF."""

import pytest

from dossiers import actions
from dossiers.forms import issue_form, read, render_form
from dossiers.forms.common import MissingItem, agency_initials, missing_items
from tests.dossiers.conftest import at
from tests.dossiers.test_forms_support import media, page_sizes, pdf_text, submitted  # noqa: F401

pytestmark = pytest.mark.usefixtures("media")  # stored forms go to a temporary MEDIA_ROOT

A5 = (420, 595)
LAND = "Giấy chứng nhận quyền sử dụng đất"


# --- form 02 ---------------------------------------------------------------------------------

def test_form_02_gives_the_applicant_contact_and_the_kind_of_each_missing_component(received, hoa, minh, clock):
    # Given a supplement asked during appraisal with both shapes of `missing`
    dossier = actions.forward(received, hoa, assignee=minh).dossier
    clock.move_to(at(2025, 3, 12, 10))
    outcome = actions.request_supplement(dossier, minh, missing=[
        {"name": LAND, "copy_kind": "certified_copy"},
        {"name": "Tờ khai\x07 đăng ký", "copy_kind": "original"},
        {"name": "Ảnh hiện trạng công trình", "copy_kind": "copy"},
        "Bản vẽ mặt bằng tầng hầm",
    ], reason="Bản sao chưa được chứng thực")

    # The items reach the event as given, only cleaned of control characters
    assert outcome.event.data["missing"] == [
        {"name": LAND, "copy_kind": "certified_copy"},
        {"name": "Tờ khai đăng ký", "copy_kind": "original"},
        {"name": "Ảnh hiện trạng công trình", "copy_kind": "copy"},
        "Bản vẽ mặt bằng tầng hầm",
    ]

    # When form 02 is issued
    data = read(issue_form(dossier, "02"))
    text = pdf_text(data)

    # Then it has the applicant's address, phone and e-mail, and each line's kind in Vietnamese
    assert page_sizes(data) == [A5]
    for fact in ("Địa chỉ: 12 Lê Lợi, phường Thuận Hóa", "Số điện thoại: 0905123456",
                 "Thư điện tử: lan@example.vn", "Hình thức (bản chính, bản sao có chứng thực, bản sao)",
                 f"1 {LAND} Bản sao có chứng thực", "2 Tờ khai đăng ký Bản chính",
                 "3 Ảnh hiện trạng công trình Bản sao",
                 # a plain name renders as before: no kind given, none in the catalogue
                 "4 Bản vẽ mặt bằng tầng hầm Theo quy định"):
        assert fact in text, fact


def test_form_02_plain_names_keep_the_catalogue_kinds(permit, hoa):
    dossier = submitted(permit, hoa)
    dossier.applicant_phone = dossier.applicant_email = ""
    dossier.save(update_fields=["applicant_phone", "applicant_email"])
    actions.request_intake_supplement(dossier, hoa, missing=[LAND], reason="Thiếu bản sao chứng thực")
    text = pdf_text(read(issue_form(dossier, "02")))
    assert f"{LAND} Bản chính: 1; bản sao chứng thực: 1" in text
    assert "Số điện thoại: ………… Thư điện tử: …………" in text  # left to fill in by hand


def test_missing_items_accepts_both_shapes_and_never_fails_on_odd_data():
    data = {"missing": [
        "Đơn", {"name": " Bản vẽ ", "copy_kind": "copy"}, {"name": "Sổ", "copy_kind": "photocopy"},
        {"copy_kind": "original"}, {"name": ""}, None,
    ]}
    assert missing_items(data) == [MissingItem("Đơn"), MissingItem("Bản vẽ", "copy"), MissingItem("Sổ")]
    assert [i.copy_kind_label for i in missing_items(data)] == ["", "Bản sao", ""]
    assert missing_items({}) == missing_items({"missing": None}) == []
    assert missing_items({"missing": "Đơn"}) == [MissingItem("Đơn")]
    assert missing_items({"missing": [{"name": "Đơn", "copy_kind": ["copy"]}]}) == [MissingItem("Đơn")]


# --- form 03 ---------------------------------------------------------------------------------

def test_form_03_has_the_contact_line_and_both_signatures(permit, hoa, agency_a):
    # Given the receiving agency's address and phone on file
    agency_a.address = "9 Tôn Đức Thắng, phường Phú Xuân"
    agency_a.phone = "0234 3822 111"
    agency_a.save(update_fields=["address", "phone"])
    dossier = submitted(permit, hoa)
    actions.refuse(dossier, hoa, reason="Công trình không thuộc diện phải cấp giấy phép xây dựng")

    data = read(issue_form(dossier, "03"))
    text = pdf_text(data)

    assert page_sizes(data) == [A5]
    assert ("liên hệ Bộ phận Tiếp nhận và Trả kết quả, Sở Xây dựng, địa chỉ: 9 Tôn Đức Thắng, phường Phú Xuân, "
            "số điện thoại: 0234 3822 111") in text
    # The submitter signs beside the officer, as on the official form
    assert "NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên)" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên)" in text
    assert "Nguyễn Thị Lan" in text.split("NGƯỜI NỘP HỒ SƠ", 1)[1] and "Trần Thị Hòa" in text


def test_form_03_leaves_dots_when_the_agency_has_no_address_or_phone(permit, hoa):
    dossier = submitted(permit, hoa)
    actions.refuse(dossier, hoa, reason="Không thuộc thẩm quyền")
    text = pdf_text(read(issue_form(dossier, "03")))
    dots = "…" * 14
    assert f"Sở Xây dựng, địa chỉ: {dots}, số điện thoại: {dots} để được giải đáp" in text


# --- form 04 ---------------------------------------------------------------------------------

def test_form_04_has_a_number_and_a_distribution_list(received, hoa, dung, clock):
    dossier = actions.forward(received, hoa).dossier
    clock.move_to(at(2025, 3, 28, 9))
    outcome = actions.apologize(dossier, dung, reason="Cần lấy ý kiến cơ quan quản lý quy hoạch",
                                new_due_at=at(2025, 4, 4, 17))
    issued = issue_form(outcome.dossier, "04")
    data = read(issued)
    text = pdf_text(data)

    assert page_sizes(data) == [A5]
    # The number comes from the dossier code and the event: the same on every render
    assert f"Số: 250310-0001-{outcome.event.seq:02d}/PXL-SXD" in text
    assert render_form(outcome.dossier, "04", issued.event) == data
    for fact in ("Nơi nhận:", "- Như trên;", "- Bộ phận Tiếp nhận và Trả kết quả, Sở Xây dựng;",
                 "- Lưu: VT, hồ sơ 000.00.20.H57-250310-0001.", "THỦ TRƯỞNG CƠ QUAN", "Phạm Quốc Dũng",
                 "Mã hồ sơ: 000.00.20.H57-250310-0001"):
        assert fact in text, fact


def test_agency_initials_for_the_number(agency_a, agency_b):
    assert agency_initials(agency_a) == "SXD"  # Sở Xây dựng
    assert agency_initials(agency_b) == "SYT"  # Sở Y tế
    agency_a.name = "Ủy ban nhân dân phường Đông Ba"
    assert agency_initials(agency_a) == "UBNDPĐB"
    agency_a.short_name = "UBND Đông Ba"  # a label of several words is not a symbol
    assert agency_initials(agency_a) == "UBNDPĐB"
    agency_a.short_name = "UBNDP.ĐB"  # an administrator's one-word abbreviation wins
    assert agency_initials(agency_a) == "UBNDP.ĐB"
