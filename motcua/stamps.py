"""A per-process cache of reference data, rebuilt when any process changes the data.

    overrides = stamps.cached("workdays.overrides", load_overrides)
    stamps.bump("workdays.overrides")   # in the transaction that changed them (a signal)

`cached` keeps the value built by `build()` and the stamp it was built at; at most once per
STAMP_CHECK_SECONDS it reads the stamp (one primary-key query) and rebuilds when it moved.
A bump in this process is seen at once; in another, within the interval. (motcua/models.py)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F

_lock = threading.Lock()
_values: dict[str, tuple[int, float, Any]] = {}  # name → (stamp version, checked at, value)


def version(name: str) -> int:
    from motcua.models import Stamp

    return Stamp.objects.filter(name=name).values_list("version", flat=True).first() or 0


def bump(name: str) -> None:
    """Mark `name` changed, for every process (inside the caller's transaction)."""
    from motcua.models import Stamp

    if not Stamp.objects.filter(name=name).update(version=F("version") + 1):
        with transaction.atomic():  # first bump ever: two processes may race to create the row
            Stamp.objects.get_or_create(name=name)
            Stamp.objects.filter(name=name).update(version=F("version") + 1)
    # A copy rebuilt before a rollback carries the rolled-back version: the next check sees the
    # stamp differ from it and rebuilds again.
    forget(name)


def forget(name: str | None = None) -> None:
    with _lock:
        for slot in [s for s in _values if name is None or s.split("\x1f", 1)[0] == name]:
            del _values[slot]


def cached(name: str, build: Callable[[], Any], key: str = "") -> Any:
    """The value `build()` made, rebuilt when stamp `name` moved; `key` tells apart values that
    depend on something else as well (a setting), all forgotten together by a bump of `name`."""
    slot = f"{name}\x1f{key}"
    now = time.monotonic()
    with _lock:
        entry = _values.get(slot)
    if entry is not None and now - entry[1] < settings.STAMP_CHECK_SECONDS:
        return entry[2]
    current = version(name)
    if entry is not None and entry[0] == current:
        with _lock:
            _values[slot] = (current, now, entry[2])
        return entry[2]
    value = build()
    with _lock:
        _values[slot] = (current, now, value)
    return value
