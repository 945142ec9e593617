from django.urls import path

from sipas import views

app_name = "sipas"

urlpatterns = [
    # The respondent's page: no login; the link's token is its only key.
    path("khao-sat/<str:token>/", views.answer, name="answer"),
    path("khao-sat-sipas/", views.home, name="home"),
    path("khao-sat-sipas/moi/", views.new, name="new"),
    path("khao-sat-sipas/<int:pk>/", views.survey, name="survey"),
    path("khao-sat-sipas/<int:pk>/cau-hoi/", views.question, name="question"),
    path("khao-sat-sipas/<int:pk>/cau-hoi/<int:question_id>/xoa/", views.remove_question, name="remove-question"),
    path("khao-sat-sipas/<int:pk>/chon-mau/", views.sample, name="sample"),
    path("khao-sat-sipas/<int:pk>/co-quan/<int:agency_id>/", views.agency, name="agency"),
    path("khao-sat-sipas/<int:pk>/<slug:name>/", views.step, name="step"),
]
