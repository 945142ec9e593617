"""Keying the chains written before the audit key existed (used by migrations only).

Each chain is first verified as it was written (unkeyed SHA-256): an intact chain is
rehashed under the audit key, its last event given the fingerprint of the row as it is now.
A chain already broken is left exactly as it is, so verification keeps reporting it: keying
it would launder the tampering.
"""

from __future__ import annotations

from types import SimpleNamespace

from workflow.chain import event_hash, legacy_event_hash, row_digest, row_values


def rekey_chains(event_model, object_model, parent: str, legacy_fields: tuple[str, ...],
                 fields: tuple[str, ...], row_fields: tuple[str, ...]) -> None:
    """`row_fields`: the columns the first version of the row fingerprint covers (the chains are
    keyed by the migrations of that version; the digest is unprefixed and fits its column)."""
    rows = SimpleNamespace(row_fields=row_fields, row_version=1)
    for obj in object_model.objects.filter(event_count__gt=0).iterator():
        events = list(event_model.objects.filter(**{parent: obj}).order_by("seq"))
        prev = ""
        for n, event in enumerate(events, start=1):
            if event.seq != n or event.prev_hash != prev or legacy_event_hash(event, prev, legacy_fields) != event.hash:
                break
            prev = event.hash
        else:
            if (len(events), prev) != (obj.event_count, obj.last_event_hash):
                continue
            prev = ""
            for event in events:
                event.row_digest = row_digest(rows, row_values(rows, obj)) if event is events[-1] else ""
                event.prev_hash = prev
                event.hash = prev = event_hash(event, prev, fields)
                event_model.objects.filter(pk=event.pk).update(
                    prev_hash=event.prev_hash, hash=event.hash, row_digest=event.row_digest)
            object_model.objects.filter(pk=obj.pk).update(last_event_hash=prev)
