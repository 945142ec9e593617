"""VNPAY, payment API version 2.1.0.

- Pay: the browser goes to the pay URL with the vnp_* parameters and vnp_SecureHash.
  vnp_Amount is the amount in VND × 100; vnp_CreateDate and vnp_ExpireDate are
  yyyyMMddHHmmss in Vietnam's time (GMT+7); vnp_OrderInfo without diacritics.
- Hash: every vnp_* parameter except vnp_SecureHash and vnp_SecureHashType, sorted by name,
  joined `name=quote_plus(value)` with `&` (UTF-8, space → "+"), then hex HMAC-SHA512 with
  the merchant's secret; the same for the pay URL, the return URL and the IPN. 2.1.0 sends no
  vnp_SecureHashType.
- IPN (a GET from VNPAY's server, same parameters as the return): the only message that
  settles an order; paid only when vnp_ResponseCode and vnp_TransactionStatus are both "00".
  The answer is JSON {"RspCode", "Message"}: 00 confirmed (also when a failure is recorded),
  01 order not found, 02 order already confirmed, 04 invalid amount, 97 invalid signature,
  99 unknown error.
- querydr and refund: JSON POSTed to the merchant API, signed with HMAC-SHA512 over the
  fields joined with "|" in a fixed order, answered the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from payments.gateways import (
    CANCELLED,
    EXPIRED,
    FAILED,
    NOT_FOUND,
    PAID,
    PENDING,
    REFUNDED,
    Adapter,
    BadSignature,
    GatewayError,
    ManualRefund,
    Result,
)
from payments.gateways.http import post_json
from payments.models import Payment

VERSION = "2.1.0"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
EXCLUDED = ("vnp_SecureHash", "vnp_SecureHashType")
QUERY_FIELDS = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate",
                "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")
QUERY_ANSWER_FIELDS = ("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
                       "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
                       "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode",
                       "vnp_PromotionAmount")
REFUND_FIELDS = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TransactionType", "vnp_TxnRef",
                 "vnp_Amount", "vnp_TransactionNo", "vnp_TransactionDate", "vnp_CreateBy", "vnp_CreateDate",
                 "vnp_IpAddr", "vnp_OrderInfo")
REFUND_ANSWER_FIELDS = QUERY_ANSWER_FIELDS[:13]
# IPN answers (VNPAY's merchant integration guide).
REPLIES = {
    "ok": ("00", "Confirm Success"), "not_found": ("01", "Order not found"),
    "already": ("02", "Order already confirmed"), "bad_amount": ("04", "invalid amount"),
    "bad_signature": ("97", "Invalid Signature"), "error": ("99", "Unknown error"),
}


def hash_data(params: dict) -> str:
    """The signed text: the vnp_* parameters, sorted, `name=quote_plus(value)`, joined with &."""
    return "&".join(f"{key}={quote_plus(str(params[key]))}" for key in sorted(params)
                    if key.startswith("vnp_") and key not in EXCLUDED)


def hmac_sha512(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode("utf-8"), hashlib.sha512).hexdigest()


def sign(params: dict, secret: str) -> str:
    return hmac_sha512(secret, hash_data(params))


def signature_ok(params: dict, secret: str) -> bool:
    given = str(params.get("vnp_SecureHash", ""))
    return bool(given) and hmac.compare_digest(sign(params, secret).encode(), given.lower().encode())


def pipe_sign(values: dict, order: tuple[str, ...], secret: str) -> str:
    return hmac_sha512(secret, "|".join(str(values.get(key, "")) for key in order))


def pipe_ok(values: dict, order: tuple[str, ...], secret: str) -> bool:
    given = str(values.get("vnp_SecureHash", ""))
    return bool(given) and hmac.compare_digest(pipe_sign(values, order, secret).encode(), given.lower().encode())


def stamp(moment: datetime) -> str:
    """yyyyMMddHHmmss in Vietnam's time, as every VNPAY date."""
    return moment.astimezone(VN).strftime("%Y%m%d%H%M%S")


def parse_stamp(raw: str) -> datetime | None:
    try:
        return datetime.strptime(raw, "%Y%m%d%H%M%S").replace(tzinfo=VN)
    except (TypeError, ValueError):
        return None


def order_info(payment: Payment) -> str:
    # VNPAY asks for Vietnamese without diacritics; the dossier code or number is enough.
    return f"Thanh toan ho so {payment.dossier.code or payment.dossier_id}"


def _amount(raw) -> int | None:
    text = str(raw or "")
    if not text.isdigit() or int(text) % 100:
        return None
    return int(text) // 100


def _outcome(response_code: str, status: str) -> str:
    if response_code == "00" and status == "00":
        return PAID
    if response_code == "24":  # the customer cancelled at the gateway
        return CANCELLED
    if response_code == "11":  # the payment window timed out
        return EXPIRED
    return FAILED


