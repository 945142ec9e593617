"""The officer's queues and the agency switcher."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.permissions import can
from dossiers.models import Dossier
from motcua.paging import COUNT_LIMIT, CappedPaginator
from workspace import queues
from workspace.access import officer_required
from workspace.agency import SESSION_KEY, my_agencies, roles_at
from workspace.timeleft import time_left

PAGE_SIZE = 25


def queue_counts(user, agency, roles) -> list[dict]:
    """Each queue that applies to the officer, with its (capped) count: one query each."""
    counts = []
    for q in queues.QUEUES:
        condition = queues.queue_filter(q.slug, user, agency, roles)
        if condition is None:
            continue
        count = Dossier.objects.filter(condition).order_by()[:COUNT_LIMIT + 1].count()
        counts.append({"queue": q, "count": min(count, COUNT_LIMIT), "capped": count > COUNT_LIMIT,
                       "url": reverse("workspace:queue", args=[q.slug])})
    return counts


@officer_required
def home(request):
    counts = queue_counts(request.user, request.agency, roles_at(request.user, request.agency))
    first = next((c for c in counts if c["count"]), counts[0] if counts else None)
    return redirect(first["url"]) if first else render(request, "workspace/empty.html")


@officer_required
def queue(request, slug: str):
    agency = request.agency
    roles = roles_at(request.user, agency)
    counts = queue_counts(request.user, agency, roles)
    current = next((c for c in counts if c["queue"].slug == slug), None)
    if current is None:
        return redirect("workspace:home")
    condition = queues.queue_filter(slug, request.user, agency, roles)
    text = request.GET.get("q", "")[:100]
    sort = request.GET.get("sap-xep") or queues.DEFAULT_SORT.get(slug, "han")
    if sort not in queues.SORTS:
        sort = "han"
    found = queues.search(Dossier.objects.filter(condition), text).order_by(*queues.SORTS[sort])
    page = CappedPaginator(queues.rows(found), PAGE_SIZE).get_page(request.GET.get("page"))
    items = [{"dossier": d, "left": time_left(d.due_at)} for d in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    # htmx (the filter typed into) asks for the results alone; a reload or a return through
    # the history gets the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "workspace/_queue_results.html" if partial else "workspace/queue.html", {
        "counts": counts, "current": current, "page": page, "items": items, "q": text, "sort": sort,
        "sorts": [("han", "Hạn trả gần nhất"), ("-han", "Hạn trả xa nhất"), ("nop", "Nộp sớm nhất"),
                  ("-nop", "Nộp mới nhất")],
        "query": query.urlencode(), "agencies": my_agencies(request.user),
        "perms_intake": can(request.user, "dossier.intake", agency),
    })


@require_POST
@officer_required
def switch_agency(request):
    chosen = request.POST.get("agency", "")
    agency = next((a for a in my_agencies(request.user) if str(a.pk) == chosen), None)
    if agency is not None:
        request.session[SESSION_KEY] = agency.pk
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("workspace:home")
    return redirect(back)
