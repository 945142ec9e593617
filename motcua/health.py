"""Liveness and readiness for the reverse proxy, the load balancer and the supervisor.

`/healthz` answers "ok" as long as the process serves requests; it touches neither the
database nor the cache, so a database outage never makes a supervisor restart every app
server at once (restarting would not bring the database back).

`/readyz` says whether this app server can do useful work now: the default database answers
a trivial query and, when a shared Redis cache is configured, a value set in it comes back.
A load balancer takes a server that answers 503 out of rotation. The body names each check
and "ok" or "fail", never an error message: those can carry host names, user names or a URL
with a password. The detail goes to the log instead.

Both accept only GET and HEAD (which CSRF never checks) and need no login. They still go
through Django's host validation (ALLOWED_HOSTS): a probe must send a Host header that is
allowed, e.g. `curl -H 'Host: dichvucong.hue.gov.vn' http://10.0.0.11:8000/readyz`
(docs/deploy.md). They are exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT), since
probes talk to the app server directly over plain HTTP.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    cache = caches["default"]
    # A fresh key per probe: two servers probing at once never read each other's value.
    key, value = f"motcua:readyz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return the value just set")
    finally:
        cache.delete(key)


def shared_cache_configured() -> bool:
    return settings.CACHES.get("default", {}).get("BACKEND", "").endswith(".RedisCache")


def checks() -> dict:
    # The functions are looked up when a probe comes, so a test can replace one.
    selected = {"database": check_database}
    if shared_cache_configured():
        selected["cache"] = check_cache
    return selected


@never_cache
@require_safe
def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request):
    results = {}
    for name, check in checks().items():
        try:
            check()
        except Exception as exc:
            # Probes come every few seconds: one line per failure, no traceback flood.
            logger.warning("readiness check %s failed: %s: %s", name, type(exc).__name__, exc)
            results[name] = "fail"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    return JsonResponse({"status": "ok" if ready else "fail", "checks": results}, status=200 if ready else 503)
