"""One page per copy: each copy of form 01 (Circular 01/2018/TT-VPCP: one filed with form 05,
one handed to the applicant) and forms 02–04 stay on one A5 page in realistic worst cases —
an online dossier, a representative, eight components with long names, a long address, a
slip re-issued after a supplement — with nothing of the official form left out."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from catalogue.specs import ComponentSpec, write_spec
from dossiers import actions
from dossiers.actions import Applicant
from dossiers.forms import issue_form, layout, lookup_url, read, render_form
from dossiers.forms.layout import LOOSE, SMALLEST, Fit, FormPDF
from dossiers.forms.receipt import COPIES, ONLINE_RESULT
from dossiers.models import Channel
from tests.catalogue.conftest import building_permit_spec
from tests.dossiers.conftest import LAN, at
from tests.dossiers.test_forms_support import media, page_sizes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media")  # stored forms go to a temporary MEDIA_ROOT

A5 = (420, 595)
PROCEDURE = ("Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu "
             "cho hộ gia đình, cá nhân, cộng đồng dân cư, người Việt Nam định cư ở nước ngoài được sở hữu nhà ở "
             "tại Việt Nam")
COMPONENTS = [
    ComponentSpec("Đơn đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn "
                  "liền với đất theo Mẫu số 04a/ĐK"),
    ComponentSpec("Một trong các loại giấy tờ về quyền sử dụng đất quy định tại Điều 100 của Luật Đất đai và "
                  "Điều 18 của Nghị định số 43/2014/NĐ-CP", originals=0, certified_copies=1),
    ComponentSpec("Một trong các giấy tờ về quyền sở hữu nhà ở quy định tại Điều 31 của Nghị định số "
                  "43/2014/NĐ-CP", originals=0, certified_copies=1, requirement="conditional",
                  condition="Trường hợp đăng ký quyền sở hữu nhà ở"),
    ComponentSpec("Sơ đồ nhà ở, công trình xây dựng (trừ trường hợp trong giấy tờ về quyền sở hữu nhà ở, công "
                  "trình xây dựng đã có sơ đồ phù hợp với hiện trạng)", copies=1),
    ComponentSpec("Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ liên quan đến việc miễn, giảm nghĩa vụ tài "
                  "chính về đất đai, tài sản gắn liền với đất", originals=0, copies=1, requirement="conditional",
                  condition="Nếu có"),
    ComponentSpec("Văn bản ủy quyền nộp hồ sơ hoặc nhận Giấy chứng nhận", requirement="conditional",
                  condition="Trường hợp nộp thay"),
    ComponentSpec("Bản sao Căn cước công dân hoặc Chứng minh nhân dân của người đề nghị cấp Giấy chứng nhận",
                  originals=0, copies=1),
    ComponentSpec("Trích lục bản đồ địa chính hoặc trích đo địa chính thửa đất", requirement="conditional",
                  condition="Khi thửa đất chưa có bản đồ địa chính chính quy"),
]
COMPANY = "Công ty Trách nhiệm hữu hạn Một thành viên Đầu tư Xây dựng và Phát triển Đô thị Thừa Thiên Huế"
REPRESENTATIVE = "Tôn Nữ Thị Phương Thảo"
ADDRESS = ("Tổ dân phố 7, kiệt 45 đường Nguyễn Sinh Cung, khu quy hoạch Bắc Hương Sơ, phường Vỹ Dạ, quận Thuận "
           "Hóa, thành phố Huế")
COMPANY_APPLICANT = Applicant("organisation", "3301234567", COMPANY, ADDRESS, "0234 3812 345",
                              "nguyenthiphuongthao.daidien@xaydungdothi-hue.com.vn",
                              representative_name=REPRESENTATIVE, representative_id_number="046190000999")
REASON = ("Bản sao Giấy chứng nhận quyền sử dụng đất chưa được chứng thực theo quy định; sơ đồ nhà ở không thể "
          "hiện đủ kích thước các cạnh thửa đất và không có xác nhận của đơn vị đo đạc; văn bản ủy quyền chưa được "
          "công chứng, chứng thực; đề nghị bổ sung chứng từ thực hiện nghĩa vụ tài chính về đất đai của năm 2024 "
          "và giải trình việc chênh lệch diện tích giữa hồ sơ kỹ thuật thửa đất với giấy tờ về quyền sử dụng đất.")
SIGN = "(Ký và ghi rõ họ tên)"


def pages_of(data: bytes) -> list[str]:
    """The text of each page, whitespace runs made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def settings_chosen(monkeypatch):
    """The settings (layout.Fit) the forms rendered in the test were set at, in order."""
    chosen = []
    one_page = FormPDF.one_page

    def spy(pdf, *draws):
        chosen.append(one_page(pdf, *draws))
        return chosen[-1]

    monkeypatch.setattr(FormPDF, "one_page", spy)
    return chosen


