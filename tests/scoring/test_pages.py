"""The operations centre's scoring pages: who sees which agency, the drill-down to criteria and
officers, the PDF report and the Excel tables."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from dossiers import actions
from dossiers.evaluation import ASKED
from ioc.models import Export
from tests.conftest import run_tasks
from tests.scoring.conftest import returned

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(permit, lan, hoa, minh, dung):
    d = returned(permit, lan, hoa, minh, dung)
    actions.evaluate(d, lan, scores={**dict.fromkeys(ASKED, 2), "attitude": 0})
    return d


def test_the_operator_sees_every_agency_and_drills_down_to_criteria_and_officers(client, scored, vy, agency_a):
    client.force_login(vy)
    page = client.get("/dieu-hanh/danh-gia/").content.decode()
    assert agency_a.name in page and "15.0/18" in page.replace(",", ".") and "Tốt" in page
    page = client.get(f"/dieu-hanh/danh-gia/{agency_a.code}/").content.decode()
    assert "Trần Thị Hòa" in page
    # What lowered it comes first: the attitude scored 0.
    assert page.index("Thái độ, tinh thần phục vụ") < page.index("Việc công khai thủ tục hành chính")
    assert client.get("/dieu-hanh/do-luong/").status_code == 200


def test_a_leader_sees_his_agency_and_no_other_and_a_specialist_nothing(client, scored, dung, leader_b, tu,
                                                                        agency_a):
    client.force_login(dung)
    assert client.get(f"/dieu-hanh/danh-gia/{agency_a.code}/").status_code == 200
    client.force_login(leader_b)
    assert agency_a.name not in client.get("/dieu-hanh/danh-gia/").content.decode()
    assert client.get(f"/dieu-hanh/danh-gia/{agency_a.code}/").status_code == 404
    assert client.get(f"/dieu-hanh/danh-gia/{agency_a.code}/bao-cao.pdf").status_code == 404
    client.force_login(tu)
    assert client.get("/dieu-hanh/danh-gia/").status_code == 403


def test_the_agency_report_is_a_pdf(client, scored, vy, agency_a):
    from pypdf import PdfReader

    client.force_login(vy)
    response = client.get(f"/dieu-hanh/danh-gia/{agency_a.code}/bao-cao.pdf?ky=nam")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert agency_a.name in text and "Trần Thị Hòa" in text and "Xếp loại" in text


@pytest.mark.parametrize(("table", "first"), [("danh-gia-co-quan", "Sở Xây dựng"), ("danh-gia-can-bo", "Sở Xây dựng")])
def test_the_scoring_tables_export_to_excel(client, scored, vy, settings, tmp_path, table, first):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(vy)
    client.post("/dieu-hanh/xuat/bat-dau/?ky=nam", {"bang": table})
    run_tasks()
    export = Export.objects.latest("pk")
    sheet = load_workbook(BytesIO(b"".join(client.get(f"/dieu-hanh/xuat/{export.pk}/tai-ve/").streaming_content))
                          ).active
    assert sheet["A7"].value == first
    assert 15 in [c.value for c in sheet[7]]  # the average
