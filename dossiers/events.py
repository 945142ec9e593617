"""The dossier event log: appending with a hash chain, and verifying it.

Each event's hash covers its own content and the hash of the previous event of the same
dossier, so changing, removing or reordering any event breaks every later link; the
`verify_events` command finds the first broken one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from dossiers.models import Dossier, DossierEvent

HASHED_FIELDS = (
    "dossier_id", "seq", "action", "actor_id", "actor_name", "agency_id", "at", "from_state", "to_state",
    "from_status", "to_status", "from_step_id", "to_step_id", "due_at", "step_due_at", "step_timeliness", "data",
    "idempotency_key",
)


def _plain(value):
    if isinstance(value, datetime):
        # The database hands datetimes back in UTC whatever zone they were written in.
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def event_hash(event: DossierEvent, prev_hash: str) -> str:
    content = {name: _plain(getattr(event, name)) for name in HASHED_FIELDS}
    content["prev_hash"] = prev_hash
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(dossier: Dossier, event: DossierEvent) -> DossierEvent:
    """Chain and store `event`; the caller holds the dossier's row lock and saves the dossier."""
    event.dossier = dossier
    event.seq = dossier.event_count + 1
    event.prev_hash = dossier.last_event_hash
    # Timestamps are hashed as stored: the database keeps microseconds, so do the same.
    event.hash = event_hash(event, event.prev_hash)
    event.save()
    dossier.event_count = event.seq
    dossier.last_event_hash = event.hash
    return event


@dataclass(frozen=True)
class BrokenLink:
    dossier_id: int
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"hồ sơ #{self.dossier_id}, sự kiện số {self.seq}: {self.reason}"


def verify_dossier(dossier: Dossier) -> BrokenLink | None:
    """The first broken link of one dossier's chain, or None when it is intact."""
    prev_hash = ""
    expected_seq = 1
    for event in DossierEvent.objects.filter(dossier=dossier).order_by("seq").iterator():
        if event.seq != expected_seq:
            return BrokenLink(dossier.pk, expected_seq, "thiếu sự kiện (số thứ tự không liên tục)")
        if event.prev_hash != prev_hash:
            return BrokenLink(dossier.pk, event.seq, "không khớp với mã băm của sự kiện trước")
        if event_hash(event, prev_hash) != event.hash:
            return BrokenLink(dossier.pk, event.seq, "nội dung đã bị thay đổi (mã băm không khớp)")
        prev_hash = event.hash
        expected_seq += 1
    # The tail recorded on the dossier row as it is now (the caller's instance may be older).
    count, last_hash = Dossier.objects.values_list("event_count", "last_event_hash").get(pk=dossier.pk)
    if expected_seq - 1 != count or prev_hash != last_hash:
        return BrokenLink(dossier.pk, expected_seq, "chuỗi sự kiện bị cắt bớt ở cuối")
    return None
