"""`python manage.py due` prints only the due time, or fails with a Vietnamese message."""

import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from workdays.models import DayOverride

ROOT = Path(__file__).resolve().parents[2]


def due(*args: str) -> str:
    out = StringIO()
    call_command("due", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
class TestDueCommand:
    def test_working_days_over_tet(self):
        assert due("--received-at", "2025-01-24T10:00:00+07:00", "--days", "5") == "2025-02-07T17:00:00+07:00"

    def test_hours(self):
        assert due("--received-at", "2025-03-10T10:00:00+07:00", "--hours", "8") == "2025-03-11T10:00:00+07:00"

    def test_same_day(self):
        assert due("--received-at", "2025-03-10T15:30:00+07:00", "--same-day") == "2025-03-11T17:00:00+07:00"

    def test_utc_input_answers_in_local_time(self):
        assert due("--received-at", "2025-01-24T03:00:00Z", "--days", "5") == "2025-02-07T17:00:00+07:00"

    def test_agency_hours_apply(self, agency_a):
        agency_a.working_periods = "08:00-11:30,13:00-17:30"
        agency_a.save()
        assert due("--received-at", "2025-03-10T10:00:00+07:00", "--days", "1", "--agency", agency_a.code) == (
            "2025-03-11T17:30:00+07:00"
        )

    def test_admin_override_applies(self):
        DayOverride.objects.create(date=date(2025, 3, 11), is_working_day=False, reason="Nghỉ theo quyết định")
        assert due("--received-at", "2025-03-10T10:00:00+07:00", "--days", "1") == "2025-03-12T17:00:00+07:00"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--days", "-2"], "số nguyên dương"),
            (["--days", "0"], "số nguyên dương"),
            (["--days", "2.5"], "không phải số nguyên"),
            (["--days", "2", "--hours", "3"], "đúng một loại thời hạn"),
            ([], "Thiếu thời hạn"),
            (["--days", "2", "--agency", "000.00.99.H57"], "Không tìm thấy cơ quan"),
        ],
    )
    def test_bad_input_is_explained(self, args, message):
        with pytest.raises(CommandError, match=message):
            due("--received-at", "2025-03-10T10:00:00+07:00", *args)

    @pytest.mark.parametrize(
        ("received_at", "message"), [("2025-03-10T10:00:00", "múi giờ"), ("10/03/2025", "ISO 8601")]
    )
    def test_bad_time_is_explained(self, received_at, message):
        with pytest.raises(CommandError, match=message):
            due("--received-at", received_at, "--days", "1")


def test_command_on_a_freshly_migrated_database(tmp_path):
    """From the shell, on a new SQLite database with no demo data: output and exit codes."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["MOTCUA_VAR_DIR"] = str(tmp_path)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)

    ok = subprocess.run([*manage, "due", "--received-at", "2025-01-24T10:00:00+07:00", "--days", "5"],
                        env=env, cwd=ROOT, capture_output=True, text=True)
    assert (ok.returncode, ok.stdout) == (0, "2025-02-07T17:00:00+07:00\n")

    bad = subprocess.run([*manage, "due", "--received-at", "2025-01-24T10:00:00+07:00", "--days", "-1"],
                         env=env, cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "số nguyên dương" in bad.stderr
    assert bad.stdout == ""
