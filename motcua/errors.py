"""Error answers: the API's documented JSON under /api/, Vietnamese pages everywhere else.

Django answers some errors before any API code runs: a malformed multipart body fails while
the CSRF check reads the form (400), a path the API does not know never reaches it (404), an
unexpected exception becomes a 500, a method a route does not take is a bare 405. Those used
to be HTML pages, even to API clients (and Django's debug pages under DEBUG); under /api/
they answer {"code", "message", "errors"} like every other API error, in every profile:
the handlers below when DEBUG is off, and ApiErrors, which also covers DEBUG.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"

MESSAGES = {
    400: ("bad_request", "Yêu cầu không hợp lệ: kiểm tra định dạng nội dung gửi lên (JSON hoặc multipart/form-data)."),
    403: ("forbidden", "Bạn không có quyền thực hiện yêu cầu này."),
    404: ("not_found", "Không tìm thấy địa chỉ API này; xem tài liệu tại /api/v1/docs."),
    405: ("method_not_allowed", "Địa chỉ API này không nhận phương thức HTTP đã gửi; xem tài liệu tại /api/v1/docs."),
    413: ("too_large", "Nội dung gửi lên quá lớn."),
    500: ("server_error", "Hệ thống đang gặp sự cố; vui lòng thử lại sau ít phút."),
}


def api_error(status: int) -> JsonResponse:
    code, message = MESSAGES[status]
    return JsonResponse({"code": code, "message": message, "errors": []}, status=status,
                        json_dumps_params={"ensure_ascii": False})


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None):
    return api_error(400) if _is_api(request) else defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    return api_error(403) if _is_api(request) else defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    return api_error(404) if _is_api(request) else defaults.page_not_found(request, exception)


def server_error(request):
    return api_error(500) if _is_api(request) else defaults.server_error(request)


@csrf_exempt
def api_not_found(request, rest: str = ""):
    """Any /api/ path no route matched, DEBUG or not, whatever the method: a POST there without
    a CSRF cookie was refused with Django's HTML 403 page before the 404 could be said."""
    return api_error(404)


# Headers an error answer keeps when its HTML body is replaced by the JSON one.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


class ApiErrors:
    """Under /api/: the body of a caller with credentials is read before the CSRF check does, so
    a body Django cannot parse is the API's JSON 400 (not a debug page); and an error answer that is not JSON
    (Django's 404 and 500 pages under DEBUG, a bare 405) is replaced by the API's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_api(request):
            return self.get_response(request)
        # Only for a caller with credentials: an anonymous upload is refused (401) unread.
        credentials = "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES
        if credentials and request.method not in ("GET", "HEAD", "OPTIONS"):
            try:
                request.POST  # noqa: B018  (parsed here as the CSRF check would, and kept for the view)
            except RequestDataTooBig:
                return api_error(413)
            except (MultiPartParserError, UnreadablePostError, BadRequest, SuspiciousOperation):
                return api_error(400)
        response = self.get_response(request)
        if response.status_code in MESSAGES and not response.get("Content-Type", "").startswith("application/json"):
            replaced = api_error(response.status_code)
            for name in KEPT_HEADERS:
                if name in response:
                    replaced[name] = response[name]
            return replaced
        return response
