"""The national payment platform of the National Public Service Portal (Nền tảng thanh toán
trực tuyến, Cổng Dịch vụ công quốc gia), as provinces integrate it in practice.

Every message carries MaXacThuc: the hex SHA-256 (not an HMAC) of the message's fields joined
with "|" in a fixed order, ending with the partner's hash key. The field orders:

- init (our server asks for a payment address): LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|
  SoTien|LoaiHinhThanhToan|MaKenhThanhToan|MaThietBi|NgonNgu|MaTienTe|MaNganHang|
  ThongTinGiaoDich|ThoiGianGD|IP|key;
- result (the platform's server tells ours): LoaiBanTin|MaLoi|MaDoiTac|MaThamChieu|SoTien|
  MaTienTe|MaGiaoDich|MaNganHang|ThoiGianGD|ThongTinGiaoDich|key; MaLoi "00" is paid;
- receipt and query: LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|ThoiGianGD|key.

Our answer to a result: {MaLoi "00" or "99", MoTaLoi, MaDoiTac, MaThamChieu, ThoiGianGD,
MaXacThuc}. The codes of LoaiBanTin, the answer's own MaXacThuc order, the query message and
the currency code 704 follow provincial integrations, not a published specification
[verify against the platform's integration document before going live]. The platform offers
no refund interface here: refunds are made by the collecting agency and recorded by hand.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from payments.gateways import FAILED, NOT_FOUND, PAID, PENDING, Adapter, BadSignature, GatewayError, Result
from payments.gateways.http import post_json
from payments.gateways.vnpay import order_info, parse_stamp, stamp
from payments.models import Payment

VERSION = "1.0.0"
CURRENCY = "704"  # ISO 4217 numeric code of the Vietnamese đồng
INIT_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien", "LoaiHinhThanhToan", "MaKenhThanhToan",
               "MaThietBi", "NgonNgu", "MaTienTe", "MaNganHang", "ThongTinGiaoDich", "ThoiGianGD", "IP")
RESULT_FIELDS = ("LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "SoTien", "MaTienTe", "MaGiaoDich", "MaNganHang",
                 "ThoiGianGD", "ThongTinGiaoDich")
RECEIPT_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
REPLY_FIELDS = ("MaLoi", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
REPLIES = {
    "ok": ("00", "Thành công"), "already": ("00", "Giao dịch đã được xác nhận trước đó"),
    "not_found": ("99", "Không tìm thấy giao dịch"), "bad_amount": ("99", "Số tiền hoặc loại tiền không khớp"),
    "bad_signature": ("99", "Sai mã xác thực"), "error": ("99", "Lỗi không xác định"),
}


def checksum(values: dict, order: tuple[str, ...], key: str) -> str:
    text = "|".join([*(str(values.get(name, "")) for name in order), key])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checksum_ok(values: dict, order: tuple[str, ...], key: str) -> bool:
    given = str(values.get("MaXacThuc", ""))
    return bool(given) and hmac.compare_digest(checksum(values, order, key).encode(), given.lower().encode())


def _amount(raw) -> int | None:
    text = str(raw if raw is not None else "")
    return int(text) if text.isdigit() else None


class Dvcqg(Adapter):
    code = "dvcqg"
    name = "Cổng Dịch vụ công quốc gia"
    currency = CURRENCY

    def configured(self) -> bool:
        return bool(settings.DVCQG_PARTNER_CODE and settings.DVCQG_HASH_KEY and settings.DVCQG_INIT_URL)

    @property
    def terminal(self) -> str:
        return settings.DVCQG_PARTNER_CODE

    def begin(self, payment: Payment, *, return_url: str, client_ip: str) -> str:
        body = {
            "LoaiBanTin": "KhoiTaoGD", "PhienBan": VERSION, "MaDoiTac": self.terminal,
            "MaThamChieu": payment.order_ref, "SoTien": payment.amount, "LoaiHinhThanhToan": "PAY",
            "MaKenhThanhToan": "1", "MaThietBi": "1", "NgonNgu": "vi", "MaTienTe": CURRENCY, "MaNganHang": "",
            "ThongTinGiaoDich": order_info(payment), "ThoiGianGD": stamp(payment.created_at),
            "IP": client_ip or "127.0.0.1", "UrlTraVe": return_url,
        }
        body["MaXacThuc"] = checksum(body, INIT_FIELDS, settings.DVCQG_HASH_KEY)
        answer = post_json(settings.DVCQG_INIT_URL, body)
        if str(answer.get("MaLoi")) != "00" or not str(answer.get("UrlThanhToan", "")).startswith(("http://",
                                                                                                 "https://")):
            raise GatewayError(f"national platform refused the order: {answer.get('MoTaLoi', '')}")
        return str(answer["UrlThanhToan"])

    def read_callback(self, data: dict) -> Result:
        if not checksum_ok(data, RESULT_FIELDS, settings.DVCQG_HASH_KEY):
            raise BadSignature
        code = str(data.get("MaLoi", ""))
        return Result(
            order_ref=str(data.get("MaThamChieu", "")), outcome=PAID if code == "00" else FAILED,
            amount=_amount(data.get("SoTien")), currency=str(data.get("MaTienTe", "")),
            terminal=str(data.get("MaDoiTac", "")), transaction_no=str(data.get("MaGiaoDich", ""))[:60],
            bank_code=str(data.get("MaNganHang", ""))[:30], response_code=code[:10],
            paid_at=parse_stamp(str(data.get("ThoiGianGD", ""))), raw=data,
        )

    def reply(self, verdict: str, data: dict) -> dict:
        code, message = REPLIES[verdict]
        answer = {"MaLoi": code, "MoTaLoi": message, "MaDoiTac": self.terminal,
                  "MaThamChieu": str(data.get("MaThamChieu", ""))[:100], "ThoiGianGD": stamp(timezone.now())}
        answer["MaXacThuc"] = checksum(answer, REPLY_FIELDS, settings.DVCQG_HASH_KEY)
        return answer

    def _signed(self, kind: str, payment: Payment) -> dict:
        body = {"LoaiBanTin": kind, "PhienBan": VERSION, "MaDoiTac": self.terminal, "MaThamChieu": payment.order_ref,
                "ThoiGianGD": stamp(timezone.now())}
        body["MaXacThuc"] = checksum(body, RECEIPT_FIELDS, settings.DVCQG_HASH_KEY)
        return body

    def query(self, payment: Payment) -> Result:
        answer = post_json(settings.DVCQG_QUERY_URL, self._signed("TruyVanGD", payment))
        code = str(answer.get("MaLoi", ""))
        if code == "03":
            return Result(payment.order_ref, NOT_FOUND, terminal=str(answer.get("MaDoiTac", "")), raw=answer)
        try:
            found = self.read_callback(answer)
        except BadSignature:
            raise GatewayError("the national platform's answer is not signed with our key") from None
        if found.order_ref != payment.order_ref:
            raise GatewayError("the national platform answered about another order")
        if code == "01":
            found.outcome = PENDING
        return found

    def receipt(self, payment: Payment) -> str:
        if not settings.DVCQG_RECEIPT_URL:
            return ""
        answer = post_json(settings.DVCQG_RECEIPT_URL, self._signed("BienLai", payment))
        if str(answer.get("MaLoi")) != "00":
            return ""
        return str(answer.get("SoBienLai", ""))[:60]


DVCQG = Dvcqg()
