"""`/metrics`: request and response metrics in the Prometheus text format (django-prometheus).

Off unless METRICS_ENABLED=true (404 then, as if the page did not exist). When on, only the
addresses in METRICS_ALLOWED_IPS (addresses or networks, default 127.0.0.1) may read it,
others get 403: the counters by view tell an outsider what is used and how much. The check is
on the address of the connection (REMOTE_ADDR), so Prometheus scrapes each app server
directly and the reverse proxy refuses /metrics (deploy/nginx/motcua.conf): through the
proxy every request would come from the proxy's own, allowed, address.

gunicorn runs several processes; each counts its own requests. `manage.py serve` gives them
a shared PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode), and this view
then adds up every process's counts, so a scrape reports the whole server whichever process
answers it.
"""

from __future__ import annotations

import ipaddress
import os
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@lru_cache(maxsize=8)
def _networks(allowed: tuple[str, ...]):
    return tuple(ipaddress.ip_network(item, strict=False) for item in allowed)


def address_allowed(address: str) -> bool:
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(client in network for network in _networks(tuple(settings.METRICS_ALLOWED_IPS)))


@never_cache
@require_safe
def metrics(request):
    if not settings.METRICS_ENABLED:
        raise Http404
    if not address_allowed(request.META.get("REMOTE_ADDR", "")):
        raise PermissionDenied
    import prometheus_client
    from prometheus_client import multiprocess

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = prometheus_client.REGISTRY
    return HttpResponse(prometheus_client.generate_latest(registry), content_type=prometheus_client.CONTENT_TYPE_LATEST)
