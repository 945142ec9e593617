"""Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Circular 01/2018/TT-VPCP).

Decree 61/2018/NĐ-CP Art. 19: the officer guides the applicant once, in writing, on
everything to complete. Issued at intake (request_intake_supplement) or, during appraisal,
through the one-stop unit (request_supplement). Like the official form it names the
applicant's address, phone and e-mail, and for each missing component the form it must be
handed in as (bản chính, bản sao có chứng thực, bản sao).
"""

from __future__ import annotations

from dossiers.forms.common import applicant_line, component_named, contact_line, copy_kinds, missing_items
from dossiers.forms.layout import DOTS, FormPDF, issuer_lines, place_of, vn_date_words

TITLE = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
# Said of a missing item the catalogue does not list and the officer gave no kind for.
AS_REQUIRED = "Theo quy định"


def _kind(dossier, item) -> str:
    # The kind the officer chose wins; older events named the component only, so the
    # catalogue's kinds for it are shown, as before.
    if item.copy_kind_label:
        return item.copy_kind_label
    component = component_named(dossier, item.name)
    return copy_kinds(component) if component else AS_REQUIRED


def render(dossier, event) -> bytes:
    pdf = FormPDF(created_at=event.at, title=TITLE, form_no="02")
    pdf.one_page(lambda pdf: _page(pdf, dossier, event))  # one page, tightened if need be
    return pdf.render()


def _page(pdf: FormPDF, dossier, event) -> None:
    agency = dossier.receiving_agency
    upper, main = issuer_lines(agency, one_stop=True)
    pdf.header_block(upper=upper, main=main, number=f"Mã hồ sơ: {dossier.code}" if dossier.code else "",
                     place_date=f"{place_of(agency)}, {vn_date_words(event.at)}")
    pdf.form_title(TITLE)
    size = 10
    pdf.field("Hồ sơ của", applicant_line(dossier), size=size)
    pdf.field("Địa chỉ", dossier.applicant_address, size=size)
    pdf.field("Số điện thoại", f"{dossier.applicant_phone or DOTS}    Thư điện tử: {dossier.applicant_email or DOTS}",
              size=size, align="L")  # a long e-mail address wraps: not stretched across the line
    pdf.field("Nội dung yêu cầu giải quyết", dossier.procedure_version.name, size=size)
    if event.action == "request_supplement" and event.agency_id:
        pdf.para(f"Qua thẩm định, {event.agency.name} đề nghị bổ sung, hoàn thiện hồ sơ.", size=size)
    pdf.para("Sau khi xem xét thành phần hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
             size=size)
    rows = [[str(i), item.name, _kind(dossier, item)] for i, item in enumerate(missing_items(event.data), 1)]
    if rows:
        pdf.grid(["STT", "Tên giấy tờ cần bổ sung, hoàn thiện",
                  "Hình thức (bản chính, bản sao có chứng thực, bản sao)"],
                 rows, (9, 70, 43), size=8.5)
    pdf.field("Lý do, nội dung cần hoàn thiện", event.data.get("reason", ""), size=size)
    pdf.para(f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ {contact_line(agency)} "
             "để được hướng dẫn.", size=size)
    pdf.signatures([("Người hướng dẫn", "(Ký và ghi rõ họ tên)", event.actor_name)])
