"""The REST API at /api/v1/, with its OpenAPI 3 document and interactive docs.

Every error leaves the API as JSON with a stable machine code and a Vietnamese message:
    {"code": "invalid_input", "message": "…", "errors": [{"field": "days", "message": "…"}]}
"""

from typing import Annotated, Any

from django.db import DataError
from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from pydantic import Field, WrapValidator, model_validator
from pydantic_core import PydanticCustomError

# Text a filter or an identifier may hold: none of the control characters motcua/inputs.py
# refuses, stated in the document so that clients know it before they are told.
NO_CONTROLS = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069\\ufffe\\uffff]*$"
# Dates and times the API takes lie in 2000–2100 (dossiers/search.py, workdays/due.py): the
# document says so with this pattern, next to their `date` / `date-time` format.
IN_2000_TO_2100 = "^(20[0-9]{2}|2100)-"
# Paging of every list: past 100,000 pages nobody reads on, and the offset stays a number every
# database takes.
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100


class ApiError(Exception):
    """Raised by API handlers for a refusal the client can act on."""

    def __init__(self, status: int, code: str, message: str, errors: list[dict] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors or []


class ObjectIn(Schema):
    """A request body, which must be a JSON object: ninja's Schema reads the attributes of any
    value, so with every field optional a list or a number would pass as `{}` and act."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value):
        # Schema's own validator has already wrapped the value in a DjangoGetter: look inside.
        if not isinstance(getattr(value, "_obj", value), dict):
            raise PydanticCustomError("object_expected", "Nội dung gửi lên phải là một đối tượng JSON.")
        return value


class UnicodeJSONRenderer(JSONRenderer):
    # Vietnamese stays readable in responses instead of \uXXXX escapes.
    json_dumps_params = {"ensure_ascii": False}


class FieldError(Schema):
    field: str = Field(..., description="Trường có lỗi, ví dụ `applicant.email`; rỗng khi lỗi không thuộc trường nào.")
    message: str = Field(..., description="Cần sửa gì, bằng tiếng Việt.")


class ErrorOut(Schema):
    code: str = Field(..., description="Mã lỗi ổn định để máy đọc, ví dụ `invalid_input`, `not_found`.")
    message: str = Field(..., description="Thông báo bằng tiếng Việt cho người dùng.")
    errors: list[FieldError] = Field(..., description="Lỗi của từng trường (có thể rỗng).")


# What each error status means on this API, for the document; the codes are in docs/api-dossiers.md.
ERROR_DESCRIPTIONS = {
    400: "Không đọc được nội dung gửi lên: JSON hoặc multipart/form-data sai định dạng (`bad_request`).",
    401: "Chưa đăng nhập, hoặc mã truy cập API sai, bị thu hồi, hết hạn (`not_authenticated`, `invalid_token`).",
    403: "Vai trò không cho phép thao tác này, thiếu hoặc sai mã CSRF, hoặc mã truy cập chỉ có quyền đọc "
         "(`forbidden`, `csrf_failed`, `insufficient_scope`).",
    404: "Không tìm thấy, hoặc bạn không được xem (`not_found`).",
    409: "Trạng thái hoặc bước hiện tại của hồ sơ không cho phép thao tác này (ví dụ `invalid_state`).",
    413: "Tệp vượt quá dung lượng cho phép (`file_too_large`).",
    422: "Dữ liệu không hợp lệ: `errors` chỉ ra từng trường cần sửa (ví dụ `invalid_input`).",
    429: "Quá nhiều lần gửi mã truy cập sai từ địa chỉ này: thử lại sau số giây trong tiêu đề Retry-After "
         "(`too_many_requests`).",
}


def json_typed(kind: Any, written_as: type) -> Any:
    """`kind` as a field of a JSON body that takes only the JSON type the document gives it.

    Ninja validates bodies in pydantic's lax mode, which would take "1" or true for channel 1
    and the number 0 for a date-time: a client sending those is wrong, and is told so. Strings
    of the right shape are still converted (an enum value, an ISO 8601 time).
    """
    error = ("int_type", "Input should be a valid integer") if written_as is int else (
        "string_type", "Input should be a valid string")

    def only_json_type(value, convert):
        if value is not None and (not isinstance(value, written_as) or isinstance(value, bool)):
            raise PydanticCustomError(*error)
        return convert(value)

    return Annotated[kind, WrapValidator(only_json_type)]


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers an endpoint can give, for its `response=` dict."""
    return {status: ErrorOut for status in statuses}


# Whom an endpoint needs a caller for (motcua/api_auth.py): no one, or someone who can be
# refused (401), throttled for wrong tokens (429) or, on writes, refused a scope or CSRF (403).
READ_AUTH = (401, 429)
WRITE_AUTH = (401, 403, 429)

TAGS = [
    {"name": "catalogue", "description": "Thủ tục hành chính: tra cứu thủ tục, lĩnh vực (không cần đăng nhập)."},
    {"name": "calendar", "description": "Lịch làm việc: tính hạn giải quyết theo ngày, giờ làm việc."},
    {"name": "dossiers", "description": "Hồ sơ: nộp, tiếp nhận, xử lý, đính kèm tệp, tra cứu, nhật ký xử lý."},
]


class MotcuaAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        tidy_document(document)
        return document

    def get_openapi_operation_id(self, operation) -> str:
        # "dossiers_search", not ninja's "dossiers_api_search": the id names the function a
        # generated client offers, and every operation of an app lives in its api module.
        return f"{operation.view_func.__module__.split('.')[0]}_{operation.view_func.__name__}"


api = MotcuaAPI(
    renderer=UnicodeJSONRenderer(),
    title="motcua API",
    version="1",
    description="API của hệ thống một cửa điện tử motcua. Lỗi trả về dạng JSON: code, message, errors.",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    openapi_extra={"tags": TAGS},
)


def tidy_document(document: dict) -> None:
    """What ninja leaves in the document that generated clients trip over, set right:

    - a parameter typed with an enum repeats it inline: it points at the one named component;
    - `X | None` parameters say `null` may be sent, which a query string or a header cannot
      carry (clients send the text "None"): the parameter is simply optional;
    - an optional body (`Body(None)`) is wrapped in a one-item `allOf`: it is the model itself;
    - error answers get a Vietnamese description of what they mean here, in status order;
    - a parameter's `examples` is a map of named examples in OpenAPI, not pydantic's list: the
      list goes into the parameter's schema, where JSON Schema puts it;
    - components nothing refers to (the query models) are dropped.
    """
    components = document.get("components", {}).get("schemas", {})
    for path in document.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                parameter["schema"] = _parameter_schema(parameter["schema"], components)
                if isinstance(parameter.get("examples"), list):
                    parameter["schema"].setdefault("examples", parameter.pop("examples"))
            for status, answer in operation.get("responses", {}).items():
                if int(status) in ERROR_DESCRIPTIONS and answer.get("description") in (None, "", _phrase(status)):
                    answer["description"] = ERROR_DESCRIPTIONS[int(status)]
            operation["responses"] = dict(sorted(operation.get("responses", {}).items(), key=lambda i: int(i[0])))
            for content in operation.get("requestBody", {}).get("content", {}).values():
                wrapped = content.get("schema", {}).get("allOf", [])
                if len(wrapped) == 1 and set(content["schema"]) == {"allOf"}:
                    content["schema"] = wrapped[0]
    used = _referenced(document.get("paths", {}), components)
    for name in list(components):
        if name not in used:
            del components[name]


def _parameter_schema(schema: dict, components: dict) -> dict:
    variants = schema.get("anyOf")
    if variants and len(variants) == 2 and {"type": "null"} in variants:
        kept = next(v for v in variants if v != {"type": "null"})
        schema = {**{k: v for k, v in schema.items() if k != "anyOf"}, **kept}
        if schema.get("default", ...) is None:
            del schema["default"]
    title = schema.get("title")
    if "enum" in schema and title in components and components[title].get("enum") == schema["enum"]:
        kept = {k: v for k, v in schema.items() if k in ("description", "default")}
        return {"$ref": f"#/components/schemas/{title}", **kept}
    return schema


def _phrase(status) -> str:
    from http.client import responses

    return responses.get(int(status), "")


def _referenced(node, components: dict, found: set | None = None) -> set:
    found = set() if found is None else found
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[-1]
            if name not in found:
                found.add(name)
                _referenced(components.get(name, {}), components, found)
        for value in node.values():
            _referenced(value, components, found)
    elif isinstance(node, list):
        for value in node:
            _referenced(value, components, found)
    return found


def error_body(code: str, message: str, errors: list[dict] | None = None) -> dict:
    return {"code": code, "message": message, "errors": errors or []}


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError):
    return api.create_response(request, error_body(exc.code, exc.message, exc.errors), status=exc.status)


