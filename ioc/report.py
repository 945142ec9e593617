"""The period's report as a PDF, in Vietnamese: the headline figures against the previous
period, the table per agency and the dashboard's charts, for the filters of the dashboard.

Everything comes from the projections, as on the dashboard (ioc/figures.py); the charts are
the dashboard's own Vega-Lite specifications (ioc/charts.py), drawn to PNG with the report's
font, Noto Serif, which the PDF embeds, so Vietnamese reads the same on any machine.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from dossiers.forms import fonts
from ioc import charts, figures

MARGIN = 15  # mm
GREY = (235, 235, 235)


def _number(value, suffix: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,}".replace(",", ".") if isinstance(value, int) else f"{value}".replace(".", ",")
    return f"{text}{suffix}"


def _days(value) -> str:
    if value is None:
        return "—"
    return "hơn 90 ngày" if value > 90 else f"{value} ngày"


def build(f, rows: list[dict], cards: dict) -> bytes:
    """`f`: the dashboard's Filters; `rows`: its agency table; `cards`: its headline figures."""
    pdf = FPDF(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_creator("motcua")
    pdf.set_title(f"Báo cáo giải quyết thủ tục hành chính {f.period.label}")
    fonts.register(pdf)
    pdf.add_page()
    pdf.set_font(fonts.FAMILY, "B", 13)
    pdf.multi_cell(0, 7, "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(fonts.FAMILY, "", 10)
    pdf.multi_cell(0, 5.5, f"Kỳ báo cáo: {figures.KINDS[f.kind].lower()}, {f.period.label}. Phạm vi: "
                           f"{f.describe()}.", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(fonts.FAMILY, "I", 9)
    pdf.multi_cell(0, 5, f"Lập lúc {timezone.localtime():%H:%M ngày %d/%m/%Y} từ số liệu tổng hợp của hệ thống; "
                         "điểm Bộ chỉ số 766 là số dự báo, điểm chính thức do Cổng Dịch vụ công quốc gia công bố.",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _headline(pdf, cards)
    _heading(pdf, "2. Số liệu theo cơ quan")
    _agencies(pdf, rows)
    _heading(pdf, "3. Hồ sơ tiếp nhận và giải quyết theo ngày", keep=90)
    pdf.image(BytesIO(charts.trend(figures.trend(f.ids, f.period, f.channel, f.procedures, last_days=92), fmt="png")),
              w=pdf.epw, alt_text="Biểu đồ số hồ sơ tiếp nhận và giải quyết theo ngày")
    _heading(pdf, "4. Tỷ lệ đúng hạn của các cơ quan giải quyết nhiều hồ sơ nhất", keep=90)
    pdf.image(BytesIO(charts.on_time(rows, fmt="png")), w=pdf.epw * 0.85,
              alt_text="Biểu đồ tỷ lệ giải quyết đúng hạn theo cơ quan")
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, keep: float = 30) -> None:
    """A numbered heading, on the next page when `keep` mm of what follows would not fit."""
    if pdf.will_page_break(keep):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(fonts.FAMILY, "B", 11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font(fonts.FAMILY, "", 9)


def _headline(pdf: FPDF, cards: dict) -> None:
    n, b, o, index, days = cards["now"], cards["before"], cards["open"], cards["index"], cards["days"]
    _heading(pdf, "1. Số liệu chính")
    lines = [
        ("Hồ sơ tiếp nhận", _number(n["received"]), _number(b["received"])),
        ("Hồ sơ đã giải quyết", _number(n["resolved"]), _number(b["resolved"])),
        ("Tỷ lệ giải quyết trước hạn, đúng hạn", _number(n["on_time_rate"], " %"), _number(b["on_time_rate"], " %")),
        ("Hồ sơ giải quyết quá hạn", _number(n["resolved_late"]), _number(b["resolved_late"])),
        ("Thời gian giải quyết trung bình", _number(n["average_days"], " ngày"), _number(b["average_days"], " ngày")),
        ("Một nửa số hồ sơ có kết quả trong", _days(days.get(50)), ""),
        ("90 % số hồ sơ có kết quả trong", _days(days.get(90)), ""),
        ("Tỷ lệ nộp trực tuyến", _number(cards["online_share"], " %"), ""),
        ("Mức độ hài lòng", _number(n["satisfaction"], " %"), _number(b["satisfaction"], " %")),
        ("Xin lỗi, hẹn lại ngày trả", _number(n["apologies"]), _number(b["apologies"])),
        ("Đang quá hạn (hiện tại)", _number(o["overdue"]), ""),
        ("Đang tạm dừng (hiện tại)", _number(o["paused"]), ""),
        ("Chỉ số 766, tiến độ giải quyết", f"{_number(index['score'])}/{index['max']} điểm", ""),
    ]
    head = FontFace(emphasis="BOLD", fill_color=GREY)
    with pdf.table(col_widths=(90, 45, 45), text_align=("LEFT", "RIGHT", "RIGHT"), headings_style=head,
                   line_height=5.5) as table:
        table.row(["Chỉ tiêu", "Kỳ này", "Kỳ trước"])
        for line in lines:
            table.row(line)


def _agencies(pdf: FPDF, rows: list[dict]) -> None:
    if not rows:
        pdf.multi_cell(0, 5, "Không có hồ sơ nào trong kỳ.", new_x="LMARGIN", new_y="NEXT")
        return
    head = FontFace(emphasis="BOLD", fill_color=GREY)
    with pdf.table(col_widths=(74, 18, 20, 20, 18, 20), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT",
                                                                     "RIGHT"),
                   headings_style=head, line_height=4.8) as table:
        table.row(["Cơ quan", "Tiếp nhận", "Đã giải quyết", "Đúng hạn", "Quá hạn", "Đang quá hạn"])
        for r in sorted(rows, key=lambda r: (-r["received"], r["agency"].name)):
            table.row([r["agency"].name, _number(r["received"]), _number(r["resolved"]),
                       _number(r["on_time_rate"], " %"), _number(r["resolved_late"]), _number(r.get("overdue", 0))])
