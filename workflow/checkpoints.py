"""Signed checkpoints of the audit chains' heads, kept outside the database.

The keyed chain (workflow/chain.py) stops anyone without the audit key from forging or
recomputing events. It cannot show what is no longer there: the newest events of a chain,
or a whole dossier with its events, deleted together with the tail on its row. A checkpoint
records, for every chain that moved since the last one, its head (object id, number of
events, hash of the last one); verification then requires each recorded event to be still
there with the same hash, and each recorded object to still exist.

Checkpoints are lines of `settings.AUDIT_CHECKPOINT_DIR/checkpoints.jsonl`, appended by the
periodic task `workflow.checkpoint` (every AUDIT_CHECKPOINT_SECONDS) or by
`manage.py audit_checkpoint`. Each line is signed with the audit key and carries the
signature of the line before it, so a line removed or changed is found too. The file (or a
copy shipped to the auditor after each write) is the anchor: keep it where the database's
administrators cannot rewrite it.

The first checkpoint of a file, and one written with `full`, lists every chain; the others
list the chains with an event numbered above the watermark of the checkpoint before the
previous one. The overlap of one period covers an event whose number was taken before a
checkpoint and committed after it.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from workflow import chain
from workflow.tasks import job, periodic

FILE_NAME = "checkpoints.jsonl"
logger = logging.getLogger("motcua.audit")


def default_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR) / FILE_NAME


def _signed(body: dict) -> dict:
    return {**body, "mac": chain.mac(chain.canonical(body))}


def _signature_ok(line: dict) -> bool:
    body = {k: v for k, v in line.items() if k != "mac"}
    content = chain.canonical(body)
    return any(chain.mac(content, key) == line.get("mac") for key in chain.audit_keys())


def write(path: Path | None = None, *, full: bool = False) -> dict:
    """Append the next checkpoint to `path` and return it."""
    from workflow.outbox import machines

    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # one writer at a time on this file
        handle.seek(0)
        last = before_last = None
        for raw in handle:
            if raw.strip():
                before_last, last = last, raw
        last = json.loads(last) if last else None
        before_last = json.loads(before_last) if before_last else None
        full = full or last is None
        body = {"v": 1, "n": (last["n"] + 1) if last else 1, "at": timezone.now().isoformat(),
                "prev": last["mac"] if last else "", "full": full, "machines": {}}
        for machine in machines():
            body["machines"][machine.name] = _heads(machine, None if full else before_last)
        line = _signed(body)
        handle.seek(0, os.SEEK_END)
        handle.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    counts = ", ".join(f"{name} {len(m['heads'])}/{m['objects']}" for name, m in body["machines"].items())
    logger.info("audit checkpoint %s written to %s (chains recorded/objects: %s) mac=%s",
                line["n"], path, counts, line["mac"])
    return line


def _heads(machine, since: dict | None) -> dict:
    events = machine.event_model.objects
    parent = f"{machine.event_model.CHAIN_PARENT}_id"
    watermark = events.aggregate(top=Max("id"))["top"] or 0
    objects = machine.model.objects.filter(event_count__gt=0)
    if since is not None:
        floor = since["machines"].get(machine.name, {}).get("watermark", 0)
        objects = objects.filter(pk__in=events.filter(id__gt=floor).values(parent))
    heads = [list(head) for head in objects.order_by("pk").values_list("pk", "event_count", "last_event_hash")]
    return {"watermark": watermark, "objects": machine.model.objects.count(), "heads": heads}


@dataclass
class Anchors:
    """What the checkpoints of one or more files say must still be in the database."""

    files: list[Path] = field(default_factory=list)
    checkpoints: int = 0
    # machine name → object id → the latest head recorded
    heads: dict[str, dict[int, chain.Anchor]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def of(self, machine_name: str) -> dict[int, chain.Anchor]:
        return self.heads.get(machine_name, {})


def read(paths: Iterable[Path]) -> Anchors:
    """The anchors of the checkpoint files at `paths` (a folder means its checkpoints.jsonl),
    and what is wrong with the files themselves."""
    anchors = Anchors()
    for path in paths:
        path = path / FILE_NAME if path.is_dir() else path
        if not path.exists():
            continue
        anchors.files.append(path)
        _read_file(path, anchors)
    return anchors


def _read_file(path: Path, anchors: Anchors) -> None:
    previous = None
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path.name}, dòng {number}"
            try:
                line = json.loads(raw)
                n, machines = int(line["n"]), line["machines"]
            except (ValueError, KeyError, TypeError):
                anchors.problems.append(f"{where}: điểm neo không đọc được (tệp bị sửa hoặc hỏng)")
                continue
            if not _signature_ok(line):
                anchors.problems.append(f"{where}: chữ ký của điểm neo số {n} không hợp lệ (điểm neo bị sửa)")
                continue
            if previous is None and (n != 1 or line.get("prev")):
                anchors.problems.append(f"{where}: thiếu các điểm neo trước số {n} (đầu tệp bị xóa)")
            elif previous is not None and (n != previous["n"] + 1 or line.get("prev") != previous["mac"]):
                anchors.problems.append(f"{where}: điểm neo số {n} không nối tiếp điểm neo số {previous['n']} "
                                        "(có điểm neo bị xóa hoặc chèn)")
            previous = line
            anchors.checkpoints += 1
            for name, recorded in machines.items():
                heads = anchors.heads.setdefault(name, {})
                for pk, seq, head in recorded.get("heads", []):
                    known = heads.get(pk)
                    if known is None or seq >= known.seq:
                        heads[pk] = chain.Anchor(seq, head, n)


@periodic("workflow.checkpoint", every=lambda: settings.AUDIT_CHECKPOINT_SECONDS)
@job(max_attempts=3, backoff_seconds=60, label="Ghi điểm neo nhật ký")
def checkpoint() -> str:
    line = write()
    return f"điểm neo số {line['n']}"
