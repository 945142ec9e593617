from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = "Hồ sơ thủ tục hành chính"

    def ready(self) -> None:
        # The dossier table registers its permissions in accounts.permissions.POLICY; the
        # kernel knows the machine by name (the outbox, verify_events); tasks register their
        # periodic schedule.
        from dossiers import tasks  # noqa: F401
        from dossiers.machine import DOSSIER
        from workflow.outbox import register_machine

        register_machine(DOSSIER)
