"""Payment stories through the simulator, over real HTTP: the citizen's browser goes to the
simulated VNPAY, the simulator's server sends the IPN to the site served on loopback, the
browser comes back to the return URL. After each story: the order, the dossier and the events.

Given Lan's online dossier of the building permit (she owes the online fee, 50.000 đ).
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

import pytest
import time_machine
from django.utils import timezone

from dossiers.models import DossierEvent
from payments.machine import PAYMENT
from payments.models import Obligation, Payment, PaymentCallback
from tests.conftest import run_tasks
from workflow.chain import verify_object

pytestmark = pytest.mark.django_db(transaction=True)


def start(browser, dossier, gateway="vnpay", purpose="fees"):
    page = f"/ho-so-cua-toi/{dossier.pk}/"
    answer = browser.post(f"/thanh-toan/ho-so/{dossier.pk}/", {"purpose": purpose, "gateway": gateway}, page=page)
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["location"]


def at_gateway(browser, pay_url, choice="pay"):
    """The citizen at the gateway's page: pays or cancels; where the gateway sends the browser."""
    page = browser.get(pay_url)
    assert page.status_code == 200 and "50.000" in page.text
    query = dict(parse_qsl(pay_url.split("?", 1)[1]))
    ref = query.get("vnp_TxnRef") or query["ref"]
    base = pay_url.split("/paymentv2/")[0] if "/paymentv2/" in pay_url else pay_url.split("/ppdvcqg/")[0]
    path = "/paymentv2/confirm" if "/paymentv2/" in pay_url else "/ppdvcqg/confirm"
    answer = browser.http.post(base + path, data={"ref": ref, "choice": choice})
    assert answer.status_code == 302
    return answer.headers["location"]


def callbacks(payment):
    return list(PaymentCallback.objects.filter(payment=payment).order_by("pk").values_list("kind", "verdict", "reason"))


def actions_of(dossier):
    return list(DossierEvent.objects.filter(dossier=dossier).order_by("seq").values_list("action", flat=True))


def test_paid(site, lan_browser, online):
    back = at_gateway(lan_browser, start(lan_browser, online))
    assert site.sent[-1][2] == {"RspCode": "00", "Message": "Confirm Success"}  # the IPN, before the return
    page = lan_browser.get(back)
    assert page.status_code == 200 and "Đã thanh toán" in page.text

    payment = Payment.objects.get(dossier=online)
    assert payment.state == "paid" and payment.amount == 50_000 and payment.transaction_no
    assert callbacks(payment) == [("ipn", "accepted", "paid"), ("return", "displayed", "paid")]
    assert actions_of(online) == ["submit", "record_payment"]
    event = DossierEvent.objects.get(dossier=online, action="record_payment")
    assert event.actor_name == "Cổng thanh toán VNPAY" and event.data["amount"] == 50_000
    assert list(payment.events.values_list("action", flat=True)) == ["start", "confirm"]
    assert Obligation.objects.get(dossier=online).paid_online_on == timezone.localdate()
    assert verify_object(PAYMENT, payment) == []
    # Lan sees it on her dossier; nothing is owed any more.
    mine = lan_browser.get(f"/ho-so-cua-toi/{online.pk}/").text
    assert payment.order_ref in mine and "Thanh toán trực tuyến 50.000" not in mine


def test_cancelled_then_paid_with_a_new_order(site, lan_browser, online):
    back = at_gateway(lan_browser, start(lan_browser, online), choice="cancel")
    assert site.sent[-1][2]["RspCode"] == "00"  # a failure recorded is confirmed too
    assert "không thành công" in lan_browser.get(back).text
    first = Payment.objects.get(dossier=online)
    assert first.state == "cancelled" and first.response_code == "24"
    assert actions_of(online) == ["submit"]

    at_gateway(lan_browser, start(lan_browser, online))
    second = Payment.objects.exclude(pk=first.pk).get(dossier=online)
    assert second.order_ref.endswith("-TT2") and second.state == "paid"
    assert actions_of(online) == ["submit", "record_payment"]


def test_timed_out(site, lan_browser, online):
    pay_url = start(lan_browser, online)
    assert lan_browser.get(pay_url).status_code == 200  # she looks, and leaves
    payment = Payment.objects.get(dossier=online)
    with time_machine.travel(payment.expires_at + timedelta(minutes=6), tick=False):
        run_tasks()  # the order's own check, due after expiry and the grace minutes
    payment.refresh_from_db()
    assert payment.state == "expired"
    assert callbacks(payment) == [("query", "accepted", "pending")]
    assert actions_of(online) == ["submit"]
    assert Obligation.objects.get(dossier=online).paid_online_on is None


