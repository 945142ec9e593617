"""The operators' page of the push to the national portal: what waits, what the portal refused
(the dead-letter list, with "send again" and "skip"), and for a period what the portal should
hold against what it acknowledged."""

from __future__ import annotations

from datetime import datetime, time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dossiers.models import Dossier, DossierEvent
from ioc import figures
from ioc.access import all_agencies
from motcua.inputs import clean_text
from sync import pending, push
from sync.access import may_manage
from sync.models import PendingSync, SyncCall, SyncDay, SyncState

LISTED = 50


def _require(request) -> None:
    if not may_manage(request.user):
        raise PermissionDenied("Trang này dành cho điều hành viên và quản trị hệ thống.")


def reconciliation(period: figures.Period) -> dict:
    """Dossiers received in the period that the portal should hold, against those it acknowledged
    (from the projections), and the first ones it does not hold yet."""
    ids = [a.pk for a in all_agencies()]
    expected = figures.totals(ids, period)["received"]
    acknowledged = (SyncDay.objects.filter(day__gte=period.start, day__lte=period.end, agency_id__in=ids)
                    .aggregate(n=Sum("acknowledged"))["n"] or 0)
    start = timezone.make_aware(datetime.combine(period.start, time.min))
    end = timezone.make_aware(datetime.combine(period.end, time.max))
    missing = (Dossier.objects.filter(received_at__gte=start, received_at__lte=end, parent__isnull=True)
               .exclude(sync_state__created_on_portal=True).select_related("sync_state")
               .only("code", "received_at", "state", "sync_state__status", "sync_state__last_error")
               .order_by("received_at", "pk")[:LISTED])
    return {"expected": expected, "acknowledged": acknowledged, "missing": list(missing),
            "share": round(100 * acknowledged / expected, 1) if expected else None}


@login_required
def overview(request):
    _require(request)
    kind = request.GET.get("ky") if request.GET.get("ky") in figures.KINDS else "thang"
    period = figures.period_of(kind if kind != "tuy-chon" else "thang")
    rejected = list(SyncState.objects.filter(status=SyncState.Status.REJECTED).select_related("dossier")
                    .order_by("updated_at")[:LISTED])
    for state in rejected:
        state.event = (DossierEvent.objects.filter(dossier_id=state.dossier_id, seq__gt=state.acknowledged_seq)
                       .order_by("seq").only("seq", "action", "at").first())
    return render(request, "sync/overview.html", {
        "enabled": pending.enabled(), "portal": urlsplit(settings.SYNC_PORTAL_URL).netloc,
        "waiting": PendingSync.objects.count(), "rejected": rejected,
        "retrying": SyncState.objects.filter(status=SyncState.Status.RETRYING).count(),
        "last": SyncCall.objects.filter(outcome=SyncCall.Outcome.ACKNOWLEDGED).order_by("-at").only("at").first(),
        "period": period, "kind": kind, "kinds": {k: v for k, v in figures.KINDS.items() if k != "tuy-chon"},
        "check": reconciliation(period),
    })


@require_POST
@login_required
def send_again(request, dossier_id: int):
    _require(request)
    state = get_object_or_404(SyncState, dossier_id=dossier_id)
    outcome = push.retry(state.dossier_id, request.user)
    if outcome == SyncState.Status.OK:
        messages.success(request, "Cổng đã nhận hồ sơ.")
    else:
        state.refresh_from_db()
        messages.error(request, f"Chưa gửi được: {state.last_error}")
    return redirect("sync:overview")


@require_POST
@login_required
def skip(request, dossier_id: int):
    _require(request)
    reason = clean_text(request.POST.get("ly-do", ""))[:1000]
    if not reason:
        messages.error(request, "Vui lòng ghi lý do bỏ qua sự kiện này (để lưu vết).")
        return redirect("sync:overview")
    get_object_or_404(SyncState, dossier_id=dossier_id, status=SyncState.Status.REJECTED)
    push.skip(dossier_id, request.user, reason)
    messages.success(request, "Đã bỏ qua sự kiện bị từ chối; các sự kiện sau sẽ được gửi tiếp.")
    return redirect("sync:overview")
