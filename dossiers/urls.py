"""Public dossier pages; included at the site root: path("", include("dossiers.urls"))."""

from django.urls import path

from dossiers import downloads, lookup

app_name = "dossiers"

urlpatterns = [
    path("tra-cuu-ho-so/", lookup.lookup, name="lookup"),
    path("tra-cuu-ho-so/<str:code>/<str:secret>/", lookup.lookup, name="lookup_direct"),
    path("tra-cuu-ho-so/<str:code>/<str:secret>/giay-tiep-nhan.pdf", downloads.receipt, name="receipt"),
    path("ho-so/<int:pk>/tep/<int:file_id>/", downloads.dossier_file, name="file"),
    path("ho-so/<int:pk>/mau/<int:form_id>/", downloads.issued_form, name="form"),
    path("ho-so/<int:pk>/in-mau/<str:kind>/", downloads.print_form, name="print_form"),
]
