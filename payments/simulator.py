"""A local stand-in for the payment gateways, speaking their protocols over real HTTP on
loopback: VNPAY 2.1.0 (pay page, return, IPN, querydr, refund) and the national payment
platform (init, pay page, result callback, query, receipt). It signs with the same functions
as the adapters (payments/gateways/), so a golden vector that holds for one holds for both.

The tests start one per test (tests/payments/); `make run` starts one beside the development
server (`manage.py devserver`), and `manage.py payment_simulator` runs one alone. It keeps
its orders in memory and never reaches the network beyond the addresses it is given.

Knobs for the stories: `hold_results` keeps the server-to-server result instead of sending it
(the browser returns first; `release(ref)` sends it later, or never: a return without IPN);
`amount_delta` adds to the amount of every result sent (an amount mismatch); `sent` records
each result delivered and the merchant's reply.
"""

from __future__ import annotations

import html
import json
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from payments.gateways import dvcqg, vnpay


@dataclass
class Order:
    gateway: str
    ref: str
    amount: int  # VND
    info: str
    return_url: str
    created: str
    status: str = "open"  # open, paid, cancelled, refunded
    transaction_no: str = ""
    paid_at: str = ""
    result: dict = field(default_factory=dict)


class GatewaySimulator:
    def __init__(self, *, vnpay_tmn: str, vnpay_secret: str, vnpay_ipn_url: str = "", dvcqg_partner: str = "",
                 dvcqg_key: str = "", dvcqg_result_url: str = "", host: str = "127.0.0.1", port: int = 0):
        self.vnpay_tmn, self.vnpay_secret, self.vnpay_ipn_url = vnpay_tmn, vnpay_secret, vnpay_ipn_url
        self.dvcqg_partner, self.dvcqg_key, self.dvcqg_result_url = dvcqg_partner, dvcqg_key, dvcqg_result_url
        self.orders: dict[str, Order] = {}
        self.hold_results = False
        self.amount_delta = 0
        self.held: dict[str, tuple[str, dict]] = {}
        self.sent: list[tuple[str, dict, dict]] = []  # (ref, result sent, merchant's reply)
        self.refunds: list[str] = []
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request
        self._lock = threading.Lock()
        self._next_transaction = 14226112
        self.server = ThreadingHTTPServer((host, port), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, name="payment-simulator", daemon=True)

    # --- life ---------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> GatewaySimulator:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> GatewaySimulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- VNPAY --------------------------------------------------------------------------------
    def vnpay_pay_page(self, query: dict) -> tuple[int, str]:
        if not vnpay.signature_ok(query, self.vnpay_secret):
            return 400, _page("Giao dịch không hợp lệ", "<p>Sai chữ ký (mã lỗi 70).</p>")
        if query.get("vnp_TmnCode") != self.vnpay_tmn or query.get("vnp_Version") != vnpay.VERSION:
            return 400, _page("Giao dịch không hợp lệ", "<p>Website không được phép thanh toán (mã lỗi 71).</p>")
        amount = str(query.get("vnp_Amount", ""))
        if not amount.isdigit() or int(amount) % 100 or int(amount) <= 0:
            return 400, _page("Giao dịch không hợp lệ", "<p>Số tiền không hợp lệ.</p>")
        expires = vnpay.parse_stamp(str(query.get("vnp_ExpireDate", "")))
        if expires is None or expires <= datetime.now(vnpay.VN):
            return 400, _page("Giao dịch đã quá hạn", "<p>Giao dịch đã quá thời gian chờ thanh toán (mã lỗi 11).</p>")
        ref = str(query["vnp_TxnRef"])
        with self._lock:
            order = self.orders.get(ref)
            if order is None:
                order = self.orders[ref] = Order("vnpay", ref, int(amount) // 100, str(query.get("vnp_OrderInfo", "")),
                                                 str(query.get("vnp_ReturnUrl", "")), str(query["vnp_CreateDate"]))
        if order.status != "open":
            return 200, _page("Giao dịch đã kết thúc", "<p>Giao dịch này đã được xử lý.</p>")
        return 200, _pay_form("VNPAY", order, "/paymentv2/confirm")

    def vnpay_result(self, order: Order, *, paid: bool) -> dict:
        params = {
            "vnp_Amount": str((order.amount + self.amount_delta) * 100), "vnp_BankCode": "NCB",
            "vnp_BankTranNo": f"VNP{order.transaction_no}" if paid else "", "vnp_CardType": "ATM",
            "vnp_OrderInfo": order.info, "vnp_PayDate": order.paid_at, "vnp_ResponseCode": "00" if paid else "24",
            "vnp_TmnCode": self.vnpay_tmn, "vnp_TransactionNo": order.transaction_no if paid else "0",
            "vnp_TransactionStatus": "00" if paid else "02", "vnp_TxnRef": order.ref,
        }
        params["vnp_SecureHash"] = vnpay.sign(params, self.vnpay_secret)
        return params

    def vnpay_api(self, body: dict) -> dict:
        command = body.get("vnp_Command")
        order_fields = vnpay.QUERY_FIELDS if command == "querydr" else vnpay.REFUND_FIELDS
        base = {"vnp_ResponseId": "sim" + str(body.get("vnp_RequestId", ""))[:20], "vnp_Command": command,
                "vnp_TmnCode": self.vnpay_tmn, "vnp_TxnRef": body.get("vnp_TxnRef", "")}
        if command not in ("querydr", "refund") or not vnpay.pipe_ok(body, order_fields, self.vnpay_secret):
            answer = {**base, "vnp_ResponseCode": "97", "vnp_Message": "Invalid Checksum"}
        elif body.get("vnp_TmnCode") != self.vnpay_tmn:
            answer = {**base, "vnp_ResponseCode": "02", "vnp_Message": "Merchant is not valid"}
        else:
            with self._lock:
                order = self.orders.get(str(body.get("vnp_TxnRef")))
                answer = self._vnpay_answer(command, order, base, body)
        fields = vnpay.QUERY_ANSWER_FIELDS if command == "querydr" else vnpay.REFUND_ANSWER_FIELDS
        answer["vnp_SecureHash"] = vnpay.pipe_sign(answer, fields, self.vnpay_secret)
        return answer

    def _vnpay_answer(self, command: str, order: Order | None, base: dict, body: dict) -> dict:
        if order is None or order.gateway != "vnpay":
            return {**base, "vnp_ResponseCode": "91", "vnp_Message": "Not found transaction"}
        status = {"open": "01", "paid": "00", "cancelled": "02", "refunded": "06"}[order.status]
        if command == "refund":
            if order.status == "refunded":
                return {**self._vnpay_state(order, base, status), "vnp_ResponseCode": "94",
                        "vnp_Message": "Duplicate request", "vnp_TransactionType": "02"}
            if order.status != "paid" or str(body.get("vnp_Amount")) != str(order.amount * 100):
                return {**base, "vnp_ResponseCode": "02", "vnp_Message": "Refund not allowed"}
            order.status, status = "refunded", "06"
            self.refunds.append(order.ref)
        return {**self._vnpay_state(order, base, status), "vnp_ResponseCode": "00",
                "vnp_Message": "Success", "vnp_TransactionType": "02" if command == "refund" else "01"}

    @staticmethod
    def _vnpay_state(order: Order, base: dict, status: str) -> dict:
        return {**base, "vnp_Amount": str(order.amount * 100), "vnp_BankCode": "NCB", "vnp_PayDate": order.paid_at,
                "vnp_TransactionNo": order.transaction_no, "vnp_TransactionStatus": status,
                "vnp_OrderInfo": order.info, "vnp_PromotionCode": "", "vnp_PromotionAmount": ""}

    # --- the national platform ----------------------------------------------------------------
    def dvcqg_init(self, body: dict) -> dict:
        if not dvcqg.checksum_ok(body, dvcqg.INIT_FIELDS, self.dvcqg_key) or body.get("MaDoiTac") != self.dvcqg_partner:
            return {"MaLoi": "99", "MoTaLoi": "Sai mã xác thực"}
        if str(body.get("MaTienTe")) != dvcqg.CURRENCY or not str(body.get("SoTien", "")).isdigit():
            return {"MaLoi": "99", "MoTaLoi": "Số tiền hoặc loại tiền không hợp lệ"}
        ref = str(body["MaThamChieu"])
        with self._lock:
            self.orders.setdefault(ref, Order("dvcqg", ref, int(body["SoTien"]), str(body.get("ThongTinGiaoDich", "")),
                                              str(body.get("UrlTraVe", "")), str(body.get("ThoiGianGD", ""))))
        return {"MaLoi": "00", "MoTaLoi": "Thành công", "MaThamChieu": ref,
                "UrlThanhToan": f"{self.url}/ppdvcqg/thanhtoan?{urllib.parse.urlencode({'ref': ref})}"}

    def dvcqg_result(self, order: Order, *, paid: bool) -> dict:
        fields = {"LoaiBanTin": "KetQuaGD", "MaLoi": "00" if paid else "01", "MaDoiTac": self.dvcqg_partner,
                  "MaThamChieu": order.ref, "SoTien": str(order.amount + self.amount_delta),
                  "MaTienTe": dvcqg.CURRENCY, "MaGiaoDich": order.transaction_no if paid else "",
                  "MaNganHang": "VCB", "ThoiGianGD": order.paid_at, "ThongTinGiaoDich": order.info}
        fields["MaXacThuc"] = dvcqg.checksum(fields, dvcqg.RESULT_FIELDS, self.dvcqg_key)
        return fields

    def dvcqg_query(self, body: dict, kind: str) -> dict:
        signed = dvcqg.checksum_ok(body, dvcqg.RECEIPT_FIELDS, self.dvcqg_key)
        if not signed or body.get("MaDoiTac") != self.dvcqg_partner:
            return {"MaLoi": "99", "MoTaLoi": "Sai mã xác thực"}
        with self._lock:
            order = self.orders.get(str(body.get("MaThamChieu")))
        if order is None or order.gateway != "dvcqg":
            return {"MaLoi": "03", "MoTaLoi": "Không tìm thấy giao dịch", "MaDoiTac": self.dvcqg_partner}
        if kind == "receipt":
            if order.status != "paid":
                return {"MaLoi": "99", "MoTaLoi": "Giao dịch chưa thanh toán"}
            return {"MaLoi": "00", "MoTaLoi": "Thành công", "MaThamChieu": order.ref,
                    "SoBienLai": f"BL{order.transaction_no}"}
        answer = self.dvcqg_result(order, paid=order.status in ("paid", "refunded"))
        answer["SoTien"] = str(order.amount)
        code = {"open": "01", "paid": "00", "cancelled": "02", "refunded": "00"}[order.status]
        answer["MaLoi"] = code
        answer["MaXacThuc"] = dvcqg.checksum(answer, dvcqg.RESULT_FIELDS, self.dvcqg_key)
        return answer

    # --- the customer at the pay page, and the results ----------------------------------------
    def confirm(self, ref: str, *, pay: bool) -> str | None:
        """The customer pays or cancels: the result goes to the merchant's server (unless held),
        and the browser is sent back to the return address (returned)."""
        with self._lock:
            order = self.orders.get(ref)
            if order is None or order.status != "open":
                return None
            order.status = "paid" if pay else "cancelled"
            if pay:
                self._next_transaction += 1
                order.transaction_no = str(self._next_transaction)
            order.paid_at = datetime.now(vnpay.VN).strftime("%Y%m%d%H%M%S")
        result = self.vnpay_result(order, paid=pay) if order.gateway == "vnpay" else self.dvcqg_result(order, paid=pay)
        order.result = result
        if self.hold_results:
            self.held[ref] = (order.gateway, result)
        else:
            self.deliver(ref, order.gateway, result)
        return f"{order.return_url}{'&' if '?' in order.return_url else '?'}{urllib.parse.urlencode(result)}"

    def release(self, ref: str) -> dict:
        gateway, result = self.held.pop(ref)
        return self.deliver(ref, gateway, result)

    def deliver(self, ref: str, gateway: str, result: dict) -> dict:
        """Send a server-to-server result as the gateway does: VNPAY's IPN is a GET with the
        parameters, the national platform's result a POST of JSON. The merchant's reply."""
        try:
            if gateway == "vnpay":
                request = urllib.request.Request(  # noqa: S310 (the merchant's address, http)
                    f"{self.vnpay_ipn_url}?{urllib.parse.urlencode(result)}")
            else:
                request = urllib.request.Request(self.dvcqg_result_url, data=json.dumps(result).encode(),  # noqa: S310
                                                 headers={"Content-Type": "application/json"}, method="POST")
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 (loopback, the merchant)
                reply = json.loads(response.read() or b"{}")
        except (OSError, ValueError) as exc:
            reply = {"error": str(exc)}
        self.sent.append((ref, result, reply))
        return reply


