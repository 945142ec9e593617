"""POST /api/v1/dossiers/{id}/actions/{action}: every action of the engine through the API,
each retried with the same Idempotency-Key (one event), refused for the wrong role (403,
nothing written) or the wrong state (409), and invisible to other agencies and citizens (404)."""

from datetime import datetime

import pytest

from accounts.roles import Role
from dossiers.models import Dossier
from tests.conftest import staff
from tests.dossiers.api_helpers import act, client_for, intake_dossier
from tests.dossiers.conftest import at


def events_of(dossier) -> list[str]:
    return list(Dossier.objects.get(pk=dossier.pk).events.order_by("seq").values_list("action", flat=True))


def twice(user, dossier, action, body=None, key="k-1"):
    """The action sent twice with one key, as a client retrying after a lost response."""
    client = client_for(user)
    first = act(client, dossier, action, body, key=key)
    assert first.status_code == 200, first.json()
    again = act(client, dossier, action, body, key=key)
    assert again.status_code == 200, again.json()
    assert again.json() == first.json()
    return first.json()


@pytest.fixture
def counter_dossier(permit, hoa):
    """Lan's dossier taken in at the counter by Hòa, not yet received."""
    return intake_dossier(hoa)


@pytest.fixture
def online_dossier(permit, lan):
    return intake_dossier(lan, channel=2)


@pytest.fixture
def at_appraisal(counter_dossier, hoa, minh):
    act(client_for(hoa), counter_dossier, "receive")
    response = act(client_for(hoa), counter_dossier, "forward", {"assignee": "minh"})
    assert response.status_code == 200
    return counter_dossier


def test_receive(counter_dossier, hoa, clock):
    body = twice(hoa, counter_dossier, "receive", {"note": "Đủ thành phần"})
    assert body["code"] == "000.00.20.H57-250310-0001"
    assert datetime.fromisoformat(body["due_at"]) == at(2025, 3, 31, 17)
    assert events_of(counter_dossier) == ["submit", "receive"]


def test_intake_supplement_then_resubmit_then_receive(counter_dossier, hoa):
    body = twice(hoa, counter_dossier, "request_intake_supplement",
                 {"missing": ["Bản vẽ thiết kế"], "reason": "Thiếu bản vẽ"})
    assert body["status"]["code"] == 5
    assert twice(hoa, counter_dossier, "resubmit", key="k-2")["status"]["code"] == 1
    assert twice(hoa, counter_dossier, "receive", key="k-3")["status"]["code"] == 2
    assert events_of(counter_dossier) == ["submit", "request_intake_supplement", "resubmit", "receive"]


def test_refuse_at_intake(counter_dossier, hoa):
    body = twice(hoa, counter_dossier, "refuse", {"reason": "Không thuộc thẩm quyền"})
    assert body["status"] == {"code": 3, "label": "Không được tiếp nhận"}


def test_refuse_needs_a_reason(counter_dossier, hoa):
    response = act(client_for(hoa), counter_dossier, "refuse", {})
    assert response.status_code == 422
    assert response.json()["code"] == "missing_reason"
    assert response.json()["message"] == "Vui lòng ghi rõ lý do từ chối."
    assert events_of(counter_dossier) == ["submit"]


def test_forward_approve_return_result(at_appraisal, hoa, minh, dung, clock):
    body = client_for(minh).get(f"/api/v1/dossiers/{at_appraisal.pk}").json()
    assert body["assignee"] == {"username": "minh", "full_name": "Lê Văn Minh"}
    assert body["current_step"]["name"] == "Thẩm định hồ sơ"
    clock.move_to(at(2025, 3, 11, 10))
    assert twice(minh, at_appraisal, "forward")["current_step"]["name"] == "Phê duyệt"
    body = twice(dung, at_appraisal, "approve", key="k-2")
    assert (body["status"]["code"], body["timeliness"]["code"]) == (9, "early")
    body = twice(hoa, at_appraisal, "return_result", {"note": "Trả tại quầy"}, key="k-3")
    assert body["status"] == {"code": 10, "label": "Đã trả kết quả"}
    assert events_of(at_appraisal) == ["submit", "receive", "forward", "forward", "approve", "return_result"]


