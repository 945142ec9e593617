"""Local stand-ins for the gateways a message leaves by, started by the tests themselves:
a real SMTP server (aiosmtpd) and an HTTP server answering like eSMS and Zalo ZNS. Each can
refuse its first N deliveries, and records every attempt with the key it carried.

The HTTP gateways honour the idempotency key as the real ones promise to: a second request
with a key already accepted is answered "accepted" again and delivered no second time.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HttpGateway:
    """eSMS-shaped SMS (POST JSON with RequestId) and Zalo ZNS (tracking_id) on one port."""

    def __init__(self, fail_first: int = 0, delay: float = 0.0):
        self.fail_first, self.delay = fail_first, delay  # delay: seconds per answer, as a real network
        self.attempts: list[tuple[str, str]] = []  # (path, key) of every request
        self.delivered: Counter[str] = Counter()  # key → times delivered to a phone
        self._lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                key = body.get("RequestId") or body.get("tracking_id") or ""
                time.sleep(gateway.delay)
                with gateway._lock:
                    gateway.attempts.append((self.path, key))
                    refuse = len(gateway.attempts) <= gateway.fail_first
                    if not refuse and key not in gateway.delivered:
                        gateway.delivered[key] += 1
                answer = gateway.answer(self.path, key, refuse)
                raw = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def answer(path: str, key: str, refuse: bool) -> dict:
        if path.startswith("/zns"):
            if refuse:
                return {"error": -124, "message": "Hệ thống bận"}
            return {"error": 0, "data": {"msg_id": f"z-{key}"}}
        if refuse:
            return {"CodeResult": "99", "ErrorMessage": "Hệ thống đang bận, thử lại sau"}
        return {"CodeResult": "100", "SMSID": f"s-{key}"}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> HttpGateway:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """A real SMTP server on a free port; refuses the first N messages with 451."""

    def __init__(self, fail_first: int = 0, delay: float = 0.0):
        from aiosmtpd.controller import Controller

        self.fail_first, self.delay = fail_first, delay
        self.attempts = 0
        self.accepted: list[dict] = []
        server = self

        class Handler:
            async def handle_DATA(self, smtp_server, session, envelope):  # noqa: N802 (aiosmtpd's name)
                await asyncio.sleep(server.delay)
                server.attempts += 1
                if server.attempts <= server.fail_first:
                    return "451 4.3.0 Thử lại sau"
                mail = message_from_bytes(envelope.content, policy=policy.default)
                server.accepted.append({"to": envelope.rcpt_tos, "message_id": mail["Message-ID"],
                                        "subject": str(mail["Subject"]).strip()})
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def ids(self) -> Counter[str]:
        return Counter(m["message_id"] for m in self.accepted)