@pytest.fixture
def land_title(agency_a, clock):
    """A procedure with eight components of long names, at an agency with a long name and
    address (printed in line 6 of form 01)."""
    agency_a.name = "Sở Tài nguyên và Môi trường"
    agency_a.address = "Tầng 4, Khu liên cơ quan số 2, 22 đường Tôn Đức Thắng, phường Phú Hội, thành phố Huế"
    agency_a.phone = "0234 3822 123"
    agency_a.save()
    return write_spec(building_permit_spec(agency_a, code="1.012345", name=PROCEDURE, components=COMPONENTS,
                                           effective_from=date(2025, 1, 1)))


def keep_components(version, count: int) -> None:
    version.components.filter(order__gt=count).delete()
    assert version.components.count() == count


def received_dossier(version, applicant, channel: str, lan, hoa):
    submitter, how = (lan, {}) if channel == "online" else (hoa, {"channel": Channel.COUNTER})
    return actions.receive(actions.submit(version, applicant, submitter, **how).dossier, hoa).dossier


def resumed(dossier, by, hoa, minh, clock, missing=()):
    """`dossier` forwarded by Hòa to Minh, a supplement asked on 12/03 and handed in on 14/03 by `by`."""
    dossier = actions.forward(dossier, hoa, assignee=minh).dossier
    clock.move_to(at(2025, 3, 12, 10))
    dossier = actions.request_supplement(dossier, minh, missing=list(missing), reason="Bản vẽ không rõ nét").dossier
    clock.move_to(at(2025, 3, 14, 10))
    return actions.resume(dossier, by).dossier


def assert_one_complete_page_per_copy(data: bytes, dossier, *, receiver: str):
    """Two A5 pages, each a whole copy of form 01: every part of the official form, the
    signature boxes last (nothing ran on to another page)."""
    assert page_sizes(data) == [A5, A5]
    names = [c.name for c in dossier.procedure_version.components.order_by("order")]
    for page, copy in zip(pages_of(data), COPIES, strict=True):
        for fact in (
            f"({copy})", f"Mã hồ sơ: {dossier.code}", f"Mã tra cứu: {dossier.lookup_secret}",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", dossier.applicant_name, f"Địa chỉ: {dossier.applicant_address}",
            "Nội dung yêu cầu giải quyết:", "1. Thành phần hồ sơ nộp gồm:", "Tên giấy tờ", "Hình thức, số lượng",
            *(name[:30] for name in names),  # each row of the table, by the start of its name
            "2. Số lượng hồ sơ: 01 (bộ)", "3. Thời gian giải quyết hồ sơ theo quy định: 15 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 10/03/2025", "5. Thời gian trả kết quả giải quyết hồ sơ:",
            f"6. Đăng ký nhận kết quả tại: {dossier.receiving_agency.name}",
            "Vào Sổ theo dõi hồ sơ ngày 10/03/2025, số thứ tự: 0001", "NGƯỜI NỘP HỒ SƠ",
        ):
            assert fact in page, (copy, fact)
        assert f"{len(names)} {names[-1][:20]}" in page  # the last row, numbered
        if dossier.channel == Channel.ONLINE:
            assert ONLINE_RESULT in page
        assert "Trang" not in page  # one page: no page numbers
        # The receiver's box closes the page: its title, the note, the officer's name or nothing
        assert page.endswith(f"NGƯỜI TIẾP NHẬN HỒ SƠ {SIGN} {receiver}".strip()), page[-200:]


