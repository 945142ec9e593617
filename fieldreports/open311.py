"""Open311 GeoReport v2 at /open311/v2/, exactly as docs/domain/field-reports.md §9 summarises it.

Every endpoint answers XML and JSON (`.xml` / `.json`); JSON answers are bare arrays, ids
and codes are strings, dates are W3C ISO 8601 with a zone. Errors are a list of
{code, description}: 404 unknown resource, 403 bad or missing api_key, 400 anything else.
An empty optional argument counts as absent; `api_key` is read from the body or the query
string; `service/{code}` is accepted as an alias of `services/{code}`.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML here, never parse it
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from fieldreports import actions
from fieldreports.models import DESCRIPTION_MAX, ApiClient, Category, Report, ReportPhoto
from fieldreports.services import public_reports
from motcua import ratelimit
from motcua.inputs import clean_text, parse_float, parse_id, xml_safe

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2025-06-01T00:00:00+07:00"
MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
# Without page_size a public list answers the newest 100 of the period; clients page for more
# (page, page_size up to MAX_RESULTS). GeoReport v2 lets a server cap what one call returns.
DEFAULT_RESULTS = 100
FORMATS = ("xml", "json")


class Open311Error(Exception):
    def __init__(self, status: int, description: str, *, retry_after: int | None = None):
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


# --- rendering ---------------------------------------------------------------------------
def iso(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def _xml_value(parent: ET.Element, key: str, value) -> None:
    child = ET.SubElement(parent, key)
    if isinstance(value, list):
        item_tag = {"keywords": "keyword", "values": "value", "attributes": "attribute", "formats": "format",
                    "endpoints": "endpoint"}.get(key, "item")
        for item in value:
            if isinstance(item, dict):
                node = ET.SubElement(child, item_tag)
                for k, v in item.items():
                    _xml_value(node, k, v)
            else:
                ET.SubElement(child, item_tag).text = _text(item)
    elif isinstance(value, dict):
        for k, v in value.items():
            _xml_value(child, k, v)
    else:
        child.text = _text(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Input is cleaned when stored; this keeps older rows from breaking the feed for everyone.
    return xml_safe(str(value))


def render(fmt: str, root: str, item: str | None, payload, status: int = 200) -> HttpResponse:
    """`payload` is a list of dicts (rendered as <root><item>…</item></root> / a JSON array) or one dict."""
    if fmt == "json":
        body = json.dumps(payload, ensure_ascii=False)
        return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    element = ET.Element(root)
    rows = payload if isinstance(payload, list) else [payload]
    for row in rows:
        node = ET.SubElement(element, item) if item else element
        for key, value in row.items():
            _xml_value(node, key, value)
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8", xml_declaration=False)
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render(fmt if fmt in FORMATS else "xml", "errors", "error",
                  [{"code": str(status), "description": description}], status=status)


def endpoint(view):
    """Common plumbing: format check, empty-as-absent, jurisdiction, errors as the spec's list."""

    def wrapper(request: HttpRequest, fmt: str, **kwargs):
        if fmt not in FORMATS:
            return error("xml", 404, "Định dạng không được hỗ trợ; dùng .xml hoặc .json.")
        jurisdiction = _arg(request, "jurisdiction_id")
        if jurisdiction and jurisdiction != settings.FIELDREPORTS_OPEN311_JURISDICTION:
            return error(fmt, 404, f"Không phục vụ jurisdiction_id “{jurisdiction}”.")
        try:
            return view(request, fmt, **kwargs)
        except Open311Error as exc:
            response = error(fmt, exc.status, exc.description)
            if exc.retry_after:
                response["Retry-After"] = str(exc.retry_after)
            return response

    wrapper.__name__ = view.__name__
    return csrf_exempt(wrapper)


def _arg(request: HttpRequest, name: str) -> str:
    """A body or query argument, without control characters; empty is the same as absent (§9)."""
    value = request.POST.get(name) if request.method == "POST" else None
    if value in (None, ""):
        value = request.GET.get(name)
    return clean_text(value)


# --- serialisers ------------------------------------------------------------------------------
def service_json(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": category.questions.exists(),
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group_name,
    }


def definition_json(category: Category) -> dict:
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": q.code,
                "datatype": q.datatype,
                "required": q.required,
                "datatype_description": q.datatype_description,
                "order": q.order,
                "description": q.question,
                "values": q.choices,
            }
            for q in category.questions.all()
        ],
    }


def status_notes(report: Report) -> str:
    """The finer internal state behind open/closed, in words (§9: states map onto open/closed).

    Read from the outcome, not the status: a rejected report the reporter then rated is
    `closed`, and still rejected.
    """
    note = f"{report.status}: {report.get_status_display()}"
    if report.is_rejected:
        if report.status != Report.Status.REJECTED:
            note += f" ({Report.Outcome.REJECTED.label.lower()})"
        if report.rejection_reason:
            note += f". {report.rejection_reason}"
    return note


