from django.urls import re_path

from fieldreports import open311

app_name = "open311"

FMT = r"(?P<fmt>[a-z0-9]+)"

urlpatterns = [
    re_path(rf"^discovery\.{FMT}$", open311.discovery, name="discovery"),
    re_path(rf"^v2/services\.{FMT}$", open311.services, name="services"),
    re_path(rf"^v2/services/(?P<code>[-\w]+)\.{FMT}$", open311.service_definition, name="service"),
    # Some clients ask for the singular (docs/domain/field-reports.md §9).
    re_path(rf"^v2/service/(?P<code>[-\w]+)\.{FMT}$", open311.service_definition, name="service-alias"),
    re_path(rf"^v2/requests\.{FMT}$", open311.requests_view, name="requests"),
    re_path(rf"^v2/requests/(?P<request_id>[^/.]+)\.{FMT}$", open311.request_detail, name="request"),
    re_path(rf"^v2/tokens/(?P<token>[^/.]+)\.{FMT}$", open311.token_detail, name="token"),
    # Anything else under /open311/ is an unknown resource: 404 in the spec's error shape.
    re_path(r"^(?P<rest>.*)$", open311.unknown, name="unknown"),
]