# --- form 01 ----------------------------------------------------------------------------------

def test_form_01_of_an_online_dossier_is_one_page_per_copy(permit, lan, hoa, settings_chosen):
    # Given Lan's online dossier, received by Hòa: line 6 adds the portal as the other place
    dossier = received_dossier(permit, LAN, "online", lan, hoa)

    # When form 01 is issued
    data = read(issue_form(dossier, "01"))

    # Then each copy is one page, only the air taken out (the type is as normal)
    assert_one_complete_page_per_copy(data, dossier, receiver="Trần Thị Hòa")
    assert settings_chosen[-1].size == 1 and settings_chosen[-1].leading == 1


def test_form_01_of_an_ordinary_counter_dossier_keeps_the_normal_setting(received, settings_chosen):
    data = read(issue_form(received, "01"))
    assert_one_complete_page_per_copy(data, received, receiver="Trần Thị Hòa")
    assert settings_chosen == [Fit()]


@pytest.mark.parametrize("count", [5, 8])
@pytest.mark.parametrize("channel", ["online", "counter"])
def test_form_01_with_a_long_procedure_and_a_representative_is_one_page_per_copy(
        land_title, lan, hoa, channel, count, settings_chosen):
    # Given a company's dossier handed in by a representative, with a long address and e-mail,
    # for a procedure of `count` components with long names and conditions
    keep_components(land_title, count)
    dossier = received_dossier(land_title, COMPANY_APPLICANT, channel, lan, hoa)

    # When form 01 is issued
    data = read(issue_form(dossier, "01"))

    # Then both copies are whole, one page each, the type made smaller only as far as needed
    assert_one_complete_page_per_copy(data, dossier, receiver="Trần Thị Hòa")
    page = pages_of(data)[0]
    assert f"Người nộp thay: {REPRESENTATIVE}" in page and f"NGƯỜI NỘP HỒ SƠ {SIGN} {REPRESENTATIVE}" in page
    assert SMALLEST <= settings_chosen[-1].size < 1


@pytest.mark.parametrize("channel", ["online", "counter"])
def test_form_01_re_issued_after_a_supplement_is_one_page_per_copy(land_title, lan, hoa, minh, clock, channel):
    # Given the eight-component dossier, resumed after a supplement handed in at the counter
    dossier = received_dossier(land_title, COMPANY_APPLICANT, channel, lan, hoa)
    dossier = resumed(dossier, hoa, hoa, minh, clock, missing=[COMPONENTS[3].name])

    # When the new slip is issued
    issued = issue_form(dossier, "01")
    data = read(issued)

    # Then it is the re-issued slip, still one page per copy
    assert issued.event.action == "resume"
    assert_one_complete_page_per_copy(data, dossier, receiver="Trần Thị Hòa")
    for page in pages_of(data):
        assert "Hẹn lại sau khi bổ sung hồ sơ" in page and "Nhận hồ sơ bổ sung: 10 giờ 00 phút, ngày 14/03/2025" in page


@pytest.mark.parametrize("applicant", ["Lan", "company"])
def test_form_01_re_issued_from_the_applicant_own_account_leaves_the_receiver_box_blank(
        permit, land_title, lan, hoa, minh, clock, applicant):
    # Given an online dossier whose supplement the applicant handed in from her own account
    version, who = (permit, LAN) if applicant == "Lan" else (land_title, COMPANY_APPLICANT)
    dossier = resumed(received_dossier(version, who, "online", lan, hoa), lan, hoa, minh, clock)

    # Then each copy is one page, the receiver's box left to sign (the name is not hers to print)
    assert_one_complete_page_per_copy(read(issue_form(dossier, "01")), dossier, receiver="")


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="pdftoppm and zbarimg (poppler-utils, zbar-tools) are needed to decode the printed QR")
def test_form_01_qr_code_still_decodes_when_the_page_is_tightened(land_title, lan, hoa, tmp_path, settings_chosen):
    dossier = received_dossier(land_title, COMPANY_APPLICANT, "online", lan, hoa)
    (tmp_path / "01.pdf").write_bytes(read(issue_form(dossier, "01")))
    assert settings_chosen[-1].size < 0.9  # the QR code is drawn smaller with the type
    subprocess.run(["pdftoppm", "-r", "200", "-png", tmp_path / "01.pdf", tmp_path / "p"], check=True)
    for image in sorted(tmp_path.glob("p*.png")):
        decoded = subprocess.run(["zbarimg", "--raw", "-q", image], capture_output=True, text=True, check=True)
        assert decoded.stdout.strip() == lookup_url(dossier), image


