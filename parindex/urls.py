from django.urls import path

from parindex import views

app_name = "parindex"

urlpatterns = [
    path("", views.home, name="home"),
    path("bo-tieu-chi/", views.criteria_sets, name="criteria-sets"),
    path("bo-tieu-chi/mau.xlsx", views.criteria_workbook, name="criteria-template"),
    path("bo-tieu-chi/<str:code>/", views.criteria_set, name="criteria-set"),
    path("bo-tieu-chi/<str:code>/tai-ve.xlsx", views.criteria_workbook, name="criteria-workbook"),
    path("ky-moi/", views.round_new, name="round-new"),
    path("<int:year>/", views.round_page, name="round"),
    path("<int:year>/han/", views.round_deadlines, name="round-deadlines"),
    path("<int:year>/cong-bo/", views.round_publish, name="round-publish"),
    path("<int:year>/<str:code>/", views.assessment, name="assessment"),
    path("<int:year>/<str:code>/tu-cham/", views.score_self, name="score-self"),
    path("<int:year>/<str:code>/tham-dinh/", views.appraise, name="appraise"),
    path("<int:year>/<str:code>/minh-chung/", views.attach, name="attach"),
    path("<int:year>/<str:code>/minh-chung/<int:pk>/", views.evidence, name="evidence"),
    path("<int:year>/<str:code>/minh-chung/<int:pk>/go/", views.remove, name="remove"),
    path("<int:year>/<str:code>/<slug:name>/", views.step, name="step"),
]
