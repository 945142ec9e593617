"""The operations centre's background work, run by the workers (workflow/worker.py)."""

from django.conf import settings

from workflow.tasks import job, periodic


@periodic("ioc.catch_up", every=lambda: settings.IOC_CATCH_UP_SECONDS)
@job(max_attempts=3, backoff_seconds=10, label="Cập nhật số liệu điều hành")
def catch_up() -> str:
    from ioc import reports
    from ioc.projection import catch_up as run

    return f"{run()} hồ sơ, {reports.catch_up()} phản ánh"
