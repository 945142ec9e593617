"""What the payments app does when a dossier moves (workflow/outbox.py):

- inline, in the dossier action's own transaction: the Obligation row the operations centre
  counts, when a dossier comes to owe something (an online submission or a receipt of a
  procedure with fees, or an officer's request for a financial obligation);
- queued: a dossier refused gets back what was paid online for it (payments/actions.py
  REFUSED_REASON; the rule and its basis in docs/payments.md).
"""

from __future__ import annotations

from django.utils import timezone

from payments.dues import fee_total
from workflow.outbox import subscribe

OWING = {"submit", "receive", "receive_transfer", "request_payment"}


def register() -> None:
    subscribe("payments.obligation", "dossier", wants=lambda e: e.action in OWING, handle=on_owing, inline=True)
    subscribe("payments.refund_refused", "dossier", wants=lambda e: e.action == "refuse", handle=on_refused)


def on_owing(event) -> None:
    from dossiers.models import Channel, Dossier
    from payments.models import Obligation

    if Obligation.objects.filter(dossier_id=event.dossier_id).exists():
        return
    d = Dossier.objects.select_related("procedure_version").get(pk=event.dossier_id)
    if event.action == "submit" and d.channel != Channel.ONLINE:
        return  # at the counter the fees count once the dossier is received
    if event.action != "request_payment" and fee_total(d.procedure_version) <= 0:
        return
    Obligation.objects.bulk_create([Obligation(
        dossier_id=d.pk, agency_id=d.procedure_version.competent_agency_id,
        procedure_id=d.procedure_version.procedure_id, day=timezone.localdate(event.at))], ignore_conflicts=True)


def on_refused(event) -> None:
    from payments.actions import REFUSED_REASON
    from payments.models import Payment, PaymentState
    from payments.tasks import refund_payment

    for payment_id in Payment.objects.filter(dossier_id=event.dossier_id, state=PaymentState.PAID,
                                             refund_requested_at__isnull=True).values_list("pk", flat=True):
        refund_payment.enqueue(payment_id, REFUSED_REASON)
