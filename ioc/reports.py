"""The field-report projections (ReportFlow, ReportOpen), kept like the dossiers' (ioc/projection.py):
an inline mark per event, a catch-up applying each report's events after the last applied."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import transaction

from fieldreports.models import Report, ReportEvent
from ioc.models import PendingReport, ReportFlow, ReportOpen, ReportTrack
from ioc.projection import BATCH, _day, _upsert, drain, mark_all, marker
from workflow import outbox

FLOW_KEY = ("day", "agency_id", "category_id")
FLOW_COUNTS = ("received", "answered_on_time", "answered_late", "answer_seconds", "rejected", "reopened", "ratings",
               "rating_points")
OPEN_KEY = ("agency_id", "category_id", "due_day")
ANSWERED = set(Report.ANSWERED_STATUSES)
OPEN = set(Report.OPEN_STATUSES)


def subscribe() -> None:
    outbox.subscribe("ioc.mark_report", "fieldreport", wants=lambda event: True,
                     handle=marker(PendingReport, "report_id"), inline=True)


def catch_up(batch: int = BATCH) -> int:
    return drain(PendingReport, "report_id", apply, batch)


def rebuild() -> int:
    with transaction.atomic():
        for model in (ReportFlow, ReportOpen, ReportTrack, PendingReport):
            model.objects.all().delete()
        mark_all(PendingReport, Report, ReportTrack, "report_id")
    return catch_up()


def mark_untracked() -> None:
    mark_all(PendingReport, Report, ReportTrack, "report_id", untracked_only=True)


def apply(ids: list[int]) -> None:
    reports = {r["pk"]: r for r in Report.objects.filter(pk__in=ids).values("pk", "category_id", "rating",
                                                                                  "created_at")}
    tracks = {t.report_id: t for t in ReportTrack.objects.filter(report_id__in=ids)}
    known = set(tracks)
    flows: dict[tuple, Counter] = defaultdict(Counter)
    opens: Counter = Counter()
    changed: set[int] = set()
    events = ReportEvent.objects.filter(report_id__in=ids).order_by("report_id", "seq").values(
        "report_id", "seq", "action", "from_status", "to_status", "from_agency_id", "to_agency_id", "due_at",
        "created_at")
    for e in events.iterator(chunk_size=5000):
        r = reports[e["report_id"]]
        track = tracks.setdefault(r["pk"], ReportTrack(report_id=r["pk"]))
        if e["seq"] <= track.seq:
            continue
        _apply_event(r, e, track, flows, opens)
        track.seq = e["seq"]
        changed.add(r["pk"])
    _upsert(ReportFlow, FLOW_KEY, FLOW_COUNTS, flows)
    _upsert(ReportOpen, OPEN_KEY, ("count",), {key: Counter(count=n) for key, n in opens.items() if n})
    ReportTrack.objects.bulk_create([tracks[pk] for pk in changed - known])
    ReportTrack.objects.bulk_update([tracks[pk] for pk in changed & known], ["seq", "open_agency_id", "open_due_day"])


def _apply_event(r: dict, e: dict, track: ReportTrack, flows, opens: Counter) -> None:
    unit = e["to_agency_id"] or e["from_agency_id"]  # who holds it, or who had it and answered
    flow = flows[(_day(e["created_at"]), unit, r["category_id"])]
    before, after = e["from_status"], e["to_status"]
    if e["action"] == "submit":
        flow["received"] += 1
    if after in ANSWERED and before not in ANSWERED:
        late = e["due_at"] is not None and e["created_at"] > e["due_at"]
        flow["answered_late" if late else "answered_on_time"] += 1
        flow["answer_seconds"] += max(0, int((e["created_at"] - r["created_at"]).total_seconds()))
        if after == Report.Status.REJECTED:
            flow["rejected"] += 1
    if e["action"] == "reopen":
        flow["reopened"] += 1
    if e["action"] == "rate" and r["rating"]:
        flow["ratings"] += 1
        flow["rating_points"] += r["rating"]
    # Among the open reports now: by the unit holding it and the day it is due.
    key = (e["to_agency_id"], _day(e["due_at"] or e["created_at"])) if after in OPEN else (None, None)
    if key != (track.open_agency_id, track.open_due_day):
        if track.open_due_day is not None:
            opens[(track.open_agency_id, r["category_id"], track.open_due_day)] -= 1
        if key[1] is not None:
            opens[(key[0], r["category_id"], key[1])] += 1
        track.open_agency_id, track.open_due_day = key