def test_amount_mismatch_is_rejected_and_nothing_is_paid(site, lan_browser, online):
    site.amount_delta = -49_000  # a result claiming 1.000 đ paid, correctly signed
    back = at_gateway(lan_browser, start(lan_browser, online))
    assert site.sent[-1][2] == {"RspCode": "04", "Message": "invalid amount"}
    payment = Payment.objects.get(dossier=online)
    assert payment.state == "pending"
    assert ("ipn", "rejected", "wrong_amount") in callbacks(payment)
    assert "Đang chờ" in lan_browser.get(back).text  # the browser's word changes nothing
    assert actions_of(online) == ["submit"]


def test_bad_signature_is_rejected_and_logged_with_its_payload(site, lan_browser, online):
    site.hold_results = True
    at_gateway(lan_browser, start(lan_browser, online))
    ref = Payment.objects.get(dossier=online).order_ref
    _, result = site.held[ref]
    forged = {**result, "vnp_Amount": "5000000", "vnp_ResponseCode": "00", "vnp_SecureHash": "0" * 128}
    answer = lan_browser.get(f"/thanh-toan/vnpay/ipn/?{urlencode(forged)}")
    assert answer.json() == {"RspCode": "97", "Message": "Invalid Signature"}
    logged = PaymentCallback.objects.get(kind="ipn", verdict="rejected", reason="bad_signature")
    assert logged.raw["vnp_TxnRef"] == ref and logged.payment is None
    assert Payment.objects.get(dossier=online).state == "pending"
    assert actions_of(online) == ["submit"]


def test_unknown_order_is_rejected(site, lan_browser, online):
    site.hold_results = True
    at_gateway(lan_browser, start(lan_browser, online))
    _, result = next(iter(site.held.values()))
    other = {**result, "vnp_TxnRef": "KHONG-CO-TT1"}
    from payments.gateways.vnpay import sign

    other["vnp_SecureHash"] = sign(other, site.vnpay_secret)
    assert lan_browser.get(f"/thanh-toan/vnpay/ipn/?{urlencode(other)}").json()["RspCode"] == "01"


def test_replayed_ipn_changes_nothing(site, lan_browser, online):
    at_gateway(lan_browser, start(lan_browser, online))
    ref, result, _ = site.sent[-1]
    reply = site.deliver(ref, "vnpay", result)
    assert reply == {"RspCode": "02", "Message": "Order already confirmed"}
    payment = Payment.objects.get(dossier=online)
    ipns = [c for c in callbacks(payment) if c[0] == "ipn"]
    assert ipns == [("ipn", "accepted", "paid"), ("ipn", "duplicate", "replay")]
    assert actions_of(online) == ["submit", "record_payment"]
    assert list(payment.events.values_list("action", flat=True)) == ["start", "confirm"]


def test_return_before_the_ipn(site, lan_browser, online):
    site.hold_results = True
    back = at_gateway(lan_browser, start(lan_browser, online))
    page = lan_browser.get(back).text
    assert "Đang chờ cổng thanh toán xác nhận" in page and 'hx-trigger="every 3s"' in page
    payment = Payment.objects.get(dossier=online)
    assert payment.state == "pending"  # the browser's return is display only

    assert site.release(payment.order_ref) == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    assert payment.state == "paid"
    assert callbacks(payment) == [("return", "displayed", "paid"), ("ipn", "accepted", "paid")]
    # The page's poll now shows it paid.
    assert "Đã thanh toán" in lan_browser.get(f"/thanh-toan/giao-dich/{payment.pk}/trang-thai/").text


def test_return_without_ipn_is_resolved_by_a_query(site, lan_browser, online):
    site.hold_results = True  # VNPAY's IPN never comes
    lan_browser.get(at_gateway(lan_browser, start(lan_browser, online)))
    payment = Payment.objects.get(dossier=online)
    assert payment.state == "pending"
    run_tasks()  # the return asked the worker to query VNPAY (querydr, server to server)
    payment.refresh_from_db()
    assert payment.state == "paid" and payment.transaction_no
    assert ("query", "accepted", "paid") in callbacks(payment)
    assert actions_of(online) == ["submit", "record_payment"]
    event = payment.events.get(action="confirm")
    assert event.data["source"] == "query"
    # When the IPN does arrive at last, it is a repeat.
    assert site.release(payment.order_ref)["RspCode"] == "02"
