"""The one way this app talks to a gateway's server: JSON over HTTP(S) with a timeout."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings

from payments.gateways import GatewayError


def post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(  # noqa: S310 (the URL is an operator's setting, http or https)
        url, data=json.dumps(body, ensure_ascii=False).encode(), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=settings.PAYMENT_HTTP_TIMEOUT) as response:  # noqa: S310
            answer = response.read()
    except urllib.error.HTTPError as exc:
        raise GatewayError(f"HTTP {exc.code} from {url}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise GatewayError(f"{url} unreachable: {exc}") from exc
    try:
        found = json.loads(answer)
    except ValueError as exc:
        raise GatewayError(f"{url} answered something that is not JSON") from exc
    if not isinstance(found, dict):
        raise GatewayError(f"{url} answered JSON that is not an object")
    return found
