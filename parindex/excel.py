"""The PAR INDEX criteria tree in and out of Excel (openpyxl), in the catalogue's manner
(catalogue/excel.py): every cell checked before anything is written, every problem reported
as (sheet, row, column, Vietnamese message), hidden characters refused, and a workbook with a
single problem writes nothing. The layout (docs/measuring.md):

- sheet «Thông tin»: label in column A, value in column B: Mã bộ tiêu chí, Tên bộ tiêu chí,
  Căn cứ, Áp dụng từ năm;
- sheet «Tiêu chí»: one row per node, headers in row 1: Mã (1, 1.2, 1.2.3: the code says the
  parent), Nội dung, Điểm tối đa, Phép đo tự động, Mục tiêu (%), Bắt buộc tài liệu kiểm chứng,
  Hướng dẫn chấm điểm. A parent's maximum is the sum of its children's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.db import transaction
from django.utils import timezone

from catalogue.excel import CellError, CellProblem, Column, _capitalise, _is_blank, _text, parse_cell
from motcua.textsearch import normalize
from parindex import measures
from parindex.models import CriteriaSet, Criterion

SHEET_INFO = "Thông tin"
SHEET_CRITERIA = "Tiêu chí"
SHEET_MEASURES = "Danh mục phép đo"  # written for reference, ignored on import
INFO = (("code", "Mã bộ tiêu chí"), ("name", "Tên bộ tiêu chí"), ("basis", "Căn cứ"), ("from_year", "Áp dụng từ năm"))
COLUMNS = (
    Column("Mã", "code", required=True, max_length=20, width=10),
    Column("Nội dung", "name", required=True, max_length=500, width=70),
    Column("Điểm tối đa", "max_points", "points", required=True, width=12),
    Column("Phép đo tự động", "measure", "choice", choices=measures.CHOICES, width=22),
    Column("Mục tiêu (%)", "target_percent", "points", width=12),
    Column("Bắt buộc tài liệu kiểm chứng", "evidence_required", "bool", width=14),
    Column("Hướng dẫn chấm điểm", "guidance", max_length=4000, width=50),
)
CODE_RE = re.compile(r"^\d{1,3}(\.\d{1,3}){0,4}$")
SET_CODE_RE = re.compile(r"^[-A-Za-z0-9_.]{1,40}$")
MAX_POINTS = Decimal("1000")


@dataclass
class Node:
    row: int
    code: str
    name: str
    max_points: Decimal
    measure: str = ""
    target_percent: Decimal | None = None
    evidence_required: bool = False
    guidance: str = ""
    children: list[Node] = field(default_factory=list)

    @property
    def parent_code(self) -> str:
        return self.code.rpartition(".")[0]


@dataclass
class Result:
    criteria_set: CriteriaSet | None = None
    errors: list[CellError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _points(value) -> Decimal:
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(_text(value).replace(",", "."))
    except InvalidOperation:
        raise CellProblem(f"«{_text(value)}» không phải là số điểm, ví dụ 2 hoặc 1,5.") from None
    if isinstance(value, bool) or not number.is_finite() or number <= 0 or number > MAX_POINTS:
        raise CellProblem("số điểm phải lớn hơn 0 và không quá 1.000.")
    if number != number.quantize(Decimal("0.01")):
        raise CellProblem("số điểm chỉ được có tối đa hai chữ số thập phân.")
    return number.quantize(Decimal("0.01"))


def _cell(value, column: Column, errors: list, sheet: str, row: int):
    try:
        if column.kind != "points":
            return parse_cell(value, column)
        if _is_blank(value):
            if column.required:
                raise CellProblem("ô bắt buộc, không được để trống.")
            return None
        return _points(value)
    except CellProblem as problem:
        errors.append(CellError(sheet, row, column.header, _capitalise(str(problem))))
        return None


def read(file) -> tuple[dict, list[Node], list[CellError]]:
    """The set's details, its nodes in workbook order and every problem found."""
    from openpyxl import load_workbook

    errors: list[CellError] = []
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        return {}, [], [CellError("Tệp", None, None, "Không đọc được tệp: tệp không phải Excel .xlsx hoặc đã bị hỏng. "
                                  "Hãy mở bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi tải lên lại.")]
    sheets = {normalize(name): name for name in book.sheetnames}
    info, nodes = {}, []
    if normalize(SHEET_INFO) not in sheets:
        errors.append(CellError(SHEET_INFO, None, None, f"Thiếu sheet «{SHEET_INFO}» trong tệp."))
    else:
        info = _read_info(book[sheets[normalize(SHEET_INFO)]], errors)
    if normalize(SHEET_CRITERIA) not in sheets:
        errors.append(CellError(SHEET_CRITERIA, None, None, f"Thiếu sheet «{SHEET_CRITERIA}» trong tệp."))
    else:
        try:
            nodes = _read_criteria(book[sheets[normalize(SHEET_CRITERIA)]], errors)
        except Exception:  # a sheet broken past its header (a raw invalid character…)
            errors.append(CellError(SHEET_CRITERIA, None, None, f"Sheet «{SHEET_CRITERIA}» bị hỏng và không đọc "
                                    "được; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi tải lên lại."))
    book.close()
    if not errors:
        _check_tree(nodes, errors)
    return info, nodes, errors


