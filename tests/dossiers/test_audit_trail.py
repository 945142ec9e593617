"""The event log is append-only and hash-chained; tampering is found by verify_events."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from dossiers import actions
from dossiers.models import DossierEvent
from tests.dossiers.conftest import verify_dossier


@pytest.fixture
def processed(received, hoa, minh):
    dossier = actions.forward(received, hoa).dossier
    return actions.request_supplement(dossier, minh, missing=["Bản vẽ"], reason="Thiếu bản vẽ").dossier


def verify(*args):
    out = StringIO()
    call_command("verify_events", *args, stdout=out)
    return out.getvalue()


def test_an_intact_log_verifies(processed):
    assert verify_dossier(processed) is None
    assert "nhật ký toàn vẹn" in verify("--dossier", processed.code)


def test_the_application_cannot_change_or_delete_an_event(processed):
    event = processed.events.first()
    event.action = "other"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_tampering_in_sql_is_reported_at_the_first_broken_link(processed):
    event = processed.events.get(seq=3)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE dossiers_dossierevent SET actor_name = %s WHERE id = %s", ["Người khác", event.pk])
    broken = verify_dossier(processed)
    assert (broken.seq, broken.reason) == (3, "nội dung đã bị thay đổi (mã băm không khớp)")
    with pytest.raises(CommandError, match="sự kiện số 3"):
        verify("--dossier", processed.code)


def test_a_removed_event_is_reported(processed):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s AND seq = 2", [processed.pk])
    assert verify_dossier(processed).seq == 2


def test_a_truncated_tail_is_reported(processed):
    last = DossierEvent.objects.filter(dossier=processed).order_by("-seq").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM dossiers_dossierevent WHERE id = %s", [last.pk])
    assert "cắt bớt" in verify_dossier(processed).reason


def test_verify_all_dossiers(processed, permit, hoa):
    assert "Đã kiểm tra 1 hồ sơ" in verify()


def test_unknown_dossier_code(db):
    with pytest.raises(CommandError, match="Không tìm thấy"):
        verify("--dossier", "000.00.20.H57-250310-9999")
