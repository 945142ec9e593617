"""A stand-in for the national public-service portal, on loopback: the tests start it, and an
operator may run it (`manage.py portal_simulator`) to try the push without the real portal.

It speaks the push's protocol (sync/portal.py): /auth gives a session, /service takes
DongBoHoSoMC and CapNhatTienDoHoSoMC and keeps what it acknowledged, in the order it came.
It can be taken down (every request answered 503), refuse the records of some dossier codes,
and forget its sessions, so the tests can tell each story of the push.
"""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PortalSimulator:
    def __init__(self, username: str = "motcua", password: str = "mat-khau-thu", port: int = 0):  # noqa: S107 (a test stand-in)
        self.username, self.password = username, password
        self.down = False
        self.refused: set[str] = set()  # dossier codes whose records are refused
        self.sessions: set[str] = set()
        self.records: dict[str, dict] = {}  # MaHoSo → the record as last acknowledged
        self.progress: dict[str, list[dict]] = {}  # MaHoSo → the progress steps, in order
        self.received: list[tuple[str, str]] = []  # (service, MaHoSo) of every call acknowledged
        self._lock = threading.Lock()
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                if simulator.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                try:
                    body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                except ValueError:
                    body = {}
                with simulator._lock:
                    answer = simulator.answer(self.path, body)
                raw = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, path: str, body: dict) -> dict:
        if path == "/auth":
            if body.get("username") != self.username or body.get("password") != self.password:
                return {"error_code": 2, "message": "Sai tên đăng nhập hoặc mật khẩu"}
            token = secrets.token_hex(8)
            self.sessions.add(token)
            return {"error_code": 0, "session": token}
        if path != "/service":
            return {"error_code": 404, "message": "Không có dịch vụ"}
        if body.get("session") not in self.sessions:
            return {"error_code": -1, "message": "Phiên đăng nhập hết hạn"}
        data = body.get("data") or []
        code = data[0].get("MaHoSo", "") if data and isinstance(data[0], dict) else ""
        if code in self.refused:
            return {"error_code": 3, "message": f"Hồ sơ {code}: mã thủ tục không có trên Cổng"}
        service = body.get("service")
        if service == "DongBoHoSoMC":
            updating = body.get("isUpdating") == "True"
            if updating != (code in self.records):
                return {"error_code": 4, "message": f"Hồ sơ {code}: " + (
                    "chưa có trên Cổng" if updating else "đã có trên Cổng")}
            self.records[code] = data[0]
        elif service == "CapNhatTienDoHoSoMC":
            if code not in self.records:
                return {"error_code": 4, "message": f"Hồ sơ {code}: chưa có trên Cổng"}
            self.progress.setdefault(code, []).append(data[0])
        else:
            return {"error_code": 5, "message": "Không có dịch vụ"}
        self.received.append((service, code))
        return {"error_code": 0, "message": "Thành công"}

    def forget_sessions(self) -> None:
        self.sessions.clear()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> PortalSimulator:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
