"""`make run` serves the site and runs a worker beside it, and stops both together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.workflow.gateways import free_port
from tests.workflow.test_crash import database_url
from workflow.models import WorkerBeat

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def test_the_development_server_runs_a_worker_and_stops_it(tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "MOTCUA_PROFILE": "development",
           "MOTCUA_VAR_DIR": str(tmp_path), "WORKER_LEASE_SECONDS": "2"}
    server = subprocess.Popen([sys.executable, "manage.py", "devserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline and (status != 200 or not WorkerBeat.objects.exists()):
            time.sleep(0.3)
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).status
            except OSError:
                continue
        assert status == 200
        assert WorkerBeat.objects.exists(), "the worker beats"
    finally:
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=30)[0]
    assert "Tiến trình nền đang chạy" in output
    deadline = time.monotonic() + 20
    while WorkerBeat.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not WorkerBeat.objects.exists(), "the worker stopped with the server and said goodbye"
