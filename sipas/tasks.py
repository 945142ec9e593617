"""SIPAS background work: a survey past its end date is closed by the platform."""

from django.conf import settings

from workflow.tasks import job, periodic


@periodic("sipas.close_overdue", every=lambda: settings.SWEEP_INTERVAL_SECONDS)
@job(max_attempts=3, backoff_seconds=30, label="Kết thúc đợt khảo sát SIPAS quá hạn")
def close_overdue() -> str:
    from sipas.actions import close_overdue as run

    return f"{run()} đợt khảo sát"
