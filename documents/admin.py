from django.contrib import admin, messages

from documents import actions
from documents.models import Document, Reuse
from motcua.admin_records import RecordAdmin


@admin.register(Document)
class DocumentAdmin(RecordAdmin):
    # Documents are made by the counter and reused through dossiers; here they are looked up and,
    # when found wrong or forged, cancelled (never offered again; their reuses stay on record).
    list_display = ("kind", "holder_number", "holder_name", "number", "valid_until", "certified_copy", "source",
                    "created_at", "revoked_at")
    list_filter = ("source", "certified_copy")
    search_fields = ("holder_number", "kind", "number")
    actions = ("revoke_selected",)

    @admin.action(description="Hủy các giấy tờ đã chọn (không cho dùng lại)")
    def revoke_selected(self, request, queryset):
        for document in queryset.filter(revoked_at__isnull=True):
            actions.revoke(document, request.user, "Hủy trong trang quản trị")
        messages.success(request, "Đã hủy các giấy tờ đã chọn.")


@admin.register(Reuse)
class ReuseAdmin(RecordAdmin):
    list_display = ("document", "dossier", "by", "at")
