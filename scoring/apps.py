from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = "Đánh giá của người dân (Thông tư 01/2018)"

    def ready(self) -> None:
        from scoring import projection

        projection.subscribe()
