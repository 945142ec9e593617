"""The audit trail holds against someone who can write to the database (issue: hardening).

Sixteen ways to tamper, each found by `verify_events`: the chain is keyed (an attacker
without AUDIT_KEY cannot forge or recompute it), each event fingerprints the row it leaves
(an edited row is found), dossier codes must be consecutive (a deleted dossier leaves a gap)
and the checkpoints outside the database remember heads that must still be there (what an
insider holding the key deletes). Every break is reported, not only the first.
"""

import hashlib
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from dossiers import actions
from dossiers.machine import DOSSIER
from dossiers.models import Dossier, DossierCounter, DossierEvent
from dossiers.states import STATUS_OF, State
from tests.dossiers.conftest import verify_dossier
from workflow import chain, checkpoints


@pytest.fixture
def processed(received, hoa, minh):
    dossier = actions.forward(received, hoa).dossier
    return actions.request_supplement(dossier, minh, missing=["Bản vẽ"], reason="Thiếu bản vẽ").dossier


def verify(*args):
    out = StringIO()
    call_command("verify_events", *args, stdout=out)
    return out.getvalue()


def broken_report(*args) -> str:
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("verify_events", *args, stdout=StringIO(), stderr=err)
    return f"{failure.value}\n{err.getvalue()}"


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def events_of(dossier):
    return list(DossierEvent.objects.filter(dossier=dossier).order_by("seq"))


def rewrite(event, hash_of):
    """Store `event` as it is in memory with the hash `hash_of(event, prev)` gives, in SQL."""
    event.hash = hash_of(event, event.prev_hash)
    sql("UPDATE dossiers_dossierevent SET seq=%s, prev_hash=%s, hash=%s, actor_name=%s, due_at=%s WHERE id=%s",
        [event.seq, event.prev_hash, event.hash, event.actor_name, event.due_at, event.pk])
    return event.hash


def recompute(dossier, hash_of, change=lambda event: None):
    """Recompute the whole chain with `hash_of` after `change` to its events, tail included."""
    prev = ""
    for event in events_of(dossier):
        change(event)
        event.prev_hash = prev
        prev = rewrite(event, hash_of)
    sql("UPDATE dossiers_dossier SET last_event_hash=%s WHERE id=%s", [prev, dossier.pk])


def plain_sha256(event, prev):
    return chain.legacy_event_hash(event, prev, event.HASHED_FIELDS)


def wrong_key(event, prev):
    import hmac

    content = chain._event_content(event, prev, None)
    return hmac.new(b"the attacker's guess", content, hashlib.sha256).hexdigest()


def erase(dossier):
    """Delete a dossier and everything that refers to it, as an attacker with SQL would."""
    for model, ids in ((DossierEvent, [e.pk for e in events_of(dossier)]), (Dossier, [dossier.pk])):
        referring = [f for f in model._meta.get_fields(include_hidden=True)
                     if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)]
        for rel in referring:
            for pk in ids:
                sql(f'DELETE FROM "{rel.related_model._meta.db_table}" WHERE "{rel.field.column}" = %s', [pk])
    sql("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s", [dossier.pk])
    sql("DELETE FROM dossiers_dossier WHERE id = %s", [dossier.pk])


def test_an_intact_log_verifies(processed):
    assert verify_dossier(processed) is None
    assert "nhật ký toàn vẹn" in verify("--dossier", processed.code)
    assert "nhật ký toàn vẹn" in verify()


def test_the_application_cannot_change_or_delete_an_event(processed):
    event = processed.events.first()
    event.action = "other"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_the_chain_is_keyed_with_the_audit_key(processed, settings):
    event = events_of(processed)[0]
    assert event.hash != plain_sha256(event, "")
    settings.AUDIT_KEY = "another key"
    assert "mã xác thực không khớp" in verify_dossier(processed).reason
    settings.AUDIT_KEY_FALLBACKS = ["dev-only-insecure-audit-key-never-use-in-production-motcua"]
    assert verify_dossier(processed) is None, "a retired key still verifies the events it hashed"


