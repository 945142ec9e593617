from django.core.management.base import BaseCommand

from ioc.projection import rebuild


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu điều hành từ nhật ký hồ sơ (sau khi nạp dữ liệu hàng loạt)."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã tính lại số liệu điều hành từ nhật ký của {rebuild()} hồ sơ.")
