"""Stories of the push to the national portal, against its stand-in on loopback: each dossier
reaches the portal in the order of its events, nothing is lost while the portal is down, a
refused record waits for an operator, and a dossier counts as synced only once acknowledged."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from datetime import timedelta

import pytest
from django.utils import timezone

from dossiers import actions
from dossiers.models import Channel
from sync.models import PendingSync, SyncCall, SyncDay, SyncState
from sync.push import push
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db


def handled(permit, hoa, minh, dung):
    d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    d = actions.forward(d, hoa).dossier
    d = actions.forward(d, minh).dossier
    return actions.approve(d, dung).dossier


def test_a_dossier_reaches_the_portal_in_the_order_of_its_events(national, permit, hoa, minh, dung):
    d = handled(permit, hoa, minh, dung)
    assert push() == 1
    services = [service for service, code in national.received if code == d.code]
    # Submitted and received at the counter at once: the record, then one step per event.
    assert services[0] == "DongBoHoSoMC" and services.count("CapNhatTienDoHoSoMC") == d.event_count
    record = national.records[d.code]
    assert (record["MaTTHC"], record["TrangThaiHoSo"]) == (permit.procedure.code, 9)  # resolved: national code 9
    assert len(record["NgayTiepNhan"]) == 14 and record["NgayTiepNhan"].isdigit()  # yyyyMMddHHmmss
    assert [step["NoiDungXuLy"] for step in national.progress[d.code]][:2] == ["Nộp hồ sơ", "Tiếp nhận hồ sơ"]
    state = SyncState.objects.get(dossier=d)
    assert (state.status, state.acknowledged_seq, state.created_on_portal) == ("ok", d.event_count, True)
    assert not PendingSync.objects.exists()
    assert push() == 0, "nothing is sent twice"
    actions.return_result(d, hoa)
    assert push() == 1
    assert national.records[d.code]["TrangThaiHoSo"] == 10 and national.records[d.code]["NgayTra"]


def test_nothing_is_lost_while_the_portal_is_down_and_order_is_kept(national, permit, hoa, minh, dung, time_machine):
    national.down = True
    first = handled(permit, hoa, minh, dung)
    second = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    assert push() == 0
    state = SyncState.objects.get(dossier=first)
    assert state.status == "retrying" and state.next_attempt_at > timezone.now() and "503" in state.last_error
    assert not SyncState.objects.filter(dossier=second).exists(), "a down portal stops the run, not each dossier"
    national.down = False
    assert push() == 1, "the other dossier goes; the first waits for its back-off"
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    assert push() == 1
    assert [s for s, code in national.received if code == first.code][0] == "DongBoHoSoMC"
    assert SyncState.objects.get(dossier=first).status == "ok"


def test_a_refused_record_waits_for_an_operator_then_goes_on(national, permit, hoa, minh, dung, vy):
    from sync.push import retry, skip

    d = handled(permit, hoa, minh, dung)
    national.refused.add(d.code)
    assert push() == 0
    state = SyncState.objects.get(dossier=d)
    assert state.status == "rejected" and "mã thủ tục không có" in state.last_error
    assert push() == 0, "a refused dossier is not retried by itself"
    national.refused.clear()  # the data put right on the portal's side
    assert retry(d.pk, vy) == "ok"
    assert SyncCall.objects.filter(dossier=d, outcome="acknowledged", by=vy).exists()
    # Skipping: the refused event is recorded as skipped and the rest goes on.
    actions.return_result(d, hoa)
    national.refused.add(d.code)
    push()
    national.refused.clear()
    skip(d.pk, vy, "Cổng không nhận sự kiện trả kết quả; đã báo Văn phòng.")
    assert push() == 1 and SyncState.objects.get(dossier=d).status == "ok"
    assert SyncCall.objects.filter(dossier=d, outcome="skipped", by=vy).exists()


def test_an_expired_session_logs_in_again(national, permit, hoa):
    d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    push()
    national.forget_sessions()
    actions.forward(d, hoa)
    assert push() == 1 and SyncState.objects.get(dossier=d).status == "ok"


def test_a_dossier_counts_as_synced_only_when_acknowledged(national, permit, hoa, agency_a):
    d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    assert not SyncDay.objects.exists()
    national.down = True
    push()
    assert not SyncDay.objects.exists()
    national.down = False
    SyncState.objects.filter(dossier=d).update(next_attempt_at=None)
    push()
    assert SyncDay.objects.get().acknowledged == 1 and SyncDay.objects.get().agency_id == agency_a.pk


def test_not_received_dossiers_wait_for_their_code(national, permit, lan, hoa):
    d = actions.submit(permit, LAN, lan, channel=Channel.ONLINE).dossier
    push()
    assert national.received == [] and SyncState.objects.get(dossier=d).acknowledged_seq == 1
    d = actions.receive(d, hoa).dossier
    push()
    assert national.received[0] == ("DongBoHoSoMC", d.code)


def test_nothing_is_marked_while_the_push_is_off(settings, permit, hoa):
    settings.SYNC_PORTAL_URL = ""
    actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
    assert not PendingSync.objects.exists()
