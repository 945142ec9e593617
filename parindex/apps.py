from django.apps import AppConfig


class ParindexConfig(AppConfig):
    name = "parindex"
    verbose_name = "Chỉ số cải cách hành chính (PAR INDEX)"

    def ready(self) -> None:
        from parindex.machine import ASSESSMENT, ROUND
        from workflow.outbox import register_machine

        register_machine(ROUND)
        register_machine(ASSESSMENT)
