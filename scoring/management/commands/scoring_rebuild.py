from django.core.management.base import BaseCommand

from scoring.projection import rebuild


class Command(BaseCommand):
    help = "Tính lại bảng tổng hợp điểm đánh giá của người dân từ các phiếu đánh giá."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã tính lại {rebuild()} lượt đánh giá.")
