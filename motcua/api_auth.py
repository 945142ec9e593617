"""How a caller of /api/v1/ says who it is: two schemes, declared in the OpenAPI document,
either of which an endpoint accepts (docs/api-dossiers.md, "Authentication").

- `BearerToken`: `Authorization: Bearer mct_…`, an API token of an external system
  (accounts/tokens.py). No cookie is involved, so no CSRF check: a page of another site can
  make a browser send cookies, never this header. A wrong, revoked or expired token is 401,
  never a fall back to the session; a `read` token on anything but GET/HEAD/OPTIONS is 403.
  Wrong tokens are counted per address (motcua/ratelimit.py); past the limit, 429.
- `SessionUser`: the Django session cookie of a logged-in person, with the CSRF token in the
  `X-CSRFToken` header on writes.

Imported by the routers while motcua.api registers them: import motcua.api, not this module,
first.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from accounts import tokens
from accounts.models import ApiToken, User
from motcua import ratelimit
from motcua.api import ApiError, api, error_body

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Generous for a misconfigured integration retrying, far too few for guessing (which 256-bit
# secrets rule out anyway): the limit keeps a flood of wrong tokens off the database.
FAILED_TOKENS = ratelimit.Limit("api-token-failures", 30, 600)


class ApiAuthError(ApiError):
    """An authentication refusal, with the headers RFC 6750 and RFC 6585 ask for."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str]):
        super().__init__(status, code, message)
        self.headers = headers


@api.exception_handler(ApiAuthError)
def _auth_refused(request: HttpRequest, exc: ApiAuthError):
    response = api.create_response(request, error_body(exc.code, exc.message, exc.errors), status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


class BearerToken(HttpBearer):
    openapi_bearerFormat = "mct_<prefix>_<secret>"
    openapi_description = (
        "Mã truy cập API của hệ thống tích hợp, do Sở/Trung tâm CNTT cấp (trang quản trị hoặc lệnh "
        "`manage.py api_token create`): gửi `Authorization: Bearer mct_…`. Mã có phạm vi cơ quan "
        "(cơ quan được cấp và các đơn vị trực thuộc) và quyền `read` (chỉ GET) hoặc `act` (được nộp hồ sơ và "
        "thực hiện thao tác theo vai trò của tài khoản tích hợp). Không dùng cookie nên không cần mã CSRF. "
        "Mã sai, đã thu hồi hoặc hết hạn: 401 `invalid_token`."
    )

    def __call__(self, request: HttpRequest):
        header = request.headers.get(self.header, "")
        scheme, _, presented = header.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return None  # no token: the session may still authenticate the call
        return self.authenticate(request, presented.strip())

    def authenticate(self, request: HttpRequest, token: str):
        address = ratelimit.client_ip(request)
        wait = ratelimit.retry_after(FAILED_TOKENS, address)
        if wait:
            raise ApiAuthError(429, "too_many_requests", ratelimit.message(wait), {"Retry-After": str(wait)})
        found = tokens.authenticate(token)
        if found is None:
            ratelimit.hit(FAILED_TOKENS, address)
            raise ApiAuthError(
                401, "invalid_token",
                "Mã truy cập API không đúng, đã bị thu hồi hoặc đã hết hạn. "
                "Liên hệ đơn vị quản trị để được cấp mã mới.",
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        if found.scope != ApiToken.Scope.ACT and request.method not in SAFE_METHODS:
            raise ApiAuthError(
                403, "insufficient_scope",
                "Mã truy cập API này chỉ có quyền đọc (read): không được nộp hồ sơ hay thực hiện thao tác.",
                {"WWW-Authenticate": 'Bearer error="insufficient_scope"'},
            )
        tokens.touch(found, address)
        account = tokens.actor(found)
        # Code that reads request.user (logs, the no-store header for personal data) sees the
        # integration account, as it sees a logged-in person.
        request.user = account
        return account


class SessionUser(SessionAuth):
    """The logged-in user of the Django session. Authentication is checked before CSRF, so an
    anonymous call gets 401 (not 403), and a CSRF failure gets a Vietnamese JSON error."""

    openapi_description = (
        "Phiên đăng nhập của người dùng (cookie `sessionid`, đăng nhập tại /accounts/login/). Mọi yêu cầu ghi "
        "(POST) phải kèm tiêu đề `X-CSRFToken` bằng giá trị cookie `csrftoken`; thiếu hoặc sai: 403 "
        "`csrf_failed`."
    )

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated and user.is_active):
            return None
        if getattr(user, "kind", None) == User.Kind.INTEGRATION:
            return None  # an external system speaks with its tokens, which carry its limits
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False):
            from ninja.utils import check_csrf

            if check_csrf(request):
                raise ApiError(403, "csrf_failed",
                               "Thiếu hoặc sai mã CSRF: gửi tiêu đề X-CSRFToken bằng giá trị cookie csrftoken.")
        return user


def api_auth() -> list:
    """The schemes of an endpoint that needs a caller: a token, or else the session."""
    return [BearerToken(), SessionUser()]
