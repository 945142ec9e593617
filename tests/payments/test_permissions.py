"""Who may pay and who sees payments: only the dossier's online applicant starts an order, for
the amount the dossier owes; officers who may see the dossier see its payments; an officer of
another agency sees nothing; the gateways' endpoints change nothing without a valid message."""

from __future__ import annotations

import pytest

from dossiers import actions
from payments.models import Payment
from tests.conftest import make_user

URL = "/thanh-toan/ho-so/{}/"


@pytest.fixture
def binh(db):
    return make_user("046190009999", kind="citizen", citizen_id="046190009999", full_name="Trần Văn Bình")


def test_another_citizen_cannot_pay_for_lans_dossier(client, simulator, online, binh):
    client.force_login(binh)
    assert client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay"}).status_code == 404
    assert not Payment.objects.exists()


def test_officers_cannot_start_an_order(client, simulator, online, hoa):
    client.force_login(hoa)
    assert client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay"}).status_code == 404


def test_anonymous_is_sent_to_log_in(client, simulator, online):
    answer = client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay"})
    assert answer.status_code == 302 and "login" in answer["Location"]


def test_the_amount_comes_from_the_dossier_not_the_browser(client, simulator, online, lan):
    client.force_login(lan)
    answer = client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay", "amount": "1"})
    assert answer.status_code == 302 and "vnp_Amount=5000000" in answer["Location"]
    assert Payment.objects.get().amount == 50_000


def test_nothing_owed_nothing_to_pay(client, simulator, online, lan):
    client.force_login(lan)
    answer = client.post(URL.format(online.pk), {"purpose": "obligation", "gateway": "vnpay"}, follow=True)
    assert "không có khoản nào cần thanh toán" in answer.content.decode()
    assert not Payment.objects.exists()


def test_unknown_gateway_or_purpose_is_refused_kindly(client, simulator, online, lan):
    client.force_login(lan)
    for data in ({"purpose": "fees", "gateway": "paypal"}, {"purpose": "tip", "gateway": "vnpay"}, {}):
        answer = client.post(URL.format(online.pk), data, follow=True)
        assert answer.status_code == 200 and "Vui lòng chọn" in answer.content.decode()
    assert not Payment.objects.exists()


def test_a_pending_order_is_reused_and_another_gateway_waits(client, simulator, online, lan):
    client.force_login(lan)
    first = client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay"})["Location"]
    again = client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay"})["Location"]
    assert first == again and Payment.objects.count() == 1
    other = client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "dvcqg"}, follow=True)
    assert "chờ xác nhận" in other.content.decode() and Payment.objects.count() == 1


def test_a_gateway_that_cannot_be_reached_fails_the_order_with_a_message(client, settings, simulator, online, lan):
    settings.DVCQG_INIT_URL = "http://127.0.0.1:9/ppdvcqg/inittransaction"  # nothing listens there
    client.force_login(lan)
    answer = client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "dvcqg"}, follow=True)
    assert "Chưa kết nối được" in answer.content.decode()
    assert Payment.objects.get().state == "failed"


def test_officers_see_the_payments_on_the_dossier_page(client, simulator, online, lan, hoa, tu):
    client.force_login(lan)
    client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay"})
    ref = Payment.objects.get().order_ref
    client.force_login(hoa)
    page = client.get(f"/can-bo/ho-so/{online.pk}/")
    assert page.status_code == 200 and ref in page.content.decode() and "Chờ thanh toán" in page.content.decode()
    client.force_login(tu)
    assert client.get(f"/can-bo/ho-so/{online.pk}/").status_code == 404


def test_the_status_of_an_order_is_its_payers_only(client, simulator, online, lan, binh):
    client.force_login(lan)
    client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay"})
    payment = Payment.objects.get()
    assert client.get(f"/thanh-toan/giao-dich/{payment.pk}/trang-thai/").status_code == 200
    client.force_login(binh)
    assert client.get(f"/thanh-toan/giao-dich/{payment.pk}/trang-thai/").status_code == 404


def test_a_forged_return_is_shown_as_invalid_and_changes_nothing(client, simulator, online, lan):
    client.force_login(lan)
    client.post(URL.format(online.pk), {"purpose": "fees", "gateway": "vnpay"})
    payment = Payment.objects.get()
    answer = client.get("/thanh-toan/vnpay/tra-ve/", {"vnp_TxnRef": payment.order_ref, "vnp_ResponseCode": "00",
                                                      "vnp_TransactionStatus": "00", "vnp_SecureHash": "ab" * 64})
    assert answer.status_code == 400 and "không hợp lệ" in answer.content.decode()
    payment.refresh_from_db()
    assert payment.state == "pending"


@pytest.mark.parametrize("query", ["", "vnp_TxnRef=x", "vnp_SecureHash=%ff%fe", "vnp_Amount=-1&vnp_SecureHash=1"])
def test_garbage_at_the_ipn_is_answered_never_a_500(client, db, query):
    answer = client.get(f"/thanh-toan/vnpay/ipn/?{query}")
    assert answer.status_code == 200 and answer.json()["RspCode"] == "97"


@pytest.mark.parametrize("body", [b"", b"[]", b"{bad", b'{"MaThamChieu": "x"}'])
def test_garbage_at_the_national_platform_callback(client, db, body):
    answer = client.post("/thanh-toan/dvcqg/ket-qua/", body, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["MaLoi"] == "99"


def test_refusal_before_payment_leaves_nothing_to_pay(client, simulator, online, lan, hoa):
    actions.refuse(online, hoa, reason="Sai thủ tục")
    client.force_login(lan)
    page = client.get(f"/ho-so-cua-toi/{online.pk}/").content.decode()
    assert "Thanh toán trực tuyến 50.000" not in page