# Where ninja read a value from, which the client does not need in the field's name.
SOURCES = ("query", "body", "path", "form", "file", "header")


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError):
    errors = []
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", []) if part not in SOURCES]
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
    if kind == "string_type":
        return "Phải là chuỗi ký tự."
    if kind.startswith("bool"):
        return "Phải là true hoặc false."
    if kind.startswith("datetime"):
        return "Phải là thời điểm ISO 8601 có múi giờ, ví dụ 2025-01-24T10:00:00+07:00."
    if kind.startswith("date"):
        return "Phải là ngày dạng YYYY-MM-DD, ví dụ 2025-03-10."
    ctx = err.get("ctx", {})
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "các giá trị nêu trong tài liệu API")).replace(" or ", " hoặc ")
        return f"Giá trị không hợp lệ: chọn một trong {expected}."
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "nhỏ nhất là", "greater_than": "phải lớn hơn",
                 "less_than_equal": "lớn nhất là", "less_than": "phải nhỏ hơn"}[kind]
        limit = next(iter(v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")), "")
        return f"Giá trị {bound} {limit}."
    if kind == "string_too_short":
        return "Không được để trống." if ctx.get("min_length") == 1 else f"Tối thiểu {ctx.get('min_length')} ký tự."
    if kind == "string_too_long":
        return f"Tối đa {ctx.get('max_length')} ký tự."
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == NO_CONTROLS:
            return "Chứa ký tự điều khiển không hợp lệ."
        return "Sai định dạng (xem mẫu trong tài liệu API)."
    if kind.startswith("float") or kind.startswith("decimal"):
        return "Phải là số."
    if kind == "value_error":
        # Our own validators raise ValueError with a Vietnamese message.
        ctx_error = ctx.get("error")
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
