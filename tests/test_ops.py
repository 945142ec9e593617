"""Production at provincial scale (docs/deploy.md): probes, the shared cache, metrics,
structured logs, error reporting, object storage settings, the read-replica router,
connection pooling, and the deployment files. Settings read at start-up are exercised in
subprocesses, through the environment, exactly as a deployment sets them."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db.utils import OperationalError

from motcua import health
from motcua.dbrouter import REPLICA_READ_MODELS, ReplicaRouter, reads
from motcua.logging import JsonFormatter, gunicorn_log_config
from tests.workflow.gateways import free_port

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SECRET = "k3y-" + "x9Q2vL7pR4tZ8mN1bC6dF0gH5jK3sW2" * 2
PRODUCTION = {"MOTCUA_PROFILE": "production", "SECRET_KEY": SECRET, "AUDIT_KEY": "audit-" + "Zr8Kq2Wm5Tn7Xv4B" * 3,
              "ALLOWED_HOSTS": "127.0.0.1,testserver"}
REDIS_URL = "redis://127.0.0.1:6379/15"


def environment(tmp_path, **extra) -> dict:
    # The suite's own database and settings must not leak into the process under test.
    drop = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "AUDIT_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL",
            "METRICS_ENABLED", "LOG_FORMAT", "SENTRY_DSN", "DATABASE_REPLICA_URL", "DATABASE_POOL",
            "DATABASE_PGBOUNCER", "FILE_STORAGE_BACKEND", "PRIVATE_FILE_STORAGE_BACKEND", "PROMETHEUS_MULTIPROC_DIR"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, "MOTCUA_VAR_DIR": str(tmp_path), "STATIC_ROOT": str(tmp_path / "static"), **extra}


def django(tmp_path, code: str, **env_vars) -> subprocess.CompletedProcess:
    """Run `code` in a fresh Django process configured by `env_vars` alone."""
    return subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT,
                          env=environment(tmp_path, **env_vars), capture_output=True, text=True, timeout=120)


def last_json(result: subprocess.CompletedProcess):
    assert result.returncode == 0, result.stderr + result.stdout
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- /healthz and /readyz -----------------------------------------------------------------

def test_healthz_never_touches_the_database(client):
    # No `db` fixture: pytest-django refuses any query, so a query would fail the request.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_makes_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_answers_503_naming_the_failed_database_and_no_detail(client, monkeypatch, caplog):
    secret = "connection to 10.0.0.5 failed for user motcua password=hunter2"

    def broken():
        raise OperationalError(secret)

    monkeypatch.setattr(health, "check_database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "fail"}}
    assert b"hunter2" not in response.content and b"10.0.0.5" not in response.content
    assert "readiness check database failed" in caplog.text, "the detail goes to the log"


@pytest.mark.django_db
def test_readyz_checks_a_configured_redis_cache_and_fails_when_it_is_down(client, settings):
    # Port 1 on loopback refuses at once: a Redis that is down, without needing one that is up.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "cache": "fail"}}


def test_probes_are_exempt_from_the_https_redirect(tmp_path):
    result = django(tmp_path, "from django.conf import settings; import json; print(json.dumps("
                    "[settings.SECURE_SSL_REDIRECT, settings.SECURE_REDIRECT_EXEMPT]))", **PRODUCTION)
    redirect, exempt = last_json(result)
    assert redirect is True
    assert {pattern.strip("^$") for pattern in exempt} == {"healthz", "readyz", "metrics"}


# --- The shared cache and sessions --------------------------------------------------------

def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_server():
    if not redis_reachable():
        reason = "Redis is not reachable at 127.0.0.1:6379 (apt-get install redis-server)"
        if os.environ.get("MOTCUA_REQUIRE_SERVICES") == "1":
            pytest.fail(f"MOTCUA_REQUIRE_SERVICES=1: {reason}")
        pytest.skip(reason)


def test_redis_cache_round_trips_and_production_sessions_use_it(tmp_path, redis_server):
    code = (
        "import json; from django.conf import settings; from django.core.cache import cache; "
        "from django.test import Client; "
        "cache.set('motcua:test-ops', {'tên': 'Nguyễn Thị Lan'}, 30); value = cache.get('motcua:test-ops'); "
        "cache.delete('motcua:test-ops'); ready = Client().get('/readyz'); "
        "print(json.dumps([settings.CACHES['default']['BACKEND'], value, settings.SESSION_ENGINE, "
        "ready.status_code, ready.json()]))"
    )
    backend, value, sessions, status, body = last_json(django(tmp_path, code, CACHE_URL=REDIS_URL))
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert value == {"tên": "Nguyễn Thị Lan"}
    assert sessions == "django.contrib.sessions.backends.db", "development keeps database sessions"
    assert (status, body) == (200, {"status": "ok", "checks": {"database": "ok", "cache": "ok"}})

    production = last_json(django(tmp_path, "import json; from django.conf import settings; "
                                  "print(json.dumps(settings.SESSION_ENGINE))", CACHE_URL=REDIS_URL, **PRODUCTION))
    assert production == "django.contrib.sessions.backends.cached_db"


def test_without_cache_url_each_process_keeps_its_own_cache_and_sessions_stay_in_the_database(tmp_path):
    code = ("import json; from django.conf import settings; "
            "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE]))")
    for env_vars in ({}, PRODUCTION):
        assert last_json(django(tmp_path, code, **env_vars)) == [
            "django.core.cache.backends.locmem.LocMemCache", "django.contrib.sessions.backends.db"]


def test_cache_url_must_be_redis(tmp_path):
    result = django(tmp_path, "pass", CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0 and "CACHE_URL" in result.stderr


# --- /metrics -----------------------------------------------------------------------------

@pytest.mark.django_db
def test_metrics_are_off_by_default(client, settings):
    assert settings.METRICS_ENABLED is False
    assert client.get("/metrics").status_code == 404


@pytest.mark.django_db
def test_metrics_when_enabled_only_for_allowed_addresses(client, settings):
    settings.METRICS_ENABLED = True
    response = client.get("/metrics")  # the test client comes from 127.0.0.1, the default
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "# TYPE " in response.content.decode()
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 403
    settings.METRICS_ALLOWED_IPS = ["10.1.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics").status_code == 403


def test_metrics_enabled_by_environment_count_requests_without_wrapping_the_database(tmp_path):
    code = (
        "import json; from django.conf import settings; from django.test import Client; c = Client(); "
        "[c.get('/healthz') for _ in range(3)]; body = c.get('/metrics').content.decode(); "
        "print(json.dumps([settings.MIDDLEWARE[0], settings.MIDDLEWARE[-1], "
        "settings.DATABASES['default']['ENGINE'], body]))"
    )
    first, last, engine, body = last_json(django(tmp_path, code, METRICS_ENABLED="true"))
    assert first == "django_prometheus.middleware.PrometheusBeforeMiddleware"
    assert last == "django_prometheus.middleware.PrometheusAfterMiddleware"
    assert engine == "django.db.backends.sqlite3"
    counted = re.search(r'django_http_requests_total_by_view_transport_method_total\{[^}]*view="healthz"[^}]*\} (\S+)',
                        body)
    assert counted and float(counted.group(1)) == 3.0, body[:2000]


def test_metrics_allowed_ips_are_checked_at_start_up(tmp_path):
    result = django(tmp_path, "pass", METRICS_ALLOWED_IPS="127.0.0.1,prometheus.internal")
    assert result.returncode != 0 and "METRICS_ALLOWED_IPS" in result.stderr


# --- Structured logs ----------------------------------------------------------------------

def test_json_formatter_emits_one_object_per_record_with_the_request(rf):
    import logging

    formatter = JsonFormatter()
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/tra-cuu/",), None)
    record.request = rf.get("/tra-cuu/", {"ma": "000.00.20.H57-250124-0001"})
    record.status_code = 404
    line = formatter.format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /tra-cuu/"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/tra-cuu/", 404)
    assert "H57-250124" not in line, "query strings (citizens' codes) stay out of the logs"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry["timestamp"])

    try:
        raise ValueError("hỏng")
    except ValueError:
        failed = logging.LogRecord("motcua", logging.ERROR, __file__, 1, "Lỗi xử lý hồ sơ", (), sys.exc_info())
    entry = json.loads(formatter.format(failed))
    assert entry["message"] == "Lỗi xử lý hồ sơ" and "ValueError: hỏng" in entry["exception"]
    assert "path" not in entry and "status" not in entry


def test_json_formatter_reads_gunicorns_access_atoms():
    import logging

    atoms = {"h": "10.0.0.10", "m": "POST", "U": "/phan-anh/gui/", "q": "ma=H57-250124", "s": "302", "D": 123456,
             "r": "POST /phan-anh/gui/?ma=H57-250124 HTTP/1.1", "f": "https://dichvucong.hue.gov.vn/?ma=H57-250124"}
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, '%(h)s "%(r)s" %(s)s "%(f)s"', (atoms,),
                               None)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "POST /phan-anh/gui/ 302"
    assert "H57-250124" not in line, "no query string, no referrer"
    assert (entry["method"], entry["path"], entry["status"], entry["duration_ms"]) == ("POST", "/phan-anh/gui/", 302,
                                                                                       123.5)
    config = gunicorn_log_config("INFO")
    assert config["formatters"]["json"]["()"] == "motcua.logging.JsonFormatter"
    assert not config["loggers"]["gunicorn.access"]["propagate"]


def test_log_format_json_from_the_environment(tmp_path):
    code = ("import logging; from django.test import Client; "
            "logging.getLogger('motcua.ops').warning('Đã nhận hồ sơ %s', 'H57'); Client().get('/khong-co-trang-nay/')")
    result = django(tmp_path, code, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    # Every line is one JSON object.
    entries = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert any({"logger": "motcua.ops", "message": "Đã nhận hồ sơ H57"}.items() <= e.items() for e in entries)
    not_found = [e for e in entries if e["logger"] == "django.request"]
    assert not_found and not_found[0]["path"] == "/khong-co-trang-nay/" and not_found[0]["status"] == 404

    plain = django(tmp_path, code)
    assert "Đã nhận hồ sơ H57" in plain.stderr and not plain.stderr.lstrip().startswith("{")

    assert "LOG_FORMAT" in django(tmp_path, "pass", LOG_FORMAT="xml").stderr


# --- Error reporting ------------------------------------------------------------------------

def test_sentry_is_initialised_with_django_when_installed_and_sends_no_personal_data(tmp_path):
    # A stand-in for sentry-sdk (an optional extra, not installed with the project) records
    # how the settings call it.
    fake = tmp_path / "fake" / "sentry_sdk"
    (fake / "integrations").mkdir(parents=True)
    (fake / "__init__.py").write_text("calls = []\ndef init(**kwargs):\n    calls.append(kwargs)\n")
    (fake / "integrations" / "__init__.py").write_text("")
    (fake / "integrations" / "django.py").write_text("class DjangoIntegration:\n    pass\n")
    code = ("import json, sentry_sdk; from django.conf import settings; (call,) = sentry_sdk.calls; "
            "print(json.dumps([call['dsn'], type(call['integrations'][0]).__name__, call['send_default_pii'], "
            "call['environment'], hasattr(settings, 'SENTRY_DSN')]))")
    dsn = "https://public@glitchtip.internal/1"
    result = django(tmp_path, code, SENTRY_DSN=dsn, PYTHONPATH=str(tmp_path / "fake"))
    assert last_json(result) == [dsn, "DjangoIntegration", False, "development", False]


def test_sentry_dsn_without_sentry_sdk_warns_and_starts(tmp_path):
    # Whether or not sentry-sdk is installed here, the process under test cannot import it.
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / "sentry_sdk.py").write_text("raise ImportError('not installed')\n")
    result = django(tmp_path, "print('started')", SENTRY_DSN="https://public@glitchtip.internal/1",
                    PYTHONPATH=str(tmp_path / "fake"))
    assert result.returncode == 0 and "started" in result.stdout, result.stderr
    assert "sentry-sdk is not installed" in result.stderr


# --- Object storage ---------------------------------------------------------------------------

S3 = "storages.backends.s3.S3Storage"


def fake_django_storages(tmp_path) -> str:
    """A stand-in for django-storages (an optional extra, not installed with the project): the
    field-report model builds its storage at import, so the class must exist."""
    package = tmp_path / "fake" / "storages" / "backends"
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "s3.py").write_text("from django.core.files.storage import Storage\n\n\n"
                                   "class S3Storage(Storage):\n    def __init__(self, **options):\n"
                                   "        self.options = options\n")
    return str(tmp_path / "fake")


def test_s3_storage_settings_are_read_only_when_chosen(tmp_path):
    code = ("import json; from django.conf import settings; print(json.dumps([settings.STORAGES, "
            "{k: getattr(settings, k) for k in dir(settings) if k.startswith('AWS_')}]))")
    storages, aws = last_json(django(tmp_path, code, AWS_STORAGE_BUCKET_NAME="ignored"))
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "private" not in storages and aws == {}

    code = ("import json; from django.conf import settings; from django.core.files.storage import storages; "
            "from fieldreports.storage import photo_storage; print(json.dumps([settings.STORAGES, "
            "{k: getattr(settings, k) for k in dir(settings) if k.startswith('AWS_')}, photo_storage().options, "
            "storages['default'].options]))")
    storages, aws, photo_options, default_options = last_json(django(
        tmp_path, code, PYTHONPATH=fake_django_storages(tmp_path), FILE_STORAGE_BACKEND=S3,
        PRIVATE_FILE_STORAGE_BACKEND=S3, AWS_STORAGE_BUCKET_NAME="motcua-files",
        AWS_PRIVATE_BUCKET_NAME="motcua-private", AWS_S3_ENDPOINT_URL="https://s3.internal:9000",
        AWS_S3_REGION_NAME="hn-1", AWS_ACCESS_KEY_ID="AKIA-TEST", AWS_SECRET_ACCESS_KEY="not-a-real-secret"))
    private = {"bucket_name": "motcua-private", "querystring_auth": True, "default_acl": None, "file_overwrite": False}
    assert storages["default"] == {"BACKEND": S3} and default_options == {}
    assert storages["private"] == {"BACKEND": S3, "OPTIONS": private}
    assert photo_options == private, "the field-report photos use the private bucket"
    assert aws == {"AWS_STORAGE_BUCKET_NAME": "motcua-files", "AWS_S3_ENDPOINT_URL": "https://s3.internal:9000",
                   "AWS_S3_REGION_NAME": "hn-1", "AWS_ACCESS_KEY_ID": "AKIA-TEST",
                   "AWS_SECRET_ACCESS_KEY": "not-a-real-secret", "AWS_QUERYSTRING_AUTH": True,
                   "AWS_DEFAULT_ACL": None, "AWS_S3_FILE_OVERWRITE": False}


@pytest.mark.parametrize(("env_vars", "named"), [
    ({"FILE_STORAGE_BACKEND": S3}, "AWS_STORAGE_BUCKET_NAME"),
    ({"PRIVATE_FILE_STORAGE_BACKEND": S3}, "AWS_PRIVATE_BUCKET_NAME"),
    ({"FILE_STORAGE_BACKEND": S3, "PRIVATE_FILE_STORAGE_BACKEND": S3, "AWS_STORAGE_BUCKET_NAME": "one",
      "AWS_PRIVATE_BUCKET_NAME": "one"}, "a bucket of its own"),
])
def test_s3_storage_refuses_incomplete_settings(tmp_path, env_vars, named):
    result = django(tmp_path, "pass", **env_vars)
    assert result.returncode != 0 and named in result.stderr


# --- The read replica -------------------------------------------------------------------------

def test_router_writes_to_default_and_reads_default_without_a_replica(settings):
    from accounts.models import User
    from dossiers.models import Dossier

    router = ReplicaRouter()
    assert "replica" not in settings.DATABASES
    assert reads() == "default" and reads(Dossier) == "default"
    assert router.db_for_write(Dossier) == "default" and router.db_for_write(User) == "default"
    assert router.db_for_read(Dossier) is None, "reads stay on default unless code asks"
    assert router.allow_relation(Dossier(), User()) is True
    assert router.allow_migrate("default", "dossiers") is True
    assert router.allow_migrate("replica", "dossiers") is False


def test_replica_read_models_are_installed_models():
    from django.apps import apps

    for label in REPLICA_READ_MODELS:
        assert apps.get_model(label), label


def test_a_configured_replica_serves_explicit_reads_only(tmp_path):
    replica = f"sqlite:///{tmp_path / 'motcua.sqlite3'}"
    code = ("import json; from django.conf import settings; from django.db import connections; "
            "from motcua.dbrouter import reads; from dossiers.models import Dossier; from accounts.models import User; "
            "c = connections[reads(Dossier)].cursor(); c.execute('select 1'); "
            "print(json.dumps([reads(), reads(Dossier), reads(User), settings.DATABASES['replica']['TEST']['MIRROR'], "
            "c.fetchone()[0]]))")
    assert last_json(django(tmp_path, code, DATABASE_REPLICA_URL=replica)) == [
        "replica", "replica", "default", "default", 1]


# --- Connection pooling and PgBouncer ------------------------------------------------------------

POSTGRES_URL = "postgres://motcua@db.internal:5432/motcua"


def test_database_pool_and_pgbouncer_settings(tmp_path):
    code = ("import json; from django.conf import settings; d = settings.DATABASES['default']; "
            "print(json.dumps([d['CONN_MAX_AGE'], d['OPTIONS'].get('pool'), d.get('DISABLE_SERVER_SIDE_CURSORS')]))")
    assert last_json(django(tmp_path, code, DATABASE_URL=POSTGRES_URL)) == [60, None, False]
    assert last_json(django(tmp_path, code, DATABASE_URL=POSTGRES_URL, DATABASE_POOL="true", DATABASE_POOL_MIN="1",
                            DATABASE_POOL_MAX="6", DATABASE_PGBOUNCER="true")) == [
        0, {"min_size": 1, "max_size": 6}, True]
    assert "DATABASE_POOL_MIN" in django(tmp_path, "pass", DATABASE_URL=POSTGRES_URL, DATABASE_POOL="true",
                                         DATABASE_POOL_MIN="9", DATABASE_POOL_MAX="4").stderr
    assert "need PostgreSQL" in django(tmp_path, "pass", DATABASE_POOL="true").stderr


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_pool_serves_queries_on_postgresql(tmp_path):
    from tests.workflow.test_crash import database_url

    code = ("import json; from django.db import connection; c = connection.cursor(); c.execute('select 1'); "
            "print(json.dumps([c.fetchone()[0], connection.pool is not None, connection.pool.max_size]))")
    assert last_json(django(tmp_path, code, DATABASE_URL=database_url(), DATABASE_POOL="true",
                            DATABASE_POOL_MAX="3")) == [1, True, 3]


# --- gunicorn under `manage.py serve`: probes, metrics of every process, JSON logs ------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


_opener = urllib.request.build_opener(_NoRedirect)


def get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_serve_answers_probes_over_plain_http_and_adds_up_the_metrics_of_all_processes(tmp_path):
    (tmp_path / "static").mkdir()
    port = free_port()
    env = environment(tmp_path, **PRODUCTION, WEB_CONCURRENCY="3", GUNICORN_THREADS="1", METRICS_ENABLED="true",
                      LOG_FORMAT="json")
    server = subprocess.Popen([sys.executable, "manage.py", "serve", "--no-worker", "--bind", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = get(base + "/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
                time.sleep(0.2)
        # SECURE_SSL_REDIRECT is on: probes over plain HTTP are still answered, not redirected.
        assert (status, body) == (200, "ok")
        for _ in range(19):
            assert get(base + "/healthz")[0] == 200
        status, body = get(base + "/readyz")
        assert (status, json.loads(body)) == (200, {"status": "ok", "checks": {"database": "ok"}})
        assert get(base + "/tra-cuu-ho-so/")[0] == 301, "other pages still go to HTTPS"
        status, metrics = get(base + "/metrics")
        assert status == 200
        counted = re.search(r'django_http_requests_total_by_view_transport_method_total\{[^}]*view="healthz"[^}]*\} '
                            r'(\S+)', metrics)
        # 20 requests spread over 3 processes: only the sum over all of them gives 20.
        assert counted and float(counted.group(1)) == 20.0, metrics[:3000]
    finally:
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=60)
    assert server.returncode == 0, stderr[-3000:]
    access = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    assert any(e["logger"] == "gunicorn.access" and e["path"] == "/healthz" and e["status"] == 200 for e in access)
    errors = [json.loads(line) for line in stderr.splitlines() if line.strip()]
    assert any(e["logger"] == "gunicorn.error" and "Listening at" in e["message"] for e in errors), stderr[-2000:]


# --- Deployment files -------------------------------------------------------------------------

def test_production_with_every_operations_setting_on_passes_check_deploy(tmp_path):
    # What deploy/env.example turns on, minus object storage (django-storages is an optional extra).
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
        capture_output=True, text=True, env=environment(
            tmp_path, **PRODUCTION, DATABASE_URL=POSTGRES_URL, DATABASE_REPLICA_URL=POSTGRES_URL.replace("db.", "db2."),
            DATABASE_POOL="true", CACHE_URL=REDIS_URL, METRICS_ENABLED="true", METRICS_ALLOWED_IPS="10.0.0.0/24",
            LOG_FORMAT="json"))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout



@pytest.mark.parametrize("script", ["backup.sh", "restore.sh"])
def test_backup_scripts_parse_and_stop_on_errors(script):
    path = DEPLOY / script
    result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "set -euo pipefail" in path.read_text()
    assert os.access(path, os.X_OK)


def test_backup_refuses_without_a_postgres_url(tmp_path):
    env = {"PATH": os.environ["PATH"], "BACKUP_DIR": str(tmp_path), "DATABASE_URL": "sqlite:///x"}
    result = subprocess.run(["bash", str(DEPLOY / "backup.sh")], env=env, capture_output=True, text=True)
    assert result.returncode == 2 and "postgres://" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.postgres
def test_restore_drill_backup_then_restore_into_an_empty_database(tmp_path):
    import psycopg
    from django.db import connection

    s = connection.settings_dict
    host, port, user = s["HOST"] or "127.0.0.1", s["PORT"] or 5432, s["USER"]
    source, target = f"motcua_drill_src_{os.getpid()}", f"motcua_drill_dst_{os.getpid()}"
    url = f"postgres://{user}@{host}:{port}/"

    def admin(sql: str):
        with psycopg.connect(url + "postgres", autocommit=True) as conn:
            conn.execute(sql)

    for name in (source, target):
        admin(f'DROP DATABASE IF EXISTS "{name}"')
        admin(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(url + source, autocommit=True) as conn:
            conn.execute("CREATE TABLE ho_so (ma text PRIMARY KEY, nguoi_nop text)")
            conn.execute("INSERT INTO ho_so VALUES ('000.00.20.H57-250124-0001', 'Nguyễn Thị Lan')")
        media, private = tmp_path / "var" / "media", tmp_path / "var" / "private"
        (media / "dossiers" / "ab").mkdir(parents=True)
        (media / "dossiers" / "ab" / "abc.pdf").write_bytes(b"%PDF-1.7 giay to")
        private.mkdir()
        (private / "anh.jpg").write_bytes(b"\xff\xd8 anh hien truong")
        backups = tmp_path / "backups"
        old = backups / "20200101T000000Z"
        old.mkdir(parents=True)
        os.utime(old, (0, 0))
        base = {"PATH": os.environ["PATH"], "BACKUP_DIR": str(backups), "BACKUP_KEEP_DAYS": "7", "BACKUP_KEEP_MIN": "1"}

        result = subprocess.run(["bash", str(DEPLOY / "backup.sh")], capture_output=True, text=True,
                                env={**base, "DATABASE_URL": url + source, "MEDIA_ROOT": str(media)})
        assert result.returncode == 0, result.stderr
        (made,) = [p for p in backups.iterdir()]  # the stale backup went, the new one is complete
        assert made.name != old.name and not made.name.endswith(".partial")
        assert sorted(p.name for p in made.iterdir()) == ["SHA256SUMS", "database.dump", "media.tar.gz",
                                                          "private.tar.gz"]
        assert (made.stat().st_mode & 0o077) == 0, "backups are readable by their owner alone"

        restored = tmp_path / "restored" / "media"
        restore = {**base, "DATABASE_URL": url + target, "MEDIA_ROOT": str(restored)}
        result = subprocess.run(["bash", str(DEPLOY / "restore.sh"), str(made)], capture_output=True, text=True,
                                env=restore)
        assert result.returncode == 0, result.stderr
        with psycopg.connect(url + target) as conn:
            assert conn.execute("SELECT ma, nguoi_nop FROM ho_so").fetchall() == [
                ("000.00.20.H57-250124-0001", "Nguyễn Thị Lan")]
        assert (restored / "dossiers" / "ab" / "abc.pdf").read_bytes() == b"%PDF-1.7 giay to"
        assert (restored.parent / "private" / "anh.jpg").read_bytes() == b"\xff\xd8 anh hien truong"

        again = subprocess.run(["bash", str(DEPLOY / "restore.sh"), str(made)], capture_output=True, text=True,
                               env=restore)
        assert again.returncode == 3 and "--clean" in again.stderr, "never over a database that holds tables"
        (made / "media.tar.gz").write_bytes(b"tampered")
        tampered = subprocess.run(["bash", str(DEPLOY / "restore.sh"), "--clean", str(made)], capture_output=True,
                                  text=True, env=restore)
        assert tampered.returncode != 0, "a backup that does not match its checksums is not restored"
    finally:
        for name in (source, target):
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_nginx_body_limits_follow_the_upload_limits(settings):
    conf = (DEPLOY / "nginx" / "motcua.conf").read_text()

    def mib(value: str) -> int:
        return int(value.rstrip("m")) * 1024 * 1024

    general, photos = (mib(v) for v in re.findall(r"^\s*client_max_body_size (\d+m);", conf, re.M))
    assert settings.DOSSIER_FILE_MAX_BYTES < general <= settings.DOSSIER_FILE_MAX_BYTES + 2 * 1024 * 1024
    assert photos > settings.FIELDREPORTS_PHOTO_MAX_BYTES * settings.FIELDREPORTS_PHOTO_MAX_COUNT
    for required in ("location = /metrics { return 404; }", "location /media/private/ { return 404; }",
                      "proxy_set_header X-Forwarded-Proto $scheme;", "proxy_set_header Host $host;"):
        assert required in conf


def test_env_example_names_every_setting_read_from_the_environment():
    source = (ROOT / "motcua" / "settings.py").read_text()
    names = set(re.findall(r'env_\w+\(\s*"([A-Z][A-Z0-9_]+)"', source))
    assert {"CACHE_URL", "METRICS_ENABLED", "DATABASE_REPLICA_URL", "SENTRY_DSN", "AWS_PRIVATE_BUCKET_NAME"} <= names
    example = (DEPLOY / "env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, re.M))
    assert names - listed == set(), "add these to deploy/env.example"


def test_systemd_units_run_the_web_server_and_the_worker():
    web = (DEPLOY / "systemd" / "motcua-web.service").read_text()
    worker = (DEPLOY / "systemd" / "motcua-worker.service").read_text()
    assert re.search(r"^ExecStart=\S+python manage\.py serve --no-worker --bind \S+$", web, re.M)
    assert re.search(r"^ExecStart=\S+python manage\.py worker$", worker, re.M)
    for unit in (web, worker):
        assert "EnvironmentFile=/etc/motcua/env" in unit and "MOTCUA_PROFILE=production" in unit
