"""`manage.py fieldreports_escalate`: the escalation sweep, once, by hand. The worker already runs
it every SWEEP_INTERVAL_SECONDS (fieldreports/tasks.py); running it as well is harmless."""

from django.core.management.base import BaseCommand

from fieldreports.escalation import sweep


class Command(BaseCommand):
    help = "Nhắc việc phản ánh quá hạn (mức 1: lãnh đạo đơn vị; mức 2: IOC). An toàn khi chạy lặp lại."

    def handle(self, *args, **options):
        counts = sweep()
        self.stdout.write(f"Đã nhắc việc {counts.level1} phản ánh mức 1, {counts.level2} phản ánh mức 2.")
