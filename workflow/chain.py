"""The keyed hash chain of an object's events: appending, and verifying.

An event's hash is an HMAC-SHA256, under the audit key (settings.AUDIT_KEY, kept outside
the database), of its HASHED_FIELDS and the previous event's hash as canonical JSON (sorted
keys, UTF-8, timestamps in UTC with microseconds, as the database stores them). Without the
key nobody can write an event, or recompute a chain after changing one, that verifies.

Each event also carries `row_digest`, the HMAC of the object row's audited columns right
after the event (the machine's `row_fields`). The last event's digest must match the row as
it is now: a row edited behind the engine's back (a due date moved, a name changed, a state
set by hand) is found even though no event was touched.

What the key cannot catch, someone holding it deleting the newest events or a whole object,
is caught against the checkpoints written outside the database (workflow/checkpoints.py).
Verification reports every break it finds, not only the first of each chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from django.conf import settings


def _plain(value):
    if isinstance(value, datetime):
        # The database hands datetimes back in UTC whatever zone they were written in.
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, Enum):  # a choices member in memory is its plain value in the database
        return value.value
    return value


def canonical(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def audit_keys() -> list[bytes]:
    """The current key first, then retired ones that older events may still be hashed with."""
    return [k.encode() for k in [settings.AUDIT_KEY, *settings.AUDIT_KEY_FALLBACKS] if k]


def mac(data: bytes, key: bytes | None = None) -> str:
    return hmac.new(key or audit_keys()[0], data, hashlib.sha256).hexdigest()


def _event_content(event, prev_hash: str, fields: tuple[str, ...] | None) -> bytes:
    content = {name: _plain(getattr(event, name)) for name in (fields or event.HASHED_FIELDS)}
    content["prev_hash"] = prev_hash
    return canonical(content)


def event_hash(event, prev_hash: str, fields: tuple[str, ...] | None = None) -> str:
    """`fields` defaults to the event's HASHED_FIELDS (a migration's historical model has none)."""
    return mac(_event_content(event, prev_hash, fields))


def legacy_event_hash(event, prev_hash: str, fields: tuple[str, ...]) -> str:
    """The unkeyed SHA-256 the chains used before they were keyed; only migrations read it."""
    return hashlib.sha256(_event_content(event, prev_hash, fields)).hexdigest()


def _hash_matches(event, prev_hash: str) -> bool:
    content = _event_content(event, prev_hash, None)
    return any(hmac.compare_digest(mac(content, key), event.hash) for key in audit_keys())


def row_values(machine, obj) -> dict:
    return {name: _plain(getattr(obj, name)) for name in machine.row_fields}


def _row_content(values: dict, fields: tuple[str, ...]) -> bytes:
    return canonical({name: _plain(values.get(name)) for name in fields})


def row_digest(machine, values: dict) -> str:
    """The fingerprint of the row's audited columns, prefixed by their version after the first."""
    digest = mac(_row_content(values, machine.row_fields))
    return digest if machine.row_version == 1 else f"{machine.row_version}:{digest}"


def _row_matches(machine, values: dict, digest: str) -> bool:
    version, _, hexdigest = digest.rpartition(":")
    fields = machine.row_fields_of(int(version) if version.isdigit() else 1)
    if fields is None:
        return False
    content = _row_content(values, fields)
    return any(hmac.compare_digest(mac(content, key), hexdigest) for key in audit_keys())


def append(machine, obj, event):
    """Chain and store `event` as the next of `obj`; the caller holds obj's row lock and saves
    obj with exactly the audited values it has now."""
    setattr(event, event.CHAIN_PARENT, obj)
    event.seq = obj.event_count + 1
    event.prev_hash = obj.last_event_hash
    event.row_digest = row_digest(machine, row_values(machine, obj)) if machine.row_fields else ""
    event.hash = event_hash(event, event.prev_hash)
    event.save()
    obj.event_count = event.seq
    obj.last_event_hash = event.hash
    return event


@dataclass(frozen=True)
class BrokenLink:
    kind: str  # the machine's name
    object_id: int
    seq: int
    reason: str
    label: str = ""

    def __str__(self) -> str:
        where = f", sự kiện số {self.seq}" if self.seq else ""
        return f"{self.label or f'#{self.object_id}'}{where}: {self.reason}"


@dataclass(frozen=True)
class Anchor:
    """A chain's head as a checkpoint recorded it: that event must still be there, unchanged."""

    seq: int
    hash: str
    checkpoint: int


def verify_object(machine, obj, anchor: Anchor | None = None) -> list[BrokenLink]:
    """Every break in one object's chain and row; empty when both are intact."""
    return list(verify_all(machine, machine.model.objects.filter(pk=obj.pk),
                           anchors={obj.pk: anchor} if anchor else None))


