"""Importing the catalogue from Excel: all or nothing, every bad cell reported."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from catalogue.excel import import_workbook, read_cells, read_workbook, write_workbook
from catalogue.models import Field, Procedure, ProcedureVersion
from tests.catalogue.conftest import make_workbook, merge_sheets, permit_sheets, same_day_sheets


def positions(errors):
    return [(e.sheet, e.row, e.column) for e in errors]


def test_a_good_workbook_imports_every_procedure(agency_a):
    # Given a workbook with a published building permit and a same-day draft
    data = make_workbook(merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_a)))

    # When it is imported
    result = import_workbook(io.BytesIO(data))

    # Then both procedures are in the catalogue, the permit published, the other a draft
    assert result.errors == []
    assert (result.written, result.published, result.drafts) == (2, 1, 1)
    permit = ProcedureVersion.objects.get(procedure__code="1.009994")
    assert permit.is_published and permit.effective_from == date(2025, 7, 1)
    assert permit.competent_agency == agency_a
    assert [c.name for c in permit.components.all()][0] == "Đơn đề nghị cấp giấy phép xây dựng"
    assert [s.budget_hours for s in permit.steps.all()] == [4, 100, Decimal("11.5"), Decimal("4.5")]
    assert permit.steps.all()[1].actions == ["forward", "request_supplement", "send_back"]
    assert permit.legal_bases.get().issued_on == date(2014, 6, 18)
    assert permit.fees.get().online_amount == 50000
    draft = ProcedureVersion.objects.get(procedure__code="2.000100")
    assert draft.state == ProcedureVersion.State.DRAFT
    assert Field.objects.get(code="chung-thuc").name == "Chứng thực"


def test_vietnamese_labels_are_accepted_for_codes(agency_a):
    # Given cells written with the labels officials know ("Toàn trình", "Cán bộ một cửa", "có")
    data = make_workbook(same_day_sheets(agency_a))

    # When the workbook is read
    specs, errors = read_workbook(io.BytesIO(data))

    # Then the labels became codes
    assert errors == []
    spec = specs[0]
    assert (spec.online_level, spec.time_limit_kind, spec.result_type) == ("full", "same_day", "confirmation")
    assert (spec.level_commune, spec.level_province, spec.is_lien_thong) == (True, False, True)
    assert spec.components[0].requirement == "required"
    step = spec.steps[0]
    assert (step.role, step.performer, step.budget_hours) == ("counter_officer", "receiving", Decimal("0.5"))
    assert step.actions == ["return_result", "refuse"]
    assert spec.fees[0].amount == 2000


def test_real_excel_dates_are_accepted(agency_a):
    sheets = permit_sheets(agency_a)
    sheets["Thủ tục"][0]["Ngày hiệu lực"] = datetime(2025, 7, 1)
    sheets["Căn cứ pháp lý"][0]["Ngày ban hành"] = date(2014, 6, 18)

    specs, errors = read_workbook(io.BytesIO(make_workbook(sheets)))

    assert errors == []
    assert specs[0].effective_from == date(2025, 7, 1)
    assert specs[0].legal_bases[0].issued_on == date(2014, 6, 18)


def test_export_import_export_is_lossless(agency_a, agency_b):
    # Given a catalogue imported from Excel, with a liên thông step through agency B
    sheets = merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_a))
    sheets["Quy trình"][1].update({"Cơ quan thực hiện": "other", "Mã cơ quan liên thông": agency_b.code})
    assert import_workbook(io.BytesIO(make_workbook(sheets))).ok

    # When it is exported, the export imported again, and exported once more
    first = write_workbook(ProcedureVersion.objects.all())
    again = import_workbook(io.BytesIO(first))
    assert again.errors == []
    # (nothing changed, so nothing was written: no new version of either procedure)
    assert (again.written, again.unchanged) == (0, 2)
    latest = ProcedureVersion.objects.all()
    second = write_workbook(latest)

    # Then the two exports hold exactly the same cells
    assert sorted(latest.values_list("number", flat=True)) == [1, 1]
    assert read_cells(first) == read_cells(second)
    assert read_cells(first)["Quy trình"][2][5] == agency_b.code


def test_export_writes_codes_and_dates_as_documented(permit):
    data = write_workbook(ProcedureVersion.objects.all())

    ws = load_workbook(io.BytesIO(data))["Thủ tục"]
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert row["Mã thủ tục"] == "1.009994"
    assert row["Cấp tỉnh"] == "x" and row["Cấp xã"] is None
    assert row["Mức độ trực tuyến"] == "partial"
    assert row["Ngày hiệu lực"] == "01/07/2025"


def test_a_workbook_with_bad_rows_imports_nothing_and_reports_every_bad_cell(agency_a):
    # Given a workbook with a good procedure and mistakes spread over every sheet
    sheets = merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_a))
    sheets["Thủ tục"].append(dict(sheets["Thủ tục"][0]))  # row 4: duplicate of row 2
    sheets["Thủ tục"][1].update({"Mã cơ quan tiếp nhận": "000.00.99.H57",  # row 3: unknown agency
                                 "Thời hạn giải quyết": "ba ngày"})  # not a number, and same-day anyway
    sheets["Thủ tục"].append({**same_day_sheets(agency_a, code="2.000101")["Thủ tục"][0],
                              "Tên thủ tục": None, "Mức độ trực tuyến": "Trực tuyến một nửa"})  # row 5
    sheets["Thành phần hồ sơ"].append({"Mã thủ tục": "9.999999", "Tên giấy tờ": "Tờ khai",  # row 6
                                       "Số bản chính": 1, "Bắt buộc": "required"})
    sheets["Thành phần hồ sơ"][2].update({"Số bản sao": -2})  # row 4
    sheets["Phí, lệ phí"][0].update({"Mức thu (đồng)": "75.000,50"})  # row 2
    sheets["Căn cứ pháp lý"][0].update({"Ngày ban hành": "31/02/2014"})  # row 2
    sheets["Quy trình"][3].update({"Vai trò": "thu-ky"})  # row 5

    # When it is imported
    result = import_workbook(io.BytesIO(make_workbook(sheets)))

    # Then nothing was written and every bad cell is reported, sheet by sheet, row by row
    assert not result.ok
    assert Procedure.objects.count() == 0
    assert positions(result.errors) == [
        ("Thủ tục", 3, "Mã cơ quan tiếp nhận"),
        ("Thủ tục", 3, "Thời hạn giải quyết"),
        ("Thủ tục", 4, "Mã thủ tục"),
        ("Thủ tục", 5, "Tên thủ tục"),
        ("Thủ tục", 5, "Mức độ trực tuyến"),
        ("Thành phần hồ sơ", 4, "Số bản sao"),
        ("Thành phần hồ sơ", 6, "Mã thủ tục"),
        ("Quy trình", 5, "Vai trò"),
        ("Căn cứ pháp lý", 2, "Ngày ban hành"),
        ("Phí, lệ phí", 2, "Mức thu (đồng)"),
    ]
    messages = {(e.sheet, e.row, e.column): e.message for e in result.errors}
    assert "000.00.99.H57" in messages[("Thủ tục", 3, "Mã cơ quan tiếp nhận")]
    assert "trùng với dòng 2" in messages[("Thủ tục", 4, "Mã thủ tục")]
    assert "không được để trống" in messages[("Thủ tục", 5, "Tên thủ tục")]
    assert "không có ở sheet «Thủ tục»" in messages[("Thành phần hồ sơ", 6, "Mã thủ tục")]
    assert str(result.errors[1]).startswith("Thủ tục, dòng 3, cột Thời hạn giải quyết: ")


def test_an_invalid_process_is_reported_against_its_step_rows(agency_a):
    # Given a permit whose approval step cannot move on and whose budgets miss the limit
    sheets = permit_sheets(agency_a)
    sheets["Quy trình"][2].update({"Thao tác được phép": "send_back", "Thời gian (giờ làm việc)": 20})

    # When it is imported
    result = import_workbook(io.BytesIO(make_workbook(sheets)))

    # Then both problems are reported on the Quy trình sheet, and nothing was written
    assert Procedure.objects.count() == 0
    assert positions(result.errors) == [
        ("Quy trình", 2, "Thời gian (giờ làm việc)"),
        ("Quy trình", 4, "Thao tác được phép"),
    ]
    assert "128,5 giờ" in result.errors[0].message and "120 giờ" in result.errors[0].message
    assert "Bước 3" in result.errors[1].message


def test_a_draft_may_carry_an_unfinished_process(agency_a):
    # A draft is work in progress: its process is checked when it is published, not imported.
    sheets = permit_sheets(agency_a, effective=None)
    sheets["Quy trình"] = sheets["Quy trình"][:2]

    result = import_workbook(io.BytesIO(make_workbook(sheets)))

    assert result.errors == []
    assert ProcedureVersion.objects.get().state == ProcedureVersion.State.DRAFT


def test_steps_are_ordered_by_their_number_not_their_row(agency_a):
    sheets = permit_sheets(agency_a)
    sheets["Quy trình"].reverse()

    specs, errors = read_workbook(io.BytesIO(make_workbook(sheets)))

    assert errors == []
    assert [s.name for s in specs[0].steps][0] == "Tiếp nhận hồ sơ"


def test_a_missing_sheet_and_column_are_reported(agency_a):
    sheets = permit_sheets(agency_a)
    data = make_workbook(sheets, drop_sheets=("Phí, lệ phí",))
    workbook = load_workbook(io.BytesIO(data))
    workbook["Quy trình"]["H1"] = "Thao tác"  # a renamed header
    buffer = io.BytesIO()
    workbook.save(buffer)

    specs, errors = read_workbook(buffer)

    assert specs == []
    assert positions(errors) == [("Quy trình", 1, "Thao tác được phép"), ("Phí, lệ phí", None, None)]


def test_a_file_that_is_not_excel_is_refused(db):
    specs, errors = read_workbook(io.BytesIO(b"ma,ten\n1.000001,abc\n"))

    assert specs == []
    assert "xlsx" in errors[0].message


def test_a_failure_while_writing_rolls_everything_back(agency_a, monkeypatch):
    # Given a valid workbook of two procedures, and a write that fails on the second one
    from django.core.exceptions import ValidationError

    from catalogue import excel, specs

    calls = []

    def failing_write(spec, user=None):
        calls.append(spec.code)
        if len(calls) == 2:
            raise ValidationError("Lỗi giả lập khi ghi.")
        return specs.write_spec(spec, user)

    monkeypatch.setattr(excel, "write_spec", failing_write)
    data = make_workbook(merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_a)))

    # When it is imported
    result = import_workbook(io.BytesIO(data))

    # Then the first procedure was rolled back too, and the failure is reported
    assert Procedure.objects.count() == 0
    assert positions(result.errors) == [("Thủ tục", 3, "Mã thủ tục")]
    assert "Lỗi giả lập khi ghi." in result.errors[0].message
    assert result.written == 0


def test_a_dry_run_writes_nothing(agency_a):
    result = import_workbook(io.BytesIO(make_workbook(permit_sheets(agency_a))), dry_run=True)

    assert result.ok and result.written == 1
    assert Procedure.objects.count() == 0


def test_an_agency_admin_imports_only_procedures_of_his_agencies(agency_a, agency_b, quan):
    # Given Quân of agency A, and a workbook with a procedure of agency B
    sheets = merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_b))

    # When he imports it
    result = import_workbook(io.BytesIO(make_workbook(sheets)), user=quan)

    # Then the other agency's row is refused and nothing is written
    assert positions(result.errors) == [("Thủ tục", 3, "Mã cơ quan có thẩm quyền")]
    assert Procedure.objects.count() == 0


def test_an_agency_admin_cannot_take_over_another_agencys_procedure(agency_a, agency_b, quan):
    # Given a procedure of agency B already in the catalogue
    assert import_workbook(io.BytesIO(make_workbook(same_day_sheets(agency_b)))).ok

    # When Quân imports the same code with his own agency as competent agency
    result = import_workbook(io.BytesIO(make_workbook(same_day_sheets(agency_a))), user=quan)

    # Then it is refused
    assert positions(result.errors) == [("Thủ tục", 2, "Mã thủ tục")]
    assert ProcedureVersion.objects.count() == 1


@pytest.mark.parametrize(("cell", "value"), [
    ("Thời hạn giải quyết", 0),
    ("Cấp tỉnh", "có lẽ"),
    ("Mã thủ tục", "1.234"),
    ("Mã lĩnh vực", "Xây dựng"),
])
def test_single_bad_cells_are_named(agency_a, cell, value):
    sheets = permit_sheets(agency_a)
    sheets["Thủ tục"][0][cell] = value

    specs, errors = read_workbook(io.BytesIO(make_workbook(sheets)))

    assert specs == []
    assert ("Thủ tục", 2, cell) in positions(errors)


@pytest.mark.parametrize(("typed", "says"), [
    ("Công trình phù hợp_x000B_ quy hoạch", "_x000B_"),  # what Excel writes for a control character
    ("Công trình\tphù hợp quy hoạch", "tab"),
    ("Công trình phù hợp\x85 quy hoạch", "ký tự điều khiển"),  # C1: text decoded as Windows-1252 by mistake
    ("Công trình \u202ephù hợp quy hoạch", "ký tự điều khiển"),  # a right-to-left override shows it reversed
    ("Công trình phù hợp_x009B_ quy hoạch", "_x009B_"),
])
def test_hidden_characters_in_a_cell_are_refused_with_the_cell_named(agency_a, typed, says):
    sheets = permit_sheets(agency_a)
    sheets["Thủ tục"][0]["Yêu cầu, điều kiện"] = typed
    specs, errors = read_workbook(io.BytesIO(make_workbook(sheets)))
    (error,) = errors
    assert (error.sheet, error.row, error.column) == ("Thủ tục", 2, "Yêu cầu, điều kiện")
    assert says in error.message and specs == []


def test_a_workbook_broken_inside_a_sheet_is_a_clear_error_not_a_crash(agency_a):
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(make_workbook(permit_sheets(agency_a))))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<v>15</v>" in data  # the time limit of the procedure row
                data = data.replace(b"<v>15</v>", b"<v>1\x015</v>")
            out.writestr(item, data)
    specs, errors = read_workbook(io.BytesIO(broken.getvalue()))
    assert specs == [] and errors
    assert any(e.sheet == "Thủ tục" and "bị hỏng" in e.message and "LibreOffice" in e.message for e in errors)


def test_an_unchanged_workbook_imported_again_publishes_nothing(agency_a):
    sheets = merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_a))
    assert import_workbook(io.BytesIO(make_workbook(sheets))).ok
    versions = list(ProcedureVersion.objects.order_by("pk").values_list("pk", "number", "state"))
    exported = write_workbook(ProcedureVersion.objects.all())
    again = import_workbook(io.BytesIO(exported))
    assert again.ok and (again.written, again.unchanged) == (0, 2)
    assert list(ProcedureVersion.objects.order_by("pk").values_list("pk", "number", "state")) == versions
    # One changed cell: that procedure alone gets a new version
    sheets["Thủ tục"][0]["Kết quả thực hiện"] = "Giấy phép xây dựng (bản điện tử)"
    changed = import_workbook(io.BytesIO(make_workbook(sheets)))
    assert (changed.written, changed.unchanged) == (1, 1)


def test_version_numbers_survive_a_round_trip_into_another_database(agency_a):
    sheets = permit_sheets(agency_a)
    assert import_workbook(io.BytesIO(make_workbook(sheets))).ok
    sheets["Thủ tục"][0]["Kết quả thực hiện"] = "Giấy phép xây dựng (bản điện tử)"
    assert import_workbook(io.BytesIO(make_workbook(sheets))).ok  # version 2
    exported = write_workbook(ProcedureVersion.objects.filter(number=2))
    assert read_cells(exported)["Thủ tục"][1][-1] == 2  # the last column: "Phiên bản"
    # "Another database": the same agencies, no catalogue yet
    ProcedureVersion.objects.all().delete()
    from catalogue.models import Procedure

    Procedure.objects.all().delete()
    assert import_workbook(io.BytesIO(exported)).ok
    assert list(ProcedureVersion.objects.values_list("number", flat=True)) == [2]


def test_a_workbook_without_the_version_column_still_imports(agency_a):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(make_workbook(permit_sheets(agency_a))))
    sheet = book["Thủ tục"]
    sheet.delete_cols([c.value for c in sheet[1]].index("Phiên bản") + 1)  # as written before the column existed
    older = io.BytesIO()
    book.save(older)
    assert "Phiên bản" not in read_cells(older.getvalue())["Thủ tục"][0]
    result = import_workbook(io.BytesIO(older.getvalue()))
    assert result.ok and list(ProcedureVersion.objects.values_list("number", flat=True)) == [1]
