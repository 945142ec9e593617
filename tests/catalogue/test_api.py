"""GET /api/v1/procedures and /api/v1/procedures/{code}."""

from datetime import date

import pytest

from catalogue.services import start_draft
from catalogue.specs import ComponentSpec, write_spec
from tests.catalogue.conftest import building_permit_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedures(agency_a):
    for n in range(3):
        write_spec(building_permit_spec(agency_a, code=f"1.00000{n}", name=f"Thủ tục xây dựng số {n}"))
    write_spec(building_permit_spec(agency_a, code="1.000010", name="Đăng ký khai sinh", field_code="ho-tich",
                                    field_name="Hộ tịch", result_name="Giấy khai sinh",
                                    components=[ComponentSpec("Tờ khai đăng ký khai sinh")]))


def test_list_with_search_and_paging(client, procedures):
    body = client.get("/api/v1/procedures", {"q": "thu tuc xay dung", "page_size": 2}).json()
    assert body["count"] == 3 and len(body["items"]) == 2
    item = body["items"][0]
    assert item["code"] == "1.000000" and item["competent_agency"]["code"] == "000.00.20.H57"


def test_detail_has_everything(client, procedures):
    body = client.get("/api/v1/procedures/1.000010").json()
    assert body["name"] == "Đăng ký khai sinh"
    assert [c["name"] for c in body["components"]] == ["Tờ khai đăng ký khai sinh"]
    assert body["fees"] == [{"name": "Lệ phí cấp giấy phép xây dựng", "amount": 75000, "online_amount": 50000,
                             "note": ""}]
    assert [s["role"] for s in body["steps"]] == ["counter_officer", "specialist", "leader", "counter_officer"]
    assert body["levels"] == ["province"] and body["applicant_types"] == ["citizen"]


def test_detail_by_date_and_drafts_stay_private(client, procedures):
    from catalogue.models import Procedure

    draft = start_draft(Procedure.objects.get(code="1.000010"))
    draft.name = "Bản nháp chưa công bố"
    draft.save()
    assert client.get("/api/v1/procedures/1.000010").json()["name"] == "Đăng ký khai sinh"
    before = client.get("/api/v1/procedures/1.000010", {"on": date(2025, 1, 1).isoformat()})
    assert before.status_code == 404 and before.json()["code"] == "not_found"


def test_bad_paging_is_422(client, procedures):
    for params in ({"page": 0}, {"page_size": 1000}, {"page": "x"}):
        response = client.get("/api/v1/procedures", params)
        assert response.status_code == 422 and response.json()["code"] == "invalid_input"


def test_fields(client, procedures):
    assert client.get("/api/v1/fields").json() == [{"code": "ho-tich", "name": "Hộ tịch"},
                                                   {"code": "xay-dung", "name": "Xây dựng"}]
