"""Error answers: the API's documented JSON under /api/, Vietnamese pages everywhere else.

Django answers some errors before any API code runs: a malformed multipart body fails while
the CSRF check reads the form (400), a path the API does not know never reaches it (404), an
unexpected exception becomes a 500. Those handlers used to answer HTML pages, even to API
clients (and Django's list of URL patterns under DEBUG); under /api/ they answer
{"code", "message", "errors"} like every other API error.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"

MESSAGES = {
    400: ("bad_request", "Yêu cầu không hợp lệ: kiểm tra định dạng nội dung gửi lên (JSON hoặc multipart/form-data)."),
    403: ("forbidden", "Bạn không có quyền thực hiện yêu cầu này."),
    404: ("not_found", "Không tìm thấy địa chỉ API này; xem tài liệu tại /api/v1/docs."),
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
