from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from motcua.api import api
from motcua.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("thu-tuc/", include("catalogue.urls")),
    path("", include("dossiers.urls")),
    path("phan-anh/", include("fieldreports.urls")),
    path("open311/", include("fieldreports.urls_open311")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

if settings.DEBUG:
    # Uploaded files (blank forms) in development; production serves them from the storage.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
