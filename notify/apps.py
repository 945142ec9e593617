from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "notify"
    verbose_name = "Thông báo"

    def ready(self) -> None:
        # Subscribe to the events of every machine (workflow/outbox.py).
        from notify import subscribers

        subscribers.register()
