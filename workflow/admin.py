"""The task queue in the admin, in Vietnamese: what is waiting, running, done or failed, why a
task failed, and a button to queue failed tasks again. Only the system administrator sees it
(task arguments name dossiers and people)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.admin_site import PolicyAdminMixin
from accounts.permissions import can, register_action
from accounts.roles import SYSTEM_ADMIN
from workflow.models import QueuedTask, Schedule, WorkerBeat
from workflow.tasks import label_for

register_action("workflow.operate", [SYSTEM_ADMIN])

STATUS_LABELS = {
    TaskResultStatus.READY: "Chờ chạy",
    TaskResultStatus.RUNNING: "Đang chạy",
    TaskResultStatus.SUCCESSFUL: "Thành công",
    TaskResultStatus.FAILED: "Thất bại",
}

# django-tasks-db registers its own English, read-only admin; this one replaces it.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class OperatorOnly(PolicyAdminMixin):
    view_action = "workflow.operate"
    agency_lookup = None


class StatusFilter(admin.SimpleListFilter):
    title = "trạng thái"
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


def shown(field: str, label: str):
    """A column of django-tasks-db's table under a Vietnamese heading."""

    @admin.display(description=label, ordering=field)
    def column(self, obj):
        value = getattr(obj, field)
        return "-" if value in (None, "", [], {}) else value

    column.__name__ = f"{field}_vi"
    return column


@admin.register(QueuedTask)
class QueuedTaskAdmin(OperatorOnly, admin.ModelAdmin):
    list_display = ("enqueued_at_vi", "task", "state", "attempts", "run_after_shown", "finished_at_vi", "error")
    list_filter = (StatusFilter,)
    search_fields = ("task_path", "exception_class_path")
    ordering = ("-enqueued_at",)
    actions = ["queue_again"]
    show_full_result_count = False
    fields = ("task", "state", "attempts", "args_kwargs_vi", "queue_name_vi", "enqueued_at_vi", "started_at_vi",
              "run_after_shown", "finished_at_vi", "workers", "return_value_vi", "error", "traceback_shown")
    readonly_fields = fields

    enqueued_at_vi = shown("enqueued_at", "xếp hàng lúc")
    started_at_vi = shown("started_at", "bắt đầu lúc")
    finished_at_vi = shown("finished_at", "kết thúc lúc")
    args_kwargs_vi = shown("args_kwargs", "tham số")
    queue_name_vi = shown("queue_name", "hàng đợi")
    return_value_vi = shown("return_value", "kết quả")

    @admin.display(description="tác vụ", ordering="task_path")
    def task(self, obj) -> str:
        return label_for(obj.task_path) if obj.task_path else "-"

    @admin.display(description="trạng thái", ordering="status")
    def state(self, obj) -> str:
        return STATUS_LABELS.get(obj.status, obj.status)

    @admin.display(description="số lần chạy")
    def attempts(self, obj) -> int:
        return len(obj.worker_ids or [])

    @admin.display(description="chạy sau", ordering="run_after")
    def run_after_shown(self, obj):
        from django_tasks_db.models import get_date_max

        return "-" if obj.run_after == get_date_max() else obj.run_after

    @admin.display(description="tiến trình đã chạy")
    def workers(self, obj) -> str:
        return ", ".join(obj.worker_ids or []) or "-"

    @admin.display(description="lỗi")
    def error(self, obj) -> str:
        return obj.exception_class_path.rsplit(".", 1)[-1] if obj.exception_class_path else ""

    @admin.display(description="chi tiết lỗi")
    def traceback_shown(self, obj):
        return format_html("<pre>{}</pre>", obj.traceback) if obj.traceback else "-"

    @admin.action(description="Đưa lại vào hàng đợi các tác vụ thất bại đã chọn")
    def queue_again(self, request, queryset):
        if not can(request.user, "workflow.operate"):
            self.message_user(request, "Bạn không có quyền đưa tác vụ vào hàng đợi.", messages.ERROR)
            return
        count = queue_again(queryset)
        skipped = queryset.count() - count
        self.message_user(request, f"Đã đưa lại {count} tác vụ vào hàng đợi."
                          + (f" Bỏ qua {skipped} tác vụ không ở trạng thái thất bại." if skipped else ""),
                          messages.SUCCESS if count else messages.WARNING)


def queue_again(queryset) -> int:
    """Put FAILED tasks back in the queue with a fresh set of attempts (worker_ids emptied)."""
    with transaction.atomic():
        return queryset.filter(status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, run_after=timezone.now(), started_at=None, finished_at=None,
            worker_ids=[], exception_class_path="", traceback="")


@admin.register(WorkerBeat)
class WorkerBeatAdmin(OperatorOnly, admin.ModelAdmin):
    list_display = ("worker_id", "host", "pid", "started_at", "last_seen")
    readonly_fields = ("worker_id", "host", "pid", "started_at", "last_seen")


@admin.register(Schedule)
class ScheduleAdmin(OperatorOnly, admin.ModelAdmin):
    list_display = ("name", "next_run_at", "last_enqueued_at")
    readonly_fields = ("name", "next_run_at", "last_enqueued_at")
