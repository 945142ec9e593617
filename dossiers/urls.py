"""Public dossier pages; included at the site root: path("", include("dossiers.urls"))."""

from django.urls import path

from dossiers import lookup

app_name = "dossiers"

urlpatterns = [
    path("tra-cuu-ho-so/", lookup.lookup, name="lookup"),
    path("tra-cuu-ho-so/<str:code>/<str:secret>/", lookup.lookup, name="lookup_direct"),
]
