from django.urls import path

from ioc import exports, measures, views

app_name = "ioc"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("xuat/", exports.mine, name="exports"),
    path("xuat/bat-dau/", exports.start, name="export-start"),
    path("xuat/<int:pk>/", exports.status, name="export"),
    path("xuat/<int:pk>/tai-ve/", exports.download, name="export-download"),
    path("bao-cao.pdf", views.report_pdf, name="report"),
    path("bieu-do/<slug:name>.svg", views.chart, name="chart"),
    path("chi-so-766/", views.index_766, name="index766"),
    path("do-luong/", measures.measures, name="measures"),
    path("chi-so-766/<str:code>/<slug:part>/", views.index_766_behind, name="index766-behind"),
    path("co-quan/<str:code>/", views.agency_detail, name="agency"),
    path("co-quan/<str:code>/thu-tuc/<str:procedure>/", views.procedure_dossiers, name="dossiers"),
]
