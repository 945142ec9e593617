"""The REST API at /api/v1/, with its OpenAPI 3 document and interactive docs.

Every error leaves the API as JSON with a stable machine code and a Vietnamese message:
    {"code": "invalid_input", "message": "…", "errors": [{"field": "days", "message": "…"}]}
"""

from django.db import DataError
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer


class ApiError(Exception):
    """Raised by API handlers for a refusal the client can act on."""

    def __init__(self, status: int, code: str, message: str, errors: list[dict] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors or []


class UnicodeJSONRenderer(JSONRenderer):
    # Vietnamese stays readable in responses instead of \uXXXX escapes.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=UnicodeJSONRenderer(),
    title="motcua API",
    version="1",
    description="API của hệ thống một cửa điện tử motcua. Lỗi trả về dạng JSON: code, message, errors.",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error_body(code: str, message: str, errors: list[dict] | None = None) -> dict:
    return {"code": code, "message": message, "errors": errors or []}


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError):
    return api.create_response(request, error_body(exc.code, exc.message, exc.errors), status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError):
    errors = []
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", []) if part not in ("query", "body", "path", "form")]
        errors.append({"field": ".".join(loc), "message": _vietnamese_validation_message(err)})
    return api.create_response(
        request, error_body("invalid_input", "Dữ liệu gửi lên không hợp lệ.", errors), status=422
    )


@api.exception_handler(DataError)
def _data_error(request: HttpRequest, exc: DataError):
    # The database refused a value the validation let through (a NUL character, a number
    # out of range): the client's input, not a server fault.
    return api.create_response(
        request, error_body("invalid_input", "Dữ liệu gửi lên chứa giá trị không hợp lệ (ký tự điều khiển hoặc số "
                                             "quá lớn)."), status=422)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(request, error_body("not_authenticated", "Bạn cần đăng nhập."), status=401)


# Ninja's own HTTP errors carry English text; clients get a Vietnamese message and a code.
_HTTP_ERRORS = {
    400: ("bad_request", "Không đọc được nội dung yêu cầu: kiểm tra định dạng JSON hoặc biểu mẫu gửi lên."),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy nội dung yêu cầu."),
    405: ("method_not_allowed", "Phương thức HTTP này không được hỗ trợ."),
}


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError):
    code, message = _HTTP_ERRORS.get(exc.status_code, ("http_error", "Yêu cầu không được xử lý."))
    return api.create_response(request, error_body(code, message), status=exc.status_code)


def _vietnamese_validation_message(err: dict) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "Thiếu giá trị bắt buộc."
    if kind.startswith("int_"):
        return "Phải là số nguyên."
    if kind.startswith("bool"):
        return "Phải là true hoặc false."
    if kind.startswith("datetime"):
        return "Phải là thời điểm ISO 8601 có múi giờ, ví dụ 2025-01-24T10:00:00+07:00."
    if kind == "value_error":
        # Our own validators raise ValueError with a Vietnamese message.
        ctx_error = err.get("ctx", {}).get("error")
        return str(ctx_error) if ctx_error else err.get("msg", "Giá trị không hợp lệ.")
    return "Giá trị không hợp lệ."


def _register_routers() -> None:
    from catalogue.api import router as catalogue_router
    from dossiers.api import router as dossiers_router
    from workdays.api import router as calendar_router

    api.add_router("/calendar", calendar_router)
    api.add_router("/dossiers", dossiers_router)
    api.add_router("/", catalogue_router)


_register_routers()
