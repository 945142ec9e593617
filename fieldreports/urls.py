from django.urls import path

from fieldreports import views

app_name = "fieldreports"

urlpatterns = [
    path("", views.feed, name="feed"),
    path("ban-do.json", views.map_points, name="map-points"),
    path("gan-day.json", views.nearby, name="nearby"),
    path("gui/", views.new_report, name="new"),
    path("cua-toi/", views.my_reports, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/danh-gia/", views.reporter_action, name="reporter-action"),
    path("anh/<int:pk>/", views.photo, name="photo"),
    path("dieu-phoi/", views.ioc_queue, name="ioc-queue"),
    path("don-vi/", views.unit_queue, name="unit-queue"),
    path("xu-ly/<int:pk>/", views.staff_detail, name="staff-detail"),
    path("xu-ly/<int:pk>/thao-tac/", views.staff_action, name="staff-action"),
]
