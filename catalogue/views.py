from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from catalogue.filters import CatalogueFilter
from catalogue.models import Field, Procedure, ProcedureVersion
from catalogue.search import QueryError, clean_query, misses, search
from catalogue.services import current_versions, version_on
from motcua.pagecache import anonymous_page
from motcua.ratelimit import Limit, client_ip, hit, retry_after
from units.models import Agency

PAGE_SIZE = 20
INSTANT_RESULTS = 6
# Beacons one browser may send: a person leaves a few results pages an hour, a script thousands.
ABANDON_LIMIT = Limit("search-abandoned", 30, 3600)


@anonymous_page
def procedure_list(request):
    params = request.GET
    error = ""
    try:
        q = clean_query(params.get("q", ""))
    except QueryError as exc:
        error, q = str(exc), ""
    others = {name: params.get(name, "")[:200] for name in CatalogueFilter.__dataclass_fields__ if name != "q"}
    chosen = CatalogueFilter(q=q, **others)
    versions = chosen.apply(current_versions())
    page = Paginator(versions, PAGE_SIZE).get_page(params.get("page"))
    query_without_page = params.copy()
    query_without_page.pop("page", None)
    response = render(request, "catalogue/procedure_list.html", {
        "page": page,
        "filter": chosen,
        "found": versions if q else None,
        "error": error,
        "typed": params.get("q", "")[:200] if error else q,
        "fields": Field.objects.all(),
        "agencies": Agency.objects.filter(is_active=True).exclude(kind=Agency.Kind.UTILITY).order_by("name"),
        "online_levels": ProcedureVersion.OnlineLevel.choices,
        "querystring": query_without_page.urlencode(),
    }, status=400 if error else 200)
    if chosen.only_query and not len(versions) and page.number == 1:
        misses.record(q, misses.NO_RESULTS)
        response.cacheable = False  # each visitor's miss is counted (motcua.pagecache)
    return response


@anonymous_page
def instant(request):
    """The first few results as the person types (the home page's box, through htmx)."""
    try:
        q = clean_query(request.GET.get("q", ""))
    except QueryError as exc:
        return render(request, "catalogue/_instant.html", {"error": str(exc)})
    found = search(current_versions(), q, limit=INSTANT_RESULTS) if q else None
    return render(request, "catalogue/_instant.html", {"found": found, "q": q,
                                                         "versions": found[:] if found is not None else []})


@csrf_exempt  # sent by navigator.sendBeacon from cached pages, which carry no token; it only counts
@require_POST
def abandoned(request):
    """A results page left without opening any result (catalogue/static/catalogue/search.js)."""
    if retry_after(ABANDON_LIMIT, client_ip(request)):
        return HttpResponse(status=429)
    hit(ABANDON_LIMIT, client_ip(request))
    try:
        q = clean_query(request.POST.get("q", ""))
    except QueryError:
        return HttpResponse(status=400)
    if q and search(current_versions(), q, limit=1, suggest=False):
        misses.record(q, misses.ABANDONED)
    return HttpResponse(status=204)


@anonymous_page
def procedure_detail(request, code: str):
    procedure = get_object_or_404(Procedure, code=code)
    version = version_on(procedure, timezone.localdate())
    if version is None:
        raise Http404("Thủ tục chưa được công bố hoặc đã bãi bỏ.")
    version = (
        ProcedureVersion.objects.select_related("field", "competent_agency", "receiving_agency")
        .prefetch_related("components", "fees", "legal_bases")
        .get(pk=version.pk)
    )
    try:
        submit_url = reverse("portal:submit", args=[procedure.code])
    except NoReverseMatch:
        submit_url = None  # online submission arrives with the citizen portal
    return render(request, "catalogue/procedure_detail.html", {
        "version": version,
        "procedure": procedure,
        "submit_url": submit_url if version.online_level != ProcedureVersion.OnlineLevel.NONE else None,
    })
