"""`manage.py load_demo`: all provinces and communes, then Huế's agencies and demo accounts."""

from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu thành phố Huế: 34 tỉnh, thành phố và các xã, phường; cơ quan; tài khoản mẫu. "
        "Load the Huế demo (units, agencies, demo accounts); safe to run again."
    )

    def handle(self, *args, **options):
        counts = load_demo()
        self.stdout.write(self.style.SUCCESS(str(counts)))
