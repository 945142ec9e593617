from django.contrib import admin

from ioc.models import IndexIndicator, IndexVersion


class IndicatorInline(admin.TabularInline):
    model = IndexIndicator
    extra = 0
    fields = ("order", "group", "code", "name", "max_points", "rule", "target_percent", "empty_points", "source",
              "measure", "numerator", "denominator")


@admin.register(IndexVersion)
class IndexVersionAdmin(admin.ModelAdmin):
    """A formula changed on the national portal is a new version with its indicators."""

    list_display = ("name", "code", "effective_from")
    inlines = [IndicatorInline]

    def has_module_permission(self, request):
        return request.user.is_superuser

    has_view_permission = has_change_permission = has_add_permission = has_delete_permission = (
        lambda self, request, obj=None: request.user.is_superuser)
