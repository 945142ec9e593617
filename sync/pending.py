"""Marking dossiers to push: every dossier event, inside the action's own transaction, marks its
dossier (an insert a concurrent action never waits on), when the push is turned on
(SYNC_PORTAL_URL). The push (sync/push.py) then reads the dossier's events in order."""

from __future__ import annotations

from django.conf import settings

from ioc.projection import mark_all, marker
from sync.models import PendingSync, SyncState
from workflow import outbox

_mark = marker(PendingSync, "dossier_id")


def enabled() -> bool:
    return bool(settings.SYNC_PORTAL_URL)


def subscribe() -> None:
    outbox.subscribe("sync.mark_dossier", "dossier", wants=lambda event: enabled(), handle=_mark, inline=True)


def mark_untracked() -> None:
    """Every dossier the push has never seen (the history before it was turned on)."""
    from dossiers.models import Dossier

    mark_all(PendingSync, Dossier, SyncState, "dossier_id", untracked_only=True)
