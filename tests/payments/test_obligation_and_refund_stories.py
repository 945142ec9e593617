"""Stories beyond the fees: an officer's financial obligation paid online resumes the dossier
(the clock restarts), the national platform with its e-receipt, and a refund on refusal."""

from __future__ import annotations

import pytest

from dossiers import actions
from dossiers.models import DossierEvent
from dossiers.states import State
from payments.models import Obligation, Payment, PaymentCallback
from tests.conftest import run_tasks
from tests.payments.test_vnpay_stories import actions_of, at_gateway, start

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_obligation_paid_online_resumes_the_dossier(site, lan_browser, online, hoa):
    received = actions.receive(online, hoa).dossier
    due_before = received.due_at
    actions.request_payment(received, hoa, amount=200_000, reason="Lệ phí trước bạ")
    received.refresh_from_db()
    assert received.state == State.AWAITING_PAYMENT
    page = lan_browser.get(f"/ho-so-cua-toi/{online.pk}/").text
    assert "Lệ phí trước bạ" in page and "200.000" in page

    # Fees and obligation are two dues; she pays the obligation.
    pay_url = start(lan_browser, online, purpose="obligation")
    assert "vnp_Amount=20000000" in pay_url
    page = lan_browser.get(pay_url)
    assert page.status_code == 200
    ref = pay_url.split("vnp_TxnRef=")[1].split("&")[0]
    answer = lan_browser.http.post(pay_url.split("/paymentv2/")[0] + "/paymentv2/confirm",
                                   data={"ref": ref, "choice": "pay"})
    assert answer.status_code == 302

    received.refresh_from_db()
    assert received.state == State.RECEIVED and received.paused_at is None
    assert received.due_at >= due_before
    assert actions_of(online)[-2:] == ["record_payment", "resume"]
    resume = DossierEvent.objects.get(dossier=online, action="resume")
    assert resume.actor_name == "Cổng thanh toán VNPAY" and resume.data["paused_state"] == "awaiting_payment"
    payment = Payment.objects.get(dossier=online, purpose="obligation")
    assert payment.state == "paid" and payment.request_seq is not None
    # The fees are still owed; the obligation is not.
    page = lan_browser.get(f"/ho-so-cua-toi/{online.pk}/").text
    assert "Thanh toán trực tuyến 50.000" in page and "Thanh toán trực tuyến 200.000" not in page


def test_national_platform_with_its_receipt(site, lan_browser, online):
    back = at_gateway(lan_browser, start(lan_browser, online, gateway="dvcqg"))
    assert site.sent[-1][2]["MaLoi"] == "00"
    payment = Payment.objects.get(dossier=online)
    assert payment.state == "paid" and payment.gateway == "dvcqg"
    assert "Đã thanh toán" in lan_browser.get(back).text
    run_tasks()  # the receipt is fetched by the worker
    payment.refresh_from_db()
    assert payment.receipt_no == f"BL{payment.transaction_no}"
    assert list(payment.events.values_list("action", flat=True)) == ["start", "confirm", "record_receipt"]
    assert payment.receipt_no in lan_browser.get(f"/ho-so-cua-toi/{online.pk}/").text


def test_national_platform_rejects_a_wrong_currency(site, lan_browser, online):
    site.hold_results = True
    at_gateway(lan_browser, start(lan_browser, online, gateway="dvcqg"))
    (ref, (_, result)), = site.held.items()
    from payments.gateways import dvcqg

    dollars = {**result, "MaTienTe": "840"}
    dollars["MaXacThuc"] = dvcqg.checksum(dollars, dvcqg.RESULT_FIELDS, site.dvcqg_key)
    answer = lan_browser.http.post(f"{lan_browser.base}/thanh-toan/dvcqg/ket-qua/", json=dollars)
    assert answer.json()["MaLoi"] == "99"
    assert PaymentCallback.objects.filter(order_ref=ref, reason="wrong_currency", verdict="rejected").exists()
    assert Payment.objects.get(order_ref=ref).state == "pending"


def test_a_refused_dossier_gets_its_fees_back(site, lan_browser, online, hoa):
    at_gateway(lan_browser, start(lan_browser, online))
    payment = Payment.objects.get(dossier=online)
    assert payment.state == "paid"

    actions.refuse(online, hoa, reason="Không thuộc thẩm quyền giải quyết")
    run_tasks()  # the refund goes through VNPAY's refund API
    payment.refresh_from_db()
    assert payment.state == "refunded" and payment.refund_ref
    assert site.refunds == [payment.order_ref]
    assert list(payment.events.values_list("action", flat=True)) == ["start", "confirm", "request_refund", "refund"]
    assert actions_of(online)[-2:] == ["refuse", "record_refund"]
    assert Obligation.objects.get(dossier=online).paid_online_on is None
    assert "Đã hoàn tiền" in lan_browser.get(f"/ho-so-cua-toi/{online.pk}/").text


def test_a_payment_at_the_national_platform_is_refunded_by_hand(site, lan_browser, online, hoa, son):
    from django.core.management import call_command

    at_gateway(lan_browser, start(lan_browser, online, gateway="dvcqg"))
    actions.refuse(online, hoa, reason="Hồ sơ giả mạo")
    run_tasks()
    payment = Payment.objects.get(dossier=online)
    assert payment.state == "paid" and payment.refund_requested_at is not None  # owed, no refund API
    call_command("record_refund", payment.order_ref, reference="UNC-2026-0042", by="son")
    payment.refresh_from_db()
    assert payment.state == "refunded" and payment.refund_ref == "UNC-2026-0042"
    assert payment.events.last().actor_id == son.pk
