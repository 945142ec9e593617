from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = "Thanh toán trực tuyến"

    def ready(self) -> None:
        # The payment table's permissions, the machine known to the kernel (the outbox,
        # verify_events), the subscribers to dossier events, and the periodic reconciliation.
        from payments import subscribers, tasks  # noqa: F401
        from payments.machine import PAYMENT
        from workflow.outbox import register_machine

        register_machine(PAYMENT)
        subscribers.register()