def request_json(report: Report, base_url: str) -> dict:
    photo_id = getattr(report, "public_photo_id", None)  # annotated by _public_reports
    # The photo view checks visibility on each request (a public file URL could not be unpublished).
    media = base_url + reverse("fieldreports:photo", args=[photo_id]) if photo_id else report.media_url
    # Never the reporter's identity: this endpoint is public (QĐ 30/2022/QĐ-UBND).
    return {
        "service_request_id": str(report.pk),
        "status": report.open311_status,
        "status_notes": status_notes(report),
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.public_text,
        "agency_responsible": report.agency.name if report.agency_id else "",
        "service_notice": report.answer if report.is_resolved else "",
        "requested_datetime": iso(report.created_at),
        "updated_datetime": iso(report.updated_at),
        "expected_datetime": iso(report.due_at),
        "address": report.address,
        "address_id": report.address_id,
        "zipcode": "",
        "lat": report.lat,
        "long": report.long,
        "media_url": media,
    }


def _requests(request, fmt, reports) -> HttpResponse:
    base = request.build_absolute_uri("/")[:-1]
    return render(fmt, "service_requests", "request", [request_json(r, base) for r in reports])


def _public_reports():
    # The first public photo's id, in the same query: most reports have none, and loading every
    # photo row of a thousand reports to find it cost more than the reports themselves.
    first_photo = (ReportPhoto.objects.filter(report=OuterRef("pk"), kind=ReportPhoto.Kind.REPORT, is_hidden=False)
                   .order_by("pk").values("pk")[:1])
    return public_reports().select_related("category", "agency").annotate(public_photo_id=Subquery(first_photo))


