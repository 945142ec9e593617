"""Pages of field reports: the public feed and map, a report's page, the reporter's own list
and form, and the staff queues (IOC triage, a unit's queue) with their actions.

Every staff view checks the actor's right on the server; the actions check again. Pages a
handling unit or the public sees never carry the reporter's identity (QĐ 30/2022/QĐ-UBND).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.permissions import can
from fieldreports import actions
from fieldreports.machine import REPORT
from fieldreports.models import Category, Report, ReportPhoto
from fieldreports.permissions import handling_agency_ids, is_operator, may_handle
from fieldreports.photos import PhotoError
from fieldreports.services import (
    answers_of,
    history_of,
    is_reporter,
    may_rate,
    may_reopen,
    nearby_open_reports,
    period_filter,
    public_reports,
    reports_visible_to,
)
from motcua import ratelimit
from motcua.inputs import parse_float, parse_id
from motcua.pagecache import anonymous_page
from motcua.paging import CappedPaginator
from units.models import AdministrativeUnit, Agency

PAGE_SIZE = 20
# How the staff page groups the actions of the table it offers.
PHOTO_ACTIONS = {"hide_photo", "unhide_photo"}
MODERATION = {"hide", "unhide", "edit_text", "clear_media_url"} | PHOTO_ACTIONS
PERIODS = [("", "Mọi thời gian"), ("7", "7 ngày"), ("30", "30 ngày"), ("90", "90 ngày"), ("365", "1 năm")]


def _leaf_categories():
    return Category.objects.reportable().select_related("parent").order_by(
        "parent__order", "parent__name", "order", "name")


def _filtered(request):
    qs = public_reports().select_related("category", "agency", "ward")
    f = {k: request.GET.get(k, "").strip() for k in ("category", "status", "unit", "ward", "period")}
    if f["category"]:
        qs = qs.filter(category__code=f["category"]) | qs.filter(category__parent__code=f["category"])
    if f["status"] == "open":
        qs = qs.filter(status__in=Report.OPEN_STATUSES)
    elif f["status"] == "closed":
        qs = qs.exclude(status__in=Report.OPEN_STATUSES)
    elif f["status"] in Report.Status.values:
        qs = qs.filter(status=f["status"])
    if f["unit"]:
        # An id that is not one (?unit=², a 30-digit number) matches no unit, not a 500.
        unit = parse_id(f["unit"])
        qs = qs.filter(agency_id=unit) if unit else qs.none()
    if f["ward"]:
        qs = qs.filter(ward__code=f["ward"])
    qs = qs.filter(period_filter(f["period"]))
    return qs.order_by("-created_at", "-pk"), f


@anonymous_page
def feed(request):
    qs, f = _filtered(request)
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "fieldreports/feed.html", {
        "page": page, "f": f, "query": query.urlencode(), "categories": _leaf_categories(),
        "groups": Category.objects.filter(parent__isnull=True, is_active=True),
        "statuses": Report.Status.choices, "periods": PERIODS,
        # One index probe per agency or ward, not a pass over every report.
        "agencies": Agency.objects.filter(Exists(Report.objects.filter(agency=OuterRef("pk")))).order_by("name"),
        "wards": AdministrativeUnit.objects.filter(Exists(Report.objects.filter(ward=OuterRef("pk")))).order_by("name"),
        "map": map_settings(),
    })


@anonymous_page
def map_points(request):
    qs, _ = _filtered(request)
    rows = qs.filter(lat__isnull=False).values_list("pk", "lat", "long", "status", "category__name")[:3000]
    labels = dict(Report.Status.choices)
    # A report's page is "<feed>/<id>/" (fieldreports/urls.py): built once, not reversed per point.
    feed = reverse("fieldreports:feed")
    return JsonResponse({"points": [
        {"id": pk, "lat": lat, "long": lon, "status": labels[status], "open": status in Report.OPEN_STATUSES,
         "category": name, "url": f"{feed}{pk}/"}
        for pk, lat, lon, status, name in rows
    ]}, json_dumps_params={"ensure_ascii": False})


def map_settings() -> dict:
    return {"tiles": settings.FIELDREPORTS_TILE_URL, "attribution": settings.FIELDREPORTS_TILE_ATTRIBUTION,
            "lat": settings.FIELDREPORTS_MAP_CENTER[0], "long": settings.FIELDREPORTS_MAP_CENTER[1]}


def detail(request, pk: int):
    # A hidden report is gone from the public, not from its reporter (who must still read the
    # answer, rate or reopen) nor from the staff handling it; the page says it is hidden.
    report = get_object_or_404(reports_visible_to(request.user).select_related("category", "agency", "ward"), pk=pk)
    photos = [p for p in report.photos.all() if not p.is_hidden]
    return render(request, "fieldreports/detail.html", {
        "report": report, "report_photos": [p for p in photos if p.kind == "report"],
        "answer_photos": [p for p in photos if p.kind == "answer"],
        "may_rate": may_rate(request.user, report), "may_reopen": may_reopen(request.user, report),
        "is_mine": is_reporter(request.user, report),
    })


def photo(request, pk: int):
    """A report's photo, checked on every request (they are not under MEDIA_URL).

    Public when neither the photo nor its report is hidden; a hidden report's photos also
    to whoever may read the report (views.detail); a hidden photo only to IOC moderators.
    """
    item = get_object_or_404(ReportPhoto.objects.select_related("report"), pk=pk)
    if item.is_hidden:
        allowed = is_operator(request.user, "fieldreport.moderate")
    else:
        allowed = reports_visible_to(request.user).filter(pk=item.report_id).exists()
    if not allowed:
        raise Http404("Không tìm thấy ảnh.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("Không tìm thấy ảnh.") from None
    response = FileResponse(handle, content_type=item.content_type)
    # Never in a shared cache: a moderator may hide the photo at any moment.
    response["Cache-Control"] = "private, max-age=300" if not (item.is_hidden or item.report.is_hidden) else "no-store"
    return response


@login_required
def my_reports(request):
    qs = Report.objects.filter(reporter=request.user).select_related("category", "agency")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "fieldreports/mine.html", {"page": page})


@login_required
def new_report(request):
    if not can(request.user, "fieldreport.report"):
        raise PermissionDenied("Chỉ tài khoản công dân, tổ chức được gửi phản ánh.")
    errors, values, wait = {}, {}, None
    if request.method == "POST":
        values = request.POST
        category = Category.objects.reportable().filter(code=values.get("category", "")).first()
        lat, lon = _float(values.get("lat")), _float(values.get("long"))
        wait = ratelimit.retry_after(REPORTS_PER_PERSON, str(request.user.pk))
        if wait:
            errors["general"] = ratelimit.message(wait)
        elif category is None:
            errors["category"] = "Vui lòng chọn lĩnh vực."
        else:
            try:
                report = actions.submit_report(
                    reporter=request.user, category=category, description=values.get("description", ""),
                    lat=lat, long=lon, address=values.get("address", ""), is_urgent=values.get("is_urgent") == "on",
                    photos=request.FILES.getlist("photos"),
                    attributes={k[5:]: values.getlist(k) if len(values.getlist(k)) > 1 else values.get(k)
                                for k in values if k.startswith("attr_")},
                    idempotency_key=values.get("client_key") or None,
                )
            except actions.ActionError as exc:
                errors[exc.field or "general"] = exc.message
            except PhotoError as exc:
                errors["photos"] = str(exc)
            else:
                ratelimit.hit(REPORTS_PER_PERSON, str(request.user.pk))
                messages.success(request, f"Đã gửi phản ánh #{report.pk}. Cảm ơn bạn!")
                return redirect("fieldreports:detail", pk=report.pk)
    response = render(request, "fieldreports/new.html", {
        "categories": _leaf_categories().prefetch_related("questions"), "errors": errors, "values": values,
        "map": map_settings(), "client_key": values.get("client_key") or uuid.uuid4().hex,
        "max_photos": settings.FIELDREPORTS_PHOTO_MAX_COUNT,
    }, status=(429 if wait else 400) if errors else 200)
    if wait:
        response["Retry-After"] = str(wait)
    return response


# Reports one account may send per hour through the web form: far above any citizen's need.
REPORTS_PER_PERSON = ratelimit.Limit("fieldreports.person", 20, 3600)


def _float(raw):
    """A coordinate from a form or query string; junk counts as absent (the form then asks for it)."""
    try:
        return parse_float(raw)
    except ValueError:
        return None


def nearby(request):
    """Possible duplicates for the form: open public reports of the category near the pin."""
    category = Category.objects.filter(code=request.GET.get("category", "")).first()
    lat, lon = _float(request.GET.get("lat")), _float(request.GET.get("long"))
    if category is None or lat is None or lon is None:
        return JsonResponse([], safe=False)
    found = nearby_open_reports(category, lat, lon)
    return JsonResponse([
        {"id": r.pk, "distance_m": round(d), "status": r.get_status_display(), "text": r.public_text[:140],
         "url": reverse("fieldreports:detail", args=[r.pk])}
        for r, d in found
    ], safe=False, json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def reporter_action(request, pk: int):
    report = get_object_or_404(Report, pk=pk, reporter=request.user)
    action = request.POST.get("action", "")
    if action in ("rate", "reopen"):
        done = {"rate": "Cảm ơn bạn đã đánh giá.", "reopen": "Đã mở lại phản ánh."}[action]
        _take(request, report, action, done)
    return redirect("fieldreports:detail", pk=pk)


def _take(request, report: Report, action: str, done: str = "Đã cập nhật phản ánh.") -> bool:
    """Take `action` of the field-report table with the inputs its row names, read from the form;
    the message says what happened or what to fix."""
    edges = REPORT.edges(action)
    if not edges or edges[0].internal:
        messages.error(request, "Thao tác không hợp lệ.")
        return False
    p = request.POST
    readers = {
        "agency": lambda: _agency(p.get("agency", "")),
        "photo": lambda: get_object_or_404(report.photos, pk=parse_id(p.get("photo", "")) or 0),
        "photos": lambda: request.FILES.getlist("photos"),
        "reason": lambda: p.get("reason", ""), "answer": lambda: p.get("answer", ""),
        "text": lambda: p.get("text", ""), "rating": lambda: p.get("rating"), "comment": lambda: p.get("comment", ""),
    }
    inputs = {name: readers[name]() for name in edges[0].inputs}
    try:
        getattr(actions, action)(report, request.user, **inputs, idempotency_key=p.get("client_key") or None)
    except (actions.ActionError, PhotoError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
        return False
    messages.success(request, done)
    return True


def _agency(raw: str):
    agency_id = parse_id(raw)
    return Agency.objects.filter(pk=agency_id).first() if agency_id else None


# --- staff ------------------------------------------------------------------------------------
@login_required
def ioc_queue(request):
    if not is_operator(request.user):
        raise PermissionDenied("Chỉ điều hành viên IOC được xem hàng chờ điều phối.")
    which = request.GET.get("q", "triage")
    qs = Report.objects.select_related("category", "agency", "reporter", "api_client", "ward")
    if which == "overdue":
        # Past due now, whether or not the escalation sweep has run yet.
        qs = qs.filter(Q(due_at__lt=timezone.now()) | Q(escalation_level__gte=1),
                       status__in=Report.OPEN_STATUSES).order_by("due_at")
    elif which == "all":
        qs = qs.order_by("-created_at")
    else:
        qs = qs.filter(status=Report.Status.NEW).order_by("-is_urgent", "due_at")
    return render(request, "fieldreports/ioc_queue.html", {
        "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")), "which": which,
        # The same gate as the staff page: dispatching does not entitle one to the identity.
        "show_identity": is_operator(request.user, "fieldreport.view_identity"),
    })


@login_required
def unit_queue(request):
    agency_ids = handling_agency_ids(request.user)
    if not agency_ids:
        raise PermissionDenied("Bạn không thuộc đơn vị xử lý phản ánh nào.")
    qs = Report.objects.filter(agency_id__in=agency_ids, status__in=Report.HANDLING_STATUSES)
    qs = qs.select_related("category", "agency", "ward").order_by("-is_urgent", "due_at")
    return render(request, "fieldreports/unit_queue.html", {
        "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "agencies": Agency.objects.filter(pk__in=agency_ids),
    })


def _staff_report(request, pk: int) -> tuple[Report, bool, bool]:
    """A report for the staff pages: the IOC sees every report, a unit the ones it holds."""
    report = get_object_or_404(Report.objects.select_related("category", "agency", "ward"), pk=pk)
    operator = is_operator(request.user)
    handler = may_handle(request.user, report)
    if not (operator or handler):
        raise Http404("Không tìm thấy phản ánh hoặc bạn không có quyền xử lý.")
    return report, operator, handler


@login_required
def staff_detail(request, pk: int):
    report, operator, handler = _staff_report(request, pk)
    show_identity = operator and is_operator(request.user, "fieldreport.view_identity")
    # The buttons are the actions of the table this officer may take now, nothing else.
    offered = {t.action: t for t in actions.allowed_actions(report, request.user)}
    moderator = "hide_photo" in offered
    photos = report.photos.all() if moderator else report.photos.filter(is_hidden=False)
    return render(request, "fieldreports/staff_detail.html", {
        "report": report, "operator": operator, "handler": handler, "show_identity": show_identity,
        "work": [t for name, t in offered.items() if name not in MODERATION],
        "moderation": [t for name, t in offered.items() if name in MODERATION and name not in PHOTO_ACTIONS],
        "moderator": moderator, "photos": photos, "client_key": uuid.uuid4().hex,
        "events": history_of(report), "answers": answers_of(report),
        "agencies": Agency.objects.filter(is_active=True).exclude(kind=Agency.Kind.OPERATIONS_CENTER).order_by("name"),
        "may_lock": report.reporter_id and is_operator(request.user, "fieldreport.moderate"),
    })


@login_required
@require_POST
def staff_action(request, pk: int):
    report, operator, handler = _staff_report(request, pk)
    action = request.POST.get("action", "")
    if action == "lock" and report.reporter_id:
        try:
            actions.lock_account(report.reporter, request.user, request.POST.get("reason", ""))
        except actions.ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã khóa tài khoản người phản ánh.")
    else:
        _take(request, report, action)
    # After handing a report on, a unit may no longer see it: back to its queue then.
    report.refresh_from_db()
    if is_operator(request.user) or may_handle(request.user, report):
        return redirect("fieldreports:staff-detail", pk=pk)
    return redirect("fieldreports:unit-queue")