def verify_all(machine, objects=None, anchors: dict[int, Anchor] | None = None) -> Iterator[BrokenLink]:
    """Every break of the chains of `objects`, in one ordered pass over their events.

    `anchors` (object id → Anchor, from the checkpoints) also finds anchored objects that are
    no longer in the database, and chains that lost events the checkpoint had seen."""
    objects = machine.model.objects.all() if objects is None else objects
    parent = machine.event_model.CHAIN_PARENT
    label = getattr(machine, "label_field", "")
    columns = ["pk", "event_count", "last_event_hash", *machine.all_row_fields, *([label] if label else [])]
    rows = {row["pk"]: row for row in objects.values(*dict.fromkeys(columns))}
    anchors = anchors or {}
    events = (machine.event_model.objects.filter(**{f"{parent}__in": objects.values("pk")})
              .order_by(f"{parent}_id", "seq"))
    seen: set[int] = set()
    group: list = []
    current = None
    for event in events.iterator(chunk_size=2000):
        if event.parent_id != current:
            if current is not None:
                yield from _check(machine, current, group, rows.get(current), anchors.get(current))
            current, group = event.parent_id, []
            seen.add(current)
        group.append(event)
    if current is not None:
        yield from _check(machine, current, group, rows.get(current), anchors.get(current))
    for pk, row in rows.items():
        if pk not in seen and row["event_count"]:
            yield BrokenLink(machine.name, pk, 0, "mất toàn bộ nhật ký (không còn sự kiện nào)", _label(row, label))
    if objects.query.where:  # a selection: anchors of objects outside it are not this call's concern
        return
    for pk in sorted(anchors.keys() - rows.keys()):
        a = anchors[pk]
        yield BrokenLink(machine.name, pk, a.seq, f"{machine.noun} đã bị xóa khỏi cơ sở dữ liệu (điểm neo số "
                         f"{a.checkpoint} ghi nhận {a.seq} sự kiện)")


def _label(row: dict | None, label_field: str) -> str:
    return str(row.get(label_field) or "") if row and label_field else ""


def _check(machine, object_id: int, events: Iterable, row: dict | None, anchor: Anchor | None) -> list[BrokenLink]:
    label = _label(row, getattr(machine, "label_field", ""))
    breaks: list[BrokenLink] = []

    def broken(seq: int, reason: str) -> None:
        breaks.append(BrokenLink(machine.name, object_id, seq, reason, label))

    prev_hash, expected, last = "", 1, None
    for event in events:
        if event.seq != expected:
            missing = f"số {expected}" if event.seq == expected + 1 else f"từ số {expected} đến {event.seq - 1}"
            broken(expected, f"thiếu sự kiện {missing} (số thứ tự không liên tục)")
        if event.prev_hash != prev_hash:
            broken(event.seq, "không khớp với mã băm của sự kiện trước")
        if not _hash_matches(event, event.prev_hash):
            broken(event.seq, "nội dung đã bị thay đổi hoặc sự kiện bị giả mạo (mã xác thực không khớp)")
        if anchor and event.seq == anchor.seq and event.hash != anchor.hash:
            broken(event.seq, f"khác với điểm neo số {anchor.checkpoint} (chuỗi đã bị tính lại)")
        # Go on from this event's own hash, so one tampered event is one break, not a cascade.
        prev_hash, expected, last = event.hash, event.seq + 1, event
    if anchor and expected - 1 < anchor.seq:
        broken(expected, f"mất các sự kiện từ số {expected} đến {anchor.seq} mà điểm neo số {anchor.checkpoint} "
                         "đã ghi nhận")
    if row is None:
        return breaks
    if expected - 1 != row["event_count"] or prev_hash != row["last_event_hash"]:
        broken(expected, "chuỗi sự kiện bị cắt bớt hoặc bị nối thêm ở cuối (không khớp với đuôi chuỗi trên "
                         "dòng dữ liệu)")
    if last is not None and machine.row_fields:
        changed = _row_changes(machine, row, last)
        if changed is not None:
            broken(0, changed)
    return breaks


def _row_changes(machine, row: dict, last) -> str | None:
    """Why the row is not what its last event left, or None when it is."""
    if last.row_digest and _row_matches(machine, row, last.row_digest):
        return None
    named = [label for column, (event_field, label) in machine.row_event_fields.items()
             if _plain(row.get(column)) != _plain(getattr(last, event_field))]
    if not last.row_digest and not named:
        return None  # written before rows were fingerprinted: only the columns the event names are compared
    which = f" ({', '.join(named)})" if named else ""
    return f"dòng dữ liệu đã bị sửa ngoài nhật ký{which}: không khớp với trạng thái sau sự kiện cuối"
