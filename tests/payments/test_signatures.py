"""Golden signature vectors: the VNPAY hash data and HMAC-SHA512 of docs/payments.md, and the
national platform's SHA-256 MaXacThuc, reproduced exactly by the adapters' functions (which the
simulator signs with too)."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl

from payments.gateways import dvcqg, vnpay

SECRET = "TESTSECRETKEY0123456789ABCDEFGHI"
IPN = {
    "vnp_Amount": "1806000", "vnp_BankCode": "NCB", "vnp_CardType": "ATM",
    "vnp_OrderInfo": "Thanh toan ho so H46.001-260101-0001", "vnp_PayDate": "20260101103000",
    "vnp_ResponseCode": "00", "vnp_TmnCode": "DEMOV210", "vnp_TransactionNo": "14226112",
    "vnp_TransactionStatus": "00", "vnp_TxnRef": "H46.001-260101-0001",
}
HASH_DATA = ("vnp_Amount=1806000&vnp_BankCode=NCB&vnp_CardType=ATM&vnp_OrderInfo=Thanh+toan+ho+so+H46.001-260101-0001"
             "&vnp_PayDate=20260101103000&vnp_ResponseCode=00&vnp_TmnCode=DEMOV210&vnp_TransactionNo=14226112"
             "&vnp_TransactionStatus=00&vnp_TxnRef=H46.001-260101-0001")
GOLDEN = ("ffd45bc9963e96cd6267dfce3e36d190dc9cde8bc4d9eb316ac658c7289d101e750eea83d70f007e39a1ab4b13fc213d"
          "d262d9493183605ec83064fcafbe1c64")


def test_the_vnpay_golden_vector():
    assert vnpay.hash_data(IPN) == HASH_DATA
    assert vnpay.sign(IPN, SECRET) == GOLDEN


def test_the_hash_ignores_the_hash_fields_and_the_order_of_parameters():
    shuffled = dict(reversed(list({**IPN, "vnp_SecureHash": "x", "vnp_SecureHashType": "HmacSHA512"}.items())))
    assert vnpay.sign(shuffled, SECRET) == GOLDEN
    assert vnpay.signature_ok({**IPN, "vnp_SecureHash": GOLDEN.upper()}, SECRET)


def test_any_change_breaks_the_signature():
    assert not vnpay.signature_ok({**IPN, "vnp_SecureHash": GOLDEN, "vnp_Amount": "1806100"}, SECRET)
    assert not vnpay.signature_ok({**IPN, "vnp_SecureHash": GOLDEN}, SECRET + "x")
    assert not vnpay.signature_ok(IPN, SECRET)  # unsigned


def test_values_are_quoted_with_quote_plus_in_utf8():
    params = {"vnp_OrderInfo": "Lệ phí & phí/hồ sơ", "vnp_Amount": "100"}
    expected = "vnp_Amount=100&vnp_OrderInfo=L%E1%BB%87+ph%C3%AD+%26+ph%C3%AD%2Fh%E1%BB%93+s%C6%A1"
    assert vnpay.hash_data(params) == expected


def test_a_pay_url_carries_its_own_valid_signature(settings, online):
    from payments.models import Payment

    settings.VNPAY_TMN_CODE, settings.VNPAY_HASH_SECRET = "DEMOV210", SECRET
    settings.VNPAY_PAY_URL = "http://127.0.0.1:9/paymentv2/vpcpay.html"
    from datetime import datetime
    from zoneinfo import ZoneInfo

    created = datetime(2026, 1, 1, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    payment = Payment(dossier=online, amount=50_000, order_ref="HS1-TT1", created_at=created,
                      expires_at=created.replace(minute=15))
    url = vnpay.VNPAY.begin(payment, return_url="http://127.0.0.1:8000/thanh-toan/vnpay/tra-ve/",
                            client_ip="203.0.113.9")
    params = dict(parse_qsl(url.split("?", 1)[1]))
    assert params["vnp_Amount"] == "5000000"  # VND × 100
    assert params["vnp_CreateDate"] == "20260101100000" and params["vnp_ExpireDate"] == "20260101101500"
    assert params["vnp_Version"] == "2.1.0" and "vnp_SecureHashType" not in params
    assert vnpay.signature_ok(params, SECRET)


def test_the_national_platform_checksum_is_sha256_of_the_fields_and_the_key():
    result = {"LoaiBanTin": "KetQuaGD", "MaLoi": "00", "MaDoiTac": "000.00.00.H57", "MaThamChieu": "HS7-TT1",
              "SoTien": "50000", "MaTienTe": "704", "MaGiaoDich": "14226113", "MaNganHang": "VCB",
              "ThoiGianGD": "20260101103000", "ThongTinGiaoDich": "Thanh toan ho so 7"}
    text = "KetQuaGD|00|000.00.00.H57|HS7-TT1|50000|704|14226113|VCB|20260101103000|Thanh toan ho so 7|khoa"
    expected = "b9c940e454e96e9c9f5f52b9b2fbc305b1a02d73c248789b246b3aeb88b9bf4a"  # golden: computed once, pinned
    assert hashlib.sha256(text.encode()).hexdigest() == expected
    assert dvcqg.checksum(result, dvcqg.RESULT_FIELDS, "khoa") == expected
    assert dvcqg.checksum_ok({**result, "MaXacThuc": expected}, dvcqg.RESULT_FIELDS, "khoa")
    assert not dvcqg.checksum_ok({**result, "SoTien": "5000", "MaXacThuc": expected}, dvcqg.RESULT_FIELDS, "khoa")
