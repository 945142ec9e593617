"""Response headers every page gets (docs/deploy.md).

- A logged-in person's pages hold personal data (dossiers, reporters' contacts): no browser
  or proxy may keep them (`Cache-Control: private, no-store`), unless the view said otherwise.
- `Permissions-Policy` turns off the browser features the site never uses; the camera and
  the position stay available to the site itself (a citizen photographs a problem and marks
  where it is), never to an embedded third party.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.utils.cache import patch_vary_headers

PERMISSIONS_POLICY = ("camera=(self), geolocation=(self), microphone=(), payment=(), usb=(), "
                      "interest-cohort=()")


class SecurityHeaders:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class Language:
    """Vietnamese first: English only for a visitor who chose it (the language cookie set by
    motcua.views.language), never because a browser's Accept-Language says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))  # the language comes from a cookie
        return response


class RefuseNul:
    """A NUL byte in the address is never a citizen's typing; PostgreSQL cannot even store it in
    text. Answer 400 before any page reads it (form fields are cleaned where they are read).
    The API and Open311 answer their own documented errors (422 with the field) instead."""

    MACHINE_PATHS = ("/api/", "/open311/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseBadRequest

        if request.path.startswith(self.MACHINE_PATHS):
            return self.get_response(request)
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest("Địa chỉ chứa ký tự không hợp lệ.", content_type="text/plain; charset=utf-8")
        return self.get_response(request)
