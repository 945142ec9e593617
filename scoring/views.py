"""The operations centre's pages of citizens' scores (Circular 01/2018/TT-VPCP, Decree 61/2018
Art. 31): per agency with the band and what lowered it, then one agency's criteria, officers
and monthly trend, and its report as a PDF. Read from the roll-up (scoring/figures.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render

from dossiers.evaluation import CRITERIA, MAX_TOTAL, MEASURED
from ioc import charts
from ioc.filters import Filters, filter_choices
from ioc.views import _scope
from scoring import figures

TREND_SECONDS = 300


def _agency(request, code: str):
    agencies = _scope(request)
    agency = next((a for a in agencies if a.code == code), None)
    if agency is None:
        raise Http404("Không tìm thấy cơ quan, hoặc bạn không được xem số liệu của cơ quan này.")
    return agencies, agency


@login_required
def agencies(request):
    scope = _scope(request)
    f = Filters(request.GET, scope)
    return render(request, "scoring/agencies.html", {
        "f": f, "rows": figures.per_agency(f.agencies, f.period), "total": figures.totals(f.ids, f.period),
        "criteria": CRITERIA, "measured": MEASURED, "max_total": MAX_TOTAL, **filter_choices(scope), "fields": None,
    })


def trend_svg(agency_ids, period) -> str:
    key = f"scoring:trend:{period.end}:{','.join(map(str, agency_ids))}"
    svg = cache.get(key)
    if svg is None:
        rows = [{**r, "label": f"{r['month']:%m/%Y}"} for r in figures.monthly(agency_ids, period.end)]
        svg = charts.series(rows, "label", "average", "Tháng", f"Điểm trung bình (/{MAX_TOTAL})", [0, MAX_TOTAL])
        cache.set(key, svg, TREND_SECONDS)
    return svg


@login_required
def agency(request, code: str):
    scope, found = _agency(request, code)
    f = Filters(request.GET, scope)
    total = figures.totals([found.pk], f.period)
    return render(request, "scoring/agency.html", {
        "f": f, "agency": found, "total": total, "officers": figures.per_officer(found.pk, f.period),
        "criteria": sorted((c for c in total["criteria"] if c["average"] is not None),
                           key=lambda c: (c["average"], c["code"])),
        "measured": MEASURED, "max_total": MAX_TOTAL, "trend": figures.monthly([found.pk], f.period.end),
        "trend_svg": trend_svg([found.pk], f.period), "export_query": f.query({"co-quan": found.code}),
    })


@login_required
def agency_pdf(request, code: str):
    from scoring import report

    scope, found = _agency(request, code)
    f = Filters(request.GET, scope)
    data = report.build(found, f)
    response = HttpResponse(data, content_type="application/pdf")
    name = f"danh-gia-{found.code}-{f.period.start:%Y%m%d}-{f.period.end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
