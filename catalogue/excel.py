"""The catalogue in and out of Excel (openpyxl): one workbook, five sheets, one layout.

Officials keep procedure lists in Excel; this module reads such a workbook into
ProcedureSpecs (catalogue.specs) and writes versions back in exactly the same layout, so
that export → import → export gives the same cells. The layout, column by column, is
documented for IT staff in docs/catalogue-excel.md; the `SHEETS` table below is its
single source of truth (headers, value kinds, required cells).

Import is all or nothing: `read_workbook` validates every cell of every row first and
reports every problem as (sheet, row number, column header, Vietnamese message); only a
workbook without a single problem is written, through `write_spec`, in one transaction.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import OuterRef, Subquery

from accounts.permissions import can
from accounts.roles import Role
from catalogue.models import (
    PROCEDURE_CODE_RE,
    Component,
    Fee,
    LegalBasis,
    ProcedureVersion,
    ProcessStep,
    StepAction,
)
from catalogue.models import Field as CatalogueField
from catalogue.process import StepSpec, check_process
from catalogue.specs import (
    ComponentSpec,
    FeeSpec,
    LegalBasisSpec,
    ProcedureSpec,
    StepSpecRow,
    spec_of,
    write_spec,
)
from motcua.inputs import has_controls
from motcua.textsearch import normalize

V = ProcedureVersion

# --- the layout ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    kind: str = "text"  # text | bool | int | money | hours | date | choice | actions
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None
    width: int = 18
    blank: Any = None  # the value of an empty optional cell (text: "", bool: False)
    optional_header: bool = False  # a workbook written before this column existed may lack it


def _choices(text_choices) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in text_choices.choices)


def _max(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


SHEET_PROCEDURES = "Thủ tục"
SHEET_COMPONENTS = "Thành phần hồ sơ"
SHEET_STEPS = "Quy trình"
SHEET_LEGAL = "Căn cứ pháp lý"
SHEET_FEES = "Phí, lệ phí"
SHEET_CODES = "Danh mục mã"  # written for reference, ignored on import

CODE = "Mã thủ tục"

PROCEDURE_COLUMNS = (
    Column(CODE, "code", required=True, max_length=20, width=16),
    Column("Tên thủ tục", "name", required=True, max_length=_max(V, "name"), width=50),
    Column("Mã lĩnh vực", "field_code", required=True, max_length=50, width=16),
    Column("Tên lĩnh vực", "field_name", max_length=200, width=24),
    Column("Cấp trung ương", "level_central", "bool", width=10),
    Column("Cấp tỉnh", "level_province", "bool", width=10),
    Column("Cấp xã", "level_commune", "bool", width=10),
    Column("Mã cơ quan có thẩm quyền", "competent_agency_code", required=True, width=18),
    Column("Mã cơ quan tiếp nhận", "receiving_agency_code", required=True, width=18),
    Column("Công dân", "for_citizens", "bool", width=10),
    Column("Tổ chức, doanh nghiệp", "for_organisations", "bool", width=12),
    Column("Loại thời hạn", "time_limit_kind", "choice", required=True, choices=_choices(V.TimeLimitKind)),
    Column("Thời hạn giải quyết", "time_limit_value", "int", width=12),
    Column("Ghi chú thời hạn", "time_limit_note", max_length=_max(V, "time_limit_note"), width=30),
    Column("Loại kết quả", "result_type", "choice", required=True, choices=_choices(V.ResultType)),
    Column("Kết quả thực hiện", "result_name", required=True, max_length=_max(V, "result_name"), width=30),
    Column("Mức độ trực tuyến", "online_level", "choice", required=True, choices=_choices(V.OnlineLevel)),
    Column("Liên thông", "is_lien_thong", "bool", width=10),
    Column("Yêu cầu, điều kiện", "requirements", width=40),
    Column("Ghi chú phí, lệ phí", "fee_note", width=30),
    Column("Ngày hiệu lực", "effective_from", "date", width=14),
    Column("Phiên bản", "number", "int", width=10, optional_header=True),
    Column("Tiếp nhận không phụ thuộc địa giới", "intake_anywhere", "bool", width=12, optional_header=True),
)

COMPONENT_COLUMNS = (
    Column(CODE, "code", required=True, width=16),
    Column("Tên giấy tờ", "name", required=True, max_length=_max(Component, "name"), width=50),
    Column("Số bản chính", "originals", "int", blank=0, width=10),
    Column("Số bản sao chứng thực", "certified_copies", "int", blank=0, width=12),
    Column("Số bản sao", "copies", "int", blank=0, width=10),
    Column("Bắt buộc", "requirement", "choice", required=True, choices=_choices(Component.Requirement)),
    Column("Điều kiện", "condition", max_length=_max(Component, "condition"), width=30),
    Column("Mẫu đơn, tờ khai", "form_file", max_length=100, width=30),
    Column("Phải số hóa", "must_digitize", "bool", width=10),
    Column("Tái sử dụng", "reusable", "bool", width=10),
)

STEP_COLUMNS = (
    Column(CODE, "code", required=True, width=16),
    Column("Thứ tự bước", "order", "int", required=True, width=10),
    Column("Tên bước", "name", required=True, max_length=_max(ProcessStep, "name"), width=40),
    Column("Vai trò", "role", "choice", required=True, choices=_choices(Role)),
    Column("Cơ quan thực hiện", "performer", "choice", required=True, choices=_choices(ProcessStep.Performer)),
    Column("Mã cơ quan liên thông", "other_agency_code", width=18),
    Column("Thời gian (giờ làm việc)", "budget_hours", "hours", required=True, width=12),
    Column("Thao tác được phép", "actions", "actions", required=True, choices=_choices(StepAction), width=40),
)

LEGAL_COLUMNS = (
    Column(CODE, "code", required=True, width=16),
    Column("Số, ký hiệu văn bản", "number", required=True, max_length=_max(LegalBasis, "number"), width=30),
    Column("Trích yếu", "title", required=True, max_length=_max(LegalBasis, "title"), width=50),
    Column("Ngày ban hành", "issued_on", "date", width=14),
    Column("Điều, khoản", "article", max_length=_max(LegalBasis, "article"), width=20),
)

FEE_COLUMNS = (
    Column(CODE, "code", required=True, width=16),
    Column("Tên phí, lệ phí", "name", required=True, max_length=_max(Fee, "name"), width=40),
    Column("Mức thu (đồng)", "amount", "money", required=True, width=14),
    Column("Mức thu trực tuyến (đồng)", "online_amount", "money", width=14),
    Column("Ghi chú", "note", max_length=_max(Fee, "note"), width=30),
)

SHEETS: dict[str, tuple[Column, ...]] = {
    SHEET_PROCEDURES: PROCEDURE_COLUMNS,
    SHEET_COMPONENTS: COMPONENT_COLUMNS,
    SHEET_STEPS: STEP_COLUMNS,
    SHEET_LEGAL: LEGAL_COLUMNS,
    SHEET_FEES: FEE_COLUMNS,
}

FIELD_CODE_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
MAX_SMALL = 32767  # PositiveSmallIntegerField
MAX_MONEY = 9_223_372_036_854_775_807  # PositiveBigIntegerField
MAX_HOURS = Decimal("9999.99")  # DecimalField(max_digits=6, decimal_places=2)

# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __iter__(self):  # unpacks as (sheet, row, column, message)
        return iter((self.sheet, self.row, self.column, self.message))

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class ImportResult:
    specs: list[ProcedureSpec] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    written: int = 0
    published: int = 0
    drafts: int = 0
    unchanged: int = 0  # the same as the procedure's latest version: nothing written
    synonyms: int = 0  # synonyms added or changed (sheet "Từ đồng nghĩa", catalogue.excel_synonyms)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# progress(iterable, total, description) -> iterable; the command passes a tqdm bar.
Progress = Callable[[Iterable, int | None, str], Iterable]


def _no_progress(iterable: Iterable, total: int | None, description: str) -> Iterable:
    return iterable


# --- cell parsing ---------------------------------------------------------------------------

TRUE_WORDS = {"x", "co", "1", "true", "yes"}
FALSE_WORDS = {"khong", "0", "false", "no"}
DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
MONEY_RE = re.compile(r"^\d{1,3}([.,]\d{3})+$|^\d+$")


class CellProblem(ValueError):
    pass


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _choice_lookup(choices: tuple[tuple[str, str], ...]) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[normalize(value)] = value
        lookup[normalize(label)] = value
    return lookup


def _parse_choice(value: Any, column: Column) -> str:
    found = _choice_lookup(column.choices).get(normalize(_text(value)))
    if found is None:
        allowed = "; ".join(f"{v} ({label})" for v, label in column.choices)
        raise CellProblem(f"giá trị «{_text(value)}» không hợp lệ; dùng một trong: {allowed}.")
    return found


def _parse_actions(value: Any, column: Column) -> list[str]:
    lookup = _choice_lookup(column.choices)
    actions, unknown = [], []
    for part in _text(value).replace(";", ",").split(","):
        if not part.strip():
            continue
        code = lookup.get(normalize(part))
        if code is None:
            unknown.append(part.strip())
        elif code not in actions:
            actions.append(code)
    if unknown:
        allowed = ", ".join(v for v, _ in column.choices)
        raise CellProblem(f"thao tác không hợp lệ: {', '.join(unknown)}; dùng các mã: {allowed}.")
    if not actions:
        raise CellProblem("chưa nhập thao tác nào được phép.")
    return actions


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = normalize(_text(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS or word == "":
        return False
    raise CellProblem(f"giá trị «{_text(value)}» không hợp lệ; ghi «x» (hoặc «có») nếu đúng, để trống nếu không.")


def _parse_int(value: Any, *, maximum: int = MAX_SMALL, what: str = "số nguyên không âm") -> int:
    if isinstance(value, bool):
        raise CellProblem(f"phải là {what}.")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _text(value)
        if not text.isdigit():
            raise CellProblem(f"«{text}» không phải là {what}.")
        number = int(text)
    if number < 0 or number > maximum:
        raise CellProblem(f"phải là {what} không lớn hơn {maximum:,}.".replace(",", "."))
    return number


def _parse_money(value: Any) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _parse_int(value, maximum=MAX_MONEY, what="số tiền nguyên (đồng)")
    text = re.sub(r"\s+", "", _text(value))
    text = re.sub(r"(?i)(đồng|đ|vnđ|vnd)$", "", text)
    if not MONEY_RE.match(text):
        raise CellProblem(f"«{_text(value)}» không phải là số tiền nguyên (đồng), ví dụ 50000.")
    return _parse_int(re.sub(r"[.,]", "", text), maximum=MAX_MONEY, what="số tiền nguyên (đồng)")


def _parse_hours(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellProblem("phải là số giờ làm việc.")
    try:
        if isinstance(value, float):
            hours = Decimal(repr(value))
        elif isinstance(value, (int, Decimal)):
            hours = Decimal(value)
        else:
            hours = Decimal(_text(value).replace(",", "."))
    except InvalidOperation:
        raise CellProblem(f"«{_text(value)}» không phải là số giờ làm việc, ví dụ 4 hoặc 0,5.") from None
    if not hours.is_finite() or hours < Decimal("0.25") or hours > MAX_HOURS:
        raise CellProblem("số giờ làm việc phải từ 0,25 đến 9999,99.")
    if hours != hours.quantize(Decimal("0.01")):
        raise CellProblem("số giờ làm việc chỉ được có tối đa hai chữ số thập phân.")
    return hours.normalize() if hours == hours.to_integral() else hours


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    match = DATE_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise CellProblem(f"«{text}» không phải là ngày hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 01/07/2025.")


def parse_cell(value: Any, column: Column) -> Any:
    """The Python value of one cell; raises CellProblem with a Vietnamese message."""
    if _is_blank(value):
        if column.required:
            raise CellProblem("ô bắt buộc, không được để trống.")
        return {"bool": False, "text": ""}.get(column.kind, column.blank)
    if column.kind == "bool":
        return _parse_bool(value)
    if column.kind == "int":
        return _parse_int(value)
    if column.kind == "money":
        return _parse_money(value)
    if column.kind == "hours":
        return _parse_hours(value)
    if column.kind == "date":
        return _parse_date(value)
    if column.kind == "choice":
        return _parse_choice(value, column)
    if column.kind == "actions":
        return _parse_actions(value, column)
    text = _text(value)
    _refuse_hidden_characters(text)
    if column.max_length and len(text) > column.max_length:
        raise CellProblem(f"dài {len(text)} ký tự, vượt quá {column.max_length} ký tự cho phép.")
    return text


# Excel and LibreOffice write a control character of a cell as the escape _x000B_, which
# openpyxl hands back literally; either form would be stored and published as garbage.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _refuse_hidden_characters(text: str) -> None:
    for match in _ESCAPED.finditer(text):
        if has_controls(chr(int(match.group(1), 16))):
            raise CellProblem(f"ô chứa ký tự điều khiển ẩn ({match.group(0)}, thường do dán từ tài liệu khác); "
                              "hãy xóa ký tự đó rồi nhập lại.")
    if has_controls(text):
        raise CellProblem("ô chứa ký tự điều khiển ẩn (thường do dán từ tài liệu khác); hãy xóa ký tự đó rồi nhập "
                          "lại.")
    if "\t" in text:
        raise CellProblem("ô chứa ký tự tab; hãy thay bằng dấu cách.")


def format_cell(value: Any, column: Column) -> Any:
    """The cell written for a value; parse_cell(format_cell(v)) == v."""
    if column.kind == "bool":
        return "x" if value else None
    if value is None or value == "":
        return None
    if column.kind == "date":
        return value.strftime("%d/%m/%Y")
    if column.kind == "hours":
        hours = Decimal(value)
        return int(hours) if hours == hours.to_integral() else float(hours)
    if column.kind == "actions":
        return ", ".join(value)
    return value


# --- reading --------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    values: dict[str, Any]  # attr -> parsed value (only cells that parsed)
    bad: set[str]  # attrs whose cell had a problem
    raw: dict[str, Any] = field(default_factory=dict)  # attr -> cell value as read


class _Collector:
    def __init__(self):
        self.errors: list[CellError] = []
        self.unreadable: set[str] = set()  # sheets missing or without their header row

    def sorted(self) -> list[CellError]:
        """Sheet by sheet in layout order, row by row, column by column."""
        sheet_order = {name: i for i, name in enumerate(SHEETS)}
        column_order = {(name, c.header): i for name, cols in SHEETS.items() for i, c in enumerate(cols)}
        return sorted(self.errors, key=lambda e: (
            sheet_order.get(e.sheet, -1), e.row or 0, column_order.get((e.sheet, e.column), -1)))

    def add(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.errors.append(CellError(sheet, row, column, message))


def _open(file):
    from openpyxl import load_workbook

    if hasattr(file, "seek"):
        file.seek(0)
    return load_workbook(file, read_only=True, data_only=True)


def _read_sheet(ws, sheet: str, columns: tuple[Column, ...], errors: _Collector, progress: Progress) -> list[Row]:
    """Parse every data row of one sheet; headers are matched by name, in any order."""
    rows_iter = ws.iter_rows(values_only=True)
    header = next(rows_iter, None) or ()
    positions: dict[str, int] = {}
    wanted = {normalize(c.header): c for c in columns}
    for index, title in enumerate(header):
        column = wanted.get(normalize(_text(title)))
        if column is not None and column.attr not in positions:
            positions[column.attr] = index
    missing = [c for c in columns if c.attr not in positions and not c.optional_header]
    for column in missing:
        errors.add(sheet, 1, column.header, "Thiếu cột này ở dòng tiêu đề.")
    if missing:
        errors.unreadable.add(sheet)
        return []
    total = ws.max_row - 1 if ws.max_row else None
    rows: list[Row] = []
    try:
        _read_rows(rows_iter, total, sheet, columns, positions, rows, errors, progress)
    except Exception:  # the sheet's XML is broken past the header (a raw invalid character…)
        errors.add(sheet, None, None, f"Sheet «{sheet}» bị hỏng sau dòng {len(rows) + 1} và không đọc được; hãy mở "
                   "tệp bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi tải lên lại.")
        errors.unreadable.add(sheet)
        return []
    return rows


def _read_rows(rows_iter, total, sheet, columns, positions, rows, errors, progress) -> None:
    for number, cells in enumerate(progress(rows_iter, total, f"Kiểm tra sheet {sheet}"), start=2):
        cells = tuple(cells or ())
        raw = {c.attr: (cells[positions[c.attr]] if c.attr in positions and positions[c.attr] < len(cells) else None)
               for c in columns}
        if all(_is_blank(v) for v in raw.values()):
            continue
        row = Row(number, {}, set(), raw)
        for column in columns:
            try:
                row.values[column.attr] = parse_cell(raw[column.attr], column)
            except CellProblem as problem:
                row.bad.add(column.attr)
                errors.add(sheet, number, column.header, _capitalise(str(problem)))
        rows.append(row)


def _capitalise(message: str) -> str:
    return message[:1].upper() + message[1:]


def _header(columns: tuple[Column, ...], attr: str) -> str:
    return next(c.header for c in columns if c.attr == attr)


def read_workbook(file, user=None, progress: Progress | None = None) -> tuple[list[ProcedureSpec], list[CellError]]:
    """Every ProcedureSpec of the workbook, and every problem found (empty when valid).

    With `user`, each procedure's competent agency must be one where the user may
    "catalogue.edit", and so must the agency of the procedure's latest version in the
    database (an agency cannot take over another agency's procedure by import).
    """
    from units.models import Agency

    progress = progress or _no_progress
    errors = _Collector()
    try:
        workbook = _open(file)
    except Exception:  # openpyxl raises zipfile, KeyError, InvalidFileException... on a bad file
        errors.add("Tệp", None, None, "Không đọc được tệp: tệp không phải Excel .xlsx hoặc đã bị hỏng. Hãy mở tệp "
                   "bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx (Excel Workbook) rồi tải lên lại.")
        return [], errors.errors
    try:
        sheets: dict[str, list[Row]] = {}
        by_name = {normalize(name): name for name in workbook.sheetnames}
        for sheet, columns in SHEETS.items():
            actual = by_name.get(normalize(sheet))
            if actual is None:
                errors.add(sheet, None, None, f"Thiếu sheet «{sheet}» trong tệp.")
                errors.unreadable.add(sheet)
                sheets[sheet] = []
            else:
                sheets[sheet] = _read_sheet(workbook[actual], sheet, columns, errors, progress)
    finally:
        workbook.close()

    # Database look-ups, one query each.
    agency_codes = {r.values.get(a) for r in sheets[SHEET_PROCEDURES]
                    for a in ("competent_agency_code", "receiving_agency_code")}
    agency_codes |= {r.values.get("other_agency_code") for r in sheets[SHEET_STEPS]}
    agency_codes.discard(None)
    agency_codes.discard("")
    agencies = {a.code: a for a in Agency.objects.filter(code__in=agency_codes)}
    field_codes = {r.values.get("field_code") for r in sheets[SHEET_PROCEDURES]} - {None}
    fields = dict(CatalogueField.objects.filter(code__in=field_codes).values_list("code", "name"))

    specs: dict[str, ProcedureSpec] = {}
    spec_rows: dict[str, Row] = {}
    _build_procedures(sheets[SHEET_PROCEDURES], agencies, fields, specs, spec_rows, errors, user)
    _attach_children(sheets, agencies, specs, errors)
    _check_publishable(sheets, specs, spec_rows, errors)
    if user is not None:
        _check_scope(user, specs, spec_rows, agencies, errors)
    valid = [specs[code] for code in specs] if not errors.errors else []
    return valid, errors.sorted()


def _build_procedures(rows, agencies, fields, specs, spec_rows, errors: _Collector, user) -> None:
    sheet, columns = SHEET_PROCEDURES, PROCEDURE_COLUMNS
    field_names_in_file: dict[str, tuple[str, int]] = {}
    names_taken = dict(CatalogueField.objects.values_list("name", "code"))
    for row in rows:
        v = row.values
        code = v.get("code")
        if "code" not in row.bad:
            if not PROCEDURE_CODE_RE.match(code):
                errors.add(sheet, row.number, CODE, f"Mã thủ tục «{code}» phải có dạng 1.001234 hoặc 1.000948.H38.")
                row.bad.add("code")
            elif code in spec_rows:
                errors.add(sheet, row.number, CODE,
                           f"Mã thủ tục {code} trùng với dòng {spec_rows[code].number}; mỗi thủ tục chỉ một dòng.")
                row.bad.add("code")
        for attr in ("competent_agency_code", "receiving_agency_code"):
            if attr not in row.bad and v[attr] not in agencies:
                errors.add(sheet, row.number, _header(columns, attr),
                           f"Không tìm thấy cơ quan có mã «{v[attr]}» trong hệ thống.")
                row.bad.add(attr)
        _check_field(row, fields, field_names_in_file, names_taken, errors)
        _check_rules(row, errors)
        if "code" not in row.bad:
            spec_rows[code] = row
            if not row.bad:
                spec = ProcedureSpec(**{c.attr: v[c.attr] for c in columns if c.attr != "field_name"},
                                     field_name=v["field_name"] or fields.get(v["field_code"], ""))
                spec._row = row.number
                specs[code] = spec


def _check_field(row: Row, fields, in_file, names_taken, errors: _Collector) -> None:
    sheet, columns = SHEET_PROCEDURES, PROCEDURE_COLUMNS
    code_header, name_header = _header(columns, "field_code"), _header(columns, "field_name")
    if "field_code" in row.bad or "field_name" in row.bad:
        return
    code, name = row.values["field_code"], row.values["field_name"]
    if not FIELD_CODE_RE.match(code):
        errors.add(sheet, row.number, code_header,
                   f"Mã lĩnh vực «{code}» chỉ được gồm chữ không dấu, chữ số, dấu gạch ngang, ví dụ xay-dung.")
        row.bad.add("field_code")
        return
    if code in fields:
        if name and name != fields[code]:
            errors.add(sheet, row.number, name_header,
                       f"Lĩnh vực mã {code} đã có tên «{fields[code]}» trong hệ thống; ghi đúng tên đó hoặc để trống.")
            row.bad.add("field_name")
        return
    if not name:
        errors.add(sheet, row.number, name_header, f"Lĩnh vực mã {code} chưa có trong hệ thống; nhập tên lĩnh vực.")
        row.bad.add("field_name")
    elif code in in_file and in_file[code][0] != name:
        errors.add(sheet, row.number, name_header,
                   f"Lĩnh vực mã {code} đã được ghi tên «{in_file[code][0]}» ở dòng {in_file[code][1]}.")
        row.bad.add("field_name")
    elif names_taken.get(name, code) != code:
        errors.add(sheet, row.number, name_header,
                   f"Tên lĩnh vực «{name}» đã được dùng cho lĩnh vực mã {names_taken[name]}.")
        row.bad.add("field_name")
    else:
        in_file.setdefault(code, (name, row.number))


def _check_rules(row: Row, errors: _Collector) -> None:
    """The rules of ProcedureVersion.clean, against the cells that break them."""
    sheet, columns, v = SHEET_PROCEDURES, PROCEDURE_COLUMNS, row.values
    kind_ok = "time_limit_kind" not in row.bad and "time_limit_value" not in row.bad
    value_header = _header(columns, "time_limit_value")
    if kind_ok and v["time_limit_kind"] in (V.TimeLimitKind.WORKING_DAYS, V.TimeLimitKind.WORKING_HOURS):
        if not v["time_limit_value"]:
            errors.add(sheet, row.number, value_header, "Nhập số ngày hoặc số giờ làm việc (số nguyên dương).")
            row.bad.add("time_limit_value")
    elif kind_ok and v["time_limit_value"]:
        errors.add(sheet, row.number, value_header, "Thủ tục giải quyết trong ngày không nhập số ngày, số giờ.")
        row.bad.add("time_limit_value")
    if not (v.get("level_central") or v.get("level_province") or v.get("level_commune")) and not (
        {"level_central", "level_province", "level_commune"} & row.bad
    ):
        errors.add(sheet, row.number, _header(columns, "level_province"),
                   "Chọn ít nhất một cấp thực hiện (trung ương, tỉnh hoặc xã).")
        row.bad.add("level_province")
    if not (v.get("for_citizens") or v.get("for_organisations")) and not (
        {"for_citizens", "for_organisations"} & row.bad
    ):
        errors.add(sheet, row.number, _header(columns, "for_citizens"),
                   "Chọn ít nhất một đối tượng thực hiện (công dân hoặc tổ chức, doanh nghiệp).")
        row.bad.add("for_citizens")


def _attach_children(sheets, agencies, specs, errors: _Collector) -> None:
    # Codes written in the procedure sheet, even badly: a child row of a bad procedure row is
    # not reported a second time.
    known = {_text(r.raw["code"]) for r in sheets[SHEET_PROCEDURES]}
    steps_by_code: dict[str, list[tuple[int, Row]]] = {}
    for sheet, columns in list(SHEETS.items())[1:]:
        for row in sheets[sheet]:
            code = row.values.get("code")
            if "code" not in row.bad and code not in known:
                errors.add(sheet, row.number, CODE, f"Mã thủ tục {code} không có ở sheet «{SHEET_PROCEDURES}».")
                row.bad.add("code")
            if sheet == SHEET_COMPONENTS:
                _check_component(row, errors)
            elif sheet == SHEET_STEPS:
                _check_step(row, agencies, errors)
            if "code" in row.bad:
                continue
            if sheet == SHEET_STEPS:
                steps_by_code.setdefault(code, []).append((row.values.get("order"), row))
                continue
            spec = specs.get(code)
            if spec is None or row.bad:
                continue
            v = row.values
            if sheet == SHEET_COMPONENTS:
                spec.components.append(ComponentSpec(**{c.attr: v[c.attr] for c in columns if c.attr != "code"}))
            elif sheet == SHEET_LEGAL:
                spec.legal_bases.append(LegalBasisSpec(**{c.attr: v[c.attr] for c in columns if c.attr != "code"}))
            else:
                spec.fees.append(FeeSpec(**{c.attr: v[c.attr] for c in columns if c.attr != "code"}))
    order_header = _header(STEP_COLUMNS, "order")
    for code, entries in steps_by_code.items():
        seen: dict[int, int] = {}
        for order, row in entries:
            if "order" in row.bad:
                continue
            if order < 1:
                errors.add(SHEET_STEPS, row.number, order_header, "Thứ tự bước phải là số nguyên dương.")
                row.bad.add("order")
            elif order in seen:
                errors.add(SHEET_STEPS, row.number, order_header,
                           f"Bước {order} của thủ tục {code} trùng với dòng {seen[order]}.")
                row.bad.add("order")
            else:
                seen[order] = row.number
        spec = specs.get(code)
        if spec is not None and not any(row.bad for _, row in entries):
            for _, row in sorted(entries, key=lambda e: e[0]):
                v = row.values
                spec.steps.append(StepSpecRow(v["name"], v["role"], v["performer"], v["budget_hours"],
                                              v["actions"], v["other_agency_code"]))
            spec._step_rows = [row.number for _, row in sorted(entries, key=lambda e: e[0])]


def _check_component(row: Row, errors: _Collector) -> None:
    v, columns = row.values, COMPONENT_COLUMNS
    if not {"requirement", "condition"} & row.bad and (
        v["requirement"] == Component.Requirement.CONDITIONAL and not v["condition"]
    ):
        errors.add(SHEET_COMPONENTS, row.number, _header(columns, "condition"),
                   "Thành phần có điều kiện phải ghi rõ điều kiện.")
        row.bad.add("condition")
    counts = ("originals", "certified_copies", "copies")
    if not set(counts) & row.bad and not any(v[c] for c in counts):
        errors.add(SHEET_COMPONENTS, row.number, _header(columns, "originals"),
                   "Nhập số lượng ít nhất một loại bản (chính, sao chứng thực hoặc sao).")
        row.bad.add("originals")


def _check_step(row: Row, agencies, errors: _Collector) -> None:
    v, header = row.values, _header(STEP_COLUMNS, "other_agency_code")
    other = v.get("other_agency_code")
    if other and "other_agency_code" not in row.bad and other not in agencies:
        errors.add(SHEET_STEPS, row.number, header, f"Không tìm thấy cơ quan có mã «{other}» trong hệ thống.")
        row.bad.add("other_agency_code")
    elif other and v.get("performer") not in (None, ProcessStep.Performer.OTHER):
        errors.add(SHEET_STEPS, row.number, header,
                   "Chỉ ghi mã cơ quan liên thông khi cơ quan thực hiện là «Cơ quan khác (liên thông)».")
        row.bad.add("other_agency_code")


def _check_publishable(sheets, specs, spec_rows, errors: _Collector) -> None:
    """A row with an effective date is published on import, so it must pass publish()'s checks."""
    date_header = _header(PROCEDURE_COLUMNS, "effective_from")
    if {SHEET_COMPONENTS, SHEET_STEPS} & errors.unreadable:
        return  # already reported: the sheet itself could not be read
    with_components = {_text(r.raw["code"]) for r in sheets[SHEET_COMPONENTS]}
    with_steps = {_text(r.raw["code"]) for r in sheets[SHEET_STEPS]}
    for code, spec in specs.items():
        if spec.effective_from is None:
            continue  # a draft may be incomplete: that is what drafts are for
        row = spec_rows[code]
        if code not in with_components:
            errors.add(SHEET_PROCEDURES, row.number, date_header,
                       f"Thủ tục có ngày hiệu lực sẽ được công bố nên phải có ít nhất một thành phần hồ sơ "
                       f"ở sheet «{SHEET_COMPONENTS}».")
        step_rows = getattr(spec, "_step_rows", None)
        if step_rows is None and code in with_steps:
            continue  # its step rows already have cell errors
        problems = _process_problems(spec)
        for problem in problems:
            if not step_rows:
                errors.add(SHEET_PROCEDURES, row.number, date_header,
                           f"{problem} (thủ tục có ngày hiệu lực sẽ được công bố; nhập quy trình ở sheet "
                           f"«{SHEET_STEPS}»).")
                continue
            line = step_rows[problem.step - 1] if problem.step else step_rows[0]
            errors.add(SHEET_STEPS, line, _problem_column(problem), str(problem))


def _process_problems(spec: ProcedureSpec):
    steps = [StepSpec(s.name, s.role, s.performer, s.budget_hours, list(s.actions),
                      1 if s.other_agency_code else None) for s in spec.steps]
    version = ProcedureVersion(time_limit_kind=spec.time_limit_kind, time_limit_value=spec.time_limit_value)
    same_day = spec.time_limit_kind == V.TimeLimitKind.SAME_DAY
    return check_process(steps, version.statutory_hours(), same_day=same_day)


def _problem_column(problem) -> str:
    if problem.step is None:
        return _header(STEP_COLUMNS, "budget_hours")
    if "cơ quan" in problem.message:
        return _header(STEP_COLUMNS, "other_agency_code")
    if "thời gian" in problem.message:
        return _header(STEP_COLUMNS, "budget_hours")
    return _header(STEP_COLUMNS, "actions")


def _check_scope(user, specs, spec_rows, agencies, errors: _Collector) -> None:
    from catalogue.models import Procedure
    from units.models import Agency

    header = _header(PROCEDURE_COLUMNS, "competent_agency_code")
    latest = ProcedureVersion.objects.filter(procedure=OuterRef("pk")).order_by("-number").values(
        "competent_agency__code")[:1]
    owners = dict(Procedure.objects.filter(code__in=list(specs)).annotate(owner=Subquery(latest))
                  .values_list("code", "owner"))
    owner_agencies = {a.code: a for a in Agency.objects.filter(code__in={o for o in owners.values() if o})}
    for code, spec in specs.items():
        row = spec_rows[code]
        if not can(user, "catalogue.edit", agencies[spec.competent_agency_code]):
            errors.add(SHEET_PROCEDURES, row.number, header,
                       f"Bạn không có quyền quản lý thủ tục của cơ quan {spec.competent_agency_code}.")
        elif owners.get(code) and not can(user, "catalogue.edit", owner_agencies[owners[code]]):
            errors.add(SHEET_PROCEDURES, row.number, CODE,
                       f"Thủ tục {code} đang thuộc cơ quan {owners[code]}; bạn không có quyền sửa thủ tục này.")


# --- importing ------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def import_workbook(file, user=None, progress: Progress | None = None, *, dry_run: bool = False) -> ImportResult:
    """Validate the whole workbook, then write every spec in one transaction, or nothing."""
    from catalogue.excel_synonyms import read_synonyms, write_synonyms

    progress = progress or _no_progress
    specs, errors = read_workbook(file, user=user, progress=progress)
    synonyms, synonym_errors = read_synonyms(file)
    result = ImportResult(specs=specs, errors=list(errors) + synonym_errors, dry_run=dry_run)
    if result.errors:
        return result
    latest = _latest_versions([spec.code for spec in specs])
    try:
        with transaction.atomic():
            for spec in progress(specs, len(specs), "Ghi thủ tục"):
                # Re-importing an unchanged row must not publish a new version of it.
                if spec.code in latest and _same_content(spec_of(latest[spec.code]), spec):
                    result.unchanged += 1
                    continue
                try:
                    write_spec(spec, user)
                except (ValidationError, PermissionDenied, DatabaseError) as exc:
                    messages = getattr(exc, "messages", None) or [str(exc)]
                    result.errors.append(CellError(
                        SHEET_PROCEDURES, getattr(spec, "_row", None), CODE,
                        f"Không ghi được thủ tục {spec.code}: {' '.join(messages)} Không có thủ tục nào được nhập.",
                    ))
                    raise _Rollback from exc
                result.written += 1
                if spec.effective_from is not None:
                    result.published += 1
                else:
                    result.drafts += 1
            result.synonyms = write_synonyms(synonyms)
            if dry_run:
                raise _Rollback
    except _Rollback:
        if result.errors:
            result.written = result.published = result.drafts = result.unchanged = 0
    return result


def _same_content(a: ProcedureSpec, b: ProcedureSpec) -> bool:
    """Equal but for the version number, which an import never changes on an existing procedure."""
    return dataclasses.replace(a, number=None) == dataclasses.replace(b, number=None)


def _latest_versions(codes: list[str]) -> dict[str, ProcedureVersion]:
    """The newest version (published or draft) of each procedure code that exists."""
    newest = ProcedureVersion.objects.filter(procedure=OuterRef("procedure")).order_by("-number").values("pk")[:1]
    rows = (ProcedureVersion.objects.filter(procedure__code__in=codes, pk=Subquery(newest))
            .select_related("procedure", "field", "competent_agency", "receiving_agency"))
    return {v.procedure.code: v for v in rows}


# --- writing --------------------------------------------------------------------------------


def rows_of(spec: ProcedureSpec) -> dict[str, list[list[Any]]]:
    """The rows of each sheet for one spec, cells formatted as written to the workbook."""
    def cells(columns, obj, **extra):
        return [format_cell(extra[c.attr] if c.attr in extra else getattr(obj, c.attr), c) for c in columns]

    return {
        SHEET_PROCEDURES: [cells(PROCEDURE_COLUMNS, spec)],
        SHEET_COMPONENTS: [cells(COMPONENT_COLUMNS, c, code=spec.code) for c in spec.components],
        SHEET_STEPS: [cells(STEP_COLUMNS, s, code=spec.code, order=i) for i, s in enumerate(spec.steps, start=1)],
        SHEET_LEGAL: [cells(LEGAL_COLUMNS, b, code=spec.code) for b in spec.legal_bases],
        SHEET_FEES: [cells(FEE_COLUMNS, f, code=spec.code) for f in spec.fees],
    }


def write_workbook(versions, progress: Progress | None = None) -> bytes:
    """An .xlsx of `versions` (any iterable or queryset) in the layout `read_workbook` reads."""
    from openpyxl import Workbook

    progress = progress or _no_progress
    if hasattr(versions, "select_related"):
        versions = versions.select_related("procedure", "field", "competent_agency", "receiving_agency") \
            .prefetch_related("components", "fees", "legal_bases").order_by("procedure__code", "number")
    total = versions.count() if hasattr(versions, "count") and hasattr(versions, "query") else None

    from catalogue.excel_synonyms import SHEET_SYNONYMS, SYNONYM_COLUMNS, synonym_rows

    workbook = Workbook(write_only=True)
    sheets = {name: new_sheet(workbook, name, columns) for name, columns in SHEETS.items()}
    for version in progress(versions, total, "Xuất thủ tục"):
        for name, rows in rows_of(spec_of(version)).items():
            for row in rows:
                sheets[name].append(row)
    synonyms = new_sheet(workbook, SHEET_SYNONYMS, SYNONYM_COLUMNS)
    for row in synonym_rows():
        synonyms.append(row)
    _write_codes(workbook.create_sheet(SHEET_CODES))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def new_sheet(workbook, name: str, columns: tuple[Column, ...]):
    """A write-only sheet with the columns' widths and a bold, shaded header row."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    ws = workbook.create_sheet(name)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        header.append(cell)
    ws.append(header)
    return ws


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _write_codes(ws) -> None:
    """A reference sheet of the codes accepted in choice columns (ignored on import)."""
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 36
    ws.append(["Sheet, cột", "Mã", "Ý nghĩa"])
    for sheet, columns in SHEETS.items():
        for column in columns:
            for value, label in column.choices:
                ws.append([f"{sheet}: {column.header}", value, label])
    ws.append([])
    ws.append(["Cột đánh dấu (có/không)", "x", "có; để trống là không"])
    ws.append(["Cột ngày", "dd/mm/yyyy", "ví dụ 01/07/2025"])
    ws.append(["Ngày hiệu lực để trống", "", "nhập thành bản nháp, chưa công bố"])


def read_cells(data: bytes) -> dict[str, list[tuple]]:
    """Every cell value of the five data sheets (for comparing exports)."""
    workbook = _open(io.BytesIO(data))
    try:
        return {name: [tuple(r) for r in workbook[name].iter_rows(values_only=True)] for name in SHEETS}
    finally:
        workbook.close()
