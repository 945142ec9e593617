"""The import_catalogue and export_catalogue management commands."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue.excel import read_cells, read_workbook
from catalogue.models import Procedure
from tests.catalogue.conftest import make_workbook, merge_sheets, permit_sheets, same_day_sheets


def test_import_command_writes_a_good_file(agency_a, tmp_path):
    path = tmp_path / "danh-muc.xlsx"
    path.write_bytes(make_workbook(merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_a))))
    out = io.StringIO()

    call_command("import_catalogue", str(path), stdout=out, stderr=io.StringIO())

    assert "Đã nhập 2 thủ tục (1 công bố, 1 bản nháp)" in out.getvalue()
    assert Procedure.objects.count() == 2


def test_import_command_lists_every_bad_cell_and_fails(agency_a, tmp_path):
    # Given a file with an unknown agency and a bad fee
    sheets = permit_sheets(agency_a)
    sheets["Thủ tục"][0]["Mã cơ quan tiếp nhận"] = "000.00.99.H57"
    sheets["Phí, lệ phí"][0]["Mức thu (đồng)"] = "bảy lăm nghìn"
    path = tmp_path / "loi.xlsx"
    path.write_bytes(make_workbook(sheets))
    err = io.StringIO()

    # When the command runs, then it exits non-zero, names each cell and writes nothing
    with pytest.raises(CommandError) as failure:
        call_command("import_catalogue", str(path), stdout=io.StringIO(), stderr=err)
    assert failure.value.returncode == 1
    assert "2 lỗi" in str(failure.value)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Thủ tục, dòng 2, cột Mã cơ quan tiếp nhận: ")
    assert lines[1].startswith("Phí, lệ phí, dòng 2, cột Mức thu (đồng): ")
    assert Procedure.objects.count() == 0


def test_import_command_dry_run_saves_nothing(agency_a, tmp_path):
    path = tmp_path / "thu.xlsx"
    path.write_bytes(make_workbook(permit_sheets(agency_a)))
    out = io.StringIO()

    call_command("import_catalogue", str(path), "--dry-run", stdout=out, stderr=io.StringIO())

    assert "tệp hợp lệ" in out.getvalue()
    assert Procedure.objects.count() == 0


def test_import_command_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="Không mở được tệp"):
        call_command("import_catalogue", str(tmp_path / "khong-co.xlsx"))


def test_export_command_writes_versions_in_force(agency_a, agency_b, tmp_path):
    # Given a published permit of agency A, a draft of agency A and a published procedure of agency B
    sheets = merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_a),
                          permit_sheets(agency_b, code="1.009995"))
    call_command("import_catalogue", str(_saved(tmp_path, sheets)), stdout=io.StringIO(), stderr=io.StringIO())

    # When the catalogue in force is exported, then filtered by agency
    everything, of_a = tmp_path / "all.xlsx", tmp_path / "a.xlsx"
    call_command("export_catalogue", str(everything), stdout=io.StringIO(), stderr=io.StringIO())
    call_command("export_catalogue", str(of_a), "--agency", agency_a.code, stdout=io.StringIO(),
                 stderr=io.StringIO())
    drafts_too = tmp_path / "drafts.xlsx"
    call_command("export_catalogue", str(drafts_too), "--all-versions", "--field", "chung-thuc",
                 stdout=io.StringIO(), stderr=io.StringIO())

    # Then the draft is left out of what is in force, and the filters hold
    assert _codes(everything) == ["1.009994", "1.009995"]
    assert _codes(of_a) == ["1.009994"]
    assert _codes(drafts_too) == ["2.000100"]
    # and the export of what is in force imports cleanly
    specs, errors = read_workbook(io.BytesIO(everything.read_bytes()))
    assert errors == [] and len(specs) == 2


def test_export_command_searches_without_diacritics(agency_a, tmp_path):
    pytest.importorskip("catalogue.search")
    sheets = merge_sheets(permit_sheets(agency_a), permit_sheets(agency_a, code="1.009996"))
    sheets["Thủ tục"][1]["Tên thủ tục"] = "Cấp phép khai thác nước ngầm"
    call_command("import_catalogue", str(_saved(tmp_path, sheets)), stdout=io.StringIO(), stderr=io.StringIO())
    out = tmp_path / "q.xlsx"

    call_command("export_catalogue", str(out), "--q", "nha o rieng le", stdout=io.StringIO(),
                 stderr=io.StringIO())

    assert _codes(out) == ["1.009994"]


def _saved(tmp_path, sheets):
    path = tmp_path / "in.xlsx"
    path.write_bytes(make_workbook(sheets))
    return path


def _codes(path):
    return [row[0] for row in read_cells(path.read_bytes())["Thủ tục"][1:]]
