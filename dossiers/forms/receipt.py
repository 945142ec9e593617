"""Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Circular 01/2018/TT-VPCP).

Issued in two copies (Decree 61 Art. 19): one filed with the process control slip (form
05), one handed to the applicant; both pages are in the same PDF. The QR code opens the
public lookup page with the dossier code and its lookup secret filled in.

A dossier that resumes after a supplement requested during processing gets a new slip,
tied to the `resume` event: the waiting time is given back (Decree 61/2018/NĐ-CP), so the
appointment moves. It says it is re-issued and when the supplement came in, and keeps the
original time of receipt and log-book line.
"""

from __future__ import annotations

import segno

from dossiers.forms.common import applicant_line, components_received, copy_kinds
from dossiers.forms.layout import FormPDF, issuer_lines, place_of, vn_date, vn_date_words, vn_datetime
from dossiers.forms.links import lookup_url
from dossiers.models import Channel

TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
REISSUED = "Hẹn lại sau khi bổ sung hồ sơ"
COPIES = ("Liên 1: Lưu cùng Phiếu kiểm soát quá trình giải quyết hồ sơ", "Liên 2: Giao cho người nộp hồ sơ")


def qr_code(dossier) -> segno.QRCode:
    return segno.make(lookup_url(dossier), error="m", micro=False)


def is_reissue(event) -> bool:
    """A slip for the return from a supplement rather than for the receipt itself."""
    return event.action == "resume"


def render(dossier, event) -> bytes:
    pdf = FormPDF(created_at=event.at, title=f"{TITLE} — {dossier.code}", form_no="01")
    qr = qr_code(dossier)
    for copy in COPIES:
        pdf.add_page()
        _page(pdf, dossier, event, qr, copy)
    return pdf.render()


def _page(pdf: FormPDF, dossier, event, qr, copy: str) -> None:
    agency = dossier.receiving_agency
    version = dossier.procedure_version
    upper, main = issuer_lines(agency, one_stop=True)
    sequence = (dossier.code or "").rsplit("-", 1)[-1]
    pdf.header_block(upper=upper, main=main, number=f"Số: {sequence}/TNHS",
                     place_date=f"{place_of(agency)}, {vn_date_words(event.at)}")
    pdf.form_title(TITLE)
    reissue = is_reissue(event)
    # Received once; a re-issued slip keeps that time and the log-book line of the receipt.
    received_at = dossier.received_at if reissue else event.at

    # The code, the secret and the QR code side by side.
    qr_size = 25
    top = pdf.get_y()
    pdf.qr(qr, pdf.l_margin + pdf.epw - qr_size, top - 1, qr_size)
    text_w = pdf.epw - qr_size - 2
    pdf.font("", 10)
    pdf.multi_cell(text_w, 5, f"Mã hồ sơ: **{dossier.code}**", markdown=True, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(text_w, 5, f"Mã tra cứu: **{dossier.lookup_secret}**", markdown=True,
                   new_x="LMARGIN", new_y="NEXT")
    if reissue:
        # Beside the QR code, in place of the how-to line the original slip already gave: the
        # slip has no room to spare below without spilling each copy onto a second page.
        pdf.font("B", 9)
        pdf.multi_cell(text_w, 4.5, REISSUED, new_x="LMARGIN", new_y="NEXT")
        pdf.font("I", 8)
        pdf.multi_cell(text_w, 4, f"Nhận hồ sơ bổ sung: {vn_datetime(event.at)}", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.font("I", 8)
        pdf.multi_cell(text_w, 4, "Quét mã QR hoặc nhập mã hồ sơ và mã tra cứu tại trang tra cứu hồ sơ "
                       "để theo dõi tình hình giải quyết.", new_x="LMARGIN", new_y="NEXT")
    pdf.font("I", 8.5)
    pdf.multi_cell(text_w, 4.5, f"({copy})", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + qr_size - 1) + 1)

    size = 9.5
    pdf.para(f"{main}{' — ' + agency.name if main != agency.name else ''} tiếp nhận hồ sơ của: "
             f"{applicant_line(dossier)}", size=size)
    if dossier.representative_name:
        pdf.field("Người nộp thay", dossier.representative_name, size=size)
    pdf.field("Địa chỉ", dossier.applicant_address, size=size)
    pdf.field("Số điện thoại", f"{dossier.applicant_phone or '…'}    Thư điện tử: {dossier.applicant_email or '…'}",
              size=size)
    pdf.field("Nội dung yêu cầu giải quyết", version.name, size=size)

    pdf.para("1. Thành phần hồ sơ nộp gồm:", size=size)
    rows = [[str(i), c.name + (f" ({c.condition[:1].lower()}{c.condition[1:]})" if c.condition else ""), copy_kinds(c)]
            for i, c in enumerate(components_received(dossier), 1)]
    pdf.grid(["STT", "Tên giấy tờ", "Hình thức, số lượng"], rows, (8, 80, 34), size=8)
    pdf.para("2. Số lượng hồ sơ: 01 (bộ)", size=size, align="L")
    pdf.para(f"3. Thời gian giải quyết hồ sơ theo quy định: {version.time_limit_display()}", size=size, align="L")
    pdf.para(f"4. Thời gian nhận hồ sơ: {vn_datetime(received_at)}", size=size, align="L")
    pdf.para(f"5. Thời gian trả kết quả giải quyết hồ sơ: {vn_datetime(event.due_at)}", size=size, style="B", align="L")
    where = agency.name + (f", {agency.address}" if agency.address else "")
    if dossier.channel == Channel.ONLINE:
        where += " hoặc nhận bản điện tử trên Cổng dịch vụ công"
    pdf.para(f"6. Đăng ký nhận kết quả tại: {where}", size=size, align="L")
    pdf.para(f"Vào Sổ theo dõi hồ sơ ngày {vn_date(received_at)}, số thứ tự: {sequence}", size=size, style="I",
             align="L")
    # An online applicant may hand in the supplement from their own account: the officer's
    # name is then not theirs to print, so the receiver's line is left to sign.
    by_applicant = bool(event.actor_id) and event.actor_id == dossier.submitted_by_id
    pdf.signatures([
        ("Người nộp hồ sơ", "(Ký và ghi rõ họ tên)",
         dossier.representative_name or (dossier.applicant_name if dossier.channel != Channel.ONLINE else "")),
        ("Người tiếp nhận hồ sơ", "(Ký và ghi rõ họ tên)", "" if by_applicant else event.actor_name),
    ], space=14)