# --- views ---------------------------------------------------------------------------------------
@endpoint
def discovery(request, fmt):
    base = request.build_absolute_uri(reverse("open311:services", kwargs={"fmt": "xml"})).rsplit("/", 1)[0] + "/"
    doc = {
        "changeset": CHANGESET,
        "contact": settings.FIELDREPORTS_OPEN311_CONTACT,
        "key_service": "Liên hệ Trung tâm IOC để được cấp api_key: " + settings.FIELDREPORTS_OPEN311_CONTACT,
        "endpoints": [
            {
                "specification": SPEC_URL,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    if fmt == "json":
        return render("json", "", None, doc)  # the discovery document is one object, not a list
    return render("xml", "discovery", None, doc)


@endpoint
def services(request, fmt):
    if request.method != "GET":
        raise Open311Error(400, "Chỉ hỗ trợ GET.")
    rows = Category.objects.reportable().select_related("parent")
    return render(fmt, "services", "service", [service_json(c) for c in rows.order_by("order", "code")])


@endpoint
def service_definition(request, fmt, code):
    category = Category.objects.reportable().filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"Không có dịch vụ “{code}”.")
    # The definition is one object (the spec's example), not a list.
    return render(fmt, "service_definition", None, definition_json(category))


@endpoint
def requests_view(request, fmt):
    if request.method == "POST":
        return _post_request(request, fmt)
    if request.method != "GET":
        raise Open311Error(400, "Chỉ hỗ trợ GET và POST.")
    qs = _public_reports()
    ids = _arg(request, "service_request_id")
    if ids:
        # A list of ids overrides every other filter (§9).
        wanted = [parse_id(part) for part in ids.split(",") if part.strip()]
        if None in wanted:
            raise Open311Error(400, "service_request_id phải là các số nguyên dương, cách nhau bởi dấu phẩy.")
        return _requests(request, fmt, qs.filter(pk__in=wanted).order_by("-created_at"))
    codes = [c.strip() for c in _arg(request, "service_code").split(",") if c.strip()]
    if codes:
        qs = qs.filter(category__code__in=codes)
    statuses = [s.strip() for s in _arg(request, "status").split(",") if s.strip()]
    if statuses:
        if not set(statuses) <= {"open", "closed"}:
            raise Open311Error(400, "status chỉ nhận open hoặc closed.")
        if statuses == ["open"]:
            qs = qs.filter(status__in=Report.OPEN_STATUSES)
        elif statuses == ["closed"]:
            qs = qs.exclude(status__in=Report.OPEN_STATUSES)
    start, end = _date(request, "start_date"), _date(request, "end_date")
    # Default: the last 90 days or the first 1,000 requests, whichever is smaller (§9).
    if end is None:
        end = start + MAX_SPAN if start else timezone.now()
    if start is None:
        start = end - MAX_SPAN
    if start > end:
        raise Open311Error(400, "start_date phải trước end_date.")
    if end - start > MAX_SPAN:
        raise Open311Error(400, "Khoảng thời gian tối đa 90 ngày.")
    qs = qs.filter(created_at__gte=start, created_at__lte=end).order_by("-created_at", "-pk")
    page_size = _int(request, "page_size", DEFAULT_RESULTS, 1, MAX_RESULTS)
    page = _int(request, "page", 1, 1, 10**6)
    return _requests(request, fmt, qs[(page - 1) * page_size: page * page_size])


@endpoint
def request_detail(request, fmt, request_id):
    pk = parse_id(request_id)
    report = _public_reports().filter(pk=pk).first() if pk else None
    if report is None:
        raise Open311Error(404, f"Không có yêu cầu “{request_id}”.")
    return _requests(request, fmt, [report])


@endpoint
def token_detail(request, fmt, token):
    import uuid

    try:
        key = uuid.UUID(token)
    except ValueError:
        raise Open311Error(404, "Không có mã tạm này.") from None
    report = public_reports().filter(token=key).first()  # a hidden report is not published here either
    if report is None:
        raise Open311Error(404, "Không có mã tạm này.")
    return render(fmt, "service_requests", "request", [{"service_request_id": str(report.pk), "token": token}])


def _date(request, name: str) -> datetime | None:
    raw = _arg(request, name)
    if not raw:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+"))  # a '+' in a query string arrives as a space
    except ValueError:  # well-formed but impossible: 2026-02-30, hour 25
        value = None
    if value is None:
        raise Open311Error(400, f"{name} phải là ngày giờ W3C, ví dụ 2025-01-24T10:00:00+07:00.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _int(request, name: str, default: int, low: int, high: int) -> int:
    raw = _arg(request, name)
    if not raw:
        return default
    value = parse_id(raw)
    if value is None or not low <= value <= high:
        raise Open311Error(400, f"{name} phải là số nguyên từ {low} đến {high}.")
    return value


def _float(request, name: str) -> float | None:
    try:
        return parse_float(_arg(request, name))
    except ValueError:
        raise Open311Error(400, f"{name} phải là một số thập phân.") from None


def _attributes(request) -> dict:
    """attribute[CODE]=v and, for lists, attribute[CODE][]=v (§9)."""
    answers: dict = {}
    for key in request.POST:
        if not (key.startswith("attribute[") and key.endswith("]")):
            continue
        if key.endswith("[]"):
            answers[key[len("attribute["):-3]] = [v for v in request.POST.getlist(key) if v != ""]
        else:
            answers[key[len("attribute["):-1]] = request.POST.get(key)
    return answers


# The action's field names, as the Open311 argument a partner sends.
OPEN311_FIELDS = {"address": "address_string", "category": "service_code"}


def _post_request(request, fmt) -> HttpResponse:
    client = ApiClient.authenticate(_arg(request, "api_key"))
    if client is None:
        raise Open311Error(403, "api_key thiếu hoặc không hợp lệ.")
    wait = ratelimit.retry_after(POSTS_PER_KEY, str(client.pk))
    if wait:
        raise Open311Error(429, ratelimit.message(wait), retry_after=wait)
    ratelimit.hit(POSTS_PER_KEY, str(client.pk))
    code = _arg(request, "service_code")
    if not code:
        raise Open311Error(400, "Thiếu service_code.")
    category = Category.objects.reportable().filter(code=code).first()
    if category is None:
        raise Open311Error(400, f"service_code “{code}” không tồn tại.")
    lat, lon = _float(request, "lat"), _float(request, "long")
    if (lat is None) != (lon is None):
        raise Open311Error(400, "Cần cả lat và long.")
    description = _arg(request, "description")
    if len(description) > DESCRIPTION_MAX:
        raise Open311Error(400, f"description tối đa {DESCRIPTION_MAX} ký tự.")
    # Checked and refused, never cut to fit: the partner learns which field to fix.
    contact = actions.Contact(first_name=_arg(request, "first_name"), last_name=_arg(request, "last_name"),
                              email=_arg(request, "email"), phone=_arg(request, "phone"))
    try:
        report = actions.submit_report(
            reporter=None, api_client=client, category=category, description=description or category.name,
            lat=lat, long=lon, address=_arg(request, "address_string"), address_id=_arg(request, "address_id"),
            attributes=_attributes(request), contact=contact, media_url=_arg(request, "media_url"),
            device_id=_arg(request, "device_id"), account_id=_arg(request, "account_id"),
        )
    except actions.ActionError as exc:
        if exc.code == "forbidden":
            raise Open311Error(403, exc.message) from None
        field = OPEN311_FIELDS.get(exc.field, exc.field)
        raise Open311Error(400, f"{field}: {exc.message}" if field else exc.message) from None
    notice = "Phản ánh đã được tiếp nhận. Thời hạn xử lý dự kiến: " + iso(report.due_at)
    return render(fmt, "service_requests", "request", [
        {"service_request_id": str(report.pk), "service_notice": notice, "account_id": report.account_id}
    ])


@csrf_exempt
def unknown(request, rest: str):
    fmt = "json" if rest.endswith(".json") else "xml"
    return error(fmt, 404, "Không có tài nguyên này.")


# Reports one partner application may post per ten minutes (Open311 POST requests).
POSTS_PER_KEY = ratelimit.Limit("open311.key", 120, 600)
