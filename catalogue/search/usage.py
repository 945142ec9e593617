"""How often each procedure was used: dossiers received in the last year, counted once an hour
(a search must not count a million dossiers), shared through the cache."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

USAGE_KEY = "motcua:catalogue:usage"
USAGE_SECONDS = 3600


def procedure_usage() -> dict[int, int]:
    """procedure id → dossiers received in the last 365 days (liên thông legs not counted twice)."""
    from dossiers.models import Dossier

    counts = cache.get(USAGE_KEY)
    if counts is None:
        since = timezone.now() - timedelta(days=365)
        rows = (Dossier.objects.filter(received_at__gte=since, parent__isnull=True)
                .values_list("procedure_version__procedure_id").annotate(n=Count("pk")).order_by())
        counts = dict(rows)
        cache.set(USAGE_KEY, counts, USAGE_SECONDS)
    return counts
