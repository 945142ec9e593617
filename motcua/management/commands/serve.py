"""`make serve`: the production web server (gunicorn, WEB_CONCURRENCY processes of
GUNICORN_THREADS threads) and one background worker beside it, started and stopped together.
On several machines run `serve --no-worker` on the app servers and `manage.py worker` where
the tasks should run (docs/deploy.md)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.logging import gunicorn_log_config
from motcua.processes import start_worker, stop


class Command(BaseCommand):
    help = ("Chạy máy chủ web cho vận hành thật (gunicorn) cùng một tiến trình nền. "
            "Run the production web server (gunicorn) and a background worker (make serve).")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--no-worker", action="store_true", help="web server only")

    def handle(self, *args, **options):
        # Stopped with SIGTERM (systemd, `kill`), leave through the `finally` below, so gunicorn
        # is stopped gracefully and the scratch directory removed, with or without a worker.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        worker = None if options["no_worker"] else start_worker()
        env = os.environ.copy()
        command = [
            sys.executable, "-m", "gunicorn", "motcua.wsgi:application", "--bind", options["bind"],
            "--workers", str(settings.WEB_CONCURRENCY), "--threads", str(settings.GUNICORN_THREADS),
            "--timeout", str(settings.GUNICORN_TIMEOUT), "--graceful-timeout", "20",
            "--access-logfile", "-", "--error-logfile", "-", "--forwarded-allow-ips",
            ",".join(settings.FORWARDED_ALLOW_IPS),
            # gunicorn's control socket sits at one path per user: two servers on one machine
            # would fight over it, and nothing of ours uses it.
            "--no-control-socket",
        ]
        with tempfile.TemporaryDirectory(prefix="motcua-serve-") as scratch:
            if settings.LOG_FORMAT == "json":
                # gunicorn's master never loads Django: its own lines need their own config.
                config = Path(scratch) / "gunicorn-logging.json"
                config.write_text(json.dumps(gunicorn_log_config(settings.LOG_LEVEL)))
                command += ["--log-config-json", str(config)]
            if settings.METRICS_ENABLED and not env.get("PROMETHEUS_MULTIPROC_DIR"):
                # Each gunicorn process counts its own requests; in a shared, fresh directory
                # /metrics adds them all up (motcua/metrics.py). Fresh at every start: counts
                # left by a previous server would be added to this one's.
                metrics_dir = Path(scratch) / "prometheus"
                metrics_dir.mkdir()
                env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
            self.stdout.write(
                f"motcua (gunicorn, {settings.WEB_CONCURRENCY} tiến trình × {settings.GUNICORN_THREADS} luồng) "
                f"tại http://{options['bind']}/" + (" cùng tiến trình nền." if worker else "."))
            self.stdout.flush()
            server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)  # noqa: S603
            try:
                code = server.wait()
            finally:
                stop(server, timeout=30)
                if worker is not None:
                    stop(worker)
        if code:
            sys.exit(code)
