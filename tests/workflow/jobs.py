"""Tasks the worker tests enqueue (a task must live at module level to be importable)."""

from workflow.tasks import job

RUNS: dict[str, int] = {}


@job(max_attempts=3, backoff_seconds=2, label="Tác vụ thử nghiệm")
def flaky(name: str, fail_times: int) -> int:
    """Fails its first `fail_times` runs, then returns how many runs it took."""
    RUNS[name] = RUNS.get(name, 0) + 1
    if RUNS[name] <= fail_times:
        raise RuntimeError(f"{name}: cổng gửi không phản hồi (lần {RUNS[name]})")
    return RUNS[name]
