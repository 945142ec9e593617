"""The payment order's workflow as one table (docs/payments.md).

    (new) ──start──▶ pending ──confirm──▶ paid ──refund──▶ refunded
                        │                  │ └─request_refund (kept paid, refund owed)
                        ├──fail──────▶ failed          record_receipt (paid or refunded)
                        ├──cancel────▶ cancelled
                        └──expire────▶ expired

Only the dossier's online applicant starts an order. Only the platform settles it, acting for
the gateway on a verified server-to-server callback or on its answer to a query: a browser
coming back from the gateway changes nothing (docs/payments.md, "what changes a payment").
"""

from __future__ import annotations

from enum import StrEnum

from accounts.permissions import Target, register_action
from accounts.roles import OWNER, SYSTEM, SYSTEM_ADMIN
from payments.models import Payment, PaymentEvent, PaymentState
from workflow.actors import SystemActor, person
from workflow.machine import NEW, Machine, edge

S = PaymentState


class Code(StrEnum):
    INVALID_STATE = "invalid_state"
    FORBIDDEN = "forbidden"
    UNKNOWN_ACTION = "unknown_action"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    NOTHING_DUE = "nothing_due"
    UNKNOWN_GATEWAY = "unknown_gateway"
    PENDING_ELSEWHERE = "pending_elsewhere"
    GATEWAY_UNAVAILABLE = "gateway_unavailable"
    MISSING_REFERENCE = "missing_reference"


# The applicant pays for their own dossier (Decree 45/2020: online payment of fees and charges).
register_action("payment.pay", [OWNER])
# The platform records what a gateway confirmed (a verified callback or query answer).
register_action("payment.settle", [SYSTEM])
# A refund the gateway cannot make by itself is made by the IT department and recorded here.
register_action("payment.record_refund", [SYSTEM_ADMIN])


class GatewayActor(SystemActor):
    """The platform acting on a gateway's word: the events name the gateway."""

    def __init__(self, name: str):
        self.full_name = name
        self.username = f"gateway:{name}"


def payer(p: Payment) -> Target:
    return Target(owner_id=p.dossier.submitted_by_id)


def anyone(p: Payment) -> None:
    return None


SETTLE = {"permission": "payment.settle", "scope": anyone}
TRANSITIONS = [
    edge("start", [NEW], [S.PENDING], permission="payment.pay", scope=payer, label="Thanh toán trực tuyến",
         basis="Nghị định 45/2020/NĐ-CP: thanh toán phí, lệ phí, nghĩa vụ tài chính trực tuyến"),
    edge("confirm", [S.PENDING], [S.PAID], **SETTLE, label="Cổng thanh toán xác nhận đã thanh toán"),
    edge("fail", [S.PENDING], [S.FAILED], **SETTLE, label="Thanh toán không thành công"),
    edge("cancel", [S.PENDING], [S.CANCELLED], **SETTLE, label="Hủy giao dịch"),
    edge("expire", [S.PENDING], [S.EXPIRED], **SETTLE, label="Hết hạn thanh toán"),
    edge("record_receipt", [S.PAID, S.REFUNDED], **SETTLE, label="Nhận số biên lai điện tử"),
    edge("request_refund", [S.PAID], **SETTLE, label="Đề nghị hoàn tiền"),
    edge("refund", [S.PAID], [S.REFUNDED], **SETTLE, label="Đã hoàn tiền qua cổng thanh toán"),
    edge("record_refund", [S.PAID], [S.REFUNDED], permission="payment.record_refund", scope=anyone,
         label="Ghi nhận đã hoàn tiền", tone="secondary"),
]


class PaymentMachine(Machine):
    name = "payment"
    model = Payment
    event_model = PaymentEvent
    transitions = TRANSITIONS
    noun = "giao dịch thanh toán"
    label_field = "order_ref"
    denied = "Bạn không có quyền thực hiện thao tác này đối với giao dịch thanh toán này."
    row_fields = (
        "dossier_id", "purpose", "request_seq", "amount", "gateway", "order_ref", "state", "payer_id", "created_at",
        "expires_at", "paid_at", "settled_at", "transaction_no", "bank_code", "response_code", "receipt_no",
        "refund_requested_at", "refund_reason", "refunded_at", "refund_ref",
    )
    row_event_fields = {"state": ("to_state", "trạng thái")}

    def lock(self, pk):
        # The dossier first, then the order: the same order as every dossier action that
        # touches payments, so two of them never wait on each other the other way round.
        from dossiers.machine import DOSSIER

        dossier_id = Payment.objects.values_list("dossier_id", flat=True).get(pk=pk)
        dossier = DOSSIER.lock(dossier_id)
        payment = Payment.objects.select_for_update(of=("self",)).get(pk=pk)
        payment.dossier = dossier
        return payment

    def describe_state(self, p: Payment) -> str:
        return f"giao dịch đang ở trạng thái “{p.get_state_display()}”"

    def build_event(self, p: Payment, transition, actor, change, before) -> PaymentEvent:
        return PaymentEvent(
            action=transition.action, actor=person(actor),
            actor_name=actor.full_name if getattr(actor, "is_system", False) else getattr(actor, "full_name", ""),
            at=change.now, from_state=before["state"], to_state=p.state, data=change.data,
        )


PAYMENT = PaymentMachine()
