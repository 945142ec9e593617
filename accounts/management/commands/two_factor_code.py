"""`manage.py two_factor_code USERNAME [--reset]`: issue an enrolment code for the second factor
(accounts/enrolment.py), e.g. for the first system administrator, who has no admin to ask."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import enrolment
from accounts.models import User


class Command(BaseCommand):
    help = ("Cấp mã kích hoạt xác thực hai lớp cho một tài khoản (--reset: gỡ ứng dụng xác thực cũ). "
            "Issue a one-time enrolment code for an account's second factor.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="remove the account's authenticators first")

    def handle(self, *args, username, reset, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có tài khoản đang hoạt động tên “{username}”.")
        code = enrolment.issue(user, reset=reset)
        self.stdout.write(f"Mã kích hoạt của {user.username}: {code} (dùng một lần, hết hạn sau "
                          f"{settings.ENROLMENT_CODE_HOURS} giờ; không được lưu ở đâu khác).")
