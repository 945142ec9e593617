"""Background work of the payments app (workflow/tasks.py): each task takes an id and is
idempotent (a task may run twice after a crash; the actions check the state under the lock)."""

from __future__ import annotations

from django.conf import settings

from payments import actions, reconcile
from payments.gateways import adapter
from payments.models import Payment, PaymentState
from workflow.tasks import job, periodic


@job(max_attempts=6, backoff_seconds=30, label="Truy vấn giao dịch thanh toán")
def check_payment(payment_id: int) -> str:
    return reconcile.check(payment_id)


@job(max_attempts=8, backoff_seconds=60, label="Hoàn tiền thanh toán trực tuyến")
def refund_payment(payment_id: int, reason: str) -> str:
    return actions.refund(payment_id, reason)


@job(max_attempts=6, backoff_seconds=60, label="Lấy số biên lai điện tử")
def fetch_receipt(payment_id: int) -> str:
    payment = Payment.objects.select_related("dossier").get(pk=payment_id)
    if payment.receipt_no or payment.state not in (PaymentState.PAID, PaymentState.REFUNDED):
        return payment.receipt_no
    number = adapter(payment.gateway).receipt(payment)
    if number:
        actions.record_receipt(payment_id, number)
    return number


@periodic("payments.reconcile", every=lambda: settings.PAYMENT_RECONCILE_SECONDS)
@job(max_attempts=3, backoff_seconds=300, label="Đối soát thanh toán hằng ngày")
def reconcile_daily() -> int:
    return len(reconcile.run())
