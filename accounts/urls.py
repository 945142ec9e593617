from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    # POST only (Django 5); honours a ?next= on this site, else LOGOUT_REDIRECT_URL.
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
