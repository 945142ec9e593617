"""Record a refund the IT department made outside a gateway (the national platform has no refund
interface): `manage.py record_refund ORDER_REF --reference CHUNG_TU --by USERNAME`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from payments.actions import record_manual_refund
from payments.models import Payment
from workflow.errors import ActionError


class Command(BaseCommand):
    help = "Ghi nhận khoản hoàn tiền đã thực hiện ngoài cổng thanh toán. Record a refund made by hand."

    def add_arguments(self, parser):
        parser.add_argument("order_ref")
        parser.add_argument("--reference", required=True, help="số chứng từ hoàn tiền")
        parser.add_argument("--by", required=True, help="the system administrator's username")

    def handle(self, *args, order_ref, reference, by, **options):
        payment = Payment.objects.filter(order_ref=order_ref).first()
        user = User.objects.filter(username=by, is_active=True).first()
        if payment is None:
            raise CommandError(f"Không có giao dịch {order_ref}.")
        if user is None:
            raise CommandError(f"Không có tài khoản {by}.")
        try:
            record_manual_refund(payment.pk, user, reference=reference)
        except ActionError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Đã ghi nhận hoàn tiền {order_ref} (chứng từ {reference}).")
