from django.urls import path

from catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("<str:code>/", views.procedure_detail, name="detail"),
]
