"""One agency's report of citizens' scores for a period, as a PDF in Vietnamese (the same
figures as its page: scoring/figures.py), with the report font of the operations centre."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from dossiers.evaluation import MAX_TOTAL, MEASURED
from dossiers.forms import fonts
from ioc import charts
from ioc.report import GREY, MARGIN, _heading, _number
from scoring import figures


def build(agency, f) -> bytes:
    total = figures.totals([agency.pk], f.period)
    officers = figures.per_officer(agency.pk, f.period)
    pdf = FPDF(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_creator("motcua")
    pdf.set_title(f"Kết quả đánh giá của người dân: {agency.name}, {f.period.label}")
    fonts.register(pdf)
    pdf.add_page()
    pdf.set_font(fonts.FAMILY, "B", 13)
    pdf.multi_cell(0, 7, "KẾT QUẢ ĐÁNH GIÁ VIỆC GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", align="C", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.set_font(fonts.FAMILY, "", 10)
    pdf.multi_cell(0, 5.5, f"{agency.name}. Kỳ: {f.period.label}. Theo Nghị định 61/2018/NĐ-CP Điều 31 và Thông tư "
                           "01/2018/TT-VPCP.", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(fonts.FAMILY, "I", 9)
    pdf.multi_cell(0, 5, f"Lập lúc {timezone.localtime():%H:%M ngày %d/%m/%Y} từ số liệu tổng hợp của hệ thống. "
                         "Tiêu chí có dấu * do hệ thống tự tính từ quá trình giải quyết hồ sơ.", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    head = FontFace(emphasis="BOLD", fill_color=GREY)
    _heading(pdf, "1. Kết quả chung")
    with pdf.table(col_widths=(100, 80), text_align=("LEFT", "RIGHT"), headings_style=head, line_height=5.5) as t:
        t.row(["Chỉ tiêu", "Kết quả"])
        t.row(["Lượt đánh giá", _number(total["evaluations"])])
        t.row(["Điểm trung bình", f"{_number(total['average'])}/{MAX_TOTAL}"])
        t.row(["Xếp loại", total["band"] or "—"])
        for b in total["bands"]:
            t.row([f"Số hồ sơ xếp loại {b['label']}", _number(b["n"])])
    _heading(pdf, "2. Điểm trung bình từng tiêu chí (tối đa 2 điểm)")
    with pdf.table(col_widths=(140, 40), text_align=("LEFT", "RIGHT"), headings_style=head, line_height=5.5) as t:
        t.row(["Tiêu chí", "Điểm"])
        for c in total["criteria"]:
            t.row([c["label"] + ("*" if c["code"] in MEASURED else ""), _number(c["average"])])
    _heading(pdf, "3. Theo cán bộ tiếp nhận")
    if officers:
        with pdf.table(col_widths=(80, 30, 35, 35), text_align=("LEFT", "RIGHT", "RIGHT", "LEFT"),
                       headings_style=head, line_height=5.5) as t:
            t.row(["Cán bộ", "Lượt đánh giá", "Điểm trung bình", "Xếp loại"])
            for r in officers:
                t.row([r["name"], _number(r["evaluations"]), _number(r["average"]), r["band"]])
    else:
        pdf.multi_cell(0, 5, "Chưa có đánh giá nào trong kỳ.", new_x="LMARGIN", new_y="NEXT")
    trend = [{**r, "label": f"{r['month']:%m/%Y}"} for r in figures.monthly([agency.pk], f.period.end)]
    _heading(pdf, "4. Điểm trung bình 12 tháng", keep=80)
    pdf.image(BytesIO(charts.series(trend, "label", "average", "Tháng", f"Điểm (/{MAX_TOTAL})", [0, MAX_TOTAL],
                                    fmt="png")), w=pdf.epw * 0.85, alt_text="Biểu đồ điểm trung bình theo tháng")
    return bytes(pdf.output())
