from django.contrib import admin

from sync.models import SyncCall, SyncState


class ReadOnly(admin.ModelAdmin):
    # The push writes these (sync/push.py); operators act from /dong-bo/, never by editing rows.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(SyncState)
class SyncStateAdmin(ReadOnly):
    list_display = ("dossier", "status", "acknowledged_seq", "attempts", "next_attempt_at", "updated_at")
    list_filter = ("status",)


@admin.register(SyncCall)
class SyncCallAdmin(ReadOnly):
    list_display = ("dossier", "seq", "service", "outcome", "at", "by")
    list_filter = ("outcome", "service")
