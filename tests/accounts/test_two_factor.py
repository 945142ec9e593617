"""Stories of the second factor: enrolment on first login, then a code at every login."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import enrolment
from accounts.views import PENDING_SESSION_KEY
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")
TWO_FACTOR = reverse("accounts:two_factor")


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    """The code the authenticator app shows now (or `offset` seconds later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    right = {code_for(device, offset) for offset in (-60, -30, 0, 30, 60)}
    return next(c for c in (f"{n:06d}" for n in range(1_000_000)) if c not in right)


@pytest.fixture
def quan_2fa(quan):
    quan.requires_two_factor = True
    quan.save()
    return quan


def start_login(client, user, next_url=None):
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    return client.post(url, {"username": user.username, "password": PASSWORD})


def test_password_alone_does_not_log_in_a_two_factor_account(client, quan_2fa):
    # When Quân, whose account requires two factors, gives the right password
    response = start_login(client, quan_2fa)

    # Then he is asked for the second factor and not logged in yet
    assert response.status_code == 302
    assert response.url == TWO_FACTOR
    assert "_auth_user_id" not in client.session
    assert client.session[PENDING_SESSION_KEY]["user_id"] == quan_2fa.pk


def test_first_login_enrols_an_authenticator(client, quan_2fa, son):
    # Given Quân has no authenticator yet, the administrator gave him an enrolment code,
    # and he has given his password
    code = enrolment.issue(quan_2fa, by=son)
    start_login(client, quan_2fa, next_url="/admin/")

    # When he opens the second-factor page, he is asked for that code first, no QR code yet
    page = client.get(TWO_FACTOR).content.decode()
    assert "Mã kích hoạt" in page and "<svg" not in page
    assert not TOTPDevice.objects.filter(user=quan_2fa).exists()
    response = client.post(TWO_FACTOR, {"code": code.lower().replace("-", " ")}, follow=True)

    # Then he sees a QR code and the secret of one new, unconfirmed device
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    assert "quét mã QR" in page
    device = TOTPDevice.objects.get(user=quan_2fa)
    assert not device.confirmed
    # A reload reuses the same device rather than piling up new ones
    client.get(TWO_FACTOR)
    assert TOTPDevice.objects.filter(user=quan_2fa).count() == 1

    # When he types the code his app shows
    response = client.post(TWO_FACTOR, {"token": code_for(device)})

    # Then the device is confirmed, he is logged in, verified, and sent on
    assert response.status_code == 302
    assert response.url == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.session["_auth_user_id"] == str(quan_2fa.pk)
    assert PENDING_SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 200


def test_later_logins_ask_for_the_code(client, quan_2fa):
    # Given Quân has a confirmed authenticator
    device = TOTPDevice.objects.create(user=quan_2fa, name="điện thoại", confirmed=True)
    start_login(client, quan_2fa)

    # When he opens the second-factor page, no QR code is shown
    page = client.get(TWO_FACTOR).content.decode()
    assert "<svg" not in page
    assert "Nhập mã 6 chữ số" in page

    # And the right code logs him in as verified
    response = client.post(TWO_FACTOR, {"token": code_for(device)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(quan_2fa.pk)
    assert client.session["otp_device_id"] == device.persistent_id


def test_a_wrong_code_is_refused_in_vietnamese(client, quan_2fa):
    device = TOTPDevice.objects.create(user=quan_2fa, name="điện thoại", confirmed=True)
    start_login(client, quan_2fa)

    response = client.post(TWO_FACTOR, {"token": wrong_code(device)})

    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_repeated_wrong_codes_are_throttled(client, quan_2fa):
    # Given a failed attempt a moment ago (django-otp then makes him wait)
    device = TOTPDevice.objects.create(user=quan_2fa, name="điện thoại", confirmed=True)
    start_login(client, quan_2fa)
    client.post(TWO_FACTOR, {"token": wrong_code(device)})

    # When he tries again at once, even with the right code
    response = client.post(TWO_FACTOR, {"token": code_for(device)})

    # Then he is told to wait
    assert "Vui lòng đợi" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_code_that_is_not_six_digits_is_refused(client, quan_2fa):
    TOTPDevice.objects.create(user=quan_2fa, name="điện thoại", confirmed=True)
    start_login(client, quan_2fa)

    response = client.post(TWO_FACTOR, {"token": "12ab56"})

    assert "Mã xác thực chỉ gồm chữ số" in response.content.decode()


def test_a_wrong_code_during_enrolment_leaves_the_device_unconfirmed(client, quan_2fa):
    code = enrolment.issue(quan_2fa)
    start_login(client, quan_2fa)
    client.post(TWO_FACTOR, {"code": code})
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=quan_2fa)

    response = client.post(TWO_FACTOR, {"token": wrong_code(device)})

    assert "Mã xác thực không đúng" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_the_pending_login_expires(client, quan_2fa):
    # Given Quân gave his password more than five minutes ago
    device = TOTPDevice.objects.create(user=quan_2fa, name="điện thoại", confirmed=True)
    start_login(client, quan_2fa)
    session = client.session
    session[PENDING_SESSION_KEY] = {**session[PENDING_SESSION_KEY], "started": int(time.time()) - 301}
    session.save()

    # When he finally types the code
    response = client.post(TWO_FACTOR, {"token": code_for(device)}, follow=True)

    # Then he must start again
    assert response.redirect_chain[-1][0] == LOGIN
    assert "Phiên đăng nhập đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_two_factor_page_without_a_password_goes_to_login(client, db):
    response = client.get(TWO_FACTOR)

    assert response.status_code == 302
    assert response.url == LOGIN


def test_a_used_code_cannot_be_replayed(client, quan_2fa):
    device = TOTPDevice.objects.create(user=quan_2fa, name="điện thoại", confirmed=True)
    token = code_for(device)
    start_login(client, quan_2fa)
    client.post(TWO_FACTOR, {"token": token})
    client.post(reverse("accounts:logout"))

    start_login(client, quan_2fa)
    response = client.post(TWO_FACTOR, {"token": token})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_starting_a_two_factor_login_ends_another_accounts_session(client, minh, quan_2fa):
    client.force_login(minh)

    start_login(client, quan_2fa)

    assert "_auth_user_id" not in client.session
    assert client.session[PENDING_SESSION_KEY]["user_id"] == quan_2fa.pk


@pytest.mark.parametrize(("who", "needs"), [("son", True), ("dung", True), ("minh", False), ("lan", False)])
def test_in_production_admins_and_leaders_need_a_second_factor(request, client, settings, who, needs):
    settings.TWO_FACTOR_FOR_STAFF = True
    user = request.getfixturevalue(who)
    assert user.needs_second_factor is needs
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert (response.status_code, response.url == reverse("accounts:two_factor")) == (302, needs)
    assert (PENDING_SESSION_KEY in client.session) is needs


def test_in_development_the_demo_accounts_log_in_with_a_password(client, settings, son):
    settings.TWO_FACTOR_FOR_STAFF = False
    assert son.needs_second_factor is False
    assert client.post(LOGIN, {"username": son.username, "password": PASSWORD}).url != reverse("accounts:two_factor")


# --- enrolment codes: a stolen password alone never enrols an authenticator -----------------------------

def test_a_password_alone_cannot_enrol_an_authenticator(client, quan_2fa):
    start_login(client, quan_2fa)
    for typed in ("", "AAAA-BBBB-CCCC", "x" * 100):
        response = client.post(TWO_FACTOR, {"code": typed})
        assert response.status_code == 200 and "<svg" not in response.content.decode()
    assert not TOTPDevice.objects.filter(user=quan_2fa).exists()
    assert "_auth_user_id" not in client.session


def test_wrong_enrolment_codes_are_limited_per_account(client, quan_2fa):
    code = enrolment.issue(quan_2fa)
    start_login(client, quan_2fa)
    for _ in range(enrolment.WRONG_PER_ACCOUNT.count):
        assert "Mã kích hoạt không đúng" in client.post(TWO_FACTOR, {"code": "AAAA-BBBB-CCCC"}).content.decode()
    # Then even the right code waits: guessing stops here
    assert "Vui lòng" in client.post(TWO_FACTOR, {"code": code}).content.decode()
    assert not TOTPDevice.objects.filter(user=quan_2fa).exists()


def test_an_enrolment_code_is_used_once_and_expires(client, quan_2fa, time_machine, settings):
    code = enrolment.issue(quan_2fa)
    assert enrolment.redeem(quan_2fa, code) is None
    assert enrolment.redeem(quan_2fa, code) is not None, "used once"
    code = enrolment.issue(quan_2fa)
    time_machine.move_to(timezone.now() + timedelta(hours=settings.ENROLMENT_CODE_HOURS, minutes=1))
    assert enrolment.redeem(quan_2fa, code) is not None, "expired"


def test_a_new_code_cancels_the_old_one_and_a_reset_removes_the_authenticator(quan_2fa):
    old = enrolment.issue(quan_2fa)
    TOTPDevice.objects.create(user=quan_2fa, name="điện thoại cũ", confirmed=True)
    new = enrolment.issue(quan_2fa, reset=True)
    assert enrolment.redeem(quan_2fa, old) is not None
    assert not TOTPDevice.objects.filter(user=quan_2fa).exists()
    assert enrolment.redeem(quan_2fa, new) is None


def test_only_the_system_administrator_issues_codes_in_the_admin(client, son, quan_2fa, hoa):
    device = TOTPDevice.objects.create(user=son, name="điện thoại", confirmed=True)
    start_login(client, son)
    client.post(TWO_FACTOR, {"token": code_for(device)})
    response = client.post("/admin/accounts/user/", {"action": "issue_enrolment_code",
                                                     "_selected_action": [quan_2fa.pk]})
    page = response.content.decode()
    assert response.status_code == 200 and quan_2fa.username in page
    shown = page.split("<code>")[1].split("</code>")[0]
    assert enrolment.redeem(quan_2fa, shown) is None
    from accounts.models import EnrolmentCode

    assert shown not in str(list(EnrolmentCode.objects.values()))  # only its hash is kept


def test_the_command_issues_a_code(quan_2fa):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("two_factor_code", quan_2fa.username, stdout=out)
    code = out.getvalue().split(": ")[1].split(" ")[0]
    assert enrolment.redeem(quan_2fa, code) is None
