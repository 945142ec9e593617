"""Background tasks of field reports, run by the worker (workflow/worker.py)."""

from django.conf import settings

from workflow.tasks import job, periodic


@periodic("fieldreports.escalate", every=lambda: settings.SWEEP_INTERVAL_SECONDS)
@job(max_attempts=3, backoff_seconds=30, label="Nhắc việc phản ánh quá hạn")
def escalate_overdue() -> str:
    from fieldreports.escalation import sweep

    counts = sweep()
    return f"{counts.level1} phản ánh nhắc việc mức 1, {counts.level2} mức 2"
