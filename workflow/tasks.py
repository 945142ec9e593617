"""Background tasks: Django's tasks API (the django-tasks backport) with a retry policy, and
periodic tasks run by the worker instead of cron.

    @job(max_attempts=8, backoff_seconds=10)
    def send_message(message_id): ...

    send_message.enqueue(42)        # a row in the caller's transaction (the outbox)

django-tasks does not retry: a task that raises ends FAILED. The worker (workflow/worker.py)
reads the policy registered here and puts a failed attempt back in the queue after an
exponential back-off (backoff × 2^(attempt−1), capped), until `max_attempts`; then the task
is FAILED and shown in the admin, where it can be queued again.

    @periodic("dossiers.sweep_deadlines", every=lambda: settings.SWEEP_INTERVAL_SECONDS)
    @job()
    def sweep_deadlines(): ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django_tasks import task

MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    backoff_seconds: float

    def delay(self, attempt: int) -> timedelta:
        """The wait before attempt `attempt + 1`, after `attempt` failed ones (TASK_BACKOFF_SCALE
        shortens every wait at once, e.g. for a test against a gateway simulator)."""
        from django.conf import settings

        seconds = self.backoff_seconds * 2 ** max(attempt - 1, 0) * settings.TASK_BACKOFF_SCALE
        return min(timedelta(seconds=seconds), MAX_BACKOFF)


DEFAULT_POLICY = RetryPolicy(max_attempts=5, backoff_seconds=10)
_policies: dict[str, RetryPolicy] = {}
_labels: dict[str, str] = {}


@dataclass(frozen=True)
class Periodic:
    name: str
    task: object
    every: Callable[[], float]  # seconds, read when due (settings may change in tests)


_periodic: dict[str, Periodic] = {}


def job(*, max_attempts: int = DEFAULT_POLICY.max_attempts, backoff_seconds: float = DEFAULT_POLICY.backoff_seconds,
        queue_name: str = "default", takes_context: bool = False, priority: int = 0, label: str = ""):
    """A django-tasks task with a retry policy. Tasks take ids (never model instances) and must be
    idempotent: after a crash a task may run again. `label` names it in the admin (Vietnamese)."""

    def wrap(func):
        t = task(queue_name=queue_name, takes_context=takes_context, priority=priority)(func)
        _policies[t.module_path] = RetryPolicy(max_attempts, backoff_seconds)
        _labels[t.module_path] = label or func.__name__
        return t

    return wrap


def policy_for(task_path: str) -> RetryPolicy:
    return _policies.get(task_path, DEFAULT_POLICY)


def label_for(task_path: str) -> str:
    return _labels.get(task_path) or task_path.rsplit(".", 1)[-1]


def periodic(name: str, *, every: Callable[[], float]):
    """Run the decorated task (a `job`) every `every()` seconds on one of the workers."""

    def wrap(t):
        _periodic[name] = Periodic(name, t, every)
        return t

    return wrap


def periodic_tasks() -> list[Periodic]:
    return list(_periodic.values())
