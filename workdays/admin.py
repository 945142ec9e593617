"""Admin for the province's day overrides, and a yearly view of the calendar as deadlines see it.

Only the system administrator changes the calendar (every deadline in the province moves
with it); agency administrators may look.
"""

from __future__ import annotations

from datetime import date

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from accounts.admin_site import PolicyAdminMixin
from workdays.calendar import DayRules, package_days, package_holiday_names
from workdays.models import DayOverride

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
MIN_YEAR, MAX_YEAR = 2000, 2100


def calendar_year_rows(year: int) -> list[dict]:
    """The year's days off and worked weekend days, overrides winning over the national calendar."""
    names = dict(package_holiday_names(year))
    _, worked_weekend = package_days(year)
    overrides = {o.date: o for o in DayOverride.objects.filter(date__year=year)}
    rules = DayRules({day: o.is_working_day for day, o in overrides.items()})
    rows = []
    for day in sorted(set(names) | set(worked_weekend) | set(overrides)):
        working = rules.is_working_day(day)
        if day in overrides:
            override = overrides[day]
            source = "Điều chỉnh của tỉnh"
            note = override.reason + (f" ({override.decision})" if override.decision else "")
        elif day in names:
            source, note = "Lịch nghỉ lễ quốc gia", names[day]
        else:
            source, note = "Lịch nghỉ lễ quốc gia", "Ngày làm bù"
        rows.append(
            {"date": day, "weekday": WEEKDAYS[day.weekday()], "working": working, "source": source, "note": note}
        )
    return rows


@admin.register(DayOverride)
class DayOverrideAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = "agency.view"
    change_action = add_action = delete_action = "calendar.manage"
    agency_lookup = None

    list_display = ("date", "is_working_day", "reason", "decision", "created_by", "created_at")
    list_filter = ("is_working_day",)
    search_fields = ("reason", "decision")
    date_hierarchy = "date"
    list_select_related = ("created_by",)
    readonly_fields = ("created_by", "created_at")
    change_list_template = "workdays/admin_dayoverride_change_list.html"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        custom = [
            path(
                "year/<int:year>/",
                self.admin_site.admin_view(self.year_view),
                name="workdays_dayoverride_year",
            )
        ]
        return custom + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "calendar_year": date.today().year}
        return super().changelist_view(request, extra_context)

    def year_view(self, request, year: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        year = min(max(year, MIN_YEAR), MAX_YEAR)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Ngày nghỉ và ngày làm bù năm {year}",
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "rows": calendar_year_rows(year),
        }
        return TemplateResponse(request, "workdays/admin_calendar_year.html", context)
