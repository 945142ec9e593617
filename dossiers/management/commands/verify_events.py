from django.core.management.base import BaseCommand, CommandError

from dossiers.events import verify_dossier
from dossiers.models import Dossier


class Command(BaseCommand):
    help = "Verify the hash chain of the event log of one dossier (--dossier CODE) or of all; report the first break."

    def add_arguments(self, parser):
        parser.add_argument("--dossier", help="dossier code (default: every dossier)")

    def handle(self, *args, **options):
        dossiers = Dossier.objects.order_by("pk")
        if options["dossier"]:
            dossiers = dossiers.filter(code=options["dossier"])
            if not dossiers.exists():
                raise CommandError(f"Không tìm thấy hồ sơ có mã '{options['dossier']}'.")
        checked = 0
        for dossier in dossiers.iterator():
            broken = verify_dossier(dossier)
            if broken:
                raise CommandError(f"Chuỗi nhật ký bị phá vỡ tại {dossier.code or ''} ({broken}).")
            checked += 1
        self.stdout.write(f"Đã kiểm tra {checked} hồ sơ: nhật ký toàn vẹn.")
