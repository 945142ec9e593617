from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from catalogue.filters import CatalogueFilter
from catalogue.models import Field, Procedure, ProcedureVersion
from catalogue.services import current_versions, version_on
from motcua.pagecache import anonymous_page
from units.models import Agency

PAGE_SIZE = 20


@anonymous_page
def procedure_list(request):
    params = request.GET
    chosen = CatalogueFilter(**{name: params.get(name, "")[:200] for name in CatalogueFilter.__dataclass_fields__})
    versions = chosen.apply(current_versions())
    page = Paginator(versions, PAGE_SIZE).get_page(params.get("page"))
    query_without_page = params.copy()
    query_without_page.pop("page", None)
    return render(request, "catalogue/procedure_list.html", {
        "page": page,
        "filter": chosen,
        "fields": Field.objects.all(),
        "agencies": Agency.objects.filter(is_active=True).exclude(kind=Agency.Kind.UTILITY).order_by("name"),
        "online_levels": ProcedureVersion.OnlineLevel.choices,
        "querystring": query_without_page.urlencode(),
    })


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
