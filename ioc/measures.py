"""The three yardsticks of each agency in one table (issue: measuring the administration):
citizens' scores of their dossiers (Circular 01/2018/TT-VPCP, scoring/), the PAR INDEX
appraised and published (parindex/) and the SIPAS satisfaction index (sipas/), each with
its trend and a link to what lowered it. Read from each app's stored results only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dossiers.evaluation import MAX_TOTAL
from ioc.filters import Filters, filter_choices
from ioc.views import _scope
from parindex import results as par
from scoring import figures as scoring
from sipas import results as sipas


@login_required
def measures(request):
    scope = _scope(request)
    f = Filters(request.GET, scope)
    scores = {r["agency"].pk: r for r in scoring.per_agency(f.agencies, f.period)}
    par_round = par.latest_published()
    pars = par.by_agency(par_round)
    survey = sipas.latest_closed()
    surveys = {r["agency_id"]: r for r in sipas.by_agency(survey)} if survey else {}
    rows = [{"agency": a, "score": scores.get(a.pk), "par": pars.get(a.pk), "sipas": surveys.get(a.pk)}
            for a in f.agencies]
    rows = [r for r in rows if r["score"] or r["par"] or r["sipas"]]
    return render(request, "ioc/measures.html", {
        "f": f, "rows": rows, "max_total": MAX_TOTAL, "par_round": par_round, "survey": survey,
        **filter_choices(scope),
    })
