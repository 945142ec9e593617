"""Stories of the handling workflow, through the action functions (fieldreports/actions.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from fieldreports import actions
from fieldreports.actions import ActionError
from fieldreports.machine import REPORT
from fieldreports.models import Report, ReportEvent
from tests.conftest import run_tasks
from tests.fieldreports.conftest import IN_WARD_A, OUTSIDE, report
from workflow import engine
from workflow.chain import verify_object

S = Report.Status


def test_report_dispatch_accept_resolve_rate(world, lan, vy, minh, power, agency_a):
    # Given agency A and Lan have e-mail addresses, and Lan reports a power problem no rule covers
    agency_a.email = "sxd@example.vn"
    agency_a.save()
    lan.email = "lan@example.vn"
    lan.save()
    r = report(lan, power, description="Dây điện võng thấp qua đường.")
    # Then it waits in the IOC triage queue
    assert (r.status, r.agency) == (S.NEW, None)
    # When Vy dispatches it to agency A
    r = actions.dispatch(r, vy, agency_a, reason="Thuộc thẩm quyền Sở Xây dựng")
    assert (r.status, r.agency) == (S.DISPATCHED, agency_a)
    # And Minh of agency A accepts, starts and resolves it with a public answer
    r = actions.accept(r, minh)
    r = actions.start(r, minh)
    r = actions.resolve(r, minh, "Đã cho nâng dây điện lên độ cao an toàn.")
    assert r.status == S.RESOLVED and r.resolved_at
    # And Lan rates it 5, which closes it
    r = actions.rate(r, lan, 5, "Cảm ơn")
    assert (r.status, r.rating) == (S.CLOSED, 5)
    # Then every step is an event, in order, with who did it
    events = list(ReportEvent.objects.filter(report=r).values_list("action", "from_status", "to_status"))
    assert events == [
        ("submit", "", "new"), ("dispatch", "new", "dispatched"), ("accept", "dispatched", "accepted"),
        ("start", "accepted", "in_progress"), ("resolve", "in_progress", "resolved"), ("rate", "resolved", "closed"),
    ]
    assert ReportEvent.objects.get(report=r, action="accept").actor == minh
    # And once the worker has run, the unit was mailed on dispatch, Lan at each public change
    assert mail.outbox == []
    run_tasks()
    by_recipient = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert [m for m in by_recipient if m[0] == "sxd@example.vn"] == [
        ("sxd@example.vn", f"[Phản ánh hiện trường] Phản ánh #{r.pk} được chuyển đến đơn vị")]
    assert [s for to, s in by_recipient if to == "lan@example.vn"] == sorted(
        f"Phản ánh #{r.pk}: {label}" for label in ("Đã chuyển đơn vị xử lý", "Đơn vị đã tiếp nhận", "Đang xử lý",
                                                   "Đã xử lý"))
    # And the chain of events is intact
    assert verify_object(REPORT, r) == []


def test_matching_rule_dispatches_at_once(world, lan, lighting, agency_a):
    r = report(lan, lighting, where=OUTSIDE)  # the lighting group's rule covers the whole city
    assert (r.status, r.agency, r.routed_by_id) == (S.DISPATCHED, agency_a, world[1].pk)
    assert list(r.events.values_list("action", flat=True)) == ["submit", "route"]


def test_reject_then_reporter_reopens_back_to_triage(world, lan, minh, lighting):
    r = report(lan, lighting)
    actions.accept(r, minh)
    r = actions.reject(r, minh, "Không thuộc phạm vi: đèn trong khuôn viên tư nhân.")
    assert r.status == S.REJECTED and r.rejection_reason
    # When Lan reopens it within 10 days
    r = actions.reopen(r, lan, "Đèn nằm trên vỉa hè công cộng.")
    # Then it is back in the IOC triage queue with a new deadline
    assert (r.status, r.agency, r.reopen_count) == (S.NEW, None, 1)


def test_only_the_reporter_reopens_and_only_within_ten_days(world, lan, minh, vy, lighting):
    r = report(lan, lighting)
    actions.accept(r, minh)
    r = actions.resolve(r, minh, "Đã thay bóng đèn.")
    with pytest.raises(ActionError):
        actions.reopen(r, minh, "Tôi muốn mở lại")
    with pytest.raises(ActionError):
        actions.reopen(r, vy, "Tôi muốn mở lại")
    late = r.resolved_at + timedelta(days=10, minutes=1)
    with pytest.raises(ActionError) as exc:
        actions.reopen(r, lan, "Vẫn chưa sáng", now=late)
    assert exc.value.code == "too_late"
    assert actions.reopen(r, lan, "Vẫn chưa sáng", now=r.resolved_at + timedelta(days=9)).status == S.NEW


def test_transfer_to_another_unit_and_back_to_the_ioc(world, lan, minh, tu, lighting, agency_b):
    r = report(lan, lighting)
    r = actions.transfer(r, minh, agency_b, "Thuộc Sở Y tế")
    assert (r.status, r.agency) == (S.DISPATCHED, agency_b)
    # Minh of agency A may no longer act on it; Tú of agency B may
    with pytest.raises(PermissionDenied):
        actions.accept(r, minh)
    actions.accept(r, tu)
    r = actions.transfer(r, tu, None, "Không rõ đơn vị phụ trách")
    assert (r.status, r.agency) == (S.NEW, None)
    event = r.events.get(action="transfer", from_agency=agency_b)
    assert event.reason == "Không rõ đơn vị phụ trách"


def test_permissions_are_checked_in_the_actions(world, lan, minh, tu, hoa, lighting, agency_b):
    r = report(lan, lighting)
    # A specialist of another agency cannot accept; a citizen cannot dispatch
    with pytest.raises(PermissionDenied):
        actions.accept(r, tu)
    with pytest.raises(PermissionDenied):
        actions.reroute(r, lan, agency_b)
    # Minh (agency A) cannot re-route: that is the IOC's job
    with pytest.raises(PermissionDenied):
        actions.reroute(r, minh, agency_b)
    # Staff cannot report as citizens
    with pytest.raises(PermissionDenied):
        report(hoa, lighting)


def test_wrong_state_and_bad_rating_are_refused(world, lan, minh, lighting):
    r = report(lan, lighting)
    with pytest.raises(ActionError):
        actions.resolve(r, minh, "Xong")  # not accepted yet
    actions.accept(r, minh)
    r = actions.resolve(r, minh, "Xong")
    with pytest.raises(ActionError):
        actions.rate(r, lan, 6)
    with pytest.raises(ActionError):
        actions.rate(r, minh, 4)


def test_idempotency_key_makes_a_retry_harmless(world, lan, minh, lighting):
    r = report(lan, lighting, idempotency_key="app-123")
    again = report(lan, lighting, idempotency_key="app-123")
    assert again.pk == r.pk and Report.objects.count() == 1
    actions.accept(r, minh, idempotency_key="acc-1")
    actions.accept(r, minh, idempotency_key="acc-1")  # the retry does nothing, raises nothing
    assert r.events.filter(action="accept").count() == 1


def test_events_are_append_only(world, lan, lighting):
    r = report(lan, lighting)
    event = r.events.first()
    event.reason = "sửa"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_validation_of_the_report(world, lan, lighting, waste, infra):
    with pytest.raises(ActionError) as exc:
        actions.submit_report(reporter=lan, category=lighting, description="x" * 4001, lat=16.47, long=107.59)
    assert exc.value.field == "description"
    with pytest.raises(ActionError) as exc:
        actions.submit_report(reporter=lan, category=lighting, description="Đèn hỏng")
    assert exc.value.field == "address"
    with pytest.raises(ActionError):  # a group is not a category one can report in
        actions.submit_report(reporter=lan, category=infra, description="Đèn hỏng", address="12 Lê Lợi")
    with pytest.raises(ActionError) as exc:  # a required extra question
        actions.submit_report(reporter=lan, category=waste, description="Rác", address="12 Lê Lợi")
    assert exc.value.field == "attribute[khoi-luong]"
    ok = actions.submit_report(reporter=lan, category=lighting, description="Đèn hỏng", address="12 Lê Lợi",
                               now=timezone.now())
    assert ok.lat is None and ok.address == "12 Lê Lợi"


def test_ward_polygon_rule_routes_waste(world, lan, waste, agency_b, ward_a):
    inside = report(lan, waste, where=IN_WARD_A)
    outside = report(lan, waste, where=OUTSIDE)
    assert (inside.agency, inside.ward) == (agency_b, ward_a)
    assert (outside.status, outside.agency, outside.ward) == (S.NEW, None, None)


def test_rejected_then_rated_report_stays_rejected_everywhere(client, world, lan, minh, lighting):
    # Given Minh rejects Lan's report with a reason, and Lan rates it, which closes it
    r = report(lan, lighting)
    actions.accept(r, minh)
    actions.reject(r, minh, "Đèn trong khuôn viên tư nhân.")
    r = actions.rate(r, lan, 2, "Không đồng ý")
    # Then the report is closed, and its outcome is still the rejection
    assert (r.status, r.outcome, r.rejection_reason) == (S.CLOSED, "rejected", "Đèn trong khuôn viên tư nhân.")
    # And the public page says so, with the reason
    page = client.get(reverse("fieldreports:detail", args=[r.pk])).content.decode()
    assert "Từ chối xử lý:" in page and "Đèn trong khuôn viên tư nhân." in page
    # And Open311 tells a rejection, not a resolution
    row = client.get(f"/open311/v2/requests/{r.pk}.json").json()[0]
    assert row["status"] == "closed" and row["service_notice"] == ""
    assert "từ chối xử lý" in row["status_notes"] and "Đèn trong khuôn viên tư nhân." in row["status_notes"]


def test_reopen_clears_the_outcome_and_reject_never_shows_an_old_answer(client, world, lan, vy, minh, lighting,
                                                                          agency_a):
    # Given a report answered, then reopened by Lan
    r = report(lan, lighting)
    actions.accept(r, minh)
    actions.resolve(r, minh, "Đã thay bóng đèn.")
    r = actions.reopen(r, lan, "Vẫn chưa sáng")
    # Then the earlier answer is no longer the report's answer (the events keep it)
    assert (r.outcome, r.answer, r.resolved_at) == ("", "", None)
    assert r.events.filter(action="resolve", reason="Đã thay bóng đèn.").exists()
    # When it goes round again and is rejected this time
    actions.dispatch(r, vy, agency_a)
    actions.accept(r, minh)
    r = actions.reject(r, minh, "Cột đèn của khu dân cư tự quản.")
    # Then nothing of the first answer is published
    assert (r.outcome, r.answer) == ("rejected", "")
    assert "Đã thay bóng đèn" not in client.get(reverse("fieldreports:detail", args=[r.pk])).content.decode()
    assert client.get(f"/open311/v2/requests/{r.pk}.json").json()[0]["service_notice"] == ""


def test_a_twin_request_in_flight_gets_the_first_outcome_not_an_error(client, world, lan, minh, lighting,
                                                                       monkeypatch):
    # Given Lan's phone posts the form, and a second post with the same client key is in flight:
    # it looked the key up before the first committed, so it does not see it
    client.force_login(lan)
    form = {"category": "chieu-sang", "description": "Đèn tắt", "lat": "16.47", "long": "107.59",
            "client_key": "twin-1"}
    first = client.post(reverse("fieldreports:new"), form)
    real = engine._replay
    misses = iter([True])
    monkeypatch.setattr(engine, "_replay", lambda *a: None if next(misses, False) else real(*a))
    # When the twin reaches the database
    second = client.post(reverse("fieldreports:new"), form)
    # Then it answers with the same report (the unique key stopped a second one), no 500
    assert second.status_code == 302 and second.url == first.url
    assert Report.objects.count() == 1
    # And a retried action with the same key acts once (the twin waits for the row lock, then
    # finds the first one's key)
    r = Report.objects.get()
    actions.accept(r, minh, idempotency_key="acc-twin")
    assert actions.accept(r, minh, idempotency_key="acc-twin").pk == r.pk
    assert r.events.filter(action="accept").count() == 1


def test_a_key_is_scoped_to_the_user_and_the_action(world, lan, minh, vy, lighting, agency_b):
    # Keys are the client's own: another user's key replays nothing of theirs, and one key for
    # two actions of the same user is refused instead of answering with the first outcome.
    r = report(lan, lighting)
    actions.accept(r, minh, idempotency_key="k-1")
    with pytest.raises(PermissionDenied):
        actions.reroute(r, lan, agency_b, idempotency_key="k-1")
    with pytest.raises(ActionError) as exc:
        actions.start(r, minh, idempotency_key="k-1")
    assert exc.value.code == "idempotency_key_reused"
    assert list(r.events.values_list("action", flat=True)) == ["submit", "route", "accept"]


def test_control_characters_are_dropped_from_every_stored_text(world, lan, vy, minh, lighting):
    # Given texts with invisible control characters (pasted from a PDF, or sent on purpose)
    r = report(lan, lighting, description="Đèn\x0b hỏng\x01 trước\x00 nhà\tsố 12\r\nrất tối", address="Lê\x00 Lợi\n")
    # Then they are stored without them; tabs and line breaks stay in multi-line text
    assert r.description == "Đèn hỏng trước nhà\tsố 12\r\nrất tối" and r.address == "Lê Lợi"
    actions.accept(r, minh)
    r = actions.resolve(r, minh, "Đã\x0c thay\x1f bóng")
    assert r.answer == "Đã thay bóng"
    r = actions.edit_public_text(r, vy, "Đèn\x07 hỏng", "Bỏ\x00 ký tự lạ")
    assert r.public_description == "Đèn hỏng" and r.moderation.get().reason == "Bỏ ký tự lạ"
    # And a text of nothing but controls counts as empty
    with pytest.raises(ActionError):
        actions.reopen(r, lan, "\x00\x0b")
