"""What a dossier owes now, and so what its applicant may pay online.

- The procedure's fees and charges, for a dossier submitted online: the sum of each fee's
  online amount (its amount when no online amount is set: catalogue.Fee), due from
  submission until a payment of them is confirmed, unless the dossier ended.
- A financial obligation an officer asked for (request_payment, national status 6): the
  amount of the latest request while the dossier waits for it. Each request is its own due
  (its event number), so paying one never settles a later one.

The amount always comes from here, never from the browser.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossiers.models import Channel, Dossier
from dossiers.states import FINAL, State
from payments.models import Payment, PaymentState, Purpose

SETTLED = (PaymentState.PAID, PaymentState.REFUNDED)


@dataclass(frozen=True)
class Due:
    purpose: str
    amount: int
    request_seq: int | None
    label: str


def fee_total(version) -> int:
    return sum(f.online_amount if f.online_amount is not None else f.amount for f in version.fees.all())


def dues_of(dossier: Dossier) -> list[Due]:
    if dossier.state in FINAL or dossier.channel != Channel.ONLINE or dossier.submitted_by_id is None:
        return []
    settled = list(Payment.objects.filter(dossier=dossier, state__in=SETTLED).values_list("purpose", "request_seq"))
    found = []
    total = fee_total(dossier.procedure_version)
    if total > 0 and not any(purpose == Purpose.FEES for purpose, _ in settled):
        found.append(Due(Purpose.FEES, total, None, "Phí, lệ phí của thủ tục"))
    if dossier.state == State.AWAITING_PAYMENT:
        request = (dossier.events.filter(action="request_payment").order_by("-seq").values("seq", "data").first())
        if request and (Purpose.OBLIGATION, request["seq"]) not in settled:
            reason = (request["data"] or {}).get("reason") or "Nghĩa vụ tài chính"
            found.append(Due(Purpose.OBLIGATION, int(request["data"]["amount"]), request["seq"], reason))
    return found


def due_for(dossier: Dossier, purpose: str) -> Due | None:
    return next((d for d in dues_of(dossier) if d.purpose == purpose), None)
