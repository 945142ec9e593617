from django.urls import path

from scoring import views

app_name = "scoring"

urlpatterns = [
    path("", views.agencies, name="agencies"),
    path("<str:code>/", views.agency, name="agency"),
    path("<str:code>/bao-cao.pdf", views.agency_pdf, name="report"),
]
