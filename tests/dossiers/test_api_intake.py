"""POST /api/v1/dossiers: Hòa takes Lan's dossier in at the counter (and receives it at once),
Lan submits online; retries are idempotent; anonymous and unauthorised callers are refused."""

from django.test import Client

from dossiers.models import Dossier, DossierEvent
from tests.dossiers.api_helpers import BASE, LAN_APPLICANT, client_for, intake
from tests.dossiers.conftest import at


def test_counter_intake_and_receipt_at_once(permit, hoa, clock):
    # Given Hòa at the counter on Monday 10/03/2025 09:00
    client = client_for(hoa)
    # When she takes Lan's dossier in and receives it at once
    response = intake(client, channel=1, receive=True, note="Đủ thành phần")
    # Then the dossier is received with its code and its due time (15 working days)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"] == "000.00.20.H57-250310-0001"
    assert body["status"] == {"code": 2, "label": "Được tiếp nhận"}
    assert body["state"]["code"] == "received"
    assert body["channel"]["code"] == 1
    assert body["procedure"] == {"code": "1.009994", "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
                                 "version": 1}
    assert body["due_at"] == at(2025, 3, 31, 17).isoformat()
    assert body["statutory_due_at"] == body["due_at"]
    assert body["current_step"]["name"] == "Tiếp nhận hồ sơ"
    assert body["current_step"]["due_at"] == at(2025, 3, 10, 14, 30).isoformat()
    assert body["applicant"]["name"] == "Nguyễn Thị Lan"
    assert len(body["lookup_secret"]) == 8  # Hòa is staff of the receiving agency
    # And the history is not in the payload, only its length
    assert "events" not in body and body["event_count"] == 2
    assert [e.action for e in DossierEvent.objects.order_by("seq")] == ["submit", "receive"]


def test_counter_intake_without_receipt_stays_new(permit, hoa, clock):
    response = intake(client_for(hoa), channel=1)
    assert response.status_code == 201
    assert (response.json()["code"], response.json()["status"]["code"]) == (None, 1)


def test_online_submission_by_the_citizen(permit, lan, clock):
    response = intake(client_for(lan), channel=2)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"]["code"], body["channel"]["code"]) == (1, 2)
    assert body["lookup_secret"]  # Lan is the applicant
    assert Dossier.objects.get(pk=body["id"]).submitted_by == lan


def test_the_same_idempotency_key_takes_the_dossier_in_once(permit, hoa, clock):
    client = client_for(hoa)
    first = intake(client, receive=True, key="quay-1-0001")
    again = intake(client, receive=True, key="quay-1-0001")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"] and again.json()["code"] == first.json()["code"]
    assert Dossier.objects.count() == 1 and DossierEvent.objects.count() == 2


def test_keys_are_per_user(permit, hoa, lan, clock):
    # A citizen reusing an officer's key gets her own dossier, never the officer's
    mine = intake(client_for(hoa), key="k-1")
    hers = intake(client_for(lan), channel=2, key="k-1")
    assert hers.status_code == 201 and hers.json()["id"] != mine.json()["id"]


def test_a_citizen_cannot_take_in_at_the_counter(permit, lan, clock):
    response = intake(client_for(lan), channel=1, receive=True)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden" and "quyền" in response.json()["message"]
    assert Dossier.objects.count() == 0


def test_another_agencys_officer_cannot_take_in(permit, tu, clock):
    assert intake(client_for(tu), channel=1).status_code == 403


def test_a_failed_receipt_leaves_no_half_taken_in_dossier(permit, hoa, lan, clock):
    # Lan may submit online but not receive: the whole request is refused, nothing is stored
    response = intake(client_for(lan), channel=2, receive=True)
    assert response.status_code == 403
    assert Dossier.objects.count() == 0 and DossierEvent.objects.count() == 0


def test_invalid_applicant_is_explained(permit, hoa, clock):
    response = intake(client_for(hoa), applicant={**LAN_APPLICANT, "id_number": "12345"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_applicant"
    bad_email = intake(client_for(hoa), applicant={**LAN_APPLICANT, "email": "lan@"})
    assert bad_email.status_code == 422
    assert bad_email.json()["errors"] == [{"field": "applicant.email", "message": "Địa chỉ thư điện tử không hợp lệ."}]


def test_unknown_procedure_and_missing_fields(permit, hoa, clock):
    unknown = intake(client_for(hoa), procedure_code="9.999999")
    assert (unknown.status_code, unknown.json()["code"]) == (422, "procedure_not_found")
    missing = client_for(hoa).post(BASE, {"channel": 1}, content_type="application/json")
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} >= {"payload.procedure_code", "payload.applicant"}


def test_anonymous_callers_must_log_in(permit, clock):
    response = intake(Client())
    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "Bạn cần đăng nhập.", "errors": []}
    assert Client().get(BASE).status_code == 401


def test_browser_calls_need_the_csrf_token(permit, hoa, clock):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hoa)
    body = {"procedure_code": "1.009994", "channel": 1, "applicant": LAN_APPLICANT}
    refused = client.post(BASE, body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    assert Dossier.objects.count() == 0
    # The token comes from the csrftoken cookie, sent back in X-CSRFToken
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    accepted = client.post(BASE, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert accepted.status_code == 201
    # Reads need no token
    assert client.get(BASE).status_code == 200
