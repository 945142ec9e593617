"""Every change of a payment order goes through one of these functions, along the payment
table (payments/machine.py) on the workflow engine: row locks (the dossier, then the order),
idempotency, hash-chained events, and the dossier's own events in the same transaction.

Gateways are called outside any transaction: a slow gateway never holds a row lock, and the
result it gives is applied afterwards under the lock, where the state is checked again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dossiers import actions as dossier_actions
from dossiers.machine import DOSSIER
from dossiers.states import State
from payments import dues
from payments.gateways import CANCELLED, EXPIRED, FAILED, PAID, GatewayError, ManualRefund, Result, adapter, enabled
from payments.machine import PAYMENT, Code, GatewayActor
from payments.models import Obligation, Payment, PaymentState, Purpose
from workflow import engine
from workflow.engine import Change
from workflow.errors import ActionError

logger = logging.getLogger(__name__)
SETTLING = {PAID: "confirm", FAILED: "fail", CANCELLED: "cancel", EXPIRED: "expire"}


def actor_for(code: str) -> GatewayActor:
    return GatewayActor(f"Cổng thanh toán {adapter(code).name}")


# --- the applicant starts an order -------------------------------------------------------------

def start(dossier_id: int, user, *, purpose: str, gateway: str, return_url: str, client_ip: str = "") -> Payment:
    """An order for what the dossier owes for `purpose`, at `gateway`; its `pay_url` is where the
    applicant's browser goes. A pending order for the same due at the same gateway is reused
    (the applicant came back to the page); one at another gateway must end first."""
    chosen = next((g for g in enabled() if g.code == gateway), None)
    if chosen is None:
        raise ActionError(Code.UNKNOWN_GATEWAY, "Cổng thanh toán đã chọn không được hỗ trợ.", field="gateway")
    with transaction.atomic():
        d = DOSSIER.lock(dossier_id)
        due = dues.due_for(d, purpose)
        if due is None:
            raise ActionError(Code.NOTHING_DUE, "Hồ sơ không có khoản nào cần thanh toán trực tuyến lúc này.")
        now = timezone.now()
        open_order = (Payment.objects.filter(dossier=d, purpose=purpose, request_seq=due.request_seq,
                                             state=PaymentState.PENDING, expires_at__gt=now).first())
        if open_order is not None and open_order.gateway == gateway and open_order.amount == due.amount \
                and open_order.payer_id == user.pk and open_order.pay_url:
            return open_order
        if open_order is not None:
            raise ActionError(Code.PENDING_ELSEWHERE, f"Bạn đang có giao dịch {open_order.order_ref} qua "
                              f"{open_order.get_gateway_display()} chờ xác nhận đến "
                              f"{timezone.localtime(open_order.expires_at):%H:%M}; vui lòng hoàn tất giao dịch đó "
                              "hoặc đợi hết hạn rồi thanh toán lại.")
        number = Payment.objects.filter(dossier=d).count() + 1

        def build() -> Payment:
            return Payment(dossier=d, purpose=purpose, request_seq=due.request_seq, amount=due.amount,
                           gateway=gateway, order_ref=f"{d.code or f'HS{d.pk}'}-TT{number}", payer=user,
                           created_at=now, expires_at=now + timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES))

        def effect(p: Payment, change: Change) -> None:
            change.data = {"purpose": purpose, "amount": due.amount, "gateway": gateway, "order_ref": p.order_ref}

        payment = engine.create(PAYMENT, "start", user, build, effect=effect, now=now).obj
        # Settled by the gateway's callback, or else by asking it once the order has expired.
        from payments.tasks import check_payment

        check_payment.using(run_after=payment.expires_at + timedelta(
            minutes=settings.PAYMENT_QUERY_GRACE_MINUTES)).enqueue(payment.pk)
    try:
        url = chosen.begin(payment, return_url=return_url, client_ip=client_ip)
    except GatewayError as exc:
        logger.warning("payment %s: %s could not start it: %s", payment.order_ref, gateway, exc)
        _settle(payment.pk, "fail", actor_for(gateway), {"reason": "gateway_unavailable"})
        raise ActionError(Code.GATEWAY_UNAVAILABLE, f"Chưa kết nối được {chosen.name}; vui lòng thử lại sau ít "
                          "phút hoặc chọn cổng thanh toán khác.") from exc
    Payment.objects.filter(pk=payment.pk).update(pay_url=url)  # where to send the browser: not audited state
    payment.pay_url = url
    return payment


# --- the gateway's word --------------------------------------------------------------------------

def settle(payment_id: int, result: Result, source: str) -> str:
    """Apply what a verified message (an IPN, a result callback, a query answer) says about a
    pending order: "ok" when applied, "already" when the order was settled before (a replay,
    or the callback and the query crossing)."""
    action = SETTLING.get(result.outcome)
    if action is None:
        return "pending"
    gateway = Payment.objects.values_list("gateway", flat=True).get(pk=payment_id)
    data = {"source": source, "response_code": result.response_code, "transaction_no": result.transaction_no,
            "bank_code": result.bank_code}
    try:
        _settle(payment_id, action, actor_for(gateway), data, result)
    except ActionError as exc:
        if exc.code == "invalid_state":
            return "already"
        raise
    return "ok"


def _settle(payment_id: int, action: str, actor, data: dict, result: Result | None = None) -> None:
    def effect(p: Payment, change: Change) -> None:
        p.state = {"confirm": PaymentState.PAID, "fail": PaymentState.FAILED, "cancel": PaymentState.CANCELLED,
                   "expire": PaymentState.EXPIRED}[action]
        p.settled_at = change.now
        if result is not None:
            p.transaction_no, p.bank_code, p.response_code = result.transaction_no, result.bank_code, \
                result.response_code
        change.data = data
        if action == "confirm":
            p.paid_at = (result.paid_at if result and result.paid_at else None) or change.now
            _paid(p, actor, change)

    engine.perform(PAYMENT, payment_id, action, actor, effect=effect)


def _paid(p: Payment, actor, change: Change) -> None:
    from payments.tasks import fetch_receipt, refund_payment

    d = p.dossier  # locked by PAYMENT.lock
    latest_request = d.events.filter(action="request_payment").order_by("-seq").values_list("seq", flat=True).first()
    settles_wait = p.purpose == Purpose.OBLIGATION and p.request_seq == latest_request
    dossier_actions.record_payment(d, actor, now=change.now, resume=settles_wait, data={
        "order_ref": p.order_ref, "purpose": p.purpose, "amount": p.amount, "gateway": p.gateway,
        "transaction_no": p.transaction_no, "paid_at": p.paid_at.isoformat()})
    obligation = _obligation(d, change.now)
    if obligation.paid_online_on is None:
        obligation.paid_online_on = timezone.localdate(change.now)
        obligation.save(update_fields=["paid_online_on"])
    fetch_receipt.enqueue(p.pk)
    twice = Payment.objects.filter(dossier=d, purpose=p.purpose, request_seq=p.request_seq,
                                   state__in=dues.SETTLED).exclude(pk=p.pk).exists()
    if twice:
        refund_payment.enqueue(p.pk, "Khoản này đã được thanh toán bằng một giao dịch khác (thanh toán trùng).")
    elif d.state == State.REFUSED:
        refund_payment.enqueue(p.pk, REFUSED_REASON)


def _obligation(d, now) -> Obligation:
    found, _ = Obligation.objects.get_or_create(dossier_id=d.pk, defaults={
        "agency_id": d.procedure_version.competent_agency_id, "procedure_id": d.procedure_version.procedure_id,
        "day": timezone.localdate(now)})
    return found


def record_receipt(payment_id: int, receipt_no: str) -> None:
    def effect(p: Payment, change: Change) -> None:
        if p.receipt_no == receipt_no:
            change.record = False
            return
        p.receipt_no = receipt_no
        change.data = {"receipt_no": receipt_no}

    gateway = Payment.objects.values_list("gateway", flat=True).get(pk=payment_id)
    engine.perform(PAYMENT, payment_id, "record_receipt", actor_for(gateway), effect=effect)


# --- refunds -------------------------------------------------------------------------------------

# Fees are paid for the service of handling the dossier: a dossier refused is given none
# (docs/payments.md, "refunds", and docs/domain/one-stop.md for the basis to verify).
REFUSED_REASON = "Hồ sơ không được tiếp nhận, giải quyết: hoàn trả phí, lệ phí đã nộp trực tuyến."


def refund(payment_id: int, reason: str) -> str:
    """Refund a paid order in full through its gateway: the request is recorded first, the gateway
    is asked outside the lock, then the refund is recorded. "manual" when the gateway cannot
    refund (the IT department refunds and records it in the admin); "done"; "nothing" when the
    order is no longer paid."""
    payment = Payment.objects.get(pk=payment_id)
    if payment.state != PaymentState.PAID:
        return "nothing"
    actor = actor_for(payment.gateway)

    def ask(p: Payment, change: Change) -> None:
        if p.refund_requested_at is not None:
            change.record = False
            return
        p.refund_requested_at, p.refund_reason = change.now, reason[:300]
        change.data = {"reason": reason}

    engine.perform(PAYMENT, payment_id, "request_refund", actor, effect=ask)
    payment.refresh_from_db()
    try:
        reference = adapter(payment.gateway).refund(payment, reason)
    except ManualRefund:
        return "manual"
    _refunded(payment_id, "refund", actor, reference)
    return "done"


def record_manual_refund(payment_id: int, user, *, reference: str) -> None:
    """The IT department made the refund outside the gateway (a bank transfer) and records it."""
    reference = (reference or "").strip()[:60]
    if not reference:
        raise ActionError(Code.MISSING_REFERENCE, "Vui lòng nhập số chứng từ hoàn tiền.", field="reference")
    _refunded(payment_id, "record_refund", user, reference)


def _refunded(payment_id: int, action: str, actor, reference: str) -> None:
    def effect(p: Payment, change: Change) -> None:
        p.state, p.refunded_at, p.refund_ref = PaymentState.REFUNDED, change.now, reference
        change.data = {"refund_ref": reference}
        dossier_actions.record_refund(p.dossier, actor, now=change.now, data={
            "order_ref": p.order_ref, "amount": p.amount, "refund_ref": reference, "reason": p.refund_reason})
        if not Payment.objects.filter(dossier_id=p.dossier_id, state=PaymentState.PAID).exclude(pk=p.pk).exists():
            Obligation.objects.filter(dossier_id=p.dossier_id).update(paid_online_on=None)

    try:
        engine.perform(PAYMENT, payment_id, action, actor, effect=effect)
    except ActionError as exc:
        if exc.code != "invalid_state":  # refunded already (a retried job): nothing to do
            raise
