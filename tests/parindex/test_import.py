"""Importing a criteria tree from Excel: all or nothing, every problem named by its cell, the
workbook written back reads the same."""

import pytest

from parindex import excel
from parindex.models import CriteriaSet, Criterion
from tests.parindex.conftest import INFO, ROWS, workbook

pytestmark = pytest.mark.django_db


def messages(result) -> list[str]:
    return [str(e) for e in result.errors]


def test_a_bad_workbook_writes_nothing_and_names_each_cell(son):
    rows = [list(r) for r in ROWS]
    rows[0][2] = 5                       # area 1's maximum is not the sum of its children (4)
    rows[2][0] = "1.1"                   # a duplicate code
    rows[4][2] = "ba"                    # not a number
    rows[5][1] = "Tỷ lệ_x000B_đúng hạn"  # a hidden character pasted from elsewhere, as Excel writes it
    rows.append(["3.1", "Không có cha", 1, None, None, None, None])
    rows.append(["4", "Phép đo lạ", 1, "khong-co", None, None, None])
    result = excel.import_workbook(workbook(rows), son)
    found = messages(result)
    assert not result.ok and CriteriaSet.objects.count() == 0 and Criterion.objects.count() == 0
    assert any(m.startswith("Tiêu chí, dòng 6, cột Điểm tối đa") and "không phải là số điểm" in m for m in found)
    assert any(m.startswith("Tiêu chí, dòng 7, cột Nội dung") and "ký tự điều khiển ẩn" in m for m in found)
    assert any(m.startswith("Tiêu chí, dòng 9, cột Phép đo tự động") for m in found)


def test_the_tree_is_checked_once_the_cells_are_right(son):
    rows = [list(r) for r in ROWS]
    rows[0][2] = 5
    rows[2][0] = "1.1"
    rows.append(["3.1", "Không có cha", 1, None, None, None, None])
    found = messages(excel.import_workbook(workbook(rows), son))
    assert "Tiêu chí, dòng 4, cột Mã: Mã «1.1» trùng với dòng 3." in found
    assert any(m.startswith("Tiêu chí, dòng 8, cột Mã") and "«3»" in m for m in found)
    assert "Tiêu chí, dòng 2, cột Điểm tối đa: Điểm tối đa của «1» là 5 nhưng tổng điểm tối đa các tiêu chí con " \
           "là 2." in found


def test_missing_sheets_details_and_a_reused_code_are_refused(son):
    assert messages(excel.import_workbook(workbook(rows=[]), son)) == ["Tiêu chí: Sheet không có tiêu chí nào."]
    result = excel.import_workbook(workbook(info=INFO[1:]), son)
    assert any("Mã bộ tiêu chí" in m for m in messages(result))
    assert excel.import_workbook(workbook(), son).ok
    again = excel.import_workbook(workbook(), son)
    assert any("đã có" in m for m in messages(again))
    broken = excel.import_workbook(type("F", (), {"read": lambda self, *a: b"PK not a zip", "seek": lambda *a: 0})(),
                                   son)
    assert "không phải Excel" in messages(broken)[0]


def test_written_back_it_reads_the_same(son):
    from io import BytesIO

    first = excel.import_workbook(workbook(), son).criteria_set
    info, nodes, errors = excel.read(BytesIO(excel.write_workbook(first)))
    # The only problem is the one that must be: a set of that code is already there.
    assert [str(e) for e in errors] == [f"Thông tin, dòng 1, cột Mã bộ tiêu chí: Bộ tiêu chí mã «{first.code}» đã "
                                        "có; bộ tiêu chí đã nhập không sửa được, hãy đặt mã mới cho phiên bản mới."]
    assert [(n.code, n.name, n.max_points, n.measure, n.evidence_required) for n in nodes] == [
        (c.code, c.name, c.max_points, c.measure, c.evidence_required) for c in first.criteria.order_by("order")]
