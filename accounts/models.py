from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from accounts.identity import citizen_id_error, tax_code_error
from accounts.roles import Role


def validate_citizen_id(value: str) -> None:
    error = citizen_id_error(value)
    if error:
        raise ValidationError(error, code="citizen_id")


def validate_tax_code(value: str) -> None:
    error = tax_code_error(value)
    if error:
        raise ValidationError(error, code="tax_code")


class User(AbstractUser):
    class Kind(models.TextChoices):
        CITIZEN = "citizen", "Công dân"
        ORGANISATION = "organisation", "Tổ chức, doanh nghiệp"
        STAFF = "staff", "Cán bộ, công chức"
        # Another information system calling the API with a token (accounts.ApiToken); it
        # never logs in with a password, and its memberships say which roles it acts with.
        INTEGRATION = "integration", "Hệ thống tích hợp"

    kind = models.CharField("loại tài khoản", max_length=20, choices=Kind.choices, default=Kind.CITIZEN)
    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    citizen_id = models.CharField(
        "số định danh cá nhân", max_length=12, unique=True, null=True, blank=True,
        validators=[validate_citizen_id],
    )
    tax_code = models.CharField(
        "mã số thuế", max_length=14, unique=True, null=True, blank=True, validators=[validate_tax_code]
    )
    phone = models.CharField("số điện thoại", max_length=20, blank=True)
    # The national identity provider's subject once the account logged in through it (accounts/oidc.py).
    oidc_subject = models.CharField("mã tài khoản định danh điện tử", max_length=255, unique=True, null=True,
                                    blank=True, editable=False)
    requires_two_factor = models.BooleanField(
        "bắt buộc xác thực hai lớp", default=False,
        help_text="Khi bật, người dùng phải nhập mã TOTP từ ứng dụng xác thực mỗi lần đăng nhập.",
    )

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def needs_second_factor(self) -> bool:
        """Chosen for the account, or required of every account that can reach the admin or
        sign off results (a leader) when TWO_FACTOR_FOR_STAFF is on (the production default)."""
        if self.requires_two_factor:
            return True
        if not settings.TWO_FACTOR_FOR_STAFF:
            return False
        return self.is_staff or self.is_superuser or self.memberships.filter(
            role=Role.LEADER, is_active=True).exists()

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.CITIZEN and not self.citizen_id and not self.is_superuser:
            raise ValidationError({"citizen_id": "Tài khoản công dân phải có số định danh cá nhân."})
        if self.kind == self.Kind.ORGANISATION and not self.tax_code:
            raise ValidationError({"tax_code": "Tài khoản tổ chức phải có mã số thuế."})


class Membership(models.Model):
    """A staff member's role in one agency; a person may hold several."""

    user = models.ForeignKey(User, verbose_name="người dùng", on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(
        "units.Agency", verbose_name="cơ quan", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    is_active = models.BooleanField("đang hiệu lực", default=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    class Meta:
        verbose_name = "phân công vai trò"
        verbose_name_plural = "phân công vai trò"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership_role")]
        indexes = [models.Index(fields=["agency", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency}"


class ApiToken(models.Model):
    """The key of one external system to the API at /api/v1/ (accounts/tokens.py).

    The token acts as `account`, an integration account whose memberships give its roles,
    and only within `agency` and the agencies under it; a `read` token may only read. Only a
    SHA-256 of the token is kept, with its first characters (`prefix`) to find and show it.
    """

    class Scope(models.TextChoices):
        READ = "read", "Chỉ đọc (tra cứu hồ sơ)"
        ACT = "act", "Đọc và xử lý (nộp hồ sơ, thực hiện thao tác)"

    system = models.CharField(
        "hệ thống tích hợp", max_length=200,
        help_text="Tên hệ thống dùng mã này, ví dụ: Cổng DVC quốc gia, Hệ thống một cửa huyện A Lưới.",
    )
    account = models.ForeignKey(
        User, verbose_name="tài khoản tích hợp", on_delete=models.PROTECT, related_name="api_tokens",
        limit_choices_to={"kind": User.Kind.INTEGRATION, "is_superuser": False},
        help_text="Tài khoản loại “Hệ thống tích hợp”; các vai trò được phân công của tài khoản là quyền của mã.",
    )
    agency = models.ForeignKey(
        "units.Agency", verbose_name="phạm vi cơ quan", on_delete=models.PROTECT, related_name="api_tokens",
        help_text="Mã chỉ có hiệu lực với cơ quan này và các đơn vị trực thuộc.",
    )
    scope = models.CharField("quyền", max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField("tiền tố", max_length=8, unique=True, editable=False)
    secret_hash = models.CharField("băm SHA-256 của mã", max_length=64, editable=False)
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    created_by = models.ForeignKey(
        User, verbose_name="người tạo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    expires_at = models.DateTimeField(
        "hết hạn lúc", null=True, blank=True, help_text="Để trống nếu mã không tự hết hạn.",
    )
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        User, verbose_name="người thu hồi", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField("dùng gần nhất lúc", null=True, blank=True, editable=False)
    last_used_ip = models.GenericIPAddressField("dùng gần nhất từ địa chỉ", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.system} ({self.prefix}…)"

    def clean(self) -> None:
        super().clean()
        account = getattr(self, "account", None) if self.account_id else None
        # A token for a person's account would bypass their password and second factor.
        if account is not None and (account.kind != User.Kind.INTEGRATION or account.is_superuser):
            raise ValidationError({"account": "Chỉ cấp mã cho tài khoản loại “Hệ thống tích hợp”."})


class EnrolmentCode(models.Model):
    """A one-time code an administrator hands to a person, in person or by a channel they
    trust, before that person may set up their second factor (accounts/enrolment.py): with a
    password alone, anyone who stole it could otherwise enrol their own authenticator."""

    user = models.ForeignKey(User, verbose_name="người dùng", on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    issued_by = models.ForeignKey(User, verbose_name="người cấp", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField("lúc cấp", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn")
    used_at = models.DateTimeField("lúc dùng", null=True, blank=True)

    class Meta:
        verbose_name = "mã kích hoạt xác thực hai lớp"
        verbose_name_plural = "mã kích hoạt xác thực hai lớp"

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%d/%m/%Y %H:%M})"
