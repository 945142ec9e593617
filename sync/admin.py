from django.contrib import admin

# The push writes these (sync/push.py); operators act from /dong-bo/, never by editing rows.
from motcua.admin_records import RecordAdmin
from sync.models import SyncCall, SyncState


@admin.register(SyncState)
class SyncStateAdmin(RecordAdmin):
    list_display = ("dossier", "status", "acknowledged_seq", "attempts", "next_attempt_at", "updated_at")
    list_filter = ("status",)


@admin.register(SyncCall)
class SyncCallAdmin(RecordAdmin):
    list_display = ("dossier", "seq", "service", "outcome", "at", "by")
    list_filter = ("outcome", "service")
