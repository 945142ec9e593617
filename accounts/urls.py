from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import oidc, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    path("dinh-danh/", oidc.start, name="oidc_start"),
    path("dinh-danh/ket-qua/", oidc.callback, name="oidc_callback"),
    # POST only (Django 5); honours a ?next= on this site, else LOGOUT_REDIRECT_URL.
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
