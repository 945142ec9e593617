"""Reconciliation with the gateways (docs/payments.md).

- `check(payment)`: ask the gateway about one pending order and apply its answer under the
  same checks as a callback. Run for each order once it has expired (the order's own task),
  when the citizen's browser comes back and no result has arrived yet, and by the daily run
  for every order still pending after PAYMENT_QUERY_AFTER_MINUTES. An order the gateway never
  saw, or still holds unpaid, past its expiry and the grace minutes, expires.
- `run(day)`: the daily run. Settles what is still pending, then asks the gateway about every
  order our books say was paid on `day` and keeps, per gateway, our count and total against
  what the gateway confirms, with each disagreement (Reconciliation, in the admin).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from payments import actions
from payments.callbacks import log, mismatch
from payments.gateways import EXPIRED, NOT_FOUND, PAID, PENDING, REFUNDED, GatewayError, Result, adapter, enabled
from payments.models import Payment, PaymentCallback, PaymentState, Reconciliation

logger = logging.getLogger(__name__)
V = PaymentCallback.Verdict


def check(payment_id: int, now: datetime | None = None) -> str:
    """The order's state after asking its gateway (GatewayError when it cannot be asked)."""
    now = now or timezone.now()
    payment = Payment.objects.select_related("dossier").get(pk=payment_id)
    if payment.state != PaymentState.PENDING:
        return payment.state
    gateway = adapter(payment.gateway)
    result = gateway.query(payment)
    if result.outcome in (PENDING, NOT_FOUND):
        overdue = now >= payment.expires_at + timedelta(minutes=settings.PAYMENT_QUERY_GRACE_MINUTES)
        log(gateway, PaymentCallback.Kind.QUERY, result.raw, V.ACCEPTED if overdue else V.DISPLAYED, result.outcome,
            payment=payment, order_ref=payment.order_ref)
        if overdue:
            actions.settle(payment.pk, Result(payment.order_ref, EXPIRED, response_code=result.response_code),
                           source="query")
    else:
        wrong = mismatch(gateway, payment, result)
        if wrong:
            log(gateway, PaymentCallback.Kind.QUERY, result.raw, V.REJECTED, wrong[1], payment=payment,
                order_ref=payment.order_ref)
        else:
            verdict = actions.settle(payment.pk, result, source="query")
            log(gateway, PaymentCallback.Kind.QUERY, result.raw, V.ACCEPTED if verdict == "ok" else V.DUPLICATE,
                result.outcome, payment=payment, order_ref=payment.order_ref)
    payment.refresh_from_db()
    return payment.state


def settle_pending(now: datetime | None = None) -> int:
    """Check every order pending longer than PAYMENT_QUERY_AFTER_MINUTES; how many were settled."""
    now = now or timezone.now()
    settled = 0
    stale = Payment.objects.filter(state=PaymentState.PENDING,
                                   created_at__lte=now - timedelta(minutes=settings.PAYMENT_QUERY_AFTER_MINUTES))
    for payment_id in stale.values_list("pk", flat=True).order_by("pk"):
        try:
            settled += check(payment_id, now) != PaymentState.PENDING
        except GatewayError as exc:  # one gateway down does not stop the others; the next run retries
            logger.warning("reconciliation: payment %s not checked: %s", payment_id, exc)
    return settled


def run(day: date | None = None, now: datetime | None = None) -> list[Reconciliation]:
    now = now or timezone.now()
    day = day or timezone.localdate(now) - timedelta(days=1)
    settled = settle_pending(now)
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    books = Payment.objects.filter(paid_at__gte=start, paid_at__lt=start + timedelta(days=1),
                                   state__in=(PaymentState.PAID, PaymentState.REFUNDED)).order_by("pk")
    rows = []
    for gateway in enabled():
        ours = list(books.filter(gateway=gateway.code))
        confirmed, confirmed_total, mismatches = 0, 0, []
        for payment in ours:
            try:
                answer = gateway.query(payment)
            except GatewayError as exc:
                mismatches.append({"order_ref": payment.order_ref, "problem": "không truy vấn được",
                                   "detail": str(exc)})
                continue
            expected = PAID if payment.state == PaymentState.PAID else REFUNDED
            agrees = answer.outcome == expected and answer.amount in (None, payment.amount) if expected == REFUNDED \
                else answer.outcome == PAID and answer.amount == payment.amount
            if agrees:
                confirmed += 1
                confirmed_total += payment.amount
            else:
                mismatches.append({"order_ref": payment.order_ref, "problem": "cổng không xác nhận",
                                   "ours": f"{payment.state} {payment.amount}",
                                   "gateway": f"{answer.outcome} {answer.amount}"})
        row, _ = Reconciliation.objects.update_or_create(day=day, gateway=gateway.code, defaults={
            "run_at": now, "paid_count": len(ours), "paid_total": sum(p.amount for p in ours),
            "confirmed_count": confirmed, "confirmed_total": confirmed_total, "settled_pending": settled,
            "mismatches": mismatches})
        rows.append(row)
    return rows
