from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from ioc import public as ioc_public
from motcua import errors, health, metrics
from motcua.api import api
from motcua.views import home, language, start

urlpatterns = [
    # Probes and Prometheus (docs/deploy.md): no login, no trailing slash, never cached.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    # Browsers ask for /favicon.ico on pages that name none (the admin's).
    path("favicon.ico", RedirectView.as_view(url=f"/{settings.STATIC_URL.strip('/')}/motcua/favicon.svg")),
    path("", home, name="home"),
    path("bat-dau/", start, name="start"),
    path("ngon-ngu/<str:code>/", language, name="language"),
    path("accounts/", include("accounts.urls")),
    path("thu-tuc/", include("catalogue.urls")),
    path("", include("dossiers.urls")),
    path("phan-anh/", include("fieldreports.urls")),
    path("", include("portal.urls")),
    path("", include("documents.urls")),
    path("can-bo/", include("workspace.urls")),
    path("thanh-toan/", include("payments.urls")),
    path("dieu-hanh/danh-gia/", include("scoring.urls")),
    path("dieu-hanh/", include("ioc.urls")),
    path("thong-ke/", ioc_public.statistics, name="statistics"),
    path("dong-bo/", include("sync.urls")),
    path("chi-so-cai-cach/", include("parindex.urls")),
    path("", include("sipas.urls")),
    path("open311/", include("fieldreports.urls_open311")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # After the API's own routes: an unknown API path answers JSON, not an HTML page.
    re_path(r"^api/(?P<rest>.*)$", errors.api_not_found),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

if settings.DEBUG:
    # Uploaded files (blank forms) in development; production serves them from the storage.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
