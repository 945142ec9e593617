"""Crash tests on PostgreSQL, with real processes: workers (`manage.py worker`) are killed with
SIGKILL again and again while they send to a real local SMTP server and an SMS gateway that
refuses its first calls. Every notification still arrives; the SMS gateway sees one key per
message on every attempt, so it delivers each once. E-mail is at-least-once: a worker killed
after the SMTP server accepted a message and before the log says so sends it again, with the
same Message-ID (which mail systems use to drop the copy); the test bounds those copies by the
number of kills. And two sweeps running at once alert each overdue dossier once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from catalogue.specs import write_spec
from dossiers import actions
from dossiers.models import Channel, Dossier, DossierEvent
from dossiers.sweep import sweep
from notify.models import Message
from tests.catalogue.conftest import building_permit_spec
from tests.dossiers.conftest import LAN
from tests.workflow.gateways import HttpGateway, SmtpServer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
DOSSIERS = 50
KILLS = 6


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(env: dict, n: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.05", "--no-schedule", "--worker-id", f"crash-{n}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def settled() -> bool:
    pending = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists()
    return not pending and not Message.objects.exclude(state=Message.State.SENT).exists()


def test_killed_workers_lose_no_notification_and_send_no_sms_twice(agency_a, hoa, tmp_path):
    version = write_spec(building_permit_spec(agency_a))
    with SmtpServer(fail_first=3, delay=0.1) as smtp, HttpGateway(fail_first=5, delay=0.2) as sms:
        env = {**os.environ, "DATABASE_URL": database_url(), "MOTCUA_PROFILE": "development",
               "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
               "EMAIL_PORT": str(smtp.port), "NOTIFY_SMS_BACKEND": "esms", "NOTIFY_SMS_URL": sms.url + "/esms",
               "NOTIFY_ZALO_BACKEND": "", "NOTIFY_DEFAULT_CHANNELS": "email,sms", "WORKER_LEASE_SECONDS": "2",
               "TASK_BACKOFF_SCALE": "0.01", "MOTCUA_VAR_DIR": str(tmp_path)}
        for _ in range(DOSSIERS):
            actions.receive(actions.submit(version, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
        workers = [start_worker(env, n) for n in range(2)]
        started = len(workers)
        killed: set[str] = set()
        try:
            rng = random.Random(8)
            kills, deadline = 0, time.monotonic() + 90
            while kills < KILLS and time.monotonic() < deadline:
                # Kill a worker while it holds a task (sending, most of the time).
                busy = {t.worker_ids[-1] for t in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
                        if t.worker_ids}
                victims = [w for w in workers if w.args[-1] in busy]
                if not victims:
                    time.sleep(0.02)
                    continue
                victim = rng.choice(victims)
                victim.send_signal(signal.SIGKILL)
                victim.wait()
                killed.add(victim.args[-1])
                workers.remove(victim)
                workers.append(start_worker(env, started))
                started, kills = started + 1, kills + 1
                time.sleep(rng.uniform(0.1, 0.5))
            assert kills == KILLS, "the workload outlasted the kills"
            deadline = time.monotonic() + 120
            while not settled() and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGKILL)
                worker.wait()

        messages = list(Message.objects.all())
        assert len(messages) == 2 * DOSSIERS, "an e-mail and an SMS for each receipt"
        assert {m.state for m in messages} == {Message.State.SENT}
        assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
        # The kills did land mid-work: tasks a killed worker held were finished by another.
        assert any(set(t.worker_ids[:-1]) & killed for t in DBTaskResult.objects.all())
        texts = {str(m.key) for m in messages if m.channel == "sms"}
        # Each SMS reached the gateway only under its own key, and was delivered once.
        assert {key for _, key in sms.attempts} == texts
        assert dict(sms.delivered) == dict.fromkeys(texts, 1)
        # Each e-mail arrived; copies (same Message-ID) only from a kill between accept and log.
        mails = {f"<{m.key}@motcua.local>" for m in messages if m.channel == "email"}
        assert set(smtp.ids()) == mails
        assert sum(count - 1 for count in smtp.ids().values()) <= KILLS


def test_two_sweeps_at_once_alert_each_overdue_dossier_once(agency_a, hoa):
    version = write_spec(building_permit_spec(agency_a))
    for _ in range(30):
        actions.receive(actions.submit(version, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
    later = Dossier.objects.order_by("-due_at").first().due_at + timedelta(days=1)
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(sweep(now=later))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    alerts = DossierEvent.objects.filter(action="alert_overdue")
    assert alerts.count() == 30
    assert alerts.values("dossier").distinct().count() == 30
    assert sum(len(r.overdue) for r in results) == 30
