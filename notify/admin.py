"""The delivery log and people's channel choices in the admin. The log holds phone numbers and
e-mail addresses: only the system administrator reads it. A failed message can be sent again
(same key, so a gateway that did take it the first time does not deliver twice)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.admin_site import PolicyAdminMixin
from accounts.permissions import can, register_action
from accounts.roles import SYSTEM_ADMIN
from notify.models import Message, Preference
from notify.texts import KIND_LABELS
from workflow.worker import lease

register_action("notify.manage", [SYSTEM_ADMIN])


class NotifyAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = "notify.manage"
    agency_lookup = None


class KindFilter(admin.SimpleListFilter):
    title = "loại thông báo"
    parameter_name = "loai"

    def lookups(self, request, model_admin):
        return list(KIND_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Message)
class MessageAdmin(NotifyAdmin):
    list_display = ("created_at", "channel", "recipient", "kind_label", "state", "attempts", "sent_at")
    list_filter = ("state", "channel", KindFilter)
    search_fields = ("recipient", "subject", "gateway_message_id", "=object_id")
    date_hierarchy = "created_at"
    actions = ["send_again"]
    show_full_result_count = False
    readonly_fields = ("key", "source", "event_id", "object_id", "kind", "channel", "recipient", "user", "subject",
                       "body", "params", "state", "attempts", "last_error", "gateway_response",
                       "gateway_message_id", "created_at", "updated_at", "sent_at")

    @admin.display(description="loại thông báo", ordering="kind")
    def kind_label(self, obj) -> str:
        return KIND_LABELS.get(obj.kind, obj.kind)

    @admin.action(description="Gửi lại các thông báo thất bại (hoặc bị gián đoạn) đã chọn")
    def send_again(self, request, queryset):
        if not can(request.user, "notify.manage"):
            self.message_user(request, "Bạn không có quyền gửi lại thông báo.", messages.ERROR)
            return
        count = send_again(queryset)
        self.message_user(request, f"Đã xếp {count} thông báo vào hàng đợi gửi lại.",
                          messages.SUCCESS if count else messages.WARNING)


def send_again(queryset) -> int:
    """Queue FAILED messages again, and those left SENDING by a worker that died on them (its
    task given up by the worker's takeover: workflow/worker.py)."""
    from notify.tasks import send_message

    stale = timezone.now() - 2 * lease()
    again = Q(state=Message.State.FAILED) | Q(state=Message.State.SENDING, updated_at__lt=stale)
    with transaction.atomic():
        ids = list(queryset.filter(again).select_for_update().values_list("pk", flat=True))
        Message.objects.filter(pk__in=ids).update(state=Message.State.QUEUED, last_error="")
        for pk in ids:
            send_message.enqueue(pk)
    return len(ids)


@admin.register(Preference)
class PreferenceAdmin(NotifyAdmin):
    change_action = add_action = delete_action = "notify.manage"
    list_display = ("user", "email", "sms", "zalo")
    list_filter = ("email", "sms", "zalo")
    search_fields = ("user__username", "user__full_name", "user__email")
    raw_id_fields = ("user",)