# --- forms 02–04 ------------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["online", "counter"])
def test_forms_02_to_04_with_long_lists_and_reasons_are_one_page(land_title, lan, hoa, minh, dung, clock, channel):
    submitter, how = (lan, {}) if channel == "online" else (hoa, {"channel": Channel.COUNTER})

    def submit():
        return actions.submit(land_title, COMPANY_APPLICANT, submitter, **how).dossier

    # Form 02: all eight components to complete, with a long reason
    asked = actions.request_intake_supplement(submit(), hoa, missing=[c.name for c in COMPONENTS], reason=REASON)
    supplement = pages_of(render_form(asked.dossier, "02"))
    # Form 03: refused with a long reason
    refusal = pages_of(render_form(actions.refuse(submit(), hoa, reason=REASON).dossier, "03"))
    # Form 04: an apology with a long reason
    dossier = actions.forward(received_dossier(land_title, COMPANY_APPLICANT, channel, lan, hoa), hoa,
                              assignee=minh).dossier
    clock.move_to(at(2025, 3, 28, 9))
    dossier = actions.apologize(dossier, dung, reason=REASON, new_due_at=at(2025, 4, 7, 17)).dossier
    apology = pages_of(render_form(dossier, "04"))

    for pages, last in ((supplement, "NGƯỜI HƯỚNG DẪN"), (refusal, "NGƯỜI TIẾP NHẬN HỒ SƠ"),
                        (apology, "THỦ TRƯỞNG CƠ QUAN")):
        assert len(pages) == 1 and last in pages[0], pages
    assert all(name[:30] in supplement[0] for name in (c.name for c in COMPONENTS))
    for page in (supplement[0], refusal[0], apology[0]):
        assert REASON[-60:] in page


# --- the fitting rule -------------------------------------------------------------------------

def lines(count: int):
    def draw(pdf: FormPDF) -> None:
        for i in range(count):
            pdf.para(f"Dòng {i + 1} của nội dung", size=10)
        pdf.signatures([("Người ký", SIGN, "Trần Thị Hòa")])
    return draw


def test_fitting_takes_out_the_air_before_the_type_and_the_type_only_as_needed():
    def chosen(count: int) -> Fit:
        return FormPDF(created_at=at(2025, 3, 10), title="Thử").fitting(lines(count))

    assert chosen(20) == Fit()
    assert chosen(32) in LOOSE[1:]  # the gaps and the room to sign first, then the line height
    smaller = [chosen(count).size for count in (40, 44, 48)]
    assert 1 > smaller[0] > smaller[1] > smaller[2] >= SMALLEST  # the type only as far as needed
    assert chosen(80) == Fit(size=SMALLEST, leading=LOOSE[-1].leading, space=LOOSE[-1].space)  # runs on


def test_one_page_sets_every_copy_alike_and_numbers_only_pages_that_run_on():
    pdf = FormPDF(created_at=at(2025, 3, 10), title="Thử")
    fit = pdf.one_page(lines(44), lines(10))
    assert fit.size < 1 and pdf.pages_count == 2 and pdf.fit == Fit() and pdf.whole_pages == {1, 2}
    assert "Trang" not in " ".join(pages_of(pdf.render()))  # each page is whole: no page numbers

    too_long = FormPDF(created_at=at(2025, 3, 10), title="Thử")
    assert too_long.one_page(lines(80)).size == layout.SMALLEST
    pages = pages_of(too_long.render())
    assert len(pages) == 2 and too_long.whole_pages == set() and pages[1].endswith("Trang 2/2")
