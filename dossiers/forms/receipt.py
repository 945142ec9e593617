"""Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Circular 01/2018/TT-VPCP).

Issued in two copies (Decree 61 Art. 19): one filed with the process control slip (form
05), one handed to the applicant; both pages are in the same PDF. The QR code opens the
public lookup page with the dossier code and its lookup secret filled in.

A dossier that resumes after a supplement requested during processing gets a new slip,
tied to the `resume` event: the waiting time is given back (Decree 61/2018/NĐ-CP), so the
appointment moves. It says it is re-issued and when the supplement came in, and keeps the
original time of receipt and log-book line.

Each copy must stay on one page (A5): both are drawn at the loosest setting at which each
fits (FormPDF.one_page), so an online dossier, a representative, many components or long
names tighten the page rather than pushing the signatures onto a page of their own.
"""

from __future__ import annotations

import segno

from dossiers.forms.common import applicant_line, components_received, copy_kinds
from dossiers.forms.layout import CELL_PADDING, FormPDF, issuer_lines, place_of, vn_date, vn_date_words, vn_datetime
from dossiers.forms.links import lookup_url
from dossiers.models import Channel

TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
REISSUED = "Hẹn lại sau khi bổ sung hồ sơ"
COPIES = ("Liên 1: Lưu cùng Phiếu kiểm soát quá trình giải quyết hồ sơ", "Liên 2: Giao cho người nộp hồ sơ")
# Line 6 of form 01 (Circular 01/2018/TT-VPCP), "Đăng ký nhận kết quả tại", of an online
# dossier: besides the counter, the result may be received electronically on the portal.
ONLINE_RESULT = "hoặc nhận kết quả điện tử trên Cổng Dịch vụ công"
QR_SIZE = 25  # mm at the normal setting
GRID_SIZE = 8  # pt, the components table
NUMBER_W, KINDS_W = 8, 34  # mm: the STT column, and at most the "Hình thức, số lượng" column


def qr_code(dossier) -> segno.QRCode:
    return segno.make(lookup_url(dossier), error="m", micro=False)


def is_reissue(event) -> bool:
    """A slip for the return from a supplement rather than for the receipt itself."""
    return event.action == "resume"


def render(dossier, event) -> bytes:
    pdf = FormPDF(created_at=event.at, title=f"{TITLE} — {dossier.code}", form_no="01")
    qr = qr_code(dossier)
    pdf.one_page(*(lambda pdf, copy=copy: _page(pdf, dossier, event, qr, copy) for copy in COPIES))
    return pdf.render()


def _widths(pdf: FormPDF, rows: list[list[str]], size: float) -> tuple[float, float, float]:
    """Column widths of the components table: the kinds column no wider than its longest
    entry needs (a dossier of originals only gives the names more room), the names the rest."""
    pdf.font("", size)
    padding = 2 * CELL_PADDING + 1  # a little air besides
    longest = max((pdf.get_string_width(row[2]) for row in rows), default=0)
    pdf.font("B", size)
    heading = max(pdf.get_string_width(word) for word in ("Hình thức,", "số lượng"))
    kinds = min(KINDS_W, max(longest, heading) + padding)
    return NUMBER_W, pdf.epw - NUMBER_W - kinds, kinds


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
    lh = pdf.lh
    qr_size = QR_SIZE * pdf.fit.size
    top = pdf.get_y()
    pdf.qr(qr, pdf.l_margin + pdf.epw - qr_size, top - 1, qr_size)
    text_w = pdf.epw - qr_size - 2
    pdf.font("", 10)
    pdf.multi_cell(text_w, lh(5), f"Mã hồ sơ: **{dossier.code}**", markdown=True, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(text_w, lh(5), f"Mã tra cứu: **{dossier.lookup_secret}**", markdown=True,
                   new_x="LMARGIN", new_y="NEXT")
    if reissue:
        # Beside the QR code, in place of the how-to line the original slip already gave.
        pdf.font("B", 9)
        pdf.multi_cell(text_w, lh(4.5), REISSUED, new_x="LMARGIN", new_y="NEXT")
        pdf.font("I", 8)
        pdf.multi_cell(text_w, lh(4), f"Nhận hồ sơ bổ sung: {vn_datetime(event.at)}", new_x="LMARGIN",
                       new_y="NEXT")
    else:
        pdf.font("I", 8)
        pdf.multi_cell(text_w, lh(4), "Quét mã QR hoặc nhập mã hồ sơ và mã tra cứu tại trang tra cứu hồ sơ "
                       "để theo dõi tình hình giải quyết.", new_x="LMARGIN", new_y="NEXT")
    pdf.font("I", 8.5)
    pdf.multi_cell(text_w, lh(4.5), f"({copy})", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + qr_size - 1) + pdf.gap(1))

    size = 9.5
    pdf.para(f"{main}{' — ' + agency.name if main != agency.name else ''} tiếp nhận hồ sơ của: "
             f"{applicant_line(dossier)}", size=size)
    if dossier.representative_name:
        pdf.field("Người nộp thay", dossier.representative_name, size=size)
    pdf.field("Địa chỉ", dossier.applicant_address, size=size)
    pdf.field("Số điện thoại", f"{dossier.applicant_phone or '…'}    Thư điện tử: {dossier.applicant_email or '…'}",
              size=size, align="L")  # a long e-mail address wraps: not stretched across the line
    pdf.field("Nội dung yêu cầu giải quyết", version.name, size=size)

    pdf.para("1. Thành phần hồ sơ nộp gồm:", size=size)
    rows = [[str(i), c.name + (f" ({c.condition[:1].lower()}{c.condition[1:]})" if c.condition else ""), copy_kinds(c)]
            for i, c in enumerate(components_received(dossier), 1)]
    pdf.grid(["STT", "Tên giấy tờ", "Hình thức, số lượng"], rows, _widths(pdf, rows, GRID_SIZE), size=GRID_SIZE)
    pdf.para("2. Số lượng hồ sơ: 01 (bộ)", size=size, align="L")
    pdf.para(f"3. Thời gian giải quyết hồ sơ theo quy định: {version.time_limit_display()}", size=size, align="L")
    pdf.para(f"4. Thời gian nhận hồ sơ: {vn_datetime(received_at)}", size=size, align="L")
    pdf.para(f"5. Thời gian trả kết quả giải quyết hồ sơ: {vn_datetime(event.due_at)}", size=size, style="B", align="L")
    where = agency.name + (f", {agency.address}" if agency.address else "")
    if dossier.channel == Channel.ONLINE:
        where += f" {ONLINE_RESULT}"
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
