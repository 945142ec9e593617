from django.apps import AppConfig


class FieldReportsConfig(AppConfig):
    name = "fieldreports"
    verbose_name = "Phản ánh hiện trường"

    def ready(self) -> None:
        # The policy rows (permissions), the cache-invalidation signals, the escalation
        # schedule (tasks), and the machine known to the kernel by name.
        from fieldreports import permissions, signals, tasks  # noqa: F401
        from fieldreports.machine import REPORT
        from workflow.outbox import register_machine

        register_machine(REPORT)
