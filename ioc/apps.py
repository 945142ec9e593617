from django.apps import AppConfig


class IocConfig(AppConfig):
    name = "ioc"
    verbose_name = "Trung tâm điều hành (IOC)"

    def ready(self) -> None:
        from ioc import projection, reports, tasks  # noqa: F401  (the subscribers and the periodic catch-up)

        projection.subscribe()
        reports.subscribe()
