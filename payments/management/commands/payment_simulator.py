"""Run the local payment gateway simulator alone (payments/simulator.py); `make run` starts one
beside the development server by itself."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from payments.simulator import from_settings


class Command(BaseCommand):
    help = ("Chạy cổng thanh toán mô phỏng (VNPAY 2.1.0 và nền tảng thanh toán của Cổng DVCQG) trên máy này. "
            "Run the local payment gateway simulator.")

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=None, help="defaults to PAYMENT_SIMULATOR_PORT")

    def handle(self, *args, **options):
        sim = from_settings(options["port"]).start()
        self.stdout.write(f"Cổng thanh toán mô phỏng: {sim.url} (Ctrl+C để dừng)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            sim.stop()
