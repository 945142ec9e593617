# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
"""Vietnamese first; English for the public pages when a visitor picks it (never by the
browser's Accept-Language), with the choice kept in a cookie and cached pages kept apart."""

import pytest

from tests.dossiers.conftest import clock, permit  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_vietnamese_unless_english_is_chosen(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert "Cổng dịch vụ công một cửa" in page.content.decode() and page["Content-Language"] == "vi"
    switched = client.get("/ngon-ngu/en/", {"next": "/tra-cuu-ho-so/"})
    assert switched.status_code == 302 and switched["Location"] == "/tra-cuu-ho-so/"
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english and "One-stop public service portal" in english
    assert "Track a dossier" in client.get("/tra-cuu-ho-so/").content.decode()
    client.get("/ngon-ngu/vi/")
    assert "Cổng dịch vụ công một cửa" in client.get("/").content.decode()


def test_the_switch_goes_nowhere_else_and_ignores_unknown_languages(client):
    assert client.get("/ngon-ngu/en/", {"next": "https://evil.example/"})["Location"] == "/"
    response = client.get("/ngon-ngu/xx/")
    assert response.status_code == 302 and "django_language" not in response.cookies


def test_the_lookup_history_reads_in_english(client, permit, hoa):
    from dossiers import actions
    from dossiers.models import Channel
    from tests.dossiers.conftest import LAN

    d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    client.cookies["django_language"] = "en"
    page = client.get(f"/tra-cuu-ho-so/{d.code}/{d.lookup_secret}/").content.decode()
    assert "Dossier received" in page and "Received" in page
