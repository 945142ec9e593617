"""The sheet "Từ đồng nghĩa" of the catalogue workbook: the search's synonyms (docs/search.md),
one row each, in and out with the procedures (docs/catalogue-excel.md).

The sheet is optional on import: a workbook without it leaves the synonyms as they are. Rows are
added, or update the entry with the same words (without regard to accents and case); none is
deleted by an import (the admin does that).
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.excel import CellError, Column, _Collector, _open, _read_sheet, format_cell
from catalogue.models import Synonym
from motcua.textsearch import normalize

SHEET_SYNONYMS = "Từ đồng nghĩa"
SYNONYM_COLUMNS = (
    Column("Cách gọi thông dụng", "everyday", required=True, max_length=200, width=30),
    Column("Thuật ngữ chính thức", "official", required=True, max_length=500, width=50),
    Column("Hai chiều", "two_way", "bool", width=10),
)


@dataclass(frozen=True)
class SynonymRow:
    everyday: str
    official: str
    two_way: bool


def read_synonyms(file) -> tuple[list[SynonymRow], list[CellError]]:
    """The synonym rows of the workbook (none when it has no such sheet), and every problem."""
    errors = _Collector()
    try:
        workbook = _open(file)
    except Exception:  # reported by read_workbook, which reads the same file
        return [], []
    try:
        sheet = next((name for name in workbook.sheetnames if normalize(name) == normalize(SHEET_SYNONYMS)), None)
        rows = _read_sheet(workbook[sheet], SHEET_SYNONYMS, SYNONYM_COLUMNS, errors, lambda i, t, d: i) \
            if sheet else []
    finally:
        workbook.close()
    found, seen = [], {}
    everyday, official = (c.header for c in SYNONYM_COLUMNS[:2])
    for row in rows:
        if row.bad:
            continue
        v = row.values
        keys = (normalize(v["everyday"]), normalize(v["official"]))
        if not keys[0]:
            errors.add(SHEET_SYNONYMS, row.number, everyday, "Nhập ít nhất một chữ hoặc số.")
        elif not keys[1]:
            errors.add(SHEET_SYNONYMS, row.number, official, "Nhập ít nhất một chữ hoặc số.")
        elif keys[0] == keys[1]:
            errors.add(SHEET_SYNONYMS, row.number, official, "Thuật ngữ chính thức phải khác cách gọi thông dụng.")
        elif keys in seen:
            errors.add(SHEET_SYNONYMS, row.number, everyday, f"Trùng với dòng {seen[keys]}.")
        else:
            seen[keys] = row.number
            found.append(SynonymRow(v["everyday"], v["official"], v["two_way"]))
    return found, errors.errors


def write_synonyms(rows: list[SynonymRow]) -> int:
    """Add or update each row (in the caller's transaction); returns how many changed."""
    changed = 0
    for row in rows:
        existing = Synonym.objects.filter(everyday_key=normalize(row.everyday),
                                          official_key=normalize(row.official)).first()
        if existing and (existing.everyday, existing.official, existing.two_way) == (
                row.everyday, row.official, row.two_way):
            continue
        synonym = existing or Synonym()
        synonym.everyday, synonym.official, synonym.two_way = row.everyday, row.official, row.two_way
        synonym.save()
        changed += 1
    return changed


def synonym_rows() -> list[list]:
    """Every synonym as a row of the sheet, cells formatted as the import reads them."""
    return [[format_cell(getattr(synonym, c.attr), c) for c in SYNONYM_COLUMNS]
            for synonym in Synonym.objects.order_by("everyday_key", "official_key")]
