"""Publishing events to the parts of the system that react to them.

A subscriber names the machine it listens to and the events it wants (a cheap test on the
event row, no query). When the engine appends an event that some subscriber wants, it
enqueues one `deliver_event` task in the same transaction: the task row is the outbox, so a
rolled-back action leaves no task and a committed one loses none, even if the process dies
the next instant. The worker (workflow/worker.py) then calls each subscriber that wants the
event; subscribers are idempotent, because a task is retried after a failure or a crash.

`inline=True` subscribers run inside the action's own transaction instead (for projections
that must never lag behind the row they summarise).
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from workflow.tasks import job

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subscriber:
    name: str
    machine: str
    wants: Callable[[object], bool]
    handle: Callable[[object], None]
    inline: bool = False


_subscribers: dict[str, Subscriber] = {}
_machines: dict[str, object] = {}
_muted = contextvars.ContextVar("workflow_outbox_muted", default=False)


def register_machine(machine) -> None:
    _machines[machine.name] = machine


def machine_named(name: str):
    return _machines[name]


def machines() -> list:
    return list(_machines.values())


def subscribe(name: str, machine: str, *, wants: Callable[[object], bool], handle: Callable[[object], None],
              inline: bool = False) -> None:
    """Register `handle(event)` for the events of `machine` that `wants(event)`; `name` is stable
    (it identifies the subscriber in the task queue) and registering it again replaces it."""
    _subscribers[name] = Subscriber(name, machine, wants, handle, inline)


@contextmanager
def muted():
    """Nothing is published inside this block: demo data is not news, and nobody is told.

    Checked when the event is written, not later: the commit may come after the block ends."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def publish(machine, event) -> None:
    if _muted.get():
        return
    interested = [s for s in _subscribers.values() if s.machine == machine.name and s.wants(event)]
    for subscriber in interested:
        if subscriber.inline:
            subscriber.handle(event)
    if any(not s.inline for s in interested):
        deliver_event.enqueue(machine.name, event.pk)


@job(max_attempts=10, backoff_seconds=5, label="Chuyển sự kiện đến nơi nhận")
def deliver_event(machine_name: str, event_id: int) -> int:
    """Hand one event to every queued subscriber that wants it; returns how many took it."""
    from django.db import transaction

    machine = machine_named(machine_name)
    event = machine.event_model.objects.get(pk=event_id)
    handled = 0
    for subscriber in list(_subscribers.values()):
        if subscriber.machine != machine_name or subscriber.inline or not subscriber.wants(event):
            continue
        with transaction.atomic():
            subscriber.handle(event)
        handled += 1
    return handled
