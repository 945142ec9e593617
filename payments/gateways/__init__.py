"""Payment gateways behind one interface (docs/payments.md).

An adapter builds the address the citizen's browser is sent to, reads and verifies what the
gateway sends back (its signature checked in constant time; a bad one raises BadSignature),
asks the gateway about an order (reconciliation), refunds, and fetches a receipt. It never
changes a payment itself: payments/callbacks.py and payments/actions.py decide, under the
row lock, from the `Result` it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from payments.models import Payment

# What a verified message says about an order.
PAID, FAILED, CANCELLED, EXPIRED, PENDING, NOT_FOUND = "paid", "failed", "cancelled", "expired", "pending", "not_found"
REFUNDED = "refunded"  # only a query answers it: the order was paid, then refunded


@dataclass
class Result:
    order_ref: str
    outcome: str
    amount: int | None = None  # VND
    currency: str = "VND"
    terminal: str = ""  # the merchant code the message is for (vnp_TmnCode, MaDoiTac)
    transaction_no: str = ""
    bank_code: str = ""
    response_code: str = ""
    paid_at: datetime | None = None
    receipt_no: str = ""
    raw: dict = field(default_factory=dict)


class BadSignature(Exception):
    """The message is not signed with our secret (or was changed on the way)."""


class GatewayError(Exception):
    """The gateway could not be reached, or answered something we cannot read."""


class ManualRefund(Exception):
    """The gateway has no refund interface: the refund is made outside and recorded by hand."""


class Adapter:
    code = ""
    name = ""
    currency = "VND"

    def configured(self) -> bool:
        raise NotImplementedError

    @property
    def terminal(self) -> str:
        raise NotImplementedError

    def begin(self, payment: Payment, *, return_url: str, client_ip: str) -> str:
        """The address the citizen's browser goes to pay `payment`."""
        raise NotImplementedError

    def read_callback(self, data: dict) -> Result:
        """A server-to-server result or a browser return, verified; BadSignature otherwise."""
        raise NotImplementedError

    def reply(self, verdict: str, data: dict) -> dict:
        """The answer the gateway expects to a result it sent (`verdict`: callbacks.VERDICTS)."""
        raise NotImplementedError

    def query(self, payment: Payment) -> Result:
        raise NotImplementedError

    def refund(self, payment: Payment, reason: str) -> str:
        """Refund in full; the gateway's reference of the refund. ManualRefund if it cannot."""
        raise ManualRefund

    def receipt(self, payment: Payment) -> str:
        """The receipt (biên lai điện tử) or e-invoice number the gateway issued, if any."""
        return ""


def adapter(code: str) -> Adapter:
    from payments.gateways.dvcqg import DVCQG
    from payments.gateways.vnpay import VNPAY

    found = {"vnpay": VNPAY, "dvcqg": DVCQG}.get(code)
    if found is None:
        raise KeyError(code)
    return found


def enabled() -> list[Adapter]:
    """The gateways a citizen may choose now (PAYMENT_GATEWAYS, each configured)."""
    out = []
    for code in settings.PAYMENT_GATEWAYS:
        try:
            found = adapter(code)
        except KeyError:
            continue
        if found.configured():
            out.append(found)
    return out
