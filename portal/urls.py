from django.urls import path

from portal import mine, signup, submission

app_name = "portal"

urlpatterns = [
    path("dang-ky/", signup.signup, name="signup"),
    path("nop-ho-so/<str:code>/", submission.submit, name="submit"),
    path("ho-so-cua-toi/", mine.my_dossiers, name="mine"),
    path("ho-so-cua-toi/<int:pk>/", mine.dossier, name="dossier"),
    path("ho-so-cua-toi/<int:pk>/thao-tac/<str:action>/", mine.act, name="act"),
    path("ho-so-cua-toi/<int:pk>/dinh-kem/", mine.upload, name="upload"),
    path("ho-so-cua-toi/<int:pk>/danh-gia/", mine.evaluate, name="evaluate"),
]
