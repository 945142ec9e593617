"""The hash chain of an object's events: appending, and verifying.

An event's hash is SHA-256 over its HASHED_FIELDS and the previous event's hash, as
canonical JSON (sorted keys, UTF-8, timestamps in UTC with microseconds, as the database
stores them). Verification recomputes every link and compares the tail recorded on the
object row; it reports the first broken link of each object.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime


def _plain(value):
    if isinstance(value, datetime):
        # The database hands datetimes back in UTC whatever zone they were written in.
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def event_hash(event, prev_hash: str, fields: tuple[str, ...] | None = None) -> str:
    """`fields` defaults to the event's HASHED_FIELDS (a migration's historical model has none)."""
    content = {name: _plain(getattr(event, name)) for name in (fields or event.HASHED_FIELDS)}
    content["prev_hash"] = prev_hash
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(obj, event):
    """Chain and store `event` as the next of `obj`; the caller holds obj's row lock and saves obj."""
    setattr(event, event.CHAIN_PARENT, obj)
    event.seq = obj.event_count + 1
    event.prev_hash = obj.last_event_hash
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
        return f"{self.label or f'#{self.object_id}'}, sự kiện số {self.seq}: {self.reason}"


def verify_object(machine, obj) -> BrokenLink | None:
    """The first broken link of one object's chain, or None when it is intact."""
    events = machine.event_model.objects.filter(**{machine.event_model.CHAIN_PARENT: obj}).order_by("seq")
    tail = machine.model.objects.values_list("event_count", "last_event_hash").get(pk=obj.pk)
    return _check(machine.name, obj.pk, events.iterator(), tail, str(obj))


def verify_all(machine, objects=None) -> Iterator[BrokenLink]:
    """Every object's first broken link, in one ordered pass over the events."""
    objects = machine.model.objects.all() if objects is None else objects
    parent = machine.event_model.CHAIN_PARENT
    tails = {pk: (count, last) for pk, count, last in objects.values_list("pk", "event_count", "last_event_hash")}
    labels = dict(objects.values_list("pk", machine.label_field)) if getattr(machine, "label_field", "") else {}
    events = (machine.event_model.objects.filter(**{f"{parent}__in": objects.values("pk")})
              .order_by(f"{parent}_id", "seq"))
    seen: set[int] = set()
    group: list = []
    current = None
    for event in events.iterator(chunk_size=2000):
        if event.parent_id != current:
            if current is not None:
                broken = _check(machine.name, current, iter(group), tails.get(current), labels.get(current))
                if broken:
                    yield broken
            current, group = event.parent_id, []
            seen.add(current)
        group.append(event)
    if current is not None:
        broken = _check(machine.name, current, iter(group), tails.get(current), labels.get(current))
        if broken:
            yield broken
    for pk, (count, _last) in tails.items():
        if pk not in seen and count:
            yield BrokenLink(machine.name, pk, 1, "mất toàn bộ nhật ký (không còn sự kiện nào)", labels.get(pk) or "")


def _check(kind: str, object_id: int, events, tail, label) -> BrokenLink | None:
    label = label or ""
    prev_hash, expected = "", 1
    for event in events:
        if event.seq != expected:
            return BrokenLink(kind, object_id, expected, "thiếu sự kiện (số thứ tự không liên tục)", label)
        if event.prev_hash != prev_hash:
            return BrokenLink(kind, object_id, event.seq, "không khớp với mã băm của sự kiện trước", label)
        if event_hash(event, prev_hash) != event.hash:
            return BrokenLink(kind, object_id, event.seq, "nội dung đã bị thay đổi (mã băm không khớp)", label)
        prev_hash = event.hash
        expected += 1
    if tail is None or expected - 1 != tail[0] or prev_hash != tail[1]:
        return BrokenLink(kind, object_id, expected, "chuỗi sự kiện bị cắt bớt ở cuối", label)
    return None
