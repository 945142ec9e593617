"""Admin for administrative units (province-wide reference data) and agencies.

The system administrator edits everything. An agency administrator sees only their own
agency and edits what the agency itself decides (name, contacts, working hours, same-day
cut-off); its code, kind, place in the hierarchy and validity are province decisions.
"""

from __future__ import annotations

from django.contrib import admin

from accounts.admin_site import PolicyAdminMixin
from units.models import AdministrativeUnit, Agency

PROVINCE_ACTION = "units.manage"


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(PolicyAdminMixin, admin.ModelAdmin):
    # Reference data: anyone who administers an agency may look units up, only the system
    # administrator changes them.
    view_action = "agency.view"
    change_action = add_action = delete_action = PROVINCE_ACTION
    agency_lookup = None

    list_display = ("code", "name", "division_type", "level", "parent", "valid_from", "valid_until")
    list_filter = ("level", "division_type")
    search_fields = ("name", "code", "codename")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent", "replaced_by")
    show_full_result_count = False


@admin.register(Agency)
class AgencyAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = "agency.view"
    change_action = "agency.change"
    add_action = delete_action = PROVINCE_ACTION
    agency_lookup = "pk"

    list_display = ("code", "name", "short_name", "kind", "unit", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code")
    list_select_related = ("unit",)
    autocomplete_fields = ("parent", "unit")
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "kind", "parent", "unit")}),
        ("Liên hệ", {"fields": ("address", "phone", "email")}),
        ("Giờ làm việc", {"fields": ("working_periods", "same_day_cutoff")}),
        ("Hiệu lực", {"fields": ("is_active", "valid_from", "valid_until")}),
    )
    province_fields = ("code", "kind", "parent", "unit", "is_active", "valid_from", "valid_until")

    def get_readonly_fields(self, request, obj=None):
        if self.is_province_wide(request, PROVINCE_ACTION):
            return ()
        return self.province_fields
