"""`manage.py portal_simulator [--port 8765]`: the national portal's stand-in (sync/simulator.py),
to try the push without the real portal: set SYNC_PORTAL_URL=http://127.0.0.1:8765,
SYNC_PORTAL_USERNAME=motcua and SYNC_PORTAL_PASSWORD=mat-khau-thu."""

import time

from django.core.management.base import BaseCommand

from sync.simulator import PortalSimulator


class Command(BaseCommand):
    help = "Chạy Cổng DVCQG giả lập để thử đồng bộ hồ sơ. Run a stand-in of the national portal on loopback."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)

    def handle(self, *args, port, **options):
        with PortalSimulator(port=port) as portal:
            self.stdout.write(f"Cổng giả lập: {portal.url} (tài khoản motcua / mat-khau-thu). Ctrl+C để dừng.")
            try:
                while True:
                    time.sleep(5)
                    self.stdout.write(f"  {len(portal.records)} hồ sơ, {len(portal.received)} lượt đã nhận")
            except KeyboardInterrupt:
                pass
