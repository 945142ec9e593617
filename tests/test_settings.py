"""Settings come from the environment; the production profile passes `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.env import EnvError, env_bool, env_int, env_list, env_time

ROOT = Path(__file__).resolve().parents[1]


def test_env_helpers_read_types(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.gov.vn, b.gov.vn,")
    monkeypatch.setenv("X_TIME", "15:30")
    monkeypatch.setenv("X_EMPTY", "")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST", []) == ["a.gov.vn", "b.gov.vn"]
    assert env_time("X_TIME", "15:00").hour == 15
    assert env_int("X_EMPTY", 7) == 7


@pytest.mark.parametrize(("reader", "value"), [(env_bool, "maybe"), (env_int, "12a"), (env_time, "3pm")])
def test_env_helpers_name_the_bad_variable(monkeypatch, reader, value):
    monkeypatch.setenv("X_BAD", value)
    with pytest.raises(EnvError, match="X_BAD"):
        reader("X_BAD", "15:00" if reader is env_time else 0)


def _manage(*args, **env_vars):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' fixture in this worker process.
    unset = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "AUDIT_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_vars)
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)


def test_production_profile_passes_check_deploy(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        MOTCUA_PROFILE="production", MOTCUA_VAR_DIR=str(tmp_path),
        SECRET_KEY="k3y-" + "x9Q2vL7pR4tZ8mN1bC6dF0gH5jK3sW2" * 2, AUDIT_KEY="audit-" + "Zr8Kq2Wm5Tn7Xv4B" * 3,
        ALLOWED_HOSTS="dichvucong.hue.gov.vn",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage("check", MOTCUA_PROFILE="production", MOTCUA_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("audit_key", ["", "short", "k3y-" + "x9Q2vL7pR4tZ8mN1bC6dF0gH5jK3sW2" * 2])
def test_production_refuses_to_start_without_an_audit_key_of_its_own(tmp_path, audit_key):
    # Missing, too short, or the SECRET_KEY again (which may be rotated, or leak with the sessions).
    result = _manage("check", MOTCUA_PROFILE="production", MOTCUA_VAR_DIR=str(tmp_path),
                     SECRET_KEY="k3y-" + "x9Q2vL7pR4tZ8mN1bC6dF0gH5jK3sW2" * 2, AUDIT_KEY=audit_key,
                     ALLOWED_HOSTS="dichvucong.hue.gov.vn")
    assert result.returncode != 0
    assert "AUDIT_KEY must be set in production" in result.stderr


def test_default_database_is_sqlite_in_wal_mode(tmp_path):
    result = _manage("shell", "--no-imports", "-c", "from django.db import connection; c = connection.cursor(); "
                     "c.execute('PRAGMA journal_mode'); print(connection.vendor, c.fetchone()[0])",
                     MOTCUA_VAR_DIR=str(tmp_path))
    assert result.stdout.split() == ["sqlite", "wal"], result.stderr


def test_argon2_hashes_passwords(db, settings):
    import motcua.settings as project
    from accounts.models import User

    assert project.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS  # the suite hashes fast elsewhere
    user = User.objects.create_user("an", password="mot-mat-khau-dai")
    assert user.password.startswith("argon2")
