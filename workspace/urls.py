from django.urls import path

from workspace import dossier, intake, views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("co-quan/", views.switch_agency, name="switch_agency"),
    path("hang-doi/<slug:slug>/", views.queue, name="queue"),
    path("tiep-nhan/", intake.intake, name="intake"),
    path("ho-so/<int:pk>/", dossier.dossier, name="dossier"),
    path("ho-so/<int:pk>/thao-tac/<str:action>/", dossier.act, name="act"),
]