def _read_info(ws, errors: list) -> dict:
    labels = {normalize(label): attr for attr, label in INFO}
    found: dict[str, object] = {}
    for number, cells in enumerate(ws.iter_rows(values_only=True, max_col=2), start=1):
        if not cells or _is_blank(cells[0]):
            continue
        attr = labels.get(normalize(_text(cells[0])))
        if attr is not None:
            found[attr] = (number, cells[1] if len(cells) > 1 else None)
    details = {}
    for attr, label in INFO:
        number, value = found.get(attr, (None, None))
        column = Column(label, attr, "int" if attr == "from_year" else "text", required=attr != "basis",
                        max_length={"code": 40, "name": 300, "basis": 300}.get(attr))
        parsed = _cell(value, column, errors, SHEET_INFO, number)
        if parsed is None and number is None and attr != "basis":
            errors[-1:] = [CellError(SHEET_INFO, None, label, f"Thiếu dòng «{label}» (cột A) và giá trị của nó "
                                     "(cột B).")]
        details[attr] = parsed
    code = details.get("code")
    if code and not SET_CODE_RE.match(code):
        errors.append(CellError(SHEET_INFO, found["code"][0], "Mã bộ tiêu chí", "Mã chỉ gồm chữ không dấu, số, "
                                "dấu chấm, gạch ngang, gạch dưới (tối đa 40 ký tự), ví dụ QD876-2025."))
    elif code and CriteriaSet.objects.filter(code=code).exists():
        errors.append(CellError(SHEET_INFO, found["code"][0], "Mã bộ tiêu chí", f"Bộ tiêu chí mã «{code}» đã có; "
                                "bộ tiêu chí đã nhập không sửa được, hãy đặt mã mới cho phiên bản mới."))
    year = details.get("from_year")
    if year is not None and not 2000 <= year <= 2100:
        errors.append(CellError(SHEET_INFO, found["from_year"][0], "Áp dụng từ năm", "Năm phải từ 2000 đến 2100."))
    return details


def _read_criteria(ws, errors: list) -> list[Node]:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions = {}
    wanted = {normalize(c.header): c for c in COLUMNS}
    for index, title in enumerate(header):
        column = wanted.get(normalize(_text(title)))
        if column is not None and column.attr not in positions:
            positions[column.attr] = index
    missing = [c for c in COLUMNS if c.attr not in positions]
    for column in missing:
        errors.append(CellError(SHEET_CRITERIA, 1, column.header, "Thiếu cột này ở dòng tiêu đề."))
    if missing:
        return []
    nodes = []
    for number, cells in enumerate(rows, start=2):
        cells = tuple(cells or ())
        raw = {c.attr: cells[positions[c.attr]] if positions[c.attr] < len(cells) else None for c in COLUMNS}
        if all(_is_blank(v) for v in raw.values()):
            continue
        before = len(errors)
        values = {c.attr: _cell(raw[c.attr], c, errors, SHEET_CRITERIA, number) for c in COLUMNS}
        if values["code"] and not CODE_RE.match(values["code"]):
            errors.append(CellError(SHEET_CRITERIA, number, "Mã", f"Mã «{values['code']}» không đúng dạng; ghi số "
                                    "các cấp cách nhau bằng dấu chấm, ví dụ 1, 1.2 hoặc 1.2.3."))
        if values["target_percent"] is not None and values["target_percent"] > 100:
            errors.append(CellError(SHEET_CRITERIA, number, "Mục tiêu (%)", "Mục tiêu không được quá 100 %."))
        if len(errors) == before:
            nodes.append(Node(number, values["code"], values["name"], values["max_points"], values["measure"] or "",
                              values["target_percent"], values["evidence_required"], values["guidance"] or ""))
    if not nodes and not errors:
        errors.append(CellError(SHEET_CRITERIA, None, None, "Sheet không có tiêu chí nào."))
    return nodes


