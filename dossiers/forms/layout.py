"""Page furniture shared by forms 01–06 of Circular 01/2018/TT-VPCP.

Every form has the same frame: the issuing body on the left, the national motto on the
right, the place and date, a title in capitals, the body, and signature blocks. FormPDF
draws that frame with fpdf2 and Noto Serif. Rendering is deterministic: the creation date
is given by the caller (the time of the event that caused the form), fpdf2 derives the
file identifier from the content, and the QR code is drawn as vector squares, so the same
input always gives the same bytes.

A form meant to fit one page (each copy of form 01, forms 02–04) is drawn with
FormPDF.one_page: the page is first drawn on a scratch document at the settings of LOOSE in
turn, then at ever smaller type (a bisection down to SMALLEST), and the loosest setting at
which it stays on one page is used for real. Long names, many components or an online
dossier's longer line 6 then tighten the spacing, the room left to sign and, last, the
type, instead of pushing the signatures onto a page of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

import segno
from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from dossiers.forms import fonts

A5 = (148, 210)  # mm; 419.5 × 595.3 pt
A4 = (210, 297)
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
SIGN_NOTE = "(Ký và ghi rõ họ tên)"
DOTS = "…………"
CELL_PADDING = 0.8  # mm, inside each cell of a ruled table


@dataclass(frozen=True)
class Fit:
    """How tightly a page is set, as factors of the normal setting: `size` scales the type
    (and the QR code of form 01), `leading` the line height per point of type, `space` the
    gaps between blocks and the room left to sign."""

    size: float = 1.0
    leading: float = 1.0
    space: float = 1.0


# Tried in order until a page fits: first the air goes (gaps and the room to sign, down to
# 0.6: 8.4 mm to sign on form 01), then the line height (to 0.88, about 1.3 times the type,
# still clear of stacked Vietnamese diacritics). Only then is the type made smaller, as
# little as needed and not below SMALLEST (7.1 pt for the 9.5 pt body of form 01).
LOOSE = (
    Fit(),
    Fit(space=0.8),
    Fit(space=0.6),
    Fit(leading=0.94, space=0.6),
    Fit(leading=0.88, space=0.6),
)
SMALLEST = 0.75
PRECISION = 0.01  # of the type size, where the bisection stops


# --- Vietnamese dates -------------------------------------------------------------------------

def local(value: datetime) -> datetime:
    return timezone.localtime(value)


def vn_date(value: date | datetime | None) -> str:
    if value is None:
        return DOTS
    if isinstance(value, datetime):
        value = local(value).date()
    return f"{value:%d/%m/%Y}"


def vn_datetime(value: datetime | None) -> str:
    """"09 giờ 00 phút, ngày 10/03/2025", as the forms write a time."""
    if value is None:
        return DOTS
    value = local(value)
    return f"{value:%H} giờ {value:%M} phút, ngày {value:%d/%m/%Y}"


def vn_short(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{local(value):%H:%M %d/%m/%Y}"


def vn_date_words(value: date | datetime) -> str:
    """"ngày 10 tháng 3 năm 2025", as the date line under the motto."""
    if isinstance(value, datetime):
        value = local(value).date()
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def place_of(agency) -> str:
    """The place name of the date line ("Huế"): the agency's province without its type."""
    unit = agency.unit
    while unit.parent_id and unit.level != unit.Level.PROVINCE:
        unit = unit.parent
    name = unit.name
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def issuer_lines(agency, *, one_stop: bool) -> tuple[str, str]:
    """(upper line, main line) of the issuing body.

    Forms 01–03 are issued by the one-stop unit (Bộ phận Tiếp nhận và Trả kết quả) of the
    receiving agency, or by a public-service centre itself; forms 04–06 by the agency."""
    parent = agency.parent.name if agency.parent_id else ""
    if one_stop and agency.kind != agency.Kind.SERVICE_CENTER:
        return agency.name, "Bộ phận Tiếp nhận và Trả kết quả"
    return parent, agency.name


# --- the document ---------------------------------------------------------------------------------

