"""GET /api/v1/dossiers/{id} and /events: the current state without the history, the history
paged; the lookup secret only for the receiving agency's staff and the applicant; 404 for
everyone else; every path in the OpenAPI document."""

from datetime import datetime

import pytest

from dossiers.models import Dossier
from tests.conftest import make_user
from tests.dossiers.api_helpers import BASE, act, client_for, intake_dossier
from tests.dossiers.conftest import at


@pytest.fixture
def returned(permit, hoa, minh, dung, clock):
    """Lan's dossier received Monday 09:00 and carried through to the result: six events."""
    dossier = intake_dossier(hoa, receive=True)
    act(client_for(hoa), dossier, "forward", {"assignee": "minh"})
    clock.move_to(at(2025, 3, 11, 10))
    act(client_for(minh), dossier, "forward")
    act(client_for(dung), dossier, "approve")
    act(client_for(hoa), dossier, "return_result")
    return Dossier.objects.get(pk=dossier.pk)


def test_detail_shows_the_current_state_without_history(returned, hoa):
    body = client_for(hoa).get(f"{BASE}/{returned.pk}").json()
    assert body["code"] == "000.00.20.H57-250310-0001"
    assert body["status"] == {"code": 10, "label": "Đã trả kết quả"}
    assert body["timeliness"] == {"code": "early", "label": "Trước hạn"}
    assert datetime.fromisoformat(body["received_at"]) == at(2025, 3, 10, 9)
    assert body["received_at"].endswith("+07:00")  # local time of the province
    assert body["current_step"]["name"] == "Trả kết quả"
    assert body["receiving_agency"] == body["current_agency"] == {"code": "000.00.20.H57", "name": "Sở Xây dựng"}
    assert body["event_count"] == 6 and "events" not in body
    assert body["files"] == [] and body["parent"] is None and body["sub_dossiers"] == []


def test_lookup_secret_only_for_the_receiving_agency_and_the_applicant(permit, hoa, minh, lan, clock):
    dossier = intake_dossier(lan, channel=2)
    assert client_for(lan).get(f"{BASE}/{dossier.pk}").json()["lookup_secret"] == dossier.lookup_secret
    assert client_for(minh).get(f"{BASE}/{dossier.pk}").json()["lookup_secret"] == dossier.lookup_secret
    assert client_for(lan).get(f"{BASE}/{dossier.pk}").json()["applicant"]["id_number"] == "046190000123"


def test_competent_agency_staff_see_it_without_the_secret(permit, hoa, agency_a, agency_b, clock):
    # A procedure received by agency B's desk and decided by agency A: A's specialist sees the
    # dossier (competent agency) but not B's lookup secret
    from datetime import date

    from accounts.roles import Role
    from catalogue.specs import write_spec
    from tests.catalogue.conftest import building_permit_spec
    from tests.conftest import staff

    spec = building_permit_spec(agency_a, receiving=agency_b, code="1.000948", effective_from=date(2025, 1, 1))
    write_spec(spec)
    thu = staff("thu", agency_b, Role.COUNTER_OFFICER)
    nam = staff("nam", agency_a, Role.SPECIALIST)
    dossier = intake_dossier(thu, procedure_code="1.000948", receive=True)
    body = client_for(nam).get(f"{BASE}/{dossier.pk}").json()
    assert body["code"].startswith("000.00.21.H57-") and body["lookup_secret"] is None


def test_not_found_for_other_agencies_and_other_citizens(returned, tu):
    binh = make_user("046200000456", kind="citizen", citizen_id="046200000456")
    for user in (tu, binh):
        client = client_for(user)
        for url in (f"{BASE}/{returned.pk}", f"{BASE}/{returned.pk}/events"):
            response = client.get(url)
            assert response.status_code == 404
            assert response.json() == {"code": "not_found", "errors": [],
                                       "message": "Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này."}
    assert client_for(tu).get(f"{BASE}/999999").status_code == 404


def test_events_are_paged(returned, hoa):
    client = client_for(hoa)
    first = client.get(f"{BASE}/{returned.pk}/events", {"page_size": 4}).json()
    second = client.get(f"{BASE}/{returned.pk}/events", {"page_size": 4, "page": 2}).json()
    assert first["count"] == 6
    assert [e["seq"] for e in first["items"]] == [1, 2, 3, 4]
    assert [e["action"] for e in second["items"]] == ["approve", "return_result"]
    receive = first["items"][1]
    assert receive["action"] == "receive" and receive["actor_name"] == "Trần Thị Hòa"
    assert (receive["from_status"], receive["to_status"]) == (1, 2)
    assert (receive["from_step"], receive["to_step"]) == (None, "Tiếp nhận hồ sơ")
    assert receive["agency"] == "000.00.20.H57"
    assert receive["data"]["code"] == returned.code
    forward = first["items"][2]
    assert (forward["from_step"], forward["to_step"], forward["step_timeliness"]) == (
        "Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "on_time")
    assert datetime.fromisoformat(second["items"][1]["at"]) == at(2025, 3, 11, 10)
    assert client.get(f"{BASE}/{returned.pk}/events", {"page": 0}).status_code == 422


def test_openapi_lists_the_dossier_paths(db):
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths) >= {
        "/api/v1/dossiers", "/api/v1/dossiers/{dossier_id}", "/api/v1/dossiers/{dossier_id}/events",
        "/api/v1/dossiers/{dossier_id}/actions/{action}", "/api/v1/dossiers/{dossier_id}/files",
    }
    assert set(paths["/api/v1/dossiers"]) == {"get", "post"}
    assert paths["/api/v1/dossiers"]["post"]["tags"] == ["dossiers"]
    action_param = next(p for p in paths["/api/v1/dossiers/{dossier_id}/actions/{action}"]["post"]["parameters"]
                        if p["name"] == "action")
    assert action_param["in"] == "path"
    headers = [p["name"] for p in paths["/api/v1/dossiers"]["post"]["parameters"] if p["in"] == "header"]
    assert headers == ["Idempotency-Key"]
    for name in ("DossierDetail", "DossierPage", "EventPage", "FileOut", "ActionIn", "IntakeIn", "ErrorOut"):
        assert name in schema["components"]["schemas"]
    assert "events" not in schema["components"]["schemas"]["DossierDetail"]["properties"]
