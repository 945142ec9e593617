from django.apps import AppConfig


class SipasConfig(AppConfig):
    name = "sipas"
    verbose_name = "Khảo sát sự hài lòng (SIPAS)"

    def ready(self) -> None:
        from sipas import tasks  # noqa: F401  (the periodic closing of surveys past their date)
        from sipas.machine import SURVEY
        from workflow.outbox import register_machine

        register_machine(SURVEY)
