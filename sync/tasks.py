"""The push to the national portal runs on the workers (workflow/worker.py), when turned on."""

from django.conf import settings

from workflow.tasks import job, periodic


@periodic("sync.push", every=lambda: settings.SYNC_PUSH_SECONDS)
@job(max_attempts=3, backoff_seconds=30, label="Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia")
def push() -> str:
    from sync import pending
    from sync.push import push as run

    if not pending.enabled():
        return "chưa cấu hình"
    return f"{run()} hồ sơ"
