"""Form 06: Sổ theo dõi hồ sơ (Circular 01/2018/TT-VPCP), the log book of one agency for a
range of receipt dates, on A4 landscape."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from dossiers.forms.layout import A4, FormPDF, issuer_lines, place_of, vn_date, vn_date_words, vn_short
from dossiers.models import Dossier, DossierEvent

TITLE = "Sổ theo dõi hồ sơ"
HANDED_ON = ("forward", "approve", "sign", "transfer")


def dossiers_in(agency, date_from: date, date_to: date):
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
    return (
        Dossier.objects.filter(receiving_agency=agency, received_at__gte=start, received_at__lt=end)
        .select_related("procedure_version")
        .order_by("received_at", "code")
    )


def rows_for(dossiers: list) -> list[list[str]]:
    handed: dict[int, datetime] = {}
    for event in (
        DossierEvent.objects.filter(dossier__in=[d.pk for d in dossiers], action__in=HANDED_ON)
        .order_by("seq").only("dossier_id", "at")
    ):
        handed.setdefault(event.dossier_id, event.at)
    rows = []
    for i, d in enumerate(dossiers, 1):
        notes = []
        if d.apologized_at:
            notes.append(f"Hẹn lại ngày {vn_date(d.due_at)}")
        if d.timeliness:
            notes.append(d.get_timeliness_display())
        if d.state not in ("returned",):
            notes.append(d.get_status_display())
        applicant = d.applicant_name + (f"\n{d.applicant_address}" if d.applicant_address else "")
        if d.applicant_phone:
            applicant += f"\nĐT: {d.applicant_phone}"
        rows.append([
            str(i), d.code or "", d.procedure_version.name, applicant, vn_short(d.received_at),
            vn_short(d.statutory_due_at), vn_short(handed.get(d.pk)), vn_short(d.returned_at), "; ".join(notes),
        ])
    return rows


def render(agency, date_from: date, date_to: date, *, created_at: datetime) -> bytes:
    dossiers = list(dossiers_in(agency, date_from, date_to))
    pdf = FormPDF(created_at=created_at, title=f"{TITLE} — {agency.name}", page=A4, orientation="L", form_no="06")
    pdf.set_margins(12, 10, 12)
    pdf.add_page()
    upper, main = issuer_lines(agency, one_stop=True)
    pdf.header_block(upper=upper, main=main, place_date=f"{place_of(agency)}, {vn_date_words(created_at)}",
                     left_w=pdf.epw * 0.4)
    pdf.form_title(TITLE, f"Cơ quan tiếp nhận: {agency.name} — từ ngày {vn_date(date_from)} đến ngày "
                   f"{vn_date(date_to)}", size=13)
    headings = ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tổ chức, cá nhân nộp hồ sơ", "Nhận hồ sơ",
                "Hẹn trả kết quả", "Chuyển hồ sơ đến bước, cơ quan giải quyết", "Trả kết quả", "Ghi chú"]
    rows = rows_for(dossiers)
    if rows:
        pdf.grid(headings, rows, (9, 34, 55, 45, 20, 20, 22, 20, 28), size=7.5,
                 aligns=("C", "L", "L", "L", "C", "C", "C", "C", "L"))
    else:
        pdf.para("Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.", style="I")
    pdf.para(f"Tổng số hồ sơ: {len(rows)}", style="B", size=9.5)
    return pdf.render()
