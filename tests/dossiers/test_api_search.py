"""GET /api/v1/dossiers: officers search the dossiers they may see by code, applicant ID,
name without diacritics, status, agency and receipt dates; citizens see their own."""

import pytest

from tests.dossiers.api_helpers import BASE, LAN_APPLICANT, act, client_for, intake_dossier
from tests.dossiers.conftest import at

DUC = {"kind": "citizen", "id_number": "046085000789", "name": "Trần Văn Đức", "address": "5 Hùng Vương"}


@pytest.fixture
def dossiers(permit, land_info, hoa, lan, counter_b, clock):
    """Lan's dossier received Monday 10/03; Đức's received Wednesday 12/03; Lan's online
    dossier not yet received; and one of Lan's at agency B."""
    lans = intake_dossier(hoa, receive=True)
    clock.move_to(at(2025, 3, 12, 10))
    ducs = intake_dossier(hoa, receive=True, applicant=DUC)
    online = intake_dossier(lan, channel=2)
    at_b = intake_dossier(counter_b, procedure_code="1.004321", receive=True)
    for d in (lans, ducs, online, at_b):
        d.refresh_from_db()
    return {"lan": lans, "duc": ducs, "online": online, "b": at_b}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == len(body["items"]) or body["page_size"] < body["count"]
    return {item["id"] for item in body["items"]}


def test_officers_see_their_agencys_dossiers(dossiers, hoa):
    assert ids(client_for(hoa).get(BASE)) == {dossiers["lan"].pk, dossiers["duc"].pk, dossiers["online"].pk}


def test_by_code(dossiers, hoa):
    assert ids(client_for(hoa).get(BASE, {"code": dossiers["duc"].code})) == {dossiers["duc"].pk}
    assert ids(client_for(hoa).get(BASE, {"code": "250310"})) == {dossiers["lan"].pk}
    # A whole code typed in lower case, or with spaces around it, is still that dossier.
    assert ids(client_for(hoa).get(BASE, {"code": f" {dossiers['lan'].code.lower()} "})) == {dossiers["lan"].pk}
    assert ids(client_for(hoa).get(BASE, {"code": dossiers["b"].code})) == set()  # another agency's


def test_by_applicant_id(dossiers, hoa):
    found = ids(client_for(hoa).get(BASE, {"applicant_id": LAN_APPLICANT["id_number"]}))
    assert found == {dossiers["lan"].pk, dossiers["online"].pk}


@pytest.mark.parametrize("name", ["nguyen thi lan", "NGUYỄN THỊ LAN", "lan nguyen", "Thị Lan"])
def test_by_name_without_diacritics(dossiers, hoa, name):
    assert ids(client_for(hoa).get(BASE, {"name": name})) == {dossiers["lan"].pk, dossiers["online"].pk}


def test_by_name_with_d_stroke(dossiers, hoa):
    assert ids(client_for(hoa).get(BASE, {"name": "tran van duc"})) == {dossiers["duc"].pk}


def test_by_status_code_or_state(dossiers, hoa):
    assert ids(client_for(hoa).get(BASE, {"status": "1"})) == {dossiers["online"].pk}
    assert ids(client_for(hoa).get(BASE, {"status": "received"})) == {dossiers["lan"].pk, dossiers["duc"].pk}
    bad = client_for(hoa).get(BASE, {"status": "42"})
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "status")


def test_by_agency(dossiers, son):
    # Sơn, the system administrator, sees the whole province and narrows by agency
    assert ids(client_for(son).get(BASE)) == {d.pk for d in dossiers.values()}
    assert ids(client_for(son).get(BASE, {"agency": "000.00.21.H57"})) == {dossiers["b"].pk}


def test_by_receipt_dates(dossiers, hoa):
    client = client_for(hoa)
    assert ids(client.get(BASE, {"received_from": "2025-03-10", "received_to": "2025-03-10"})) == {dossiers["lan"].pk}
    assert ids(client.get(BASE, {"received_from": "2025-03-11"})) == {dossiers["duc"].pk}
    assert ids(client.get(BASE, {"received_to": "2025-03-11"})) == {dossiers["lan"].pk}
    bad = client.get(BASE, {"received_from": "10/03/2025"})
    assert bad.status_code == 422


def test_filters_combine(dossiers, hoa):
    found = ids(client_for(hoa).get(BASE, {"name": "nguyen thi lan", "status": "2"}))
    assert found == {dossiers["lan"].pk}


def test_another_agency_sees_only_its_own(dossiers, tu):
    assert ids(client_for(tu).get(BASE)) == {dossiers["b"].pk}
    assert ids(client_for(tu).get(BASE, {"code": dossiers["lan"].code})) == set()


def test_a_citizen_sees_what_she_submitted(dossiers, lan):
    # Counter dossiers were not submitted from Lan's account: she sees her online one only
    assert ids(client_for(lan).get(BASE)) == {dossiers["online"].pk}


def test_paging(dossiers, hoa):
    client = client_for(hoa)
    first = client.get(BASE, {"page_size": 2}).json()
    second = client.get(BASE, {"page_size": 2, "page": 2}).json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    # Newest first
    assert first["items"][0]["id"] == dossiers["online"].pk
    too_big = client.get(BASE, {"page_size": 101})
    assert (too_big.status_code, too_big.json()["code"]) == (422, "invalid_input")


def test_summary_items(dossiers, hoa):
    item = client_for(hoa).get(BASE, {"code": dossiers["lan"].code}).json()["items"][0]
    assert item["applicant_name"] == "Nguyễn Thị Lan"
    assert item["status"] == {"code": 2, "label": "Được tiếp nhận"}
    assert item["receiving_agency"] == {"code": "000.00.20.H57", "name": "Sở Xây dựng"}
    assert "lookup_secret" not in item and "applicant" not in item


def test_the_list_costs_a_fixed_number_of_queries(dossiers, hoa, django_assert_max_num_queries):
    client = client_for(hoa)
    client.get(BASE)  # warm the session
    for _ in range(3):
        intake_dossier(hoa)
    with django_assert_max_num_queries(8):
        response = client.get(BASE)
    assert response.json()["count"] == 6


def test_search_after_an_action_still_finds_the_dossier(dossiers, hoa, minh):
    act(client_for(hoa), dossiers["lan"], "forward", {"assignee": "minh"})
    assert ids(client_for(minh).get(BASE, {"status": "4"})) == {dossiers["lan"].pk}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": 10**18}, None),
        ({"received_to": "9999-12-31"}, "received_to"),
        ({"received_from": "0001-01-01"}, "received_from"),
        ({"status": "²"}, "status"),
        ({"code": "a\x00b"}, "code"),
        ({"applicant_id": "046\x00"}, "applicant_id"),
    ],
)
def test_out_of_range_or_control_characters_are_422_not_500(params, field, hoa):
    response = client_for(hoa).get("/api/v1/dossiers", params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input" and body["message"]
    if field:
        assert body["errors"][0]["field"] == field