class FormPDF(FPDF):
    def __init__(self, *, created_at: datetime, title: str, page=A5, orientation: str = "P", form_no: str = ""):
        super().__init__(orientation=orientation, unit="mm", format=page)
        self._layout = {"created_at": created_at, "page": page, "orientation": orientation, "form_no": form_no}
        self.fit = Fit()
        self.whole_pages: set[int] = set()  # pages that hold a whole form (or copy): not numbered
        fonts.register(self)
        self.set_creation_date(created_at)
        self.set_title(title)
        self.set_creator("motcua")
        self.set_producer("motcua (fpdf2)")
        self.set_lang("vi")
        self.set_margins(14, 10, 12)
        self.set_auto_page_break(True, 12)
        self.form_no = form_no
        self.set_font(fonts.FAMILY, "", 10)

    # fpdf2 hook: a small reference in the top right corner of every page.
    def header(self):
        if self.form_no:
            self.set_font(fonts.FAMILY, "I", 6.5)
            self.set_xy(self.l_margin, 4)
            self.cell(self.epw, 4, f"Mẫu số {self.form_no} — Thông tư 01/2018/TT-VPCP", align="R")
            self.set_xy(self.l_margin, self.t_margin)
            self.set_font(fonts.FAMILY, "", 10)

    def footer(self):
        if self.page_no() not in self.whole_pages and (self.pages_count > 1 or self.page_no() > 1):
            self.set_y(-9)
            self.set_font(fonts.FAMILY, "I", 7)
            self.cell(0, 4, f"Trang {self.page_no()}/{{nb}}", align="C")

    # --- fitting one page -----------------------------------------------------------------------

    def lh(self, h: float) -> float:
        """A line height of the normal setting, as the current Fit sets it."""
        return h * self.fit.size * self.fit.leading

    def gap(self, h: float) -> float:
        """A gap (or the room to sign) of the normal setting, as the current Fit sets it."""
        return h * self.fit.space

    def one_page(self, *draws: Callable[[FormPDF], None]) -> Fit:
        """Add a page per draw (each copy of a form), all at the loosest setting at which
        each of them fits on its page (the tightest if none does: the page then runs on).
        Returns the setting."""
        chosen = self.fitting(*draws)
        for draw in draws:
            self.fit = chosen
            self.add_page()
            page = self.page
            draw(self)
            if self.page == page:  # a copy is a whole document: "Trang 2/2" would mislead
                self.whole_pages.add(page)
        self.fit = Fit()
        return chosen

    def fitting(self, *draws: Callable[[FormPDF], None]) -> Fit:
        """The loosest setting at which every draw stays on one page, found by drawing on a
        scratch document with this one's page size and margins: the first of LOOSE that
        fits, else the largest type (to PRECISION) between SMALLEST and normal that fits."""
        scratch = FormPDF(**self._layout, title="")
        scratch.set_margins(self.l_margin, self.t_margin, self.r_margin)
        scratch.set_auto_page_break(self.auto_page_break, self.b_margin)

        def fits(fit: Fit) -> bool:
            return all(scratch._fits(draw, fit) for draw in draws)

        for fit in LOOSE:
            if fits(fit):
                return fit
        tight = LOOSE[-1]
        low, high = SMALLEST, tight.size  # the type that fits (if any does), the type that does not
        if not fits(replace(tight, size=low)):
            return replace(tight, size=low)
        while high - low > PRECISION:
            middle = round((low + high) / 2, 4)
            if fits(replace(tight, size=middle)):
                low = middle
            else:
                high = middle
        return replace(tight, size=low)

    def _fits(self, draw: Callable[[FormPDF], None], fit: Fit) -> bool:
        self.fit = fit
        self.add_page()
        page = self.page
        draw(self)
        return self.page == page

    # --- text helpers -------------------------------------------------------------------------

    def font(self, style: str = "", size: float = 10) -> None:
        """Set Noto Serif at `size` points of the normal setting (scaled by the current Fit)."""
        self.set_font(fonts.FAMILY, style, size * self.fit.size)

    def fitted(self, w: float, h: float, text: str, style: str = "", size: float = 10, align: str = "C") -> None:
        """One line that shrinks its font until it fits the width."""
        while size > 6 and self._width(text, style, size) > w - 1:
            size -= 0.25
        self.font(style, size)
        self.cell(w, h, text, align=align)

    def _width(self, text: str, style: str, size: float) -> float:
        self.font(style, size)
        return self.get_string_width(text)

    def para(self, text: str, style: str = "", size: float = 10, align: str = "J", h: float = 5,
             indent: float = 0) -> None:
        self.font(style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, self.lh(h), text, align=align, new_x="LMARGIN", new_y="NEXT")

    def field(self, label: str, value: str, *, size: float = 10, h: float = 5, bold: bool = False,
              align: str = "J") -> None:
        """"Label: value" on as many lines as needed; the value may be bold."""
        self.font("", size)
        value = value if value not in (None, "") else DOTS
        if bold:
            text = f"{_md(label)}: **{_md(value)}**"
            self.multi_cell(self.epw, self.lh(h), text, markdown=True, align=align, new_x="LMARGIN", new_y="NEXT")
        else:
            self.multi_cell(self.epw, self.lh(h), f"{label}: {value}", align=align, new_x="LMARGIN", new_y="NEXT")

    # --- the frame ----------------------------------------------------------------------------

    def header_block(self, *, upper: str, main: str, number: str = "", place_date: str = "",
                     left_w: float | None = None) -> None:
        """Issuing body on the left, national motto on the right, number and date below."""
        lh, gap = self.lh, self.gap
        left_w = left_w or self.epw * 0.42
        right_w = self.epw - left_w
        x0, y0 = self.l_margin, self.get_y()
        # Left: the body, upper line regular, its own name bold, a short rule below.
        self.set_xy(x0, y0)
        lines_y = y0
        if upper:
            self.font("", 8.5)
            self.multi_cell(left_w, lh(4), upper.upper(), align="C", new_x="LEFT", new_y="NEXT")
        self.font("B", 8.5)
        self.set_x(x0)
        self.multi_cell(left_w, lh(4), main.upper(), align="C", new_x="LEFT", new_y="NEXT")
        rule_y = self.get_y() + lh(1.2)
        self.line(x0 + left_w * 0.32, rule_y, x0 + left_w * 0.68, rule_y)
        left_end = rule_y + lh(1.8)
        if number:
            self.set_xy(x0, left_end)
            self.font("", 9)
            self.multi_cell(left_w, lh(4.5), number, align="C", new_x="LEFT", new_y="NEXT")
            left_end = self.get_y()
        # Right: the motto, bold, the second line underlined by a rule, the date in italics.
        self.set_xy(x0 + left_w, lines_y)
        self.fitted(right_w, lh(4), MOTTO, "B", 9)
        self.set_xy(x0 + left_w, lines_y + lh(4.2))
        self.fitted(right_w, lh(4.5), MOTTO_2, "B", 10)
        motto_w = self._width(MOTTO_2, "B", 10)
        centre = x0 + left_w + right_w / 2
        self.line(centre - motto_w / 2, lines_y + lh(9), centre + motto_w / 2, lines_y + lh(9))
        right_end = lines_y + lh(10)
        if place_date:
            self.set_xy(x0 + left_w, lines_y + lh(11))
            self.fitted(right_w, lh(4.5), place_date, "I", 9)
            right_end = lines_y + lh(15.5)
        self.set_xy(x0, max(left_end, right_end) + gap(3))

    def form_title(self, title: str, *subtitles: str, size: float = 11.5) -> None:
        self.font("B", size)
        self.multi_cell(self.epw, self.lh(5.5), title.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        for line in subtitles:
            if line:
                self.font("", 10)
                self.multi_cell(self.epw, self.lh(5), line, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(self.gap(2.5))

    def signatures(self, blocks: list[tuple[str, str, str]], *, space: float = 18) -> None:
        """Signature blocks side by side: (title, note, printed name) each. `space`, the room
        to sign, is of the normal setting: a tighter Fit gives less."""
        space = self.gap(space)
        if self.will_page_break(space + self.lh(16)):
            self.add_page()
        self.ln(self.gap(3))
        y = self.get_y()
        width = self.epw / len(blocks)
        end = y
        for i, block in enumerate(blocks):
            end = max(end, self._signature(self.l_margin + i * width, y, width, block, space))
        self.set_xy(self.l_margin, end + self.gap(2))

    def closing(self, recipients: list[str], block: tuple[str, str, str], *, space: float = 18) -> None:
        """"Nơi nhận" (distribution list) on the left and one signature block on the right,
        where administrative letters put them."""
        space = self.gap(space)
        if self.will_page_break(max(space + self.lh(16), self.lh(5 + 4 * len(recipients)))):
            self.add_page()
        self.ln(self.gap(3))
        y = self.get_y()
        width = self.epw / 2
        self.set_xy(self.l_margin, y)
        self.font("B", 9)
        self.cell(width, self.lh(4.5), "Nơi nhận:", new_x="LEFT", new_y="NEXT")
        self.font("", 8)
        for line in recipients:
            self.multi_cell(width - 2, self.lh(4), line, new_x="LEFT", new_y="NEXT")
        left_end = self.get_y()
        end = self._signature(self.l_margin + width, y, width, block, space)
        self.set_xy(self.l_margin, max(left_end, end) + self.gap(2))

    def _signature(self, x: float, y: float, width: float, block: tuple[str, str, str], space: float) -> float:
        """Draw one (title, note, printed name) block at (x, y), `space` mm left to sign;
        returns where it ends."""
        title, note, name = block
        self.set_xy(x, y)
        self.font("B", 9.5)
        self.multi_cell(width, self.lh(4.5), title.upper(), align="C", new_x="LEFT", new_y="NEXT")
        if note:
            self.font("I", 8.5)
            self.multi_cell(width, self.lh(4), note, align="C", new_x="LEFT", new_y="NEXT")
        self.set_xy(x, self.get_y() + space)
        self.font("B", 10)
        self.multi_cell(width, self.lh(5), name or "", align="C", new_x="LEFT", new_y="NEXT")
        return self.get_y()

    def grid(self, headings: list[str], rows: list[list[str]], widths: tuple[float, ...], *, size: float = 8.5,
             aligns: tuple[str, ...] | None = None) -> None:
        """A ruled table whose heading repeats on each page."""
        self.font("", size)
        heading_style = FontFace(family=fonts.FAMILY, emphasis="BOLD", size_pt=size * self.fit.size,
                                 fill_color=(235, 235, 235))
        with self.table(col_widths=widths, text_align=aligns or "LEFT", line_height=self.lh(size * 0.5),
                        headings_style=heading_style, padding=CELL_PADDING, width=self.epw) as table:
            header = table.row()
            for heading in headings:
                header.cell(heading, align="C")
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        self.ln(self.gap(2))

    def qr(self, qr: segno.QRCode, x: float, y: float, size: float) -> None:
        """Draw a QR code as vector squares (crisp at any zoom, no image to embed)."""
        matrix = [list(row) for row in qr.matrix]
        count = len(matrix)
        quiet = 2
        module = size / (count + 2 * quiet)
        self.set_fill_color(0, 0, 0)
        for r, row in enumerate(matrix):
            c = 0
            while c < count:
                if row[c]:
                    start = c
                    while c < count and row[c]:
                        c += 1
                    self.rect(x + (quiet + start) * module, y + (quiet + r) * module, (c - start) * module,
                              module, style="F")
                else:
                    c += 1

    def render(self) -> bytes:
        return bytes(self.output())


def _md(text: str) -> str:
    # fpdf2's markdown treats "**", "__", "--" as markers; the data never needs them.
    return str(text).replace("**", "* *").replace("__", "_ _").replace("--", "- -")