def _page(title: str, body: str) -> str:
    return ("<!doctype html><html lang=vi><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)}</title></head><body><main><h1>{html.escape(title)}</h1>{body}</main>"
            "</body></html>")


def _pay_form(gateway: str, order: Order, action: str) -> str:
    amount = f"{order.amount:,}".replace(",", ".")
    ref = html.escape(order.ref)
    return _page(f"Cổng thanh toán {gateway} (mô phỏng)", (
        f"<p>Mã giao dịch: <strong>{ref}</strong></p><p>Nội dung: {html.escape(order.info)}</p>"
        f"<p>Số tiền: <strong>{amount} đ</strong></p><p>Ngân hàng: NCB (thẻ nội địa thử nghiệm)</p>"
        f"<form method=post action='{action}'><input type=hidden name=ref value='{ref}'>"
        "<button name=choice value=pay>Xác nhận thanh toán</button> "
        "<button name=choice value=cancel>Hủy giao dịch</button></form>"))


def _handler(sim: GatewaySimulator):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            path, _, raw = self.path.partition("?")
            sim.requests.append(("GET", path))
            query = dict(urllib.parse.parse_qsl(raw, keep_blank_values=True))
            if path == "/paymentv2/vpcpay.html":
                return self._html(*sim.vnpay_pay_page(query))
            if path == "/ppdvcqg/thanhtoan":
                order = sim.orders.get(query.get("ref", ""))
                if order is None or order.status != "open":
                    return self._html(404, _page("Không tìm thấy giao dịch", ""))
                return self._html(200, _pay_form("Cổng Dịch vụ công quốc gia", order, "/ppdvcqg/confirm"))
            return self._html(404, _page("Không tìm thấy", ""))

        def do_POST(self):  # noqa: N802
            sim.requests.append(("POST", self.path))
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path in ("/paymentv2/confirm", "/ppdvcqg/confirm"):
                form = dict(urllib.parse.parse_qsl(raw.decode()))
                back = sim.confirm(form.get("ref", ""), pay=form.get("choice") == "pay")
                if back is None:
                    return self._html(409, _page("Giao dịch đã kết thúc", ""))
                self.send_response(302)
                self.send_header("Location", back)
                self.send_header("Content-Length", "0")
                return self.end_headers()
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {}
            if not isinstance(body, dict):
                body = {}
            answer = {
                "/merchant_webapi/api/transaction": lambda: sim.vnpay_api(body),
                "/ppdvcqg/inittransaction": lambda: sim.dvcqg_init(body),
                "/ppdvcqg/truyvan": lambda: sim.dvcqg_query(body, "query"),
                "/ppdvcqg/paymentreceipt": lambda: sim.dvcqg_query(body, "receipt"),
            }.get(self.path)
            if answer is None:
                return self._html(404, _page("Không tìm thấy", ""))
            data = json.dumps(answer(), ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _html(self, status: int, text: str):
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


def from_settings(port: int | None = None, host: str = "127.0.0.1") -> GatewaySimulator:
    """A simulator with this site's merchant codes and secrets, sending results to this site."""
    from django.conf import settings
    from django.urls import reverse

    base = settings.PUBLIC_BASE_URL
    return GatewaySimulator(
        vnpay_tmn=settings.VNPAY_TMN_CODE, vnpay_secret=settings.VNPAY_HASH_SECRET,
        vnpay_ipn_url=base + reverse("payments:vnpay_ipn"), dvcqg_partner=settings.DVCQG_PARTNER_CODE,
        dvcqg_key=settings.DVCQG_HASH_KEY, dvcqg_result_url=base + reverse("payments:dvcqg_result"),
        host=host, port=settings.PAYMENT_SIMULATOR_PORT if port is None else port)
