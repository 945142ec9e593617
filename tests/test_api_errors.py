"""Every API error is JSON with a stable code and a Vietnamese message, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


def test_malformed_json_body_is_a_vietnamese_400(client, hoa):
    client.force_login(hoa)
    response = client.post("/api/v1/dossiers", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert "JSON" in response.json()["message"]


def test_unauthenticated_is_401_json(client):
    response = client.get("/api/v1/dossiers")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.fixture
def officer_with_csrf(hoa):
    """A logged-in browser session that sends a valid CSRF token, as the real pages do."""
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.test import Client

    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(hoa)
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    return client, {"X-CSRFToken": _mask_cipher_secret(secret)}


MULTIPART_URLS = ["/api/v1/dossiers", "/api/v1/dossiers/1/actions/forward", "/api/v1/dossiers/1/files"]


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", MULTIPART_URLS)
def test_a_malformed_multipart_body_is_a_json_400(officer_with_csrf, settings, url, debug):
    settings.DEBUG = debug  # make run's profile too, where Django would answer its debug page
    client, headers = officer_with_csrf
    response = client.post(url, data="x", content_type="multipart/form-data", headers=headers)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request" and "multipart" in response.json()["message"]


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", MULTIPART_URLS)
def test_a_malformed_multipart_body_with_a_token_or_none_is_a_json_error(settings, url, debug, agency_a, agency_b):
    from django.test import Client

    from accounts import tokens
    from accounts.roles import Role
    from accounts.services import grant_role
    from tests.api.test_tokens import token_for

    settings.DEBUG = debug
    system = tokens.new_integration_account("mot-cua-thu", "Hệ thống một cửa thử nghiệm")
    grant_role(system, agency_a, Role.COUNTER_OFFICER)
    for headers, status in (({"Authorization": f"Bearer {token_for(system, agency_a)}"}, 400), ({}, 401)):
        response = Client(raise_request_exception=False).post(url, data="x", content_type="multipart/form-data",
                                                              headers=headers)
        assert response.status_code == status, response.content
        assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(("method", "url"), [("delete", "/api/v1/dossiers/1"),
                                             ("get", "/api/v1/dossiers/1/actions/forward"),
                                             ("put", "/api/v1/procedures")])
def test_a_method_a_route_does_not_take_is_a_json_405(client, settings, method, url, debug):
    settings.DEBUG = debug
    response = getattr(client, method)(url)
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"
    assert response["Allow"]


@pytest.mark.parametrize("debug", [False, True])
def test_the_api_root_is_a_json_404(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/api/v1/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", ["/api/v1/khong-co", "/api/v1/dossiers/abc", "/api/v2/dossiers"])
def test_an_unknown_api_path_is_a_json_404_even_under_debug(client, settings, url, debug):
    settings.DEBUG = debug
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"


def test_pages_outside_the_api_keep_their_vietnamese_html_errors(client, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_api_exception_is_a_json_500(hoa, settings, monkeypatch, debug):
    from django.test import Client

    import dossiers.api

    settings.DEBUG = debug
    monkeypatch.setattr(dossiers.api, "search_dossiers", lambda *a, **k: 1 / 0)
    client = Client(raise_request_exception=False)
    client.force_login(hoa)
    response = client.get("/api/v1/dossiers")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"


def test_a_logged_in_persons_pages_are_never_stored_by_browsers_or_proxies(client, hoa):
    client.force_login(hoa)
    for url in ("/api/v1/dossiers", "/thu-tuc/", "/phan-anh/"):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", url
        assert "microphone=()" in response["Permissions-Policy"]


def test_anonymous_public_pages_may_be_cached_and_the_lookup_never(client, db):
    assert "no-store" not in client.get("/thu-tuc/").get("Cache-Control", "")
    assert client.get("/tra-cuu-ho-so/?ma=X&mat-khau=Y")["Cache-Control"] == "no-store"


def test_every_page_carries_a_content_security_policy_without_inline_scripts(client, db, settings):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_has_an_inline_script():
    """The policy forbids inline scripts; a template with one would break in the browser."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
    handlers = re.compile(r"\son[a-z]+=", re.I)
    offenders = [str(p.relative_to(root)) for p in root.glob("*/templates/**/*.html")
                 if ".venv" not in p.parts and (inline.search(p.read_text()) or handlers.search(p.read_text()))]
    assert offenders == []
