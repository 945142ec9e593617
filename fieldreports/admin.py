"""Admin for field-report settings (categories, boundaries, routing rules, Open311 keys) and a
read-only view of reports and their logs. Province-wide data: `fieldreport.manage`."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from accounts.admin_site import PolicyAdminMixin
from fieldreports.geo import GeometryError, shape_of
from fieldreports.models import (
    ApiClient,
    Boundary,
    Category,
    CategoryQuestion,
    ModerationLog,
    Report,
    ReportEvent,
    RoutingRule,
)


class ManagedAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = change_action = add_action = delete_action = "fieldreport.manage"
    agency_lookup = None


class QuestionInline(admin.TabularInline):
    model = CategoryQuestion
    extra = 0

    def has_view_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True


@admin.register(Category)
class CategoryAdmin(ManagedAdmin):
    list_display = ("code", "name", "parent", "deadline_hours", "deadline_kind", "may_be_urgent", "is_active")
    list_filter = ("is_active", "parent")
    search_fields = ("code", "name")
    inlines = [QuestionInline]


class BoundaryForm(forms.ModelForm):
    geojson_file = forms.FileField(label="Tệp GeoJSON", required=False,
                                   help_text="Thay hình học bằng Polygon/MultiPolygon đầu tiên trong tệp.")

    class Meta:
        model = Boundary
        fields = ["name", "unit", "geometry", "is_approximate", "source"]

    def clean(self):
        data = super().clean()
        upload = data.get("geojson_file")
        if upload:
            try:
                doc = json.load(upload)
                geometry = doc["features"][0]["geometry"] if doc.get("type") == "FeatureCollection" else doc
                shape_of(geometry)
            except (ValueError, KeyError, IndexError, GeometryError) as exc:
                raise forms.ValidationError(f"Tệp GeoJSON không hợp lệ: {exc}") from None
            data["geometry"] = geometry.get("geometry", geometry) if geometry.get("type") == "Feature" else geometry
        return data

    def save(self, commit=True):
        self.instance.geometry = self.cleaned_data["geometry"]
        return super().save(commit)


@admin.register(Boundary)
class BoundaryAdmin(ManagedAdmin):
    form = BoundaryForm
    list_display = ("name", "unit", "is_approximate", "updated_at")
    search_fields = ("name",)
    list_filter = ("is_approximate",)


@admin.register(RoutingRule)
class RoutingRuleAdmin(ManagedAdmin):
    list_display = ("order", "category", "area_kind", "boundary", "unit", "agency", "is_active")
    list_editable = ("is_active",)
    list_filter = ("area_kind", "is_active", "category")
    autocomplete_fields = ("boundary",)
    raw_id_fields = ("unit", "agency")


@admin.register(ApiClient)
class ApiClientAdmin(ManagedAdmin):
    list_display = ("name", "key_prefix", "is_active", "created_at", "revoked_at")
    readonly_fields = ("key_prefix", "created_at", "revoked_at")
    fields = ("name", "is_active", "key_prefix", "created_at", "revoked_at")
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if not change:
            key = obj.set_new_key()
            messages.warning(request, f"Khóa API mới (chỉ hiện một lần, hãy lưu lại ngay): {key}")
        if change and "is_active" in form.changed_data and not obj.is_active:
            obj.revoked_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Thu hồi các khóa đã chọn")
    def revoke(self, request, queryset):
        queryset.filter(is_active=True).update(is_active=False, revoked_at=timezone.now())


class ReadOnlyAdmin(ManagedAdmin):
    add_action = change_action = delete_action = None


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    # Changes go through fieldreports.actions (the staff pages), never through this form.
    list_display = ("pk", "category", "status", "agency", "created_at", "due_at", "escalation_level", "is_hidden")
    list_filter = ("status", "category", "is_hidden")
    exclude = ("reporter", "contact_first_name", "contact_last_name", "contact_email", "contact_phone")


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ("report", "action", "from_status", "to_status", "to_agency", "created_at")
    list_filter = ("action",)


@admin.register(ModerationLog)
class ModerationLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "action", "actor", "report", "reason")
