"""Anonymous visitors get public pages from the cache; logged-in people never do; a response
with a CSRF token or a cookie is never stored."""

# ruff: noqa: F811 (fixtures imported from the catalogue tests, then asked for by name)
import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory

from catalogue.models import ProcedureVersion
from motcua.pagecache import anonymous_page
from tests.catalogue.conftest import permit, permit_spec  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def test_an_anonymous_page_is_served_from_the_cache(client, permit, django_assert_num_queries):
    first = client.get("/thu-tuc/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/thu-tuc/").content == first.content
    assert client.get("/thu-tuc/?q=xay").content != first.content  # another URL, another page


def test_a_logged_in_officer_always_gets_a_fresh_page(client, permit, hoa):
    client.get("/thu-tuc/")
    ProcedureVersion.objects.update(name="Tên mới của thủ tục")
    assert "Tên mới" not in client.get("/thu-tuc/").content.decode()  # the cached copy, for a minute
    client.force_login(hoa)
    assert "Tên mới" in client.get("/thu-tuc/").content.decode()


def test_a_response_with_a_csrf_token_or_a_cookie_is_not_stored(db):
    calls = []
    template = engines["django"].from_string("<form>{% csrf_token %}</form>")

    @anonymous_page
    def with_token(request):
        calls.append("token")
        return HttpResponse(template.render({}, request))

    @anonymous_page
    def with_cookie(request):
        calls.append("cookie")
        response = HttpResponse("xin chào")
        response.set_cookie("chon", "1")
        return response

    for view, path in ((with_token, "/a/"), (with_cookie, "/b/")):
        for _ in range(2):
            request = RequestFactory().get(path)
            request.user = AnonymousUser()
            view(request)
    assert calls == ["token", "token", "cookie", "cookie"]



def test_a_page_showing_a_flash_message_is_not_stored(db):
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage

    calls = []

    @anonymous_page
    def page(request):
        calls.append(1)
        return HttpResponse(" ".join(str(m) for m in messages.get_messages(request)) or "trang")

    first = RequestFactory().get("/trang/")
    first.user, first._messages = AnonymousUser(), CookieStorage(first)
    messages.success(first, "Đã đăng xuất.")
    assert "Đã đăng xuất." in page(first).content.decode()
    second = RequestFactory().get("/trang/")
    second.user, second._messages = AnonymousUser(), CookieStorage(second)
    assert page(second).content == b"trang" and len(calls) == 2  # rendered afresh, without the message