# --- sixteen ways to tamper ---------------------------------------------------------------------------------

def _content_changed(d):
    sql("UPDATE dossiers_dossierevent SET actor_name = %s WHERE dossier_id = %s AND seq = 3", ["Người khác", d.pk])


def _content_changed_and_recomputed_unkeyed(d):
    recompute(d, plain_sha256, lambda e: setattr(e, "actor_name", "Người khác") if e.seq == 3 else None)


def _content_changed_and_recomputed_with_a_guessed_key(d):
    recompute(d, wrong_key, lambda e: setattr(e, "actor_name", "Người khác") if e.seq == 3 else None)


def _middle_event_deleted(d):
    sql("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s AND seq = 2", [d.pk])


def _middle_event_deleted_and_renumbered(d):
    sql("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s AND seq = 2", [d.pk])
    sql("UPDATE dossiers_dossier SET event_count = event_count - 1 WHERE id = %s", [d.pk])
    recompute(d, plain_sha256, lambda e: setattr(e, "seq", e.seq - 1) if e.seq > 2 else None)


def _last_event_deleted(d):
    sql("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s AND seq = 4", [d.pk])


def _last_event_deleted_and_tail_moved_back(d):
    third = events_of(d)[2]
    sql("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s AND seq = 4", [d.pk])
    sql("UPDATE dossiers_dossier SET event_count = 3, last_event_hash = %s WHERE id = %s", [third.hash, d.pk])


def _event_inserted_with_a_forged_hash_and_a_new_tail(d):
    last = events_of(d)[-1]
    forged = DossierEvent(dossier_id=d.pk, seq=5, action="approve", actor_name="Lãnh đạo", at=last.at,
                          from_state=last.to_state, to_state="result_ready", from_status=last.to_status,
                          to_status=last.to_status, data={}, prev_hash=last.hash)
    forged.hash = plain_sha256(forged, last.hash)
    sql("INSERT INTO dossiers_dossierevent (dossier_id, seq, action, actor_name, at, from_state, to_state, "
        "from_status, to_status, step_timeliness, data, prev_hash, hash, row_digest) "
        "VALUES (%s, 5, 'approve', 'Lãnh đạo', %s, %s, 'result_ready', %s, %s, '', '{}', %s, %s, '')",
        [d.pk, last.at, last.to_state, last.to_status, last.to_status, last.hash, forged.hash])
    sql("UPDATE dossiers_dossier SET event_count = 5, last_event_hash = %s WHERE id = %s", [forged.hash, d.pk])


def _two_events_swapped(d):
    sql("UPDATE dossiers_dossierevent SET seq = 100 WHERE dossier_id = %s AND seq = 2", [d.pk])
    sql("UPDATE dossiers_dossierevent SET seq = 2 WHERE dossier_id = %s AND seq = 3", [d.pk])
    sql("UPDATE dossiers_dossierevent SET seq = 3 WHERE dossier_id = %s AND seq = 100", [d.pk])


def _link_changed(d):
    sql("UPDATE dossiers_dossierevent SET prev_hash = %s WHERE dossier_id = %s AND seq = 3", ["0" * 64, d.pk])


def _tail_changed(d):
    sql("UPDATE dossiers_dossier SET last_event_hash = %s WHERE id = %s", ["f" * 64, d.pk])


def _due_date_moved(d):
    sql("UPDATE dossiers_dossier SET due_at = %s WHERE id = %s", [d.due_at + timedelta(days=10), d.pk])


def _applicant_renamed(d):
    sql("UPDATE dossiers_dossier SET applicant_name = %s WHERE id = %s", ["Trần Văn Khác", d.pk])


def _state_set_by_hand(d):
    sql("UPDATE dossiers_dossier SET state = %s, status = %s WHERE id = %s",
        [State.RESULT_READY, STATUS_OF[State.RESULT_READY], d.pk])


