from django.urls import path

from catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("goi-y/", views.instant, name="instant"),
    path("bo-qua-ket-qua/", views.abandoned, name="abandoned"),
    path("<str:code>/", views.procedure_detail, name="detail"),
]
