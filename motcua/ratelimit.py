"""Rate limits for the public endpoints that an attacker would hammer: guessing dossier
lookup secrets, flooding field reports through the web form or Open311.

A fixed window per key in the Django cache (the shared Redis in production, CACHE_URL; each
process's memory otherwise, which still stops one client hammering one server). Over the
limit the view answers 429 with `Retry-After` and a Vietnamese message.

Behind the reverse proxy every request comes from the proxy's address: the client is the
address the proxy appended to X-Forwarded-For, trusted only when the request came from an
address in FORWARDED_ALLOW_IPS.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.FORWARDED_ALLOW_IPS:
        return forwarded.split(",")[-1].strip() or remote
    return remote


def _slot(limit: Limit, key: str) -> tuple[str, int]:
    window = int(time.time() // limit.seconds)
    digest = hashlib.sha256(f"{limit.name}\x1f{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{digest}:{window}", (window + 1) * limit.seconds - int(time.time())


def retry_after(limit: Limit, key: str) -> int | None:
    """Seconds to wait when `key` has used up `limit` in this window, else None."""
    if not settings.RATELIMIT_ENABLED:
        return None
    slot, left = _slot(limit, key)
    return max(left, 1) if (cache.get(slot) or 0) >= limit.count else None


def hit(limit: Limit, key: str) -> None:
    """Count one use of `key` against `limit`."""
    if not settings.RATELIMIT_ENABLED:
        return
    slot, left = _slot(limit, key)
    if cache.add(slot, 1, timeout=left + 1):
        return
    try:
        cache.incr(slot)
    except ValueError:  # expired between add and incr
        cache.add(slot, 1, timeout=left + 1)


def message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return f"Bạn đã thử quá nhiều lần. Vui lòng thử lại sau khoảng {minutes} phút."
