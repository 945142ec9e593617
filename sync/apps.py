from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "sync"
    verbose_name = "Đồng bộ Cổng Dịch vụ công quốc gia"

    def ready(self) -> None:
        from sync import pending, tasks  # noqa: F401  (the subscriber and the periodic push)

        pending.subscribe()
