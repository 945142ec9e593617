"""The operations centre's background work, run by the workers (workflow/worker.py)."""

from django.conf import settings

from workflow.tasks import job, periodic


@periodic("ioc.catch_up", every=lambda: settings.IOC_CATCH_UP_SECONDS)
@job(max_attempts=3, backoff_seconds=10, label="Cập nhật số liệu điều hành")
def catch_up() -> str:
    from ioc import reports
    from ioc.projection import catch_up as run

    return f"{run()} hồ sơ, {reports.catch_up()} phản ánh"


@job(max_attempts=1, label="Xuất Excel số liệu điều hành")
def export(export_id: int) -> str:
    from ioc.exports import run

    return run(export_id)


@periodic("ioc.expire_exports", every=lambda: settings.EXPORT_EXPIRY_SECONDS)
@job(max_attempts=3, label="Xóa tệp xuất số liệu quá hạn lưu")
def expire_exports() -> str:
    from ioc.exports import expire

    return f"{expire()} tệp"
