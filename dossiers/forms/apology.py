"""Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả (Circular 01/2018/TT-VPCP).

Sent by the processing agency at least one working day before the due date, with the
reason and the new date, which may be set only once (Decree 61/2018/NĐ-CP Art. 19). It is
a letter of the agency, so it carries a number and a distribution list ("Nơi nhận")."""

from __future__ import annotations

from datetime import datetime

from dossiers.forms.common import agency_initials
from dossiers.forms.layout import FormPDF, issuer_lines, place_of, vn_date, vn_date_words, vn_datetime

TITLE = "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
SYMBOL = "PXL"  # phiếu xin lỗi


def number(dossier, event, agency) -> str:
    """"Số: 250310-0001-07/PXL-SXD": the dossier's date and daily sequence (unique with the
    receiving agency, Circular 01/2018 Art. 19) and the event's seq, so a re-render gives the
    same number and two apologies never share one, without a counter of letters to keep."""
    tail = (dossier.code or "").split("-", 1)[-1] or str(dossier.pk)
    return f"Số: {tail}-{event.seq:02d}/{SYMBOL}-{agency_initials(agency)}"


def recipients(dossier) -> list[str]:
    # The letter goes to the applicant ("Như trên": the addressee), through the one-stop unit
    # that returns results (Decree 61/2018/NĐ-CP), and a copy is filed with the dossier.
    receiving = dossier.receiving_agency
    _, one_stop = issuer_lines(receiving, one_stop=True)
    one_stop = one_stop if one_stop == receiving.name else f"{one_stop}, {receiving.name}"
    return ["- Như trên;", f"- {one_stop};", f"- Lưu: VT, hồ sơ {dossier.code}."]


def render(dossier, event) -> bytes:
    pdf = FormPDF(created_at=event.at, title=TITLE, form_no="04")
    pdf.one_page(lambda pdf: _page(pdf, dossier, event))  # one page, tightened if need be
    return pdf.render()


def _page(pdf: FormPDF, dossier, event) -> None:
    agency = event.agency or dossier.current_agency
    upper, main = issuer_lines(agency, one_stop=False)
    pdf.header_block(upper=upper, main=main, number=number(dossier, event, agency),
                     place_date=f"{place_of(agency)}, {vn_date_words(event.at)}")
    pdf.form_title(TITLE)
    size = 10
    previous = event.data.get("previous_due_at")
    previous_due = datetime.fromisoformat(previous) if previous else None
    pdf.field("Kính gửi", dossier.applicant_name, size=size, bold=True)
    pdf.para(f"Ngày {vn_date(dossier.received_at)}, {dossier.receiving_agency.name} tiếp nhận giải quyết hồ sơ "
             f"của Ông/Bà, đề nghị giải quyết thủ tục: {dossier.procedure_version.name}.", size=size)
    pdf.field("Mã hồ sơ", dossier.code, size=size)
    pdf.field("Thời gian hẹn trả kết quả giải quyết hồ sơ", vn_datetime(previous_due), size=size)
    pdf.para(f"Tuy nhiên đến nay, {agency.name} chưa trả kết quả giải quyết hồ sơ của Ông/Bà.", size=size)
    pdf.field("Lý do", event.data.get("reason", ""), size=size)
    pdf.para(f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agency.name} xin lỗi Ông/Bà và sẽ trả kết quả "
             f"giải quyết hồ sơ cho Ông/Bà vào: {vn_datetime(event.due_at)}.", size=size, style="B")
    pdf.para("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.", size=size)
    pdf.closing(recipients(dossier), ("Thủ trưởng cơ quan", "(Ký, ghi rõ họ tên và đóng dấu)", event.actor_name))
