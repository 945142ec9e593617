"""`manage.py sync_portal [--backfill]`: push now what waits for the national portal;
`--backfill` first marks every dossier the push has never seen (its history before the push
was turned on)."""

from django.core.management.base import BaseCommand, CommandError

from sync import pending
from sync.push import push


class Command(BaseCommand):
    help = "Đồng bộ ngay hồ sơ lên Cổng Dịch vụ công quốc gia. Push dossiers to the national portal now."

    def add_arguments(self, parser):
        parser.add_argument("--backfill", action="store_true", help="also the dossiers never pushed")

    def handle(self, *args, backfill, **options):
        if not pending.enabled():
            raise CommandError("Chưa cấu hình SYNC_PORTAL_URL.")
        if backfill:
            pending.mark_untracked()
        total = 0
        while done := push():
            total += done
        self.stdout.write(f"Đã đồng bộ {total} hồ sơ.")
