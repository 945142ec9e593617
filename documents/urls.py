from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("giay-to-cua-toi/", views.mine, name="mine"),
    path("giay-to-cua-toi/<int:pk>/", views.download, name="download"),
    path("can-bo/ho-so/<int:pk>/so-hoa/<int:file_id>/", views.digitize, name="digitize"),
]
