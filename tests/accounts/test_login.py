"""Stories of /accounts/login/ and /accounts/logout/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")


def session_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_page_is_vietnamese(client, db):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert "Tên đăng nhập hoặc số định danh cá nhân" in response.content.decode()


def test_citizen_logs_in_with_her_citizen_id(client, lan):
    # Given Lan, whose username is her 12-digit citizen ID
    # When she logs in with it
    response = client.post(LOGIN, {"username": "046190000123", "password": PASSWORD})

    # Then she is logged in and sent to the home page
    assert response.status_code == 302
    assert response.url == reverse("start")
    assert session_user_id(client) == str(lan.pk)


def test_officer_is_sent_to_a_safe_next(client, minh):
    response = client.post(f"{LOGIN}?next=/admin/", {"username": "minh", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/admin/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_an_off_site_next_is_ignored(client, minh, target):
    response = client.post(LOGIN, {"username": "minh", "password": PASSWORD, "next": target})

    assert response.status_code == 302
    assert response.url == reverse("start")


def test_wrong_password_gives_a_vietnamese_error(client, minh):
    # When Minh mistypes his password
    response = client.post(LOGIN, {"username": "minh", "password": "sai-mat-khau"})

    # Then the page says so in Vietnamese and nobody is logged in
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert session_user_id(client) is None


def test_inactive_account_cannot_log_in(client, minh):
    minh.is_active = False
    minh.save()

    response = client.post(LOGIN, {"username": "minh", "password": PASSWORD})

    assert response.status_code == 200
    assert session_user_id(client) is None


def test_five_failures_lock_the_account_on_this_address(client, minh):
    # Given four wrong passwords for Minh
    for _ in range(4):
        response = client.post(LOGIN, {"username": "minh", "password": "sai-mat-khau"})
        assert response.status_code == 200

    # When he fails a fifth time
    response = client.post(LOGIN, {"username": "minh", "password": "sai-mat-khau"})

    # Then the lockout page says so in Vietnamese
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "5 lần" in page
    assert "15 phút" in page

    # And even the right password is refused while locked
    response = client.post(LOGIN, {"username": "minh", "password": PASSWORD})
    assert response.status_code == 429
    assert session_user_id(client) is None


def test_lockout_of_one_user_does_not_lock_another(client, minh, hoa):
    for _ in range(5):
        client.post(LOGIN, {"username": "minh", "password": "sai-mat-khau"})

    response = client.post(LOGIN, {"username": "hoa", "password": PASSWORD})

    assert response.status_code == 302
    assert session_user_id(client) == str(hoa.pk)


def test_logout_needs_post_and_honours_a_safe_next(client, minh):
    client.force_login(minh)

    assert client.get(reverse("accounts:logout")).status_code == 405

    response = client.post(f"{reverse('accounts:logout')}?next=/accounts/login/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    assert session_user_id(client) is None


def test_logout_ignores_an_off_site_next(client, minh):
    client.force_login(minh)

    response = client.post(f"{reverse('accounts:logout')}?next=https://evil.example/")

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_one_account_guessed_from_many_addresses_is_locked_everywhere(client, minh, hoa):
    from accounts.views import FAILURES_PER_ACCOUNT

    for n in range(FAILURES_PER_ACCOUNT.count):
        client.post(LOGIN, {"username": "minh", "password": f"sai-{n}"}, REMOTE_ADDR=f"198.51.100.{n}")
    locked = client.post(LOGIN, {"username": "minh", "password": PASSWORD}, REMOTE_ADDR="192.0.2.50")
    assert locked.status_code == 429 and "Tạm khóa đăng nhập" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0 and session_user_id(client) is None
    ok = client.post(LOGIN, {"username": "hoa", "password": PASSWORD}, REMOTE_ADDR="192.0.2.50")
    assert ok.status_code == 302  # another account from the same address


def test_one_address_spraying_passwords_over_accounts_is_stopped(client, minh, hoa):
    from accounts.views import FAILURES_PER_ADDRESS

    for n in range(FAILURES_PER_ADDRESS.count):
        client.post(LOGIN, {"username": f"nguoi-{n}", "password": "matkhau123"}, REMOTE_ADDR="203.0.113.66")
    assert client.post(LOGIN, {"username": "hoa", "password": PASSWORD}, REMOTE_ADDR="203.0.113.66").status_code == 429
    assert client.post(LOGIN, {"username": "hoa", "password": PASSWORD}, REMOTE_ADDR="203.0.113.67").status_code == 302
