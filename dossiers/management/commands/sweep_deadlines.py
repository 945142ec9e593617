from django.core.management.base import BaseCommand

from dossiers.sweep import sweep


class Command(BaseCommand):
    help = ("Quét hạn hồ sơ một lần: cảnh báo hồ sơ, bước xử lý sắp đến hạn hoặc quá hạn. Tiến trình nền đã chạy "
            "định kỳ; chạy thêm cũng an toàn. Run the deadline sweep once (the worker runs it periodically).")

    def handle(self, *args, **options):
        self.stdout.write(str(sweep()))
