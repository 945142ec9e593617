from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("ho-so/<int:pk>/", views.start, name="start"),
    path("giao-dich/<int:pk>/trang-thai/", views.status, name="status"),
    path("vnpay/ipn/", views.vnpay_ipn, name="vnpay_ipn"),
    path("vnpay/tra-ve/", views.vnpay_return, name="vnpay_return"),
    path("dvcqg/ket-qua/", views.dvcqg_result, name="dvcqg_result"),
    path("dvcqg/tra-ve/", views.dvcqg_return, name="dvcqg_return"),
]
