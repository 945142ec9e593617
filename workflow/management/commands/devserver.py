"""`make run`'s server: Django's development server and, beside it, one background worker
(notifications, retries, the periodic sweeps), started and stopped together.

The worker is a second process, not a thread: the development server reloads its own process
on every code change, and a worker killed with it would only come back after its lease.
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Chạy máy chủ phát triển cùng một tiến trình nền (gửi thông báo, quét hạn). "
            "Run the development server and a background worker together (make run).")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true", help="serve only; run `manage.py worker` yourself")
        parser.add_argument("--noreload", action="store_true", help="do not reload the server on code changes")

    def handle(self, *args, **options):
        # With autoreload the server re-executes this command in a child (RUN_MAIN=true); the
        # worker belongs to the parent, which lives for the whole session.
        if not options["no_worker"] and os.environ.get("RUN_MAIN") != "true":
            worker = subprocess.Popen([sys.executable, str(settings.BASE_DIR / "manage.py"), "worker"])  # noqa: S603
            atexit.register(_stop, worker)
            # Stopped with SIGTERM (a supervisor, `kill`), exit through atexit so the worker goes too.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            where = ""
            if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
                where = f"; thư điện tử được ghi vào {settings.EMAIL_FILE_PATH}"
            if settings.NOTIFY_SMS_BACKEND == "log":
                where += f"; tin nhắn SMS vào {settings.NOTIFY_LOG_DIR}"
            self.stdout.write(f"Tiến trình nền đang chạy (pid {worker.pid}){where}.")
        call_command("runserver", options["addrport"], use_reloader=not options["noreload"])


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()  # the worker finishes its current task, then exits
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
