"""The background worker started beside a web server (`make run`, `make serve`) and stopped
with it: a second process, so a server reloading or restarting its own workers never takes
the task worker down halfway through a task."""

from __future__ import annotations

import atexit
import signal
import subprocess
import sys

from django.conf import settings


def start_worker() -> subprocess.Popen:
    worker = subprocess.Popen([sys.executable, str(settings.BASE_DIR / "manage.py"), "worker"])  # noqa: S603
    atexit.register(stop, worker)
    # Stopped with SIGTERM (a supervisor, `kill`), exit through atexit so the worker goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    return worker


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    if process.poll() is None:
        process.terminate()  # the worker finishes its current task, then exits
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()


def where_messages_go() -> str:
    where = ""
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        where = f"; thư điện tử được ghi vào {settings.EMAIL_FILE_PATH}"
    if settings.NOTIFY_SMS_BACKEND == "log":
        where += f"; tin nhắn SMS vào {settings.NOTIFY_LOG_DIR}"
    return where
