"""The engine every domain action goes through.

    perform(machine, pk, action, actor, effect=…, key=…)

runs one transaction that:
1. locks the object's row (SELECT … FOR UPDATE; SQLite takes the database write lock);
2. answers a retry: an event already written under the same idempotency key is returned
   as it was, without acting again; the key is scoped to the machine, the actor and the
   object, so two users or two objects never share an outcome;
3. finds the edge of the machine's table (workflow/machine.py): the state, the
   permission from accounts.permissions, the guards; any refusal leaves nothing written;
4. lets the domain's `effect` change the object (it may only leave it in a target state of
   the edge) and say what the event records;
5. appends the event to the object's hash chain, saves the projection and publishes the
   event to its subscribers through the outbox (workflow/outbox.py), in the same transaction.

`create` does the same for an action that brings an object into being, and `follow` takes
an internal edge on an object the caller has already locked (a consequence of another
action, such as a liên thông sub-dossier flowing back to its parent).
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from workflow import chain, outbox
from workflow.errors import ActionError, KernelCode
from workflow.machine import NEW, Machine, Transition


@dataclass
class Change:
    """What an effect decided, collected before the event is written."""

    now: datetime
    transition: Transition
    data: dict = field(default_factory=dict)
    # Extra columns of the domain's event row (the agency that acted, a step's timeliness…).
    fields: dict = field(default_factory=dict)
    # False when the effect found nothing to do (an upload of a file already attached).
    record: bool = True
    result: Any = None


@dataclass
class Outcome:
    obj: Any
    event: Any
    repeated: bool = False  # the idempotency key had already been used: nothing was done again
    result: Any = None


Effect = Callable[[Any, Change], None]

_acting_at: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("workflow_acting_at", default=None)


def acting_now() -> datetime:
    """The time of the action being performed (its `now`), else the wall clock: guards read it,
    so an action replayed or imported with its own time is judged at that time."""
    return _acting_at.get() or timezone.now()


@contextmanager
def _at(now: datetime):
    token = _acting_at.set(now)
    try:
        yield now
    finally:
        _acting_at.reset(token)


def scoped_key(machine: Machine, actor, object_id, key: str | None) -> str | None:
    """The client's key, made unique to this machine, actor and object (64 hex characters)."""
    if key is None or not str(key).strip():
        return None
    actor_key = getattr(actor, "pk", None) or getattr(actor, "username", "") or "anonymous"
    raw = f"{machine.name}\x1f{actor_key}\x1f{object_id}\x1f{str(key).strip()}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def perform(machine: Machine, pk: int, action: str, actor, *, effect: Effect | None = None, key: str | None = None,
            now: datetime | None = None) -> Outcome:
    scoped = scoped_key(machine, actor, pk, key)
    try:
        with transaction.atomic(), _at(now or timezone.now()) as moment:
            obj = machine.lock(pk)
            if scoped and (found := _replay(machine, scoped, action)):
                return found
            transition = machine.resolve(obj, action, actor)
            return _apply(machine, obj, transition, actor, effect, scoped, moment)
    except IntegrityError:
        # Two requests with the same key raced: the other one won; answer with its outcome.
        if scoped and (found := _replay(machine, scoped, action)):
            return found
        raise


def create(machine: Machine, action: str, actor, build: Callable[[], Any], *, effect: Effect | None = None,
           key: str | None = None, now: datetime | None = None) -> Outcome:
    """Bring a new object into being along a creation edge (from NEW). `build` returns the
    unsaved object; `effect` may fill it further once the edge is known."""
    scoped = scoped_key(machine, actor, "new", key)
    if scoped and (found := _replay(machine, scoped, action)):
        return found
    try:
        with transaction.atomic(), _at(now or timezone.now()) as moment:
            obj = build()
            transition = machine.resolve(obj, action, actor, state=NEW)
            return _apply(machine, obj, transition, actor, effect, scoped, moment, before_state=NEW)
    except IntegrityError:
        if scoped and (found := _replay(machine, scoped, action)):
            return found
        raise


def follow(machine: Machine, obj, action: str, actor, *, effect: Effect | None = None,
           now: datetime | None = None, state: str | None = None) -> Outcome:
    """Take an internal edge on `obj`, which the caller has locked inside its transaction.
    `state` is the state the object starts from when it is new (a sub-dossier)."""
    moment = now or acting_now()
    transition = machine.resolve(obj, action, actor, internal=True, state=state)
    return _apply(machine, obj, transition, actor, effect, None, moment, before_state=state)


def _apply(machine: Machine, obj, transition: Transition, actor, effect, scoped, now, before_state=None) -> Outcome:
    before = machine.snapshot(obj)
    if before_state is not None:
        before = {**before, "state": before_state}
    change = Change(now=now, transition=transition)
    if effect is not None:
        effect(obj, change)
    if not change.record:
        return Outcome(obj, None, result=change.result)
    after = machine.state_of(obj)
    if after not in transition.targets:
        # A programming error, never a user's: the effect left the table.
        raise RuntimeError(f"{machine.name}.{transition.action} moved {before['state']!r} to {after!r}, "
                           f"not one of {sorted(transition.targets)}")
    machine.project(obj)
    if obj.pk is None:
        obj.save()
    event = machine.build_event(obj, transition, actor, change, before)
    event.idempotency_key = scoped
    chain.append(machine, obj, event)
    machine.save(obj)
    outbox.publish(machine, event)
    return Outcome(obj, event, result=change.result)


def _replay(machine: Machine, scoped: str, action: str) -> Outcome | None:
    event = machine.event_model.objects.filter(idempotency_key=scoped).first()
    if event is None:
        return None
    if event.action != action:
        raise ActionError(KernelCode.IDEMPOTENCY_KEY_REUSED,
                          "Mã giao dịch (idempotency key) đã được dùng cho thao tác khác.",
                          field="idempotency_key")
    obj = machine.model.objects.get(pk=event.parent_id)
    return Outcome(obj, event, repeated=True)
