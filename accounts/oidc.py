"""Citizens and organisations log in with their national digital identity (VNeID, through the
national public-service portal's single sign-on), by OpenID Connect (mozilla-django-oidc).

The identity provider vouches for the ID number (`SoDinhDanh`) or, for an organisation, the
enterprise or tax code (`MaSoDoanhNghiep`, `MaSoThue`); the claim names are those the portal's
SSO has issued to provinces [verify against its current specification]. An account is found,
never duplicated:
- by the provider's subject (`sub`) once linked; if that account's ID number is not the one the
  provider now vouches for, the login is refused (a claim mismatch is never "fixed" silently);
- else by its ID number or tax code (an account made with a password at sign-up is linked);
  an account already linked to another subject, or a staff account (staff log in with a
  password and a second factor), is refused;
- else a new account is made, with no password.
Local passwords stay for the demo and for those who signed up with one.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.identity import citizen_id_error, tax_code_error
from accounts.models import User
from motcua.inputs import clean_text

REFUSAL = "motcua_oidc_refusal"


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


def identity_of(claims: dict) -> tuple[str, str] | None:
    """(kind, number) the provider vouches for, or None when it vouches for nothing usable."""
    organisation = str(claims.get("MaSoDoanhNghiep") or claims.get("MaSoThue") or "").strip()
    if organisation and claims.get("TenDoanhNghiep"):
        return (User.Kind.ORGANISATION, organisation) if not tax_code_error(organisation) else None
    person = str(claims.get("SoDinhDanh") or "").strip()
    if person and not citizen_id_error(person):
        return User.Kind.CITIZEN, person
    return None


def _refuse(request, reason: str):
    if request is not None:
        request.session[REFUSAL] = reason
    raise PermissionDenied(reason)


class NationalIdentityBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims) -> bool:
        if identity_of(claims) is None:
            _refuse(self.request, "Tài khoản định danh không cung cấp số định danh cá nhân hoặc mã số doanh nghiệp "
                                  "hợp lệ, nên không thể đăng nhập.")
        return True

    def filter_users_by_claims(self, claims):
        kind, number = identity_of(claims)
        column = "citizen_id" if kind == User.Kind.CITIZEN else "tax_code"
        linked = User.objects.filter(oidc_subject=str(claims["sub"])).first()
        if linked is not None:
            if getattr(linked, column) != number:
                _refuse(self.request, "Thông tin định danh không khớp với tài khoản đã liên kết trước đây; vui lòng "
                                      "liên hệ bộ phận một cửa để được hỗ trợ.")
            return [linked]
        found = User.objects.filter(**{column: number}).first()
        if found is None:
            return []
        if found.oidc_subject:
            _refuse(self.request, "Số định danh này đã gắn với một tài khoản định danh điện tử khác; vui lòng liên hệ "
                                  "bộ phận một cửa để được hỗ trợ.")
        if found.kind not in (User.Kind.CITIZEN, User.Kind.ORGANISATION):
            _refuse(self.request, "Tài khoản cán bộ đăng nhập bằng mật khẩu và xác thực hai lớp.")
        return [found]

    def create_user(self, claims):
        kind, number = identity_of(claims)
        name = clean_text(claims.get("TenDoanhNghiep") if kind == User.Kind.ORGANISATION else claims.get("HoVaTen"),
                          multiline=False)[:200]
        user = User(username=number, kind=kind, full_name=name, oidc_subject=str(claims["sub"]),
                    citizen_id=number if kind == User.Kind.CITIZEN else None,
                    tax_code=number if kind == User.Kind.ORGANISATION else None,
                    phone=clean_text(claims.get("SoDienThoai"), multiline=False)[:20],
                    email=clean_text(claims.get("ThuDienTu"), multiline=False)[:254])
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            _refuse(self.request, f"Tên đăng nhập {number} đã được dùng cho tài khoản khác; vui lòng liên hệ bộ phận "
                                  "một cửa để được hỗ trợ.")
        return user

    def update_user(self, user, claims):
        """Link the subject; the name is the provider's; contacts fill only what is missing."""
        kind, _ = identity_of(claims)
        user.oidc_subject = str(claims["sub"])
        name = claims.get("TenDoanhNghiep") if kind == User.Kind.ORGANISATION else claims.get("HoVaTen")
        user.full_name = clean_text(name, multiline=False)[:200] or user.full_name
        user.phone = user.phone or clean_text(claims.get("SoDienThoai"), multiline=False)[:20]
        user.email = user.email or clean_text(claims.get("ThuDienTu"), multiline=False)[:254]
        user.save(update_fields=["oidc_subject", "full_name", "phone", "email"])
        return user


def start(request):
    """Off to the identity provider (404 when none is configured)."""
    if not enabled():
        raise Http404("Chưa cấu hình đăng nhập bằng tài khoản định danh điện tử.")
    request.session.pop(REFUSAL, None)
    return OIDCAuthenticationRequestView.as_view()(request)


class Callback(OIDCAuthenticationCallbackView):
    def login_failure(self):
        reason = self.request.session.pop(REFUSAL, None)
        messages.error(self.request, reason or "Đăng nhập bằng tài khoản định danh điện tử không thành công; vui lòng "
                                               "thử lại.")
        return super().login_failure()


def callback(request):
    if not enabled():
        raise Http404("Chưa cấu hình đăng nhập bằng tài khoản định danh điện tử.")
    return Callback.as_view()(request)
