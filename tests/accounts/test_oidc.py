"""Stories of logging in with the national digital identity, against a real OpenID Connect
provider on loopback (oidc-provider-mock): the first login makes the account, the next finds
it, an account made at sign-up is linked, nobody is duplicated, and a claim that does not
match the account linked before is refused."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from oidc_provider_mock import run_server_in_thread

from accounts.models import User

pytestmark = pytest.mark.django_db

LAN = {"HoVaTen": "Nguyễn Thị Lan", "SoDinhDanh": "046190012399", "SoDienThoai": "0905123456",
       "ThuDienTu": "lan@example.vn"}


@pytest.fixture
def provider(settings):
    with run_server_in_thread() as server:
        base = f"http://localhost:{server.server_port}"
        settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "motcua", "bi-mat"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/oauth2/authorize"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/oauth2/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo"
        settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks"
        settings.OIDC_VERIFY_KID = False  # the stand-in has one key and names it not
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "accounts.oidc.NationalIdentityBackend"]
        yield base


def given(provider: str, sub: str, claims: dict) -> None:
    httpx.put(f"{provider}/users/{sub}", json=claims).raise_for_status()


def log_in(client, provider: str, sub: str):
    """What a browser does: to the provider, the person picks their identity, back with a code."""
    start = client.get("/accounts/dinh-danh/", {"next": "/ho-so-cua-toi/"})
    assert start.status_code == 302 and start["Location"].startswith(f"{provider}/oauth2/authorize")
    chosen = httpx.post(start["Location"], data={"sub": sub, "action": "authorize"}, follow_redirects=False)
    assert chosen.status_code == 302, chosen.text
    back = urlsplit(chosen.headers["Location"])
    return client.get(back.path, parse_qs(back.query), follow=True)


def test_the_first_login_makes_the_account_and_the_next_finds_it(client, provider):
    given(provider, "vneid-lan", LAN)
    page = log_in(client, provider, "vneid-lan")
    lan = User.objects.get(citizen_id="046190012399")
    assert (lan.username, lan.kind, lan.full_name, lan.phone) == ("046190012399", "citizen", "Nguyễn Thị Lan",
                                                                 "0905123456")
    assert not lan.has_usable_password() and lan.oidc_subject == "vneid-lan"
    assert page.context["user"] == lan
    client.logout()
    log_in(client, provider, "vneid-lan")
    assert User.objects.filter(citizen_id="046190012399").count() == 1
    assert int(client.session["_auth_user_id"]) == lan.pk


def test_an_account_made_at_sign_up_is_linked_not_duplicated(client, provider):
    mine = User.objects.create_user("046190012399", password="mat-khau-cu-123", kind="citizen",
                                    citizen_id="046190012399", full_name="Nguyen Thi Lan", phone="0911000000")
    given(provider, "vneid-lan", LAN)
    log_in(client, provider, "vneid-lan")
    mine.refresh_from_db()
    assert mine.oidc_subject == "vneid-lan" and mine.full_name == "Nguyễn Thị Lan"
    assert mine.phone == "0911000000", "the contact the citizen chose stays"
    assert User.objects.count() == 1 and mine.check_password("mat-khau-cu-123")


def test_a_claim_that_does_not_match_the_linked_account_is_refused(client, provider):
    given(provider, "vneid-lan", LAN)
    log_in(client, provider, "vneid-lan")
    client.logout()
    given(provider, "vneid-lan", {**LAN, "SoDinhDanh": "046190099999"})
    page = log_in(client, provider, "vneid-lan")
    assert "_auth_user_id" not in client.session
    assert "không khớp với tài khoản đã liên kết" in page.content.decode()
    assert not User.objects.filter(citizen_id="046190099999").exists()


def test_another_identity_cannot_take_an_id_number_already_linked(client, provider):
    given(provider, "vneid-lan", LAN)
    log_in(client, provider, "vneid-lan")
    client.logout()
    given(provider, "someone-else", LAN)
    page = log_in(client, provider, "someone-else")
    assert "_auth_user_id" not in client.session and "đã gắn với một tài khoản định danh" in page.content.decode()


def test_staff_log_in_with_their_password_and_second_factor_not_here(client, provider, hoa):
    hoa.citizen_id = "046190012399"
    hoa.save()
    given(provider, "vneid-hoa", LAN)
    page = log_in(client, provider, "vneid-hoa")
    assert "_auth_user_id" not in client.session and "Tài khoản cán bộ" in page.content.decode()


@pytest.mark.parametrize("claims", [{"HoVaTen": "Ai đó"}, {"SoDinhDanh": "12345"}, {"SoDinhDanh": "04619001239x"}])
def test_an_identity_without_a_valid_id_number_is_refused(client, provider, claims):
    given(provider, "vneid-x", claims)
    page = log_in(client, provider, "vneid-x")
    assert "_auth_user_id" not in client.session and "không cung cấp số định danh" in page.content.decode()
    assert not User.objects.exists()


def test_an_organisation_logs_in_by_its_enterprise_code(client, provider):
    given(provider, "vneid-org", {"MaSoDoanhNghiep": "3301234599", "TenDoanhNghiep": "Công ty TNHH Sông Hương"})
    log_in(client, provider, "vneid-org")
    org = User.objects.get(tax_code="3301234599")
    assert (org.kind, org.full_name) == ("organisation", "Công ty TNHH Sông Hương")


def test_without_a_provider_the_button_is_absent_and_the_address_is_404(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get("/accounts/dinh-danh/").status_code == 404
    assert "/accounts/dinh-danh/" not in client.get("/accounts/login/").content.decode()


def test_with_a_provider_the_login_page_offers_it(client, provider):
    assert "/accounts/dinh-danh/" in client.get("/accounts/login/").content.decode()
