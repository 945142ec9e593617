"""The gateways a message leaves by: e-mail (SMTP, through Django's mail API), SMS (an HTTP
gateway shaped like the Vietnamese brandname-SMS APIs, e.g. eSMS) and Zalo ZNS template
messages. Each sends the message's `key`, so a gateway that sees the same key twice (a
retry after a crash) does not deliver twice. For the demo and development the SMS and Zalo
gateways are "log": the message is appended to a JSON-lines file, never sent anywhere.

A gateway raises DeliveryError when the message was not accepted; the send task retries.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone


class DeliveryError(Exception):
    """The gateway did not take the message; `answer` is what it said (kept in the log)."""

    def __init__(self, message: str, answer: str = ""):
        super().__init__(message)
        self.answer = answer


@dataclass
class Receipt:
    answer: str = ""  # what the gateway said, as text
    message_id: str = ""


def enabled(channel: str, kind: str = "") -> bool:
    """Whether a message of `kind` can leave by `channel` at all (ZNS needs a template per kind)."""
    if channel == "email":
        return True
    if channel == "zalo" and _backend(channel) == "zns" and kind not in settings.NOTIFY_ZALO_TEMPLATES:
        return False
    return bool(_backend(channel))


def send(message) -> Receipt:
    if message.channel == "email":
        return _email(message)
    backend = _backend(message.channel)
    if backend == "log":
        return _log(message)
    if message.channel == "sms" and backend == "esms":
        return _esms(message)
    if message.channel == "zalo" and backend == "zns":
        return _zns(message)
    raise DeliveryError(f"Kênh {message.channel} chưa được cấu hình (NOTIFY_{message.channel.upper()}_BACKEND).")


def _backend(channel: str) -> str:
    return {"sms": settings.NOTIFY_SMS_BACKEND, "zalo": settings.NOTIFY_ZALO_BACKEND}.get(channel, "")


# --- e-mail ------------------------------------------------------------------------------------
def _email(message) -> Receipt:
    domain = settings.NOTIFY_MESSAGE_ID_DOMAIN
    message_id = f"<{message.key}@{domain}>"
    mail = EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient],
                        headers={"Message-ID": message_id}, connection=get_connection(
                            timeout=settings.NOTIFY_HTTP_TIMEOUT))
    try:
        mail.send(fail_silently=False)
    except Exception as exc:  # SMTP refused, connection lost: try again later
        raise DeliveryError(f"Máy chủ thư không nhận thư: {exc}") from exc
    return Receipt(answer="máy chủ thư (SMTP) đã nhận thư", message_id=message_id)


# --- SMS: eSMS-shaped brandname gateway ------------------------------------------------------------
def _esms(message) -> Receipt:
    body = {
        "ApiKey": settings.NOTIFY_SMS_API_KEY, "SecretKey": settings.NOTIFY_SMS_SECRET_KEY,
        "Phone": message.recipient, "Content": message.body, "Brandname": settings.NOTIFY_SMS_BRANDNAME,
        "SmsType": "2", "IsUnicode": "1", "Sandbox": "1" if settings.NOTIFY_SMS_SANDBOX else "0",
        "RequestId": str(message.key),
    }
    answer = _post_json(settings.NOTIFY_SMS_URL, body, {})
    if str(answer.get("CodeResult")) != "100":  # eSMS: 100 means accepted
        raise DeliveryError(f"Cổng SMS từ chối: {answer.get('ErrorMessage') or answer}", json.dumps(answer))
    return Receipt(answer=json.dumps(answer, ensure_ascii=False), message_id=str(answer.get("SMSID", "")))


# --- Zalo ZNS -------------------------------------------------------------------------------------------
def _zns(message) -> Receipt:
    template_id = settings.NOTIFY_ZALO_TEMPLATES.get(message.kind)
    if not template_id:
        raise DeliveryError(f"Chưa khai báo mẫu ZNS cho loại thông báo {message.kind} (NOTIFY_ZALO_TEMPLATES).")
    body = {"phone": international(message.recipient), "template_id": template_id,
            "template_data": message.params, "tracking_id": str(message.key)}
    answer = _post_json(settings.NOTIFY_ZALO_URL, body, {"access_token": settings.NOTIFY_ZALO_ACCESS_TOKEN})
    if answer.get("error") not in (0, "0"):
        raise DeliveryError(f"Zalo ZNS từ chối: {answer.get('message') or answer}", json.dumps(answer))
    data = answer.get("data") or {}
    return Receipt(answer=json.dumps(answer, ensure_ascii=False), message_id=str(data.get("msg_id", "")))


def international(phone: str) -> str:
    """0905123456 → 84905123456, as ZNS wants it."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "84" + digits[1:] if digits.startswith("0") else digits


def _post_json(url: str, body: dict, headers: dict) -> dict:
    if not url:
        raise DeliveryError("Chưa cấu hình địa chỉ cổng gửi.")
    request = urllib.request.Request(  # noqa: S310 (the URL is an operator's setting, http or https)
        url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", **headers})
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFY_HTTP_TIMEOUT) as response:  # noqa: S310
            raw = response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"Cổng gửi trả lỗi HTTP {exc.code}.", exc.read().decode("utf-8", "replace")) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise DeliveryError(f"Không kết nối được cổng gửi: {exc}") from exc
    try:
        answer = json.loads(raw)
    except ValueError:
        raise DeliveryError("Cổng gửi trả lời không phải JSON.", raw[:2000]) from None
    if not isinstance(answer, dict):
        raise DeliveryError("Cổng gửi trả lời không đúng định dạng.", raw[:2000])
    return answer


# --- the demo's "gateway": a file -------------------------------------------------------------------
def _log(message) -> Receipt:
    folder = Path(settings.NOTIFY_LOG_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    line = {"at": timezone.now().isoformat(), "key": str(message.key), "channel": message.channel,
            "to": message.recipient, "kind": message.kind, "text": message.body, "params": message.params}
    with open(folder / f"{message.channel}.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return Receipt(answer=f"ghi vào {folder / (message.channel + '.jsonl')}")
