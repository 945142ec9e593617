from django.contrib import admin, messages

from documents import actions
from documents.models import Document, Reuse


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    # Documents are made by the counter and reused through dossiers; here they are looked up and,
    # when found wrong or forged, cancelled (never offered again; their reuses stay on record).
    list_display = ("kind", "holder_number", "holder_name", "number", "valid_until", "certified_copy", "source",
                    "created_at", "revoked_at")
    list_filter = ("source", "certified_copy")
    search_fields = ("holder_number", "kind", "number")
    actions = ("revoke_selected",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    @admin.action(description="Hủy các giấy tờ đã chọn (không cho dùng lại)")
    def revoke_selected(self, request, queryset):
        for document in queryset.filter(revoked_at__isnull=True):
            actions.revoke(document, request.user, "Hủy trong trang quản trị")
        messages.success(request, "Đã hủy các giấy tờ đã chọn.")


@admin.register(Reuse)
class ReuseAdmin(admin.ModelAdmin):
    list_display = ("document", "dossier", "by", "at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser
