"""`manage.py fieldreports_escalate`: the escalation sweep; run it every few minutes (cron)."""

from django.core.management.base import BaseCommand

from fieldreports.escalation import sweep


class Command(BaseCommand):
    help = "Nhắc việc phản ánh quá hạn (mức 1: lãnh đạo đơn vị; mức 2: IOC). An toàn khi chạy lặp lại."

    def handle(self, *args, **options):
        counts = sweep()
        self.stdout.write(f"Escalated: {counts.level1} to level 1, {counts.level2} to level 2.")