def test_sign_where_the_process_has_no_signing_step(at_appraisal, minh):
    response = act(client_for(minh), at_appraisal, "sign")
    assert (response.status_code, response.json()["code"]) == (409, "not_allowed_at_step")


def test_send_back(at_appraisal, minh):
    body = twice(minh, at_appraisal, "send_back", {"reason": "Chưa kiểm tra bản chính"})
    assert body["current_step"]["name"] == "Tiếp nhận hồ sơ"
    assert events_of(at_appraisal)[-1] == "send_back"


def test_reassign(at_appraisal, dung, agency_a):
    staff("nam", agency_a, Role.SPECIALIST, full_name="Đỗ Văn Nam")
    body = twice(dung, at_appraisal, "reassign", {"assignee": "nam"})
    assert body["assignee"]["username"] == "nam"


def test_reassign_names_a_person(at_appraisal, dung):
    missing = act(client_for(dung), at_appraisal, "reassign", {})
    assert (missing.status_code, missing.json()["errors"][0]["field"]) == (422, "assignee")
    unknown = act(client_for(dung), at_appraisal, "reassign", {"assignee": "khong-co"})
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_user")


def test_supplement_during_appraisal_then_resume(at_appraisal, minh, hoa, clock):
    body = twice(minh, at_appraisal, "request_supplement", {"missing": ["Sổ đỏ"], "reason": "Bản sao mờ"})
    assert body["status"]["code"] == 5
    clock.move_to(at(2025, 3, 12, 9))
    body = twice(hoa, at_appraisal, "resume", {"note": "Đã nhận bản sao mới"}, key="k-2")
    assert body["status"]["code"] == 4
    # The two working days waited are given back to the due time
    assert datetime.fromisoformat(body["due_at"]) == at(2025, 4, 2, 17)


def test_payment_then_resume(at_appraisal, minh, hoa):
    body = twice(minh, at_appraisal, "request_payment", {"amount": 75000, "reason": "Lệ phí cấp phép"})
    assert body["status"]["code"] == 6
    # The payment is recorded at the counter, not by the specialist who asked for it.
    assert act(client_for(minh), at_appraisal, "resume", key="k-9").status_code == 403
    assert twice(hoa, at_appraisal, "resume", key="k-2")["status"]["code"] == 4


def test_payment_amount_must_be_positive(at_appraisal, minh):
    response = act(client_for(minh), at_appraisal, "request_payment", {"amount": 0, "reason": "Lệ phí"})
    assert (response.status_code, response.json()["code"]) == (422, "invalid_amount")


def test_stop_then_resume(at_appraisal, dung):
    assert twice(dung, at_appraisal, "stop", {"reason": "Chờ ý kiến thanh tra"})["status"]["code"] == 8
    assert twice(dung, at_appraisal, "resume", key="k-2")["status"]["code"] == 4


def test_apologize_once(at_appraisal, dung):
    new_due = at(2025, 4, 7, 17).isoformat()
    body = twice(dung, at_appraisal, "apologize", {"reason": "Cần khảo sát thực địa", "new_due_at": new_due})
    assert datetime.fromisoformat(body["due_at"]) == at(2025, 4, 7, 17)
    assert body["apologized_at"] is not None
    again = act(client_for(dung), at_appraisal, "apologize",
                {"reason": "Lần nữa", "new_due_at": at(2025, 4, 14, 17).isoformat()}, key="k-2")
    assert (again.status_code, again.json()["code"]) == (409, "already_apologized")
    missing = act(client_for(dung), at_appraisal, "apologize", {"reason": "Thiếu ngày"})
    assert (missing.status_code, missing.json()["errors"][0]["field"]) == (422, "new_due_at")


