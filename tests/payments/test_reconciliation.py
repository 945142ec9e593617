"""The daily reconciliation: pending orders are settled by asking the gateway, and the day's
paid orders in our books are compared with what the gateway confirms."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from payments import reconcile
from payments.models import Payment, Reconciliation
from tests.payments.test_vnpay_stories import at_gateway, start

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_daily_run_settles_pending_orders_and_balances_the_day(site, lan_browser, online, settings):
    site.hold_results = True  # no IPN reaches us
    at_gateway(lan_browser, start(lan_browser, online))
    payment = Payment.objects.get(dossier=online)
    tomorrow = timezone.now() + timedelta(days=1)
    with time_machine.travel(tomorrow, tick=False):
        rows = reconcile.run()
    payment.refresh_from_db()
    assert payment.state == "paid"  # settled by querydr
    row = Reconciliation.objects.get(gateway="vnpay")
    assert [r.pk for r in rows if r.gateway == "vnpay"] == [row.pk]
    assert (row.paid_count, row.paid_total, row.confirmed_count, row.confirmed_total) == (1, 50_000, 1, 50_000)
    assert row.settled_pending == 1 and row.balanced


def test_a_disagreement_is_reported(site, lan_browser, online):
    at_gateway(lan_browser, start(lan_browser, online))
    payment = Payment.objects.get(dossier=online)
    site.orders[payment.order_ref].status = "cancelled"  # the gateway's books say otherwise
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        reconcile.run()
    row = Reconciliation.objects.get(gateway="vnpay")
    assert not row.balanced and row.confirmed_total == 0
    assert row.mismatches[0]["order_ref"] == payment.order_ref
