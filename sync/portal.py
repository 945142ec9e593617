"""The national public-service portal's API, as the push calls it: log in once for a session,
then call a service with it; `error_code` 0 is an acknowledgement.

Two kinds of failure are told apart: the portal could not be reached or answered garbage
(Unreachable: try again later, nothing is lost), and the portal read the record and refused it
(Refused: an operator must look; retrying the same record would be refused again).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

from django.conf import settings


class Unreachable(Exception):
    """No answer, a server error, or an answer that is not the portal's JSON."""


class Refused(Exception):
    """The portal read the record and refused it; the message says why."""

    def __init__(self, message: str, answer: str = ""):
        super().__init__(message)
        self.answer = answer


_session = threading.local()
# The portal's code for a session it no longer knows: log in again once, then retry.
SESSION_EXPIRED = {-1, 401}


def _post(path: str, body: dict) -> tuple[dict, str]:
    url = settings.SYNC_PORTAL_URL.rstrip("/") + path
    request = urllib.request.Request(  # noqa: S310 (the URL is an operator's setting, http or https)
        url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=settings.SYNC_TIMEOUT_SECONDS) as response:  # noqa: S310
            raw = response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        raise Unreachable(f"Cổng trả lỗi HTTP {exc.code}.") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise Unreachable(f"Không kết nối được Cổng: {exc}") from exc
    try:
        answer = json.loads(raw)
    except ValueError:
        raise Unreachable("Cổng trả lời không phải JSON.") from None
    if not isinstance(answer, dict) or "error_code" not in answer:
        raise Unreachable("Cổng trả lời không đúng định dạng.")
    return answer, raw


def _log_in() -> str:
    answer, raw = _post("/auth", {"username": settings.SYNC_PORTAL_USERNAME,
                                  "password": settings.SYNC_PORTAL_PASSWORD})
    if str(answer.get("error_code")) != "0" or not answer.get("session"):
        raise Unreachable(f"Cổng không cho đăng nhập: {answer.get('message') or raw[:200]}")
    _session.token = answer["session"]
    return _session.token


def call(service: str, body: dict) -> str:
    """Send one service call; the portal's raw answer when acknowledged."""
    token = getattr(_session, "token", None) or _log_in()
    for again in (True, False):
        answer, raw = _post("/service", {"session": token, "service": service, **body})
        code = _code(answer)
        if code == 0:
            return raw
        if code in SESSION_EXPIRED and again:
            token = _log_in()
            continue
        raise Refused(str(answer.get("message") or f"Mã lỗi {code}"), raw)
    raise Unreachable("Cổng không nhận phiên đăng nhập mới.")


def _code(answer: dict) -> int | None:
    try:
        return int(answer.get("error_code"))
    except (TypeError, ValueError):
        return None


def forget_session() -> None:
    _session.token = None
