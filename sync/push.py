"""Pushing dossiers to the national portal, in the order their events happened.

A worker takes marked dossiers (PendingSync) nobody else holds (SKIP LOCKED), one dossier per
transaction, and sends the calls of each event after the last one the portal acknowledged
(sync/shape.py). Each acknowledged event moves the dossier's pointer on, so nothing is sent
twice and nothing is skipped:
- the portal unreachable: the dossier waits (RETRYING) and is tried again after a back-off
  that doubles up to SYNC_MAX_BACKOFF_SECONDS; later events wait behind it;
- the portal refusing a record: the dossier stops (REJECTED) on the dead-letter list for an
  operator, who sends it again once the data is put right, or skips that event.
A dossier counts as synced only when the portal acknowledged every event up to its last.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dossiers.models import Dossier, DossierEvent
from ioc.projection import _upsert as upsert
from sync import portal
from sync.models import PendingSync, SyncCall, SyncDay, SyncState
from sync.shape import calls_for


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.SYNC_MAX_BACKOFF_SECONDS, 30 * 2 ** max(attempts - 1, 0)))


def push(batch: int | None = None) -> int:
    """Push the marked dossiers that are due; how many were brought fully up to date. Stops at
    the first dossier the portal could not be reached for: the others would wait as long."""
    done = 0
    for _ in range(batch or settings.SYNC_BATCH):
        with transaction.atomic():
            mark = _next_due()
            if mark is None:
                break
            outcome = push_dossier(mark.dossier_id)
        if outcome == SyncState.Status.RETRYING:
            break
        done += outcome == SyncState.Status.OK
    return done


def _next_due():
    now = timezone.now()
    waiting = SyncState.objects.filter(Q(status=SyncState.Status.REJECTED) | Q(next_attempt_at__gt=now))
    return (PendingSync.objects.select_for_update(skip_locked=True)
            .exclude(dossier_id__in=waiting.values("dossier_id")).order_by("dossier_id").first())


def push_dossier(dossier_id: int, by=None) -> str:
    """Inside the caller's transaction, holding the dossier's mark: send what is left. The
    dossier's status after: OK when fully acknowledged (its mark is then removed)."""
    state, _ = SyncState.objects.select_for_update().get_or_create(dossier_id=dossier_id)
    dossier = (Dossier.objects.select_related("procedure_version__procedure", "procedure_version__field")
               .get(pk=dossier_id))
    events = (DossierEvent.objects.filter(dossier_id=dossier_id, seq__gt=state.acknowledged_seq)
              .select_related("to_step", "agency").order_by("seq"))
    for event in events:
        for service, body in calls_for(dossier, event, state.created_on_portal):
            try:
                answer = portal.call(service, body)
            except portal.Unreachable as exc:
                _record(dossier, event, service, body, SyncCall.Outcome.UNREACHABLE, str(exc))
                state.status, state.attempts = SyncState.Status.RETRYING, state.attempts + 1
                state.next_attempt_at, state.last_error = timezone.now() + backoff(state.attempts), str(exc)
                state.save()
                return state.status
            except portal.Refused as exc:
                _record(dossier, event, service, body, SyncCall.Outcome.REJECTED, exc.answer or str(exc))
                state.status, state.attempts, state.last_error = SyncState.Status.REJECTED, state.attempts + 1, str(exc)
                state.next_attempt_at = None
                state.save()
                return state.status
            _record(dossier, event, service, body, SyncCall.Outcome.ACKNOWLEDGED, answer, by)
            if not state.created_on_portal:
                state.created_on_portal = True
                _count_synced(dossier)
        state.acknowledged_seq = event.seq
    state.status, state.attempts, state.next_attempt_at, state.last_error = SyncState.Status.OK, 0, None, ""
    state.save()
    PendingSync.objects.filter(dossier_id=dossier_id).delete()
    return state.status


def _count_synced(dossier) -> None:
    if dossier.parent_id is None and dossier.received_at:
        key = (timezone.localdate(dossier.received_at), dossier.procedure_version.competent_agency_id)
        upsert(SyncDay, ("day", "agency_id"), ("acknowledged",), {key: Counter(acknowledged=1)})


def _record(dossier, event, service, body, outcome, answer, by=None) -> None:
    SyncCall.objects.create(dossier=dossier, seq=event.seq, service=service, payload=body, outcome=outcome,
                            answer=answer[:4000], by=by)


def retry(dossier_id: int, by) -> str:
    """An operator sends a refused dossier again (after its data was put right)."""
    with transaction.atomic():
        PendingSync.objects.bulk_create([PendingSync(dossier_id=dossier_id)], ignore_conflicts=True)
        mark = PendingSync.objects.select_for_update().get(dossier_id=dossier_id)
        return push_dossier(mark.dossier_id, by)


def skip(dossier_id: int, by, reason: str) -> None:
    """An operator gives up on the refused event: it is recorded as skipped, the rest goes on."""
    with transaction.atomic():
        state = SyncState.objects.select_for_update().get(dossier_id=dossier_id, status=SyncState.Status.REJECTED)
        event = DossierEvent.objects.filter(dossier_id=dossier_id, seq__gt=state.acknowledged_seq).order_by(
            "seq").first()
        if event is not None:
            SyncCall.objects.create(dossier_id=dossier_id, seq=event.seq, service="", outcome=SyncCall.Outcome.SKIPPED,
                                    answer=reason[:4000], by=by)
            state.acknowledged_seq = event.seq
        state.status, state.attempts, state.next_attempt_at = SyncState.Status.RETRYING, 0, None
        state.save()
        PendingSync.objects.bulk_create([PendingSync(dossier_id=dossier_id)], ignore_conflicts=True)