def _event_data_rewritten(d):
    sql("UPDATE dossiers_dossierevent SET data = %s WHERE dossier_id = %s AND seq = 3",
        [json.dumps({"note": "đã xử lý xong"}), d.pk])


def _dossier_deleted_with_its_events(d):
    erase(d)


TAMPERING = {
    "content changed": (_content_changed, "sự kiện số 3: nội dung đã bị thay đổi"),
    "content changed, chain recomputed without the key": (
        _content_changed_and_recomputed_unkeyed, "sự kiện số 1: nội dung đã bị thay đổi"),
    "content changed, chain recomputed with a guessed key": (
        _content_changed_and_recomputed_with_a_guessed_key, "mã xác thực không khớp"),
    "an event in the middle deleted": (_middle_event_deleted, "thiếu sự kiện số 2"),
    "an event deleted, the rest renumbered and relinked": (_middle_event_deleted_and_renumbered,
                                                          "mã xác thực không khớp"),
    "the last event deleted": (_last_event_deleted, "bị cắt bớt"),
    "the last event deleted, the tail moved back": (_last_event_deleted_and_tail_moved_back,
                                                    "dòng dữ liệu đã bị sửa ngoài nhật ký (trạng thái, mã trạng thái"),
    "an event inserted with a forged hash and a new tail": (
        _event_inserted_with_a_forged_hash_and_a_new_tail, "sự kiện số 5: nội dung đã bị thay đổi"),
    "two events swapped": (_two_events_swapped, "sự kiện số 2: không khớp với mã băm của sự kiện trước"),
    "a link changed": (_link_changed, "sự kiện số 3: không khớp với mã băm"),
    "the tail on the row changed": (_tail_changed, "bị cắt bớt hoặc bị nối thêm ở cuối"),
    "the due date moved on the row": (_due_date_moved, "dòng dữ liệu đã bị sửa ngoài nhật ký (hạn trả kết quả)"),
    "the applicant renamed on the row": (_applicant_renamed, "dòng dữ liệu đã bị sửa ngoài nhật ký: không khớp"),
    "the state set by hand on the row": (_state_set_by_hand, "sửa ngoài nhật ký (trạng thái, mã trạng thái)"),
    "an event's data rewritten": (_event_data_rewritten, "sự kiện số 3: nội dung đã bị thay đổi"),
    "the dossier deleted with its events": (_dossier_deleted_with_its_events,
                                            "-0001: mã đã cấp nhưng không còn hồ sơ nào mang mã này"),
}


@pytest.mark.parametrize("tamper", TAMPERING.values(), ids=TAMPERING.keys())
def test_each_way_of_tampering_is_found(processed, tamper):
    do, expected = tamper
    assert "nhật ký toàn vẹn" in verify()
    do(processed)
    assert expected in broken_report()


# --- what only the checkpoints can see ------------------------------------------------------------------

def test_an_insider_with_the_key_deleting_the_newest_event_is_caught_by_the_checkpoint(processed):
    checkpoints.write()
    # Someone holding the key deletes the supplement request and puts the row back exactly as
    # the forward left it: the chain and the row agree again...
    third = events_of(processed)[2]
    sql("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s AND seq = 4", [processed.pk])
    sql("UPDATE dossiers_dossier SET event_count = 3, last_event_hash = %s, state = %s, status = %s, paused_at = NULL "
        "WHERE id = %s", [third.hash, third.to_state, third.to_status, processed.pk])
    assert "mất các sự kiện từ số 4 đến 4 mà điểm neo số 1 đã ghi nhận" in broken_report()
    # ... and without the checkpoint nothing would show it.
    checkpoints.default_path().unlink()
    assert "nhật ký toàn vẹn" in verify()


def test_an_insider_recomputing_the_chain_with_the_key_is_caught_by_the_checkpoint(processed):
    checkpoints.write()
    recompute(processed, chain.event_hash, lambda e: setattr(e, "actor_name", "Người khác") if e.seq == 2 else None)
    assert "sự kiện số 4: khác với điểm neo số 1 (chuỗi đã bị tính lại)" in broken_report()


