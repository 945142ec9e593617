from django.urls import path

from sync import views

app_name = "sync"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:dossier_id>/gui-lai/", views.send_again, name="send-again"),
    path("<int:dossier_id>/bo-qua/", views.skip, name="skip"),
]
