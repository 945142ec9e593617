from django.apps import AppConfig


class FieldReportsConfig(AppConfig):
    name = "fieldreports"
    verbose_name = "Phản ánh hiện trường"

    def ready(self) -> None:
        # Register the actions in accounts.permissions.POLICY and the cache-invalidation signals.
        from fieldreports import permissions, signals  # noqa: F401
