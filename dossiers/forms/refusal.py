"""Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ (Circular 01/2018/TT-VPCP), with the
specific reason (Decree 61/2018/NĐ-CP Art. 19), where to ask about it, and room for both
the submitter and the receiving officer to sign, as on the official form."""

from __future__ import annotations

from dossiers.forms.common import applicant_line
from dossiers.forms.layout import FormPDF, issuer_lines, place_of, vn_date_words
from dossiers.models import Channel

TITLE = "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
# Long enough to write an address or a phone number by hand when the agency has none on file.
FILL_IN = "…" * 14


def contact(agency, main: str) -> str:
    """Whom the applicant asks about the refusal: the receiving agency's one-stop unit, with
    the address and phone kept on the agency (units.Agency), or dots to fill in by hand."""
    who = main if main == agency.name else f"{main}, {agency.name}"
    return f"{who}, địa chỉ: {agency.address or FILL_IN}, số điện thoại: {agency.phone or FILL_IN}"


def render(dossier, event) -> bytes:
    pdf = FormPDF(created_at=event.at, title=TITLE, form_no="03")
    pdf.one_page(lambda pdf: _page(pdf, dossier, event))  # one page, tightened if need be
    return pdf.render()


def _page(pdf: FormPDF, dossier, event) -> None:
    agency = dossier.receiving_agency
    upper, main = issuer_lines(agency, one_stop=True)
    pdf.header_block(upper=upper, main=main, number=f"Mã hồ sơ: {dossier.code}" if dossier.code else "",
                     place_date=f"{place_of(agency)}, {vn_date_words(event.at)}")
    pdf.form_title(TITLE)
    size = 10
    pdf.para(f"{main} tiếp nhận hồ sơ của: {applicant_line(dossier)}", size=size)
    pdf.field("Địa chỉ", dossier.applicant_address, size=size)
    pdf.field("Nội dung yêu cầu giải quyết", dossier.procedure_version.name, size=size)
    who = event.agency.name if event.agency_id and event.agency_id != agency.pk else main
    pdf.para(f"Qua xem xét, {who} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
             size=size)
    pdf.para(event.data.get("reason", ""), size=size, style="B", indent=4)
    pdf.para("Xin thông báo cho Ông/Bà được biết và thực hiện./.", size=size)
    pdf.para(f"Mọi vướng mắc, Ông/Bà liên hệ {contact(agency, main)} để được giải đáp.", size=size)
    # As on form 01: an online applicant is not at the counter, so the name is left to write.
    submitter = dossier.representative_name or (dossier.applicant_name if dossier.channel != Channel.ONLINE else "")
    pdf.signatures([
        ("Người nộp hồ sơ", "(Ký và ghi rõ họ tên)", submitter),
        ("Người tiếp nhận hồ sơ", "(Ký và ghi rõ họ tên)", event.actor_name),
    ])
