from django.contrib import admin
from django.urls import include, path

from motcua.api import api
from motcua.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