class Vnpay(Adapter):
    code = "vnpay"
    name = "VNPAY"

    def configured(self) -> bool:
        return bool(settings.VNPAY_TMN_CODE and settings.VNPAY_HASH_SECRET and settings.VNPAY_PAY_URL)

    @property
    def terminal(self) -> str:
        return settings.VNPAY_TMN_CODE

    def pay_params(self, payment: Payment, *, return_url: str, client_ip: str) -> dict:
        return {
            "vnp_Version": VERSION, "vnp_Command": "pay", "vnp_TmnCode": self.terminal,
            "vnp_Amount": str(payment.amount * 100), "vnp_CurrCode": "VND", "vnp_TxnRef": payment.order_ref,
            "vnp_OrderInfo": order_info(payment), "vnp_OrderType": "other", "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url, "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": stamp(payment.created_at), "vnp_ExpireDate": stamp(payment.expires_at),
        }

    def begin(self, payment: Payment, *, return_url: str, client_ip: str) -> str:
        params = self.pay_params(payment, return_url=return_url, client_ip=client_ip)
        signed = hash_data(params)
        return f"{settings.VNPAY_PAY_URL}?{signed}&vnp_SecureHash={sign(params, settings.VNPAY_HASH_SECRET)}"

    def read_callback(self, data: dict) -> Result:
        if not signature_ok(data, settings.VNPAY_HASH_SECRET):
            raise BadSignature
        response, status = str(data.get("vnp_ResponseCode", "")), str(data.get("vnp_TransactionStatus", ""))
        return Result(
            order_ref=str(data.get("vnp_TxnRef", "")), outcome=_outcome(response, status),
            amount=_amount(data.get("vnp_Amount")), terminal=str(data.get("vnp_TmnCode", "")),
            transaction_no=str(data.get("vnp_TransactionNo", ""))[:60],
            bank_code=str(data.get("vnp_BankCode", ""))[:30],
            response_code=response[:10], paid_at=parse_stamp(str(data.get("vnp_PayDate", ""))), raw=data,
        )

    def reply(self, verdict: str, data: dict) -> dict:
        code, message = REPLIES[verdict]
        return {"RspCode": code, "Message": message}

    def _call(self, body: dict, order: tuple[str, ...], answer_order: tuple[str, ...]) -> dict:
        body["vnp_SecureHash"] = pipe_sign(body, order, settings.VNPAY_HASH_SECRET)
        answer = post_json(settings.VNPAY_API_URL, body)
        if not pipe_ok(answer, answer_order, settings.VNPAY_HASH_SECRET):
            raise GatewayError("VNPAY's answer is not signed with our secret")
        if answer.get("vnp_TxnRef") not in (None, "", body["vnp_TxnRef"]):
            raise GatewayError("VNPAY answered about another order")
        return answer

    def _base(self, command: str, payment: Payment) -> dict:
        return {"vnp_RequestId": secrets.token_hex(16), "vnp_Version": VERSION, "vnp_Command": command,
                "vnp_TmnCode": self.terminal, "vnp_TxnRef": payment.order_ref,
                "vnp_TransactionDate": stamp(payment.created_at), "vnp_CreateDate": stamp(timezone.now()),
                "vnp_IpAddr": settings.PAYMENT_SERVER_IP, "vnp_OrderInfo": order_info(payment)}

    def query(self, payment: Payment) -> Result:
        answer = self._call(self._base("querydr", payment), QUERY_FIELDS, QUERY_ANSWER_FIELDS)
        code = str(answer.get("vnp_ResponseCode", ""))
        if code == "91":  # no such transaction at VNPAY: the citizen never reached the payment
            return Result(payment.order_ref, NOT_FOUND, terminal=str(answer.get("vnp_TmnCode", "")), raw=answer)
        if code != "00":
            raise GatewayError(f"VNPAY querydr answered {code}: {answer.get('vnp_Message', '')}")
        status = str(answer.get("vnp_TransactionStatus", ""))
        # 05/06: a refund is being made or was made (the order was paid, then refunded).
        outcome = {"00": PAID, "01": PENDING, "02": FAILED, "05": REFUNDED, "06": REFUNDED}.get(status, FAILED)
        return Result(payment.order_ref, outcome, amount=_amount(answer.get("vnp_Amount")),
                      terminal=str(answer.get("vnp_TmnCode", "")),
                      transaction_no=str(answer.get("vnp_TransactionNo", ""))[:60],
                      bank_code=str(answer.get("vnp_BankCode", ""))[:30], response_code=status[:10],
                      paid_at=parse_stamp(str(answer.get("vnp_PayDate", ""))), raw=answer)

    def refund(self, payment: Payment, reason: str) -> str:
        body = self._base("refund", payment)
        body.update({"vnp_TransactionType": "02", "vnp_Amount": str(payment.amount * 100),
                     "vnp_TransactionNo": payment.transaction_no, "vnp_CreateBy": "motcua"})
        answer = self._call(body, REFUND_FIELDS, REFUND_ANSWER_FIELDS)
        code = str(answer.get("vnp_ResponseCode", ""))
        # 94: a refund of this order was already asked for (a retry after a crash): it stands.
        if code not in ("00", "94"):
            raise GatewayError(f"VNPAY refund answered {code}: {answer.get('vnp_Message', '')}")
        return str(answer.get("vnp_TransactionNo") or payment.transaction_no)[:60]


VNPAY = Vnpay()
__all__ = ["VNPAY", "ManualRefund", "hash_data", "sign", "signature_ok"]