def _check_tree(nodes: list[Node], errors: list) -> None:
    """Codes unique, each parent above its children, and each parent's maximum their sum."""
    by_code: dict[str, Node] = {}
    for node in nodes:
        if node.code in by_code:
            errors.append(CellError(SHEET_CRITERIA, node.row, "Mã", f"Mã «{node.code}» trùng với dòng "
                                    f"{by_code[node.code].row}."))
            continue
        if node.parent_code and node.parent_code not in by_code:
            errors.append(CellError(SHEET_CRITERIA, node.row, "Mã", f"Tiêu chí «{node.code}» cần tiêu chí cha "
                                    f"«{node.parent_code}» ở một dòng phía trên."))
            continue
        by_code[node.code] = node
        if node.parent_code:
            by_code[node.parent_code].children.append(node)
    for node in by_code.values():
        if not node.children:
            continue
        total = sum((c.max_points for c in node.children), Decimal(0))
        if total != node.max_points:
            errors.append(CellError(SHEET_CRITERIA, node.row, "Điểm tối đa", f"Điểm tối đa của «{node.code}» là "
                                    f"{_vn(node.max_points)} nhưng tổng điểm tối đa các tiêu chí con là {_vn(total)}."))
        if node.measure:
            errors.append(CellError(SHEET_CRITERIA, node.row, "Phép đo tự động", "Chỉ tiêu chí không có tiêu chí "
                                    "con (được chấm điểm) mới gắn phép đo tự động."))


def _vn(number: Decimal) -> str:
    return f"{number.normalize():f}".replace(".", ",")


def import_workbook(file, user, source_name: str = "") -> Result:
    """Read and, when there is no problem at all, write the new criteria set in one transaction."""
    info, nodes, errors = read(file)
    if errors:
        return Result(errors=errors)
    with transaction.atomic():
        roots = [n for n in nodes if not n.parent_code]
        criteria_set = CriteriaSet.objects.create(
            code=info["code"], name=info["name"], basis=info.get("basis") or "", from_year=info["from_year"],
            max_points=sum((n.max_points for n in roots), Decimal(0)), source_name=source_name[:200],
            imported_at=timezone.now(), imported_by=user if getattr(user, "pk", None) else None)
        made: dict[str, Criterion] = {}
        for order, node in enumerate(nodes, start=1):
            made[node.code] = Criterion.objects.create(
                criteria_set=criteria_set, parent=made.get(node.parent_code), code=node.code, name=node.name,
                level=node.code.count(".") + 1, order=order, max_points=node.max_points, is_leaf=not node.children,
                measure=node.measure, target_percent=node.target_percent, evidence_required=node.evidence_required,
                guidance=node.guidance)
    return Result(criteria_set=criteria_set)


def write_workbook(criteria_set: CriteriaSet | None = None) -> bytes:
    """The layout with a set's rows (or empty, as a template), and the measures for reference;
    reading what it writes gives the same tree."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    info = book.active
    info.title = SHEET_INFO
    values = {"code": "", "name": "", "basis": "Quyết định 876/QĐ-BNV", "from_year": timezone.localdate().year}
    if criteria_set is not None:
        values = {attr: getattr(criteria_set, attr) for attr, _ in INFO}
    for attr, label in INFO:
        info.append([label, values[attr]])
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 22, 60
    sheet = book.create_sheet(SHEET_CRITERIA)
    sheet.append([c.header for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = column.width
    labels = dict(measures.CHOICES)
    if criteria_set is not None:
        for c in criteria_set.criteria.order_by("order"):
            sheet.append([c.code, c.name, float(c.max_points), labels.get(c.measure) if c.measure else None,
                          float(c.target_percent) if c.target_percent is not None else None,
                          "x" if c.evidence_required else None, c.guidance or None])
    codes = book.create_sheet(SHEET_MEASURES)
    codes.append(["Mã phép đo", "Hệ thống đo"])
    for code, label in measures.CHOICES:
        codes.append([code, label])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
