"""Background tasks of dossiers, run by the worker (workflow/worker.py)."""

from django.conf import settings

from workflow.tasks import job, periodic


@periodic("dossiers.sweep_deadlines", every=lambda: settings.SWEEP_INTERVAL_SECONDS)
@job(max_attempts=3, backoff_seconds=30, label="Quét hạn xử lý hồ sơ")
def sweep_deadlines() -> str:
    from dossiers.sweep import sweep

    return str(sweep())