def test_transfer_to_agency_b(at_appraisal, land_info, minh, tu):
    body = twice(minh, at_appraisal, "transfer", {"procedure_code": "1.004321", "note": "Xin thông tin thửa đất"})
    assert body["state"]["code"] == "transferred"
    assert body["sub_dossiers"] == ["000.00.21.H57-250310-0001"]
    sub = Dossier.objects.get(code="000.00.21.H57-250310-0001")
    # Agency B sees its sub-dossier (with its lookup secret: B received it) and the parent it
    # came from, without the parent's secret, which belongs to agency A and the applicant
    sub_body = client_for(tu).get(f"/api/v1/dossiers/{sub.pk}").json()
    assert sub_body["parent"] == body["code"]
    assert sub_body["lookup_secret"] == sub.lookup_secret
    parent_body = client_for(tu).get(f"/api/v1/dossiers/{at_appraisal.pk}")
    assert parent_body.status_code == 200 and parent_body.json()["lookup_secret"] is None


def test_transfer_needs_a_procedure_in_force(at_appraisal, minh):
    response = act(client_for(minh), at_appraisal, "transfer", {"procedure_code": "9.999999"})
    assert (response.status_code, response.json()["code"]) == (422, "procedure_not_found")


def test_withdraw_by_the_citizen(online_dossier, lan):
    body = twice(lan, online_dossier, "withdraw", {"reason": "Nộp nhầm thủ tục"})
    assert body["status"] == {"code": 7, "label": "Công dân yêu cầu rút hồ sơ"}


def test_unknown_action_is_invalid_input(counter_dossier, hoa):
    response = act(client_for(hoa), counter_dossier, "approve_everything")
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"


# --- refusals ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("persona", "action", "body"), [
    ("minh", "receive", {}),                       # a specialist cannot receive
    ("dung", "refuse", {"reason": "Không hợp lệ"}),  # nor a leader refuse at intake
    ("lan", "receive", {}),                        # nor the applicant receive her own dossier
])
def test_wrong_role_is_forbidden_and_writes_nothing(request, counter_dossier, lan, minh, dung, persona, action, body):
    dossier = counter_dossier
    # Make Lan the applicant, so she sees it and is refused for her role rather than not found
    Dossier.objects.filter(pk=dossier.pk).update(submitted_by=lan)
    user = request.getfixturevalue(persona)
    response = act(client_for(user), dossier, action, body, key="k-x")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert response.json()["message"] == "Bạn không có quyền thực hiện thao tác này đối với hồ sơ này."
    assert events_of(dossier) == ["submit"]


def test_wrong_step_role_is_forbidden(at_appraisal, dung):
    # Dũng is a leader; appraisal belongs to a specialist
    response = act(client_for(dung), at_appraisal, "forward")
    assert response.status_code == 403
    assert events_of(at_appraisal) == ["submit", "receive", "forward"]


def test_wrong_state_is_a_conflict(counter_dossier, hoa):
    response = act(client_for(hoa), counter_dossier, "return_result")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    assert "Mới đăng ký" in response.json()["message"]


def test_a_key_reused_for_another_action(counter_dossier, hoa):
    act(client_for(hoa), counter_dossier, "receive", key="same")
    response = act(client_for(hoa), counter_dossier, "forward", key="same")
    assert (response.status_code, response.json()["code"]) == (422, "idempotency_key_reused")


def test_another_agencys_officer_sees_nothing(counter_dossier, tu):
    response = act(client_for(tu), counter_dossier, "receive")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert events_of(counter_dossier) == ["submit"]


def test_another_citizen_sees_nothing(online_dossier, lan, db):
    from tests.conftest import make_user

    binh = make_user("046200000456", kind="citizen", citizen_id="046200000456", full_name="Trần Văn Bình")
    response = act(client_for(binh), online_dossier, "withdraw", {"reason": "Không phải của tôi"})
    assert response.status_code == 404
    assert events_of(online_dossier) == ["submit"]
