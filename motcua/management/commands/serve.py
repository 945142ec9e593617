"""`make serve`: the production web server (gunicorn, WEB_CONCURRENCY processes of
GUNICORN_THREADS threads) and one background worker beside it, started and stopped together.
On several machines run `serve --no-worker` on the app servers and `manage.py worker` where
the tasks should run (docs/deploy.md)."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.processes import start_worker, stop


class Command(BaseCommand):
    help = ("Chạy máy chủ web cho vận hành thật (gunicorn) cùng một tiến trình nền. "
            "Run the production web server (gunicorn) and a background worker (make serve).")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--no-worker", action="store_true", help="web server only")

    def handle(self, *args, **options):
        worker = None if options["no_worker"] else start_worker()
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
        self.stdout.write(f"motcua (gunicorn, {settings.WEB_CONCURRENCY} tiến trình × {settings.GUNICORN_THREADS} "
                          f"luồng) tại http://{options['bind']}/" + (" cùng tiến trình nền." if worker else "."))
        server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=os.environ.copy())  # noqa: S603
        try:
            code = server.wait()
        finally:
            stop(server, timeout=30)
            if worker is not None:
                stop(worker)
        if code:
            sys.exit(code)
