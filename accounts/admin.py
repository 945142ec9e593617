"""Admin for users and role memberships, scoped to the agencies the administrator manages.

Every role change goes through accounts.services (grant_role / revoke_role), the one
write path that also keeps `kind` and `is_staff` consistent with the roles held.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone

from accounts import enrolment, tokens
from accounts.admin_site import PolicyAdminMixin
from accounts.forms import USER_FIELDS, UserAdminChangeForm, UserAdminCreationForm
from accounts.models import ApiToken, Membership, User
from accounts.permissions import require
from accounts.services import grant_role, revoke_role
from units.models import Agency

STAFF_ACTION = "agency.manage_staff"
TOKEN_ACTION = "api.manage_tokens"


@admin.register(User)
class UserAdmin(PolicyAdminMixin, DjangoUserAdmin):
    view_action = change_action = add_action = STAFF_ACTION
    delete_action = "units.manage"  # province-wide: only the system administrator deletes accounts
    agency_lookup = "memberships__agency"

    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    list_display = ("username", "full_name", "kind", "citizen_id", "is_active", "is_staff", "requires_two_factor")
    list_filter = ("kind", "is_active", "is_staff", "is_superuser", "requires_two_factor")
    search_fields = ("username", "full_name", "citizen_id", "tax_code", "email", "phone")
    ordering = ("username",)

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": USER_FIELDS}),
        ("Quyền", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Mốc thời gian", {"fields": ("last_login", "date_joined")}),
    )
    # What an agency administrator may touch: no Django permissions, no superuser flag.
    agency_fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": USER_FIELDS}),
        ("Trạng thái", {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        ("Thông tin cá nhân", {"fields": USER_FIELDS}),
        ("Phân công vai trò", {"fields": ("agency", "role")}),
    )

    actions = ("issue_enrolment_code", "reset_second_factor")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not request.user.is_superuser:
            qs = qs.filter(is_superuser=False)
        return qs

    def get_actions(self, request):
        found = super().get_actions(request)
        if not request.user.is_superuser:  # only the system administrator vouches for a second factor
            for name in self.actions:
                found.pop(name, None)
        return found

    @admin.action(description="Cấp mã kích hoạt xác thực hai lớp")
    def issue_enrolment_code(self, request, queryset):
        return self._codes(request, queryset, reset=False)

    @admin.action(description="Đặt lại xác thực hai lớp (mất điện thoại) và cấp mã kích hoạt")
    def reset_second_factor(self, request, queryset):
        return self._codes(request, queryset, reset=True)

    def _codes(self, request, queryset, *, reset: bool):
        if not request.user.is_superuser:
            raise PermissionDenied("Chỉ quản trị hệ thống được cấp mã kích hoạt xác thực hai lớp.")
        codes = [(user, enrolment.issue(user, by=request.user, reset=reset)) for user in queryset[:50]]
        # Shown on this page only, never stored in a message or a log.
        return TemplateResponse(request, "admin/accounts/user/enrolment_codes.html", {
            **self.admin_site.each_context(request), "title": "Mã kích hoạt xác thực hai lớp", "opts": self.model._meta,
            "codes": codes, "hours": settings.ENROLMENT_CODE_HOURS, "reset": reset,
        })

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_view_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return self.agency_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ("last_login", "date_joined")
        # is_staff follows the roles held (grant_role/revoke_role); kind likewise.
        return ("kind", "is_staff", "last_login", "date_joined") if obj is not None else ()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            agencies = Agency.objects.all()
            scope = self.allowed_agency_ids(request, STAFF_ACTION)
            if scope is not None:
                agencies = agencies.filter(pk__in=scope)
            attrs = {"agency_queryset": agencies, "assignment_required": scope is not None}
            form = type(form.__name__, (form,), attrs)
        return form

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and (obj.is_superuser or "is_superuser" in form.changed_data):
            raise PermissionDenied("Chỉ quản trị hệ thống được cấp quyền quản trị hệ thống.")
        super().save_model(request, obj, form, change)
        agency, role = form.cleaned_data.get("agency"), form.cleaned_data.get("role")
        if not change and agency and role:
            require(request.user, STAFF_ACTION, agency)
            grant_role(obj, agency, role)


@admin.register(Membership)
class MembershipAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = change_action = add_action = STAFF_ACTION
    delete_action = "units.manage"  # agency administrators revoke (deactivate) instead of deleting
    agency_lookup = "agency"

    list_display = ("user", "agency", "role", "is_active", "created_at")
    list_filter = ("role", "is_active", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    list_select_related = ("user", "agency")
    autocomplete_fields = ("user",)
    actions = ("revoke_selected",)

    def get_fields(self, request, obj=None):
        return ("user", "agency", "role") if obj is None else ("user", "agency", "role", "is_active", "created_at")

    def get_readonly_fields(self, request, obj=None):
        # A membership is a fact (who, where, which role): to change it, revoke and grant anew.
        return ("user", "agency", "role", "created_at") if obj is not None else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = self.allowed_agency_ids(request, STAFF_ACTION)
        if scope is not None:
            # Limits both the choices shown and what the form accepts on POST.
            if db_field.name == "agency":
                kwargs["queryset"] = Agency.objects.filter(pk__in=scope)
            elif db_field.name == "user":
                kwargs["queryset"] = User.objects.filter(
                    is_superuser=False, pk__in=Membership.objects.filter(agency__in=scope).values("user")
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        require(request.user, STAFF_ACTION, obj.agency)
        if not change:
            membership = grant_role(obj.user, obj.agency, obj.role)
            obj.pk, obj.created_at, obj.is_active = membership.pk, membership.created_at, membership.is_active
        elif "is_active" in form.changed_data:
            if obj.is_active:
                grant_role(obj.user, obj.agency, obj.role)
            else:
                revoke_role(obj.user, obj.agency, obj.role)

    def delete_model(self, request, obj):
        revoke_role(obj.user, obj.agency, obj.role)  # keeps is_staff consistent before the row goes
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "agency"):
            self.delete_model(request, membership)

    @admin.action(description="Thu hồi các vai trò đã chọn")
    def revoke_selected(self, request, queryset):
        count = 0
        for membership in queryset.select_related("user", "agency"):
            if self.has_change_permission(request, membership):
                revoke_role(membership.user, membership.agency, membership.role)
                count += 1
        self.message_user(request, f"Đã thu hồi {count} vai trò.", messages.SUCCESS)


class TokenStateFilter(admin.SimpleListFilter):
    title = "tình trạng"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return (("active", "Đang hiệu lực"), ("expired", "Đã hết hạn"), ("revoked", "Đã thu hồi"))

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        live = queryset.filter(revoked_at__isnull=True)
        if self.value() == "expired":
            return live.filter(expires_at__lte=now)
        if self.value() == "active":
            return live.exclude(expires_at__lte=now)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """Tokens are issued here (the whole token is shown once, in the answer to the form) and
    revoked with the list's action; never deleted, so the list keeps who had access when."""

    view_action = change_action = add_action = TOKEN_ACTION
    delete_action = None
    agency_lookup = None  # province-wide: only the IT department (system administrators)

    list_display = ("prefix_shown", "system", "account", "agency", "scope", "created_at", "expires_at",
                    "last_used_at", "last_used_ip", "revoked_at")
    list_filter = (TokenStateFilter, "scope", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("prefix", "system", "account__username", "account__full_name", "agency__code", "agency__name")
    list_select_related = ("account", "agency")
    ordering = ("-created_at",)
    actions = ("revoke_selected",)

    NEW_FIELDS = ("system", "account", "agency", "scope", "expires_at", "note")
    SHOWN_FIELDS = ("system", "prefix_shown", "account", "agency", "scope", "expires_at", "note", "created_at",
                    "created_by", "last_used_at", "last_used_ip", "revoked_at", "revoked_by")

    @admin.display(description="mã (tiền tố)", ordering="prefix")
    def prefix_shown(self, obj: ApiToken) -> str:
        return f"{tokens.START}{obj.prefix}_…"

    def get_fields(self, request, obj=None):
        return self.NEW_FIELDS if obj is None else self.SHOWN_FIELDS

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # Who the token acts as, where and how is fixed: to change it, issue another and revoke
        # this one. The name, the expiry and the note may still be corrected.
        fixed = ("prefix_shown", "account", "agency", "scope", "created_at", "created_by", "last_used_at",
                 "last_used_ip", "revoked_at", "revoked_by")
        return fixed + (("system", "expires_at", "note") if obj.revoked_at else ())

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        obj.created_by = request.user
        request._motcua_new_api_token = tokens.save_new(obj)

    def response_add(self, request, obj, post_url_continue=None):
        # The whole token is shown in the answer to this POST and stored nowhere: a message
        # kept for the next page would sit in the messages cookie or the session meanwhile.
        plain = request._motcua_new_api_token
        messages.success(request, f"Đã cấp mã truy cập API cho “{obj.system}”: {plain}")
        messages.warning(request, "Hãy sao chép và chuyển mã này cho hệ thống tích hợp ngay bây giờ: mã chỉ hiển thị "
                                  "một lần, hệ thống chỉ lưu bản băm nên không thể xem lại. Mất mã thì cấp mã mới và "
                                  "thu hồi mã này.")
        context = {
            **self.admin_site.each_context(request),
            "title": "Đã cấp mã truy cập API",
            "opts": self.model._meta,
            "token": obj,
            "prefix": self.prefix_shown(obj),
        }
        return TemplateResponse(request, "admin/accounts/apitoken/created.html", context)

    @admin.action(description="Thu hồi các mã đã chọn", permissions=["change"])
    def revoke_selected(self, request, queryset):
        count = sum(tokens.revoke(token, by=request.user) for token in queryset)
        self.message_user(request, f"Đã thu hồi {count} mã truy cập API.", messages.SUCCESS)
