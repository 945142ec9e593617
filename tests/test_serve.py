"""The two servers an operator starts: `make run` (the development server and a worker) and
`make serve` (gunicorn and a worker, the production profile with hashed static files). Each
serves the public pages, runs a worker beside it, and stops it with itself."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.workflow.gateways import free_port

ROOT = Path(__file__).resolve().parents[1]
SECRET = "k3y-" + "x9Q2vL7pR4tZ8mN1bC6dF0gH5jK3sW2" * 2
PRODUCTION = {"MOTCUA_PROFILE": "production", "SECRET_KEY": SECRET, "AUDIT_KEY": "audit-" + "Zr8Kq2Wm5Tn7Xv4B" * 3,
              "ALLOWED_HOSTS": "127.0.0.1",
              "SECURE_SSL_REDIRECT": "false", "DEBUG": "false"}


def environment(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}}
    return {**env, "MOTCUA_VAR_DIR": str(tmp_path), "STATIC_ROOT": str(tmp_path / "static"), **extra}


def collectstatic(env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT,
                          env=env, capture_output=True, text=True)


def test_production_collectstatic_hashes_every_file(tmp_path):
    result = collectstatic(environment(tmp_path, **PRODUCTION))
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/leaflet-markercluster/leaflet.markercluster.js", "vendor/leaflet/leaflet.js",
                 "motcua/site.css", "admin/css/base.css"):
        assert name in manifest and (tmp_path / "static" / (manifest[name] + ".gz")).exists(), name


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def until(condition, seconds: float) -> bool:
    """Poll `condition` until it holds or `seconds` pass; whether it held."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)
    return True


def wait_for(url: str, seconds: float = 60) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return get(url)[0]
        except OSError:
            time.sleep(0.3)
    return None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_make_serve_runs_gunicorn_and_a_worker_on_hashed_static_files(tmp_path):
    from tests.workflow.test_crash import database_url
    from workflow.models import WorkerBeat

    env = environment(tmp_path, DATABASE_URL=database_url(), WEB_CONCURRENCY="2", WORKER_LEASE_SECONDS="2",
                      **PRODUCTION)
    assert collectstatic(env).returncode == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{port}"], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(base + "/") == 200
        for path in ("/", "/thu-tuc/", "/phan-anh/", "/tra-cuu-ho-so/", "/api/v1/procedures"):
            status, body = get(base + path)
            assert status == 200, path
        status, page = get(base + "/phan-anh/")
        hashed = re.search(r'/static/(vendor/leaflet/leaflet\.[0-9a-f]{12}\.js)', page)
        assert hashed, "pages link the hashed static files"
        assert get(f"{base}/static/{hashed.group(1)}")[0] == 200
        assert until(WorkerBeat.objects.exists, 30), "the worker beats"
    finally:
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=60)[0]
    assert "gunicorn" in output
    assert server.returncode == 0, output[-2000:]
    assert until(lambda: not WorkerBeat.objects.exists(), 20), "the worker stopped with the server"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_make_run_serves_the_development_server_and_a_worker(tmp_path):
    from tests.workflow.test_crash import database_url
    from workflow.models import WorkerBeat

    port = free_port()
    env = environment(tmp_path, DATABASE_URL=database_url(), MOTCUA_PROFILE="development", WORKER_LEASE_SECONDS="2")
    server = subprocess.Popen([sys.executable, "manage.py", "devserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/") == 200
        assert until(WorkerBeat.objects.exists, 30), "the worker beats"
    finally:
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=30)[0]
    assert "Tiến trình nền đang chạy" in output
    assert until(lambda: not WorkerBeat.objects.exists(), 20), "the worker stopped with the server"