def test_a_whole_dossier_and_its_code_counter_deleted_is_caught_by_the_checkpoint(processed):
    checkpoints.write()
    erase(processed)
    DossierCounter.objects.filter(last=1).update(last=0)  # no gap in the codes any more
    assert f"#{processed.pk}" in (report := broken_report()) and "đã bị xóa khỏi cơ sở dữ liệu" in report


def test_checkpoints_are_incremental_and_overlap_one_period(processed, hoa, permit):
    from tests.dossiers.conftest import LAN

    other = actions.receive(actions.submit(permit, LAN, hoa, channel=1).dossier, hoa).dossier
    first = checkpoints.write()
    assert first["full"] and [h[0] for h in first["machines"]["dossier"]["heads"]] == sorted(
        Dossier.objects.values_list("pk", flat=True))
    second = checkpoints.write()
    assert not second["full"] and second["prev"] == first["mac"]
    # With no checkpoint before the previous one, the second lists every chain again.
    assert second["machines"]["dossier"]["heads"] == first["machines"]["dossier"]["heads"]
    third = checkpoints.write()
    assert third["machines"]["dossier"]["heads"] == [], "nothing above the watermark of the checkpoint before last"
    actions.forward(other, hoa)
    fourth = checkpoints.write()
    assert [h[0] for h in fourth["machines"]["dossier"]["heads"]] == [other.pk]
    assert "đối chiếu 4 điểm neo" in verify()


def test_a_checkpoint_edited_or_removed_from_the_file_is_reported(processed):
    for _ in range(3):
        checkpoints.write()
    path = checkpoints.default_path()
    lines = path.read_text().splitlines()
    edited = json.loads(lines[1])
    edited["machines"]["dossier"]["objects"] = 0
    path.write_text("\n".join([lines[0], json.dumps(edited), lines[2]]) + "\n")
    assert "chữ ký của điểm neo số 2 không hợp lệ" in broken_report()
    path.write_text("\n".join([lines[0], lines[2]]) + "\n")
    assert "điểm neo số 3 không nối tiếp điểm neo số 1" in broken_report()


def test_the_auditors_copy_can_be_named(processed, tmp_path):
    copy = tmp_path / "auditor.jsonl"
    call_command("audit_checkpoint", "--file", str(copy), stdout=StringIO())
    assert "đối chiếu 1 điểm neo" in verify("--checkpoints", str(copy))
    with pytest.raises(CommandError, match="Không tìm thấy tệp điểm neo"):
        verify("--checkpoints", str(tmp_path / "khong-co.jsonl"))


def test_every_break_is_reported_not_only_the_first(processed, permit, hoa):
    from tests.dossiers.conftest import LAN

    other = actions.receive(actions.submit(permit, LAN, hoa, channel=1).dossier, hoa).dossier
    _content_changed(processed)
    _link_changed(processed)
    _due_date_moved(other)
    report = broken_report()
    assert "3 chỗ hỏng" in report
    assert report.count("Nhật ký bị phá vỡ") == 3
    assert f"{other.code}: dòng dữ liệu đã bị sửa" in report


def test_verify_all_dossiers(processed, permit, hoa):
    assert "Đã kiểm tra 1 hồ sơ" in verify()


def test_unknown_dossier_code(db):
    with pytest.raises(CommandError, match="Không tìm thấy"):
        verify("--dossier", "000.00.20.H57-250310-9999")


def test_the_row_fingerprint_leaves_out_columns_a_deletion_elsewhere_may_null():
    from django.db.models import SET_NULL

    relations = [Dossier._meta.get_field(name.removesuffix("_id")) for name in DOSSIER.row_fields if
                 name.endswith("_id")]
    assert relations and all(field.remote_field.on_delete is not SET_NULL for field in relations)
