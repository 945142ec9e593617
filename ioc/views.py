"""The operations centre's dashboard: headline cards against the previous period, the on-time
table per agency with drill-down to procedures and their dossiers, what is overdue now, the
channel mix and the daily trend; an Excel export of the table. Figures come from the
projections (ioc/figures.py); the cards refresh themselves every 30 seconds (htmx)."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from catalogue.models import Procedure
from dossiers.models import Channel, Dossier
from fieldreports.views import map_settings
from ioc import figures, lists
from ioc.access import visible_agencies
from ioc.filters import Filters, filter_choices
from motcua.paging import CappedPaginator

CARDS_SECONDS = 30


def _scope(request) -> list:
    agencies = visible_agencies(request.user)
    if not agencies:
        raise PermissionDenied("Trang điều hành dành cho Trung tâm giám sát, điều hành và lãnh đạo các cơ quan.")
    return agencies


def _cards(f: Filters) -> dict:
    key = f"ioc:cards:{f.query()}:{','.join(map(str, f.ids))}"
    found = cache.get(key)
    if found is None:
        now = figures.totals(f.ids, f.period, f.channel, f.procedures)
        before = figures.totals(f.ids, f.period.previous(), f.channel, f.procedures)
        channels = figures.by_channel(f.ids, f.period, f.procedures)
        received = sum(channels.values())
        opened = figures.open_total(f.ids, procedures=f.procedures)
        # The index counts every channel; the cards' totals only when no channel is chosen.
        index = figures.progress_766(f.ids, f.period, None if f.channel else now, opened, f.procedures)
        found = {
            "now": now, "before": before, "open": opened, "index": index,
            "days": figures.percentiles(f.ids, f.period, f.channel, procedures=f.procedures),
            "online_share": round(100 * channels.get(Channel.ONLINE, 0) / received, 1) if received else None,
            "at": timezone.localtime(),
        }
        cache.set(key, found, CARDS_SECONDS)
    return found


@login_required
def dashboard(request):
    agencies = _scope(request)
    f = Filters(request.GET, agencies)
    if request.htmx and request.GET.get("phan") == "the":
        return render(request, "ioc/_cards.html", {"cards": _cards(f), "f": f})
    rows = agency_rows(f)
    order = request.GET.get("sap-xep", "-received")
    field = order.lstrip("-")
    if field in ("received", "resolved", "on_time_rate", "overdue", "average_days"):
        rows.sort(key=lambda r: (r.get(field) is None, r.get(field) or 0), reverse=order.startswith("-"))
    channels = figures.by_channel(f.ids, f.period, f.procedures)
    return render(request, "ioc/dashboard.html", {
        "f": f, "cards": _cards(f), "rows": rows, **lists.due(f), **lists.exceptions(f),
        **filter_choices(agencies), "order": order,
        "channels": [(label, channels.get(value, 0)) for value, label in Channel.choices],
        "trend": figures.trend(f.ids, f.period, f.channel, f.procedures, last_days=62),
        "field_reports": figures.reports(f.units, f.period),
        "report_units": figures.reports_per_unit(f.units, f.period),
        # The big screen of the centre: the cards, the charts and what is overdue, nothing to click.
        "wall": request.GET.get("man-hinh") == "lon",
        "map": map_settings(), "map_unit": f.agency.pk if f.agency else "",
    })


def agency_rows(f: Filters) -> list[dict]:
    """One row per agency with figures in the period or dossiers open now."""
    table = figures.per_agency(f.ids, f.period, f.channel, f.procedures)
    opened = figures.open_now(f.ids, procedures=f.procedures)
    rows = [{"agency": a, **figures.derived(table.get(a.pk, {})), **opened.get(a.pk, {})} for a in f.agencies]
    return [r for r in rows if r["received"] or r["resolved"] or r.get("overdue") or r.get("in_time")]


CHARTS = {"theo-ngay", "hinh-thuc", "dung-han", "hai-long", "tra-loi"}
CHART_SECONDS = 300


@login_required
def chart(request, name: str):
    """A chart of the dashboard as an SVG image (an image cannot run anything it holds)."""
    from ioc import charts

    if name not in CHARTS:
        raise Http404("Không có biểu đồ này.")
    f = Filters(request.GET, _scope(request))
    key = f"ioc:chart:{name}:{f.query()}:{','.join(map(str, f.ids))}"
    svg = cache.get(key)
    if svg is None:
        if name == "theo-ngay":
            svg = charts.trend(figures.trend(f.ids, f.period, f.channel, f.procedures, last_days=92))
        elif name == "hinh-thuc":
            found = figures.by_channel(f.ids, f.period, f.procedures)
            svg = charts.channels([(label, found.get(value, 0)) for value, label in Channel.choices])
        elif name == "hai-long":
            svg = charts.satisfaction(agency_rows(f))
        elif name == "tra-loi":
            svg = charts.answer_time(figures.reports_per_unit(f.units, f.period))
        else:
            svg = charts.on_time(agency_rows(f))
        cache.set(key, svg, CHART_SECONDS)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
def agency_detail(request, code: str):
    agencies = _scope(request)
    agency = next((a for a in agencies if a.code == code), None)
    if agency is None:
        raise Http404("Không tìm thấy cơ quan, hoặc bạn không được xem số liệu của cơ quan này.")
    f = Filters(request.GET, agencies)
    rows = figures.per_procedure(agency.pk, f.period, f.channel, f.procedures)
    names = dict(Procedure.objects.filter(pk__in=[r["procedure_id"] for r in rows]).values_list("pk", "code"))
    from catalogue.services import current_versions

    titles = dict(current_versions().filter(procedure_id__in=names).values_list("procedure_id", "name"))
    for r in rows:
        r["title"] = titles.get(r["procedure_id"], names.get(r["procedure_id"], ""))
    return render(request, "ioc/agency.html", {"agency": agency, "f": f, "rows": rows,
                                               "export_query": f.query({"co-quan": agency.code})})


@login_required
def procedure_dossiers(request, code: str, procedure: str):
    agencies = _scope(request)
    agency = next((a for a in agencies if a.code == code), None)
    found = Procedure.objects.filter(code=procedure).first()
    if agency is None or found is None:
        raise Http404("Không tìm thấy cơ quan hoặc thủ tục.")
    f = Filters(request.GET, agencies)
    start = timezone.make_aware(datetime.combine(f.period.start, time.min))
    end = timezone.make_aware(datetime.combine(f.period.end, time.max))
    # The dossiers behind the row: received in the period (personal data is not shown here).
    dossiers = (Dossier.objects.filter(procedure_version__competent_agency=agency, procedure_version__procedure=found,
                                       received_at__gte=start, received_at__lte=end)
                .only("code", "state", "status", "channel", "received_at", "due_at", "resolved_at", "timeliness")
                .order_by("-received_at", "-pk"))
    page = CappedPaginator(dossiers, 50).get_page(request.GET.get("page"))
    return render(request, "ioc/dossiers.html", {"agency": agency, "procedure": found, "f": f, "page": page,
                                                 "export_query": f.query({"co-quan": agency.code,
                                                                          "thu-tuc": found.code}),
                                                 "query": f.query()})


@login_required
def index_766(request):
    from ioc import index766

    agencies = _scope(request)
    f = Filters(request.GET, agencies)
    version, found = index766.scores(f.ids, f.period)
    groups: dict[str, list] = {}
    for score in found:
        groups.setdefault(score.indicator.group, []).append(score)
    return render(request, "ioc/index_766.html", {
        "f": f, "version": version, "groups": groups, "summary": index766.summary(found), "all_agencies": agencies,
        "kinds": figures.KINDS, "channel_choices": Channel.choices,  # the index is per agency: no field filter
    })


@login_required
def index_766_behind(request, code: str, part: str):
    """The dossiers (or procedures) behind one number of the 766 table."""
    from ioc import evidence, index766

    agencies = _scope(request)
    f = Filters(request.GET, agencies)
    version = index766.version_on(f.period.end)
    indicator = version.indicators.filter(code=code).first() if version else None
    found = evidence.behind(indicator.measure, evidence.PARTS.get(part, ""), f.ids, f.period) if indicator else None
    if found is None:
        raise Http404("Chỉ số này không có danh sách hồ sơ đi kèm (không có, hoặc cần dữ liệu quốc gia).")
    rows = found.rows.order_by("-pk")
    if found.kind == "dossiers":
        rows = rows.only("code", "state", "status", "channel", "received_at", "due_at", "resolved_at", "timeliness")
    else:
        rows = rows.select_related("procedure", "competent_agency")
    page = CappedPaginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "ioc/evidence.html", {
        "f": f, "indicator": indicator, "evidence": found, "page": page, "query": f.query(),
        "part_label": "Tử số" if part == "tu-so" else "Mẫu số",
    })


@login_required
def report_pdf(request):
    """The period's report (ioc/report.py) for the dashboard's filters, as a PDF to keep."""
    from ioc import report

    f = Filters(request.GET, _scope(request))
    data = report.build(f, agency_rows(f), _cards(f))
    response = HttpResponse(data, content_type="application/pdf")
    name = f"bao-cao-{f.period.start:%Y%m%d}-{f.period.end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
