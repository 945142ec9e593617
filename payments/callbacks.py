"""Judging what a gateway sends: every message is logged (PaymentCallback) with its raw
payload and the verdict, accepted or not, and only a verified server-to-server message about
a known order, for its exact amount, currency and our merchant code, may settle the order.

The checks, in this order (VNPAY's IPN answers in brackets):
1. the signature, in constant time (97);
2. the order is ours: known reference at this gateway (01), for our merchant code (01);
3. the amount and the currency are the order's (04);
4. the order is still pending, checked again under the row lock: a replay or a message about
   an order already settled changes nothing (02).
"""

from __future__ import annotations

import ipaddress
import logging

from django.utils import timezone

from payments import actions
from payments.gateways import Adapter, BadSignature, Result
from payments.models import Payment, PaymentCallback

logger = logging.getLogger(__name__)
V = PaymentCallback.Verdict


def log(adapter: Adapter, kind: str, data: dict, verdict: str, reason: str = "", *, payment: Payment | None = None,
        order_ref: str = "", remote_addr: str | None = None, reply: dict | None = None) -> PaymentCallback:
    if verdict == V.REJECTED:
        logger.warning("payment callback rejected: %s %s %s (%s) from %s", adapter.code, kind, order_ref, reason,
                       remote_addr)
    return PaymentCallback.objects.create(
        at=timezone.now(), gateway=adapter.code, kind=kind, order_ref=order_ref[:100], payment=payment,
        remote_addr=_address(remote_addr), raw=_plain(data), verdict=verdict, reason=reason[:40], reply=reply or {})


def _address(raw: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((raw or "").strip()))
    except ValueError:
        return None


def _plain(data: dict) -> dict:
    # Stored as received, bounded: a hostile sender cannot fill the log.
    return {str(k)[:100]: str(v)[:2000] for k, v in list(data.items())[:100]}


def mismatch(adapter: Adapter, payment: Payment, result: Result) -> tuple[str, str] | None:
    """(verdict, reason) when a verified message does not match its order."""
    if result.terminal != adapter.terminal:
        return "not_found", "wrong_terminal"
    if (result.amount is not None or result.outcome == "paid") and result.amount != payment.amount:
        return "bad_amount", "wrong_amount"
    if result.currency != adapter.currency:
        return "bad_amount", "wrong_currency"
    return None


def find(adapter: Adapter, order_ref: str) -> Payment | None:
    return Payment.objects.filter(order_ref=order_ref, gateway=adapter.code).first() if order_ref else None


def receive(adapter: Adapter, data: dict, remote_addr: str | None) -> tuple[str, dict]:
    """A server-to-server result (VNPAY's IPN, the national platform's result): the verdict and
    the reply the gateway expects. Never raises: an unexpected error is logged and answered 99."""
    order_ref = str(data.get("vnp_TxnRef") or data.get("MaThamChieu") or "")
    payment = None
    try:
        try:
            result = adapter.read_callback(data)
        except BadSignature:
            return _answer(adapter, data, "bad_signature", V.REJECTED, "bad_signature", None, order_ref, remote_addr)
        payment = find(adapter, result.order_ref)
        if payment is None:
            return _answer(adapter, data, "not_found", V.REJECTED, "unknown_order", None, order_ref, remote_addr)
        wrong = mismatch(adapter, payment, result)
        if wrong:
            return _answer(adapter, data, wrong[0], V.REJECTED, wrong[1], payment, order_ref, remote_addr)
        verdict = actions.settle(payment.pk, result, source="callback")
        if verdict == "already":
            payment.refresh_from_db()
            same = (actions.SETTLING.get(result.outcome) and payment.state == result.outcome
                    and payment.transaction_no == result.transaction_no)
            return _answer(adapter, data, "already", V.DUPLICATE if same else V.REJECTED,
                           "replay" if same else "not_pending", payment, order_ref, remote_addr)
        return _answer(adapter, data, "ok", V.ACCEPTED, result.outcome, payment, order_ref, remote_addr)
    except Exception:  # the gateway retries on 99; what came is logged, never lost
        logger.exception("payment callback %s %s failed", adapter.code, order_ref)
        return _answer(adapter, data, "error", V.REJECTED, "error", payment, order_ref, remote_addr)


def _answer(adapter, data, verdict, logged, reason, payment, order_ref, remote_addr) -> tuple[str, dict]:
    reply = adapter.reply(verdict, data)
    log(adapter, PaymentCallback.Kind.IPN, data, logged, reason, payment=payment, order_ref=order_ref,
        remote_addr=remote_addr, reply=reply)
    return verdict, reply


def returned(adapter: Adapter, data: dict, remote_addr: str | None) -> Payment | None:
    """The citizen's browser back from the gateway: verified and logged, shown, never applied."""
    order_ref = str(data.get("vnp_TxnRef") or data.get("MaThamChieu") or "")
    try:
        result = adapter.read_callback(data)
    except BadSignature:
        log(adapter, PaymentCallback.Kind.RETURN, data, V.REJECTED, "bad_signature", order_ref=order_ref,
            remote_addr=remote_addr)
        return None
    payment = find(adapter, result.order_ref)
    log(adapter, PaymentCallback.Kind.RETURN, data, V.DISPLAYED if payment else V.REJECTED,
        result.outcome if payment else "unknown_order", payment=payment, order_ref=order_ref, remote_addr=remote_addr)
    return payment
