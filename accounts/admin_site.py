"""The Django admin as motcua uses it: a site gated on two-factor verification, and a
mixin that decides every admin permission with accounts.permissions (the same POLICY the
rest of the system uses) instead of Django's per-model permissions.

This module is imported while the app registry is being populated (it holds the
AdminConfig named in INSTALLED_APPS), so it must not import models at module level.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse

from accounts.permissions import agencies_where, can


class MotcuaAdminSite(admin.AdminSite):
    site_header = "Quản trị hệ thống một cửa"
    site_title = "Quản trị hệ thống một cửa"
    index_title = "Quản trị hệ thống một cửa"
    site_url = "/"

    def has_permission(self, request) -> bool:
        """Active staff, and — when the account requires it — verified with a second factor."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if getattr(user, "needs_second_factor", False):
            is_verified = getattr(user, "is_verified", None)  # installed by django_otp's OTPMiddleware
            return bool(is_verified and is_verified())
        return True

    def login(self, request, extra_context=None):
        """One login page for the whole system: the admin sends people to accounts:login."""
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


class MotcuaAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.MotcuaAdminSite"


class PolicyAdminMixin:
    """ModelAdmin permissions from accounts.permissions, scoped by agency.

    Set the action names (keys of accounts.permissions.POLICY) and `agency_lookup`, the ORM
    path from the model to the agency it belongs to ("pk" for Agency itself, "agency" for a
    foreign key, "memberships__agency" for users). With `agency_lookup = None` the model is
    province-wide reference data: holding the action in any agency is enough.

    A role counts only in its agency, so an agency administrator sees and changes the rows
    of their own agency; roles that hold everywhere (the system administrator) see all.
    An action left as None is refused to everyone, the system administrator included.
    """

    view_action: str | None = None
    change_action: str | None = None
    add_action: str | None = None
    delete_action: str | None = None
    agency_lookup: str | None = None

    # --- scope ----------------------------------------------------------------------
    def allowed_agency_ids(self, request, action: str | None) -> set[int] | None:
        """None when `action` is allowed everywhere; else the agencies where it is allowed."""
        if not action:
            return set()
        if can(request.user, action):  # a role that holds everywhere, e.g. system administrator
            return None
        return agencies_where(request.user, action)

    def agency_ids_of(self, obj) -> set[int]:
        cache = getattr(obj, "_motcua_admin_agency_ids", None)
        if cache is None:
            if obj.pk is None:
                cache = set()
            elif self.agency_lookup == "pk":
                cache = {obj.pk}
            else:
                rows = self.model._default_manager.filter(pk=obj.pk).values_list(self.agency_lookup, flat=True)
                cache = {agency_id for agency_id in rows if agency_id is not None}
            obj._motcua_admin_agency_ids = cache
        return cache

    def may(self, request, action: str | None, obj=None) -> bool:
        ids = self.allowed_agency_ids(request, action)
        if ids is None:
            return True
        if not ids:
            return False
        if obj is None or self.agency_lookup is None:
            return True
        return bool(self.agency_ids_of(obj) & ids)

    def is_province_wide(self, request, action: str) -> bool:
        return self.allowed_agency_ids(request, action) is None

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if self.agency_lookup is None:
            return qs
        view_ids = self.allowed_agency_ids(request, self.view_action)
        change_ids = self.allowed_agency_ids(request, self.change_action)
        if view_ids is None or change_ids is None:
            return qs
        ids = view_ids | change_ids
        # A subquery instead of a join keeps one row per object for multi-valued paths.
        in_scope = self.model._default_manager.filter(**{f"{self.agency_lookup}__in": ids}).values("pk")
        return qs.filter(pk__in=in_scope)

    # --- Django admin hooks ---------------------------------------------------------
    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.may(request, self.view_action, obj) or self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.may(request, self.change_action, obj)

    def has_add_permission(self, request, *args) -> bool:
        return self.may(request, self.add_action)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.may(request, self.delete_action, obj)

    def get_object(self, request, object_id, from_field=None):
        # Out of scope looks the same as missing: 404, not a redirect to the index.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("Không tìm thấy đối tượng hoặc bạn không có quyền truy cập.")
        return obj
