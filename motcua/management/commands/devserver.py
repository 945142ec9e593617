"""`make run`'s server: Django's development server and, beside it, one background worker
(notifications, retries, the periodic sweeps), started and stopped together."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from motcua.processes import start_worker, where_messages_go


class Command(BaseCommand):
    help = ("Chạy máy chủ phát triển cùng một tiến trình nền (gửi thông báo, quét hạn). "
            "Run the development server and a background worker together (make run).")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true", help="serve only; run `manage.py worker` yourself")
        parser.add_argument("--noreload", action="store_true", help="do not reload the server on code changes")
        parser.add_argument("--no-payment-simulator", action="store_true",
                            help="do not start the local payment gateway simulator (PAYMENT_SIMULATOR_PORT)")

    def handle(self, *args, **options):
        # With autoreload the server re-executes this command in a child (RUN_MAIN=true); the
        # worker belongs to the parent, which lives for the whole session.
        if not options["no_worker"] and os.environ.get("RUN_MAIN") != "true":
            worker = start_worker()
            self.stdout.write(f"Tiến trình nền đang chạy (pid {worker.pid}){where_messages_go()}.")
        if not options["no_payment_simulator"] and settings.PAYMENT_SIMULATOR_PORT \
                and os.environ.get("RUN_MAIN") != "true":
            # The demo pays without the network: VNPAY and the national platform, simulated here.
            from payments.simulator import from_settings

            try:
                sim = from_settings().start()
            except OSError as exc:
                self.stdout.write(f"Không chạy được cổng thanh toán mô phỏng: {exc}")
            else:
                self.stdout.write(f"Cổng thanh toán mô phỏng: {sim.url}")
        call_command("runserver", options["addrport"], use_reloader=not options["noreload"])
