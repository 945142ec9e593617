from django.core.management.base import BaseCommand

from ioc import reports
from ioc.projection import rebuild


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu điều hành từ nhật ký hồ sơ (sau khi nạp dữ liệu hàng loạt)."

    def handle(self, *args, **options):
        dossiers, field_reports = rebuild(), reports.rebuild()
        self.stdout.write(f"Đã tính lại số liệu điều hành từ nhật ký của {dossiers} hồ sơ và {field_reports} phản ánh.")
