"""The "Nhập từ Excel" admin page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogue.models import Procedure
from tests.catalogue.conftest import make_workbook, merge_sheets, permit_sheets, same_day_sheets

IMPORT = "admin:catalogue_procedureversion_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(data: bytes, name="danh-muc.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX)


def test_the_changelist_links_to_import_and_export(client, quan, agency_a):
    client.force_login(quan)

    content = client.get(reverse("admin:catalogue_procedureversion_changelist")).content.decode()

    assert "Nhập từ Excel" in content and "Xuất Excel" in content


def test_agency_admin_imports_a_good_file(client, quan, agency_a):
    # Given Quân with a workbook of two procedures of his department
    client.force_login(quan)
    data = make_workbook(merge_sheets(permit_sheets(agency_a), same_day_sheets(agency_a)))

    # When he uploads it
    response = client.post(reverse(IMPORT), {"file": upload(data)}, follow=True)

    # Then both are in the catalogue and he is told how many
    assert Procedure.objects.count() == 2
    assert "Đã nhập 2 thủ tục: 1 phiên bản được công bố, 1 bản nháp." in [str(m) for m in response.context["messages"]]


def test_a_bad_file_shows_every_error_and_imports_nothing(client, quan, agency_a):
    client.force_login(quan)
    sheets = permit_sheets(agency_a)
    sheets["Thủ tục"][0]["Loại kết quả"] = "Giấy tờ"
    sheets["Quy trình"][0]["Thời gian (giờ làm việc)"] = "bốn giờ"

    response = client.post(reverse(IMPORT), {"file": upload(make_workbook(sheets))})

    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [(e.sheet, e.row, e.column) for e in errors] == [
        ("Thủ tục", 2, "Loại kết quả"), ("Quy trình", 2, "Thời gian (giờ làm việc)"),
    ]
    content = response.content.decode()
    assert 'id="import-errors"' in content and "Loại kết quả" in content
    assert Procedure.objects.count() == 0


def test_agency_admin_cannot_import_for_another_agency(client, quan, agency_a, agency_b):
    # Given Quân, and a workbook whose procedure belongs to agency B
    client.force_login(quan)
    data = make_workbook(permit_sheets(agency_b))

    # When he uploads it
    response = client.post(reverse(IMPORT), {"file": upload(data)})

    # Then the row is refused, server-side, and nothing is written
    errors = response.context["result"].errors
    assert [(e.sheet, e.row, e.column) for e in errors] == [("Thủ tục", 2, "Mã cơ quan có thẩm quyền")]
    assert Procedure.objects.count() == 0


def test_the_system_admin_imports_for_any_agency(client, son, agency_b):
    client.force_login(son)

    client.post(reverse(IMPORT), {"file": upload(make_workbook(permit_sheets(agency_b)))})

    assert Procedure.objects.get().versions.get().competent_agency == agency_b


def test_a_file_that_is_not_xlsx_is_refused(client, quan, agency_a):
    client.force_login(quan)

    response = client.post(reverse(IMPORT), {"file": upload(b"ma;ten", name="danh-muc.csv")})

    assert "file" in response.context["form"].errors
    assert Procedure.objects.count() == 0


def test_staff_without_catalogue_rights_cannot_open_the_import_page(client, minh):
    client.force_login(minh)
    minh.is_staff = True
    minh.save()

    response = client.get(reverse(IMPORT))

    assert response.status_code == 403
