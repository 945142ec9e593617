# ruff: noqa: S608 (SQL text from model table names and fixed fragments; every value is a parameter)
"""Benchmark: the operations-centre figures from the projections, next to the same figures counted over the dossiers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_ioc_bench .venv/bin/python bench/ioc.py

On a database filled by `manage.py load_demo` and `manage.py generate_scale` (which applies
the projections at the end), for the agencies the demo operator `vy` sees, times each figure
of ioc/figures.py (read from DossierFlow / DossierOpen) and its naive equivalent (one GROUP
BY with conditional counts straight over dossiers_dossier joined to the procedure version for
the competent agency), alternating the two in rounds so both see the same machine, and checks
that both give the same numbers:

  per_agency   received (received_at), resolved early / on time / late (resolved_at, timeliness),
               processing seconds, returned (returned_at), per competent agency, liên thông legs in
  totals       the same over all the agencies, liên thông legs left out
  per_procedure the same per procedure, for the busiest agency of the year
  trend        received and resolved per local day, liên thông legs left out
  by_channel   received per channel, liên thông legs left out
  open_now     open (received, processing, transferred) by the local day of due_at against
               today: overdue, due today, due in two more days, in time; paused ones apart
  index766     the Decision 766 table of the year, its figures read from the projections or
               counted over the dossiers

Then the whole dashboard page /dieu-hanh/ through the Django test client, logged in as `vy`,
with the cache cleared each round (the cards are computed), once as it is and once with the
figures swapped for the naive counts. Prints a Markdown table: p50 / p95 in ms, the ratio of
the naive p50 to the projection's, and whether the numbers are identical; on a disagreement,
the first differences and how many dossiers' event log and columns disagree on the day.
Exits 1 if any figure disagrees. DEBUG is off unless the environment sets it.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "false")  # no query log: neither side pays for it

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from catalogue.models import ProcedureVersion  # noqa: E402
from dossiers.models import Dossier, DossierEvent  # noqa: E402
from dossiers.states import OPEN, PAUSED, State  # noqa: E402
from ioc import figures  # noqa: E402
from ioc.models import DossierFlow, DossierFlowMonth, DossierOpen, DossierTrack, PendingDossier  # noqa: E402

COMPARED = ("received", "resolved_early", "resolved_on_time", "resolved_late", "processing_seconds", "returned")
OPEN_KEYS = ("overdue", "due_today", "due_soon", "in_time", "paused")
DOSSIER, VERSION = Dossier._meta.db_table, ProcedureVersion._meta.db_table
EVENT = DossierEvent._meta.db_table


# --- the naive figures: straight over the dossiers -----------------------------------------------

def _bounds(period: figures.Period) -> dict:
    """Local midnights: `at >= start AND at < end` is `localdate(at)` within the period."""
    return {"start": timezone.make_aware(datetime.combine(period.start, clock.min)),
            "end": timezone.make_aware(datetime.combine(period.end + timedelta(days=1), clock.min)),
            "tz": settings.TIME_ZONE}


def _within(column: str) -> str:
    return f"(d.{column} >= %(start)s AND d.{column} < %(end)s)"


RESOLVED_IN = f"{_within('resolved_at')} AND d.timeliness <> ''"
FLOW_COLUMNS = f"""
    COUNT(*) FILTER (WHERE {_within('received_at')}) AS received,
    COUNT(*) FILTER (WHERE {RESOLVED_IN} AND d.timeliness = 'early') AS resolved_early,
    COUNT(*) FILTER (WHERE {RESOLVED_IN} AND d.timeliness = 'on_time') AS resolved_on_time,
    COUNT(*) FILTER (WHERE {RESOLVED_IN} AND d.timeliness = 'late') AS resolved_late,
    COALESCE(SUM(GREATEST(0, TRUNC(EXTRACT(EPOCH FROM d.resolved_at - d.received_at))))
             FILTER (WHERE {RESOLVED_IN}), 0)::bigint AS processing_seconds,
    COUNT(*) FILTER (WHERE {_within('returned_at')}) AS returned"""
FROM = f"FROM {DOSSIER} d JOIN {VERSION} v ON v.id = d.procedure_version_id"
TOUCHED = f"({_within('received_at')} OR {_within('resolved_at')} OR {_within('returned_at')})"


def _rows(sql: str, params: dict) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def naive_per_agency(agency_ids, period: figures.Period, channel=None) -> dict[int, dict]:
    rows = _rows(f"SELECT v.competent_agency_id AS agency_id, {FLOW_COLUMNS} {FROM} "
                 f"WHERE v.competent_agency_id = ANY(%(ids)s) AND {TOUCHED} GROUP BY 1",
                 {**_bounds(period), "ids": list(agency_ids)})
    return {r["agency_id"]: figures.derived(r) for r in rows}


def naive_totals(agency_ids, period: figures.Period, channel=None) -> dict:
    rows = _rows(f"SELECT {FLOW_COLUMNS} {FROM} WHERE v.competent_agency_id = ANY(%(ids)s) "
                 f"AND d.parent_id IS NULL AND {TOUCHED}", {**_bounds(period), "ids": list(agency_ids)})
    return figures.derived(rows[0])


def naive_per_procedure(agency_id: int, period: figures.Period, channel=None) -> list[dict]:
    rows = _rows(f"SELECT v.procedure_id, {FLOW_COLUMNS} {FROM} WHERE v.competent_agency_id = %(agency)s "
                 f"AND {TOUCHED} GROUP BY 1 ORDER BY received DESC", {**_bounds(period), "agency": agency_id})
    return [figures.derived(r) for r in rows]


def naive_trend(agency_ids, period: figures.Period, channel=None) -> list[dict]:
    scope = "v.competent_agency_id = ANY(%(ids)s) AND d.parent_id IS NULL"
    rows = _rows(f"""SELECT day, SUM(received)::int AS received, SUM(resolved)::int AS resolved FROM (
        SELECT (d.received_at AT TIME ZONE %(tz)s)::date AS day, 1 AS received, 0 AS resolved {FROM}
         WHERE {scope} AND {_within('received_at')}
        UNION ALL
        SELECT (d.resolved_at AT TIME ZONE %(tz)s)::date, 0, 1 {FROM} WHERE {scope} AND {RESOLVED_IN}
    ) t GROUP BY day ORDER BY day""", {**_bounds(period), "ids": list(agency_ids)})
    return rows


def naive_by_channel(agency_ids, period: figures.Period) -> dict[int, int]:
    rows = _rows(f"SELECT d.channel, COUNT(*) AS n {FROM} WHERE v.competent_agency_id = ANY(%(ids)s) "
                 f"AND d.parent_id IS NULL AND {_within('received_at')} GROUP BY 1",
                 {**_bounds(period), "ids": list(agency_ids)})
    return {r["channel"]: r["n"] for r in rows}


def naive_open_now(agency_ids, today: date | None = None) -> dict[int, dict]:
    today = today or timezone.localdate()
    due = "(d.due_at AT TIME ZONE %(tz)s)::date"
    active = "d.state = ANY(%(open)s)"
    rows = _rows(f"""SELECT v.competent_agency_id AS agency_id,
        COUNT(*) FILTER (WHERE {active} AND {due} < %(today)s) AS overdue,
        COUNT(*) FILTER (WHERE {active} AND {due} = %(today)s) AS due_today,
        COUNT(*) FILTER (WHERE {active} AND {due} > %(today)s AND {due} <= %(soon)s) AS due_soon,
        COUNT(*) FILTER (WHERE {active} AND {due} >= %(today)s) AS in_time,
        COUNT(*) FILTER (WHERE d.state = ANY(%(paused)s)) AS paused
        {FROM} WHERE v.competent_agency_id = ANY(%(ids)s) AND d.state = ANY(%(either)s) GROUP BY 1""",
                 {"tz": settings.TIME_ZONE, "today": today, "soon": today + timedelta(days=2),
                  "open": sorted(OPEN), "paused": sorted(PAUSED), "either": sorted(OPEN | PAUSED),
                  "ids": list(agency_ids)})
    return {r.pop("agency_id"): r for r in rows}


def index_766(agency_ids, period: figures.Period) -> list:
    from ioc import index766

    return index766.scores(agency_ids, period)[1]


def naive_index_766(agency_ids, period: figures.Period) -> list:
    """The Decision 766 table with the figures it reads counted over the dossiers."""
    with naive_page():
        return index_766(agency_ids, period)


NAIVE = {"per_agency": naive_per_agency, "totals": naive_totals, "per_procedure": naive_per_procedure,
         "trend": naive_trend, "by_channel": naive_by_channel, "open_now": naive_open_now,
         "index766": naive_index_766}
PROJECTED = {"index766": index_766}


# --- what is compared -----------------------------------------------------------------------------

def _nonzero(found: dict) -> dict:
    return {k: v for k, v in found.items() if any(v)}


def flows_by(key: str, rows) -> dict:
    return _nonzero({r[key]: tuple(r[name] or 0 for name in COMPARED) for r in rows})


def comparable(kind: str, found) -> dict:
    if kind == "per_agency":
        return flows_by("agency_id", [{"agency_id": pk, **row} for pk, row in found.items()])
    if kind == "per_procedure":
        return flows_by("procedure_id", found)
    if kind == "totals":
        return _nonzero({"all": tuple(found[name] for name in COMPARED)})
    if kind == "trend":
        return _nonzero({r["day"]: (r["received"] or 0, r["resolved"] or 0) for r in found})
    if kind == "by_channel":
        return {k: v for k, v in found.items() if v}
    if kind == "index766":
        return {score.indicator.code: (score.numerator, score.denominator, score.points) for score in found}
    return _nonzero({pk: tuple(row[name] for name in OPEN_KEYS) for pk, row in found.items()})


def differences(projected: dict, naive: dict, limit: int = 5) -> list[str]:
    lines = []
    for key in sorted(set(projected) | set(naive), key=str):
        if projected.get(key) != naive.get(key):
            lines.append(f"    {key}: projection {projected.get(key)} · naive {naive.get(key)}")
    return lines[:limit] + ([f"    … {len(lines) - limit} more"] if len(lines) > limit else [])


RESOLVING = (f"(e.from_state <> '{State.RESULT_READY}' AND (e.to_state = '{State.RESULT_READY}' OR "
             f"(e.action = 'return_result' AND e.to_state = '{State.RETURNED}')))")


def per_agency_by_log(agency_ids, period: figures.Period) -> dict[int, dict]:
    """The per-agency counts again over the dossiers, but on the local day of the event that
    received, resolved or returned each one instead of the dossier's received_at, resolved_at
    and returned_at: what the projection counts, if the log and the columns disagree."""
    within = "(e.at >= %(start)s AND e.at < %(end)s)"
    resolved = f"{within} AND {RESOLVING} AND d.timeliness <> ''"
    rows = _rows(f"""SELECT v.competent_agency_id AS agency_id,
        COUNT(*) FILTER (WHERE {within} AND e.action IN ('receive', 'receive_transfer')) AS received,
        COUNT(*) FILTER (WHERE {resolved} AND d.timeliness = 'early') AS resolved_early,
        COUNT(*) FILTER (WHERE {resolved} AND d.timeliness = 'on_time') AS resolved_on_time,
        COUNT(*) FILTER (WHERE {resolved} AND d.timeliness = 'late') AS resolved_late,
        COALESCE(SUM(GREATEST(0, TRUNC(EXTRACT(EPOCH FROM d.resolved_at - d.received_at))))
                 FILTER (WHERE {resolved}), 0)::bigint AS processing_seconds,
        COUNT(*) FILTER (WHERE {within} AND e.action = 'return_result') AS returned
        FROM {EVENT} e JOIN {DOSSIER} d ON d.id = e.dossier_id JOIN {VERSION} v ON v.id = d.procedure_version_id
        WHERE v.competent_agency_id = ANY(%(ids)s) AND {within} GROUP BY 1""",
                 {**_bounds(period), "ids": list(agency_ids)})
    return {r["agency_id"]: r for r in rows}


def log_against_columns() -> list[str]:
    """How many dossiers' events fall on another local day than the columns the naive count reads."""
    tz = {"tz": settings.TIME_ZONE}
    resolving = RESOLVING
    checks = [
        ("receive event vs received_at", "e.action IN ('receive', 'receive_transfer')", "d.received_at"),
        ("resolving event vs resolved_at", f"{resolving} AND d.timeliness <> ''", "d.resolved_at"),
        ("return_result event vs returned_at", "e.action = 'return_result'", "d.returned_at"),
    ]
    lines = []
    for label, which, column in checks:
        row = _rows(f"""SELECT COUNT(*) AS events,
            COUNT(*) FILTER (WHERE {column} IS NULL OR (e.at AT TIME ZONE %(tz)s)::date
                                   <> ({column} AT TIME ZONE %(tz)s)::date) AS other_day,
            COALESCE(AVG(EXTRACT(EPOCH FROM {column} - e.at)) / 86400, 0)::float AS mean_days
            FROM {EVENT} e JOIN {DOSSIER} d ON d.id = e.dossier_id WHERE {which}""", tz)[0]
        lines.append(f"    {label}: {row['other_day']:,} of {row['events']:,} on another local day "
                     f"(column − event: {row['mean_days']:+.2f} days on average)")
    return lines


# --- timing ----------------------------------------------------------------------------------------

def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    found = fn()
    return (time.perf_counter() - started) * 1000, found


def p50_p95(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.95))]


def dashboard_client():
    from django.test import Client

    from accounts.models import User

    user = User.objects.filter(username="vy").first()
    if user is None:
        sys.exit("no user vy: run `manage.py load_demo` first")
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line per login otherwise
    client = Client()
    client.force_login(user)
    return client, user


def get_page(client, user, url: str) -> float:
    from django.core.cache import cache

    cache.clear()  # the cards are computed, not read back
    ms, response = timed(lambda: client.get(url))
    if response.status_code == 302:  # sessions kept in the cache (production): log in again, untimed
        client.force_login(user)
        ms, response = timed(lambda: client.get(url))
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    return ms


def naive_page():
    """The dashboard with its figures counted over the dossiers (progress_766 and open_total
    look the figures up in the module, so they follow)."""
    return mock.patch.multiple(figures, per_agency=naive_per_agency, totals=naive_totals,
                               open_now=naive_open_now, trend=naive_trend, by_channel=naive_by_channel)


def command_line() -> str:
    python = Path(sys.executable)
    with_root = python.relative_to(ROOT) if python.is_relative_to(ROOT) else python
    url = os.environ.get("DATABASE_URL")
    return " ".join([*([f"DATABASE_URL={url}"] if url else []), str(with_root), *map(shlex.quote, sys.argv)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed rounds per figure (after one warm-up)")
    parser.add_argument("--page-rounds", type=int, default=15, help="timed rounds of the dashboard page")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_ioc_bench …")
    dossiers = Dossier.objects.count()
    if PendingDossier.objects.exists() or DossierTrack.objects.count() != dossiers:
        sys.exit("the projections are behind the dossiers: run `manage.py ioc_rebuild` (or generate_scale) first")
    from ioc.access import visible_agencies

    client, user = dashboard_client()
    ids = [a.pk for a in visible_agencies(user)]
    if not ids:
        sys.exit("vy sees no agency: is the demo loaded?")
    today = timezone.localdate()
    month, quarter, year = (figures.period_of(kind, today=today) for kind in ("thang", "quy", "nam"))
    busiest = max(figures.per_agency(ids, year).items(), key=lambda item: item[1]["received"])[0]
    cases = [  # (label, kind, arguments)
        (f"per_agency, month ({month.label})", "per_agency", (ids, month)),
        (f"per_agency, quarter ({quarter.label})", "per_agency", (ids, quarter)),
        (f"per_agency, year ({year.label})", "per_agency", (ids, year)),
        ("totals, month (no liên thông legs)", "totals", (ids, month)),
        ("totals, year (no liên thông legs)", "totals", (ids, year)),
        (f"open_now (today {today:%d/%m/%Y})", "open_now", (ids, today)),
        (f"per_procedure, busiest agency #{busiest}, year", "per_procedure", (busiest, year)),
        ("trend, year", "trend", (ids, year)),
        ("by_channel, month", "by_channel", (ids, month)),
        ("Decision 766 table, year", "index766", (ids, year)),
    ]
    times = {label: ([], []) for label, _, _ in cases}
    same, diffs = {}, {}
    for label, kind, arguments in cases:  # warm-up, and the check
        projected = comparable(kind, PROJECTED.get(kind, getattr(figures, kind, None))(*arguments))
        naive = comparable(kind, NAIVE[kind](*arguments))
        same[label] = projected == naive and bool(projected)
        if not same[label]:
            diffs[label] = differences(projected, naive) or ["    nothing to compare: both empty"]
    for n in range(args.rounds):  # alternate which side goes first, so neither always warms the other
        for label, kind, arguments in cases:
            sides = [(0, PROJECTED.get(kind, getattr(figures, kind, None))), (1, NAIVE[kind])]
            for side, fn in sides if n % 2 == 0 else reversed(sides):
                times[label][side].append(timed(lambda fn=fn, arguments=arguments: fn(*arguments))[0])
    url = "/dieu-hanh/"
    page = ([], [])
    get_page(client, user, url)
    with naive_page():
        get_page(client, user, url)
    for _ in range(args.page_rounds):
        page[0].append(get_page(client, user, url))
        with naive_page():
            page[1].append(get_page(client, user, url))

    events = DossierEvent.objects.count()
    flows, opens = DossierFlow.objects.count(), DossierOpen.objects.count()
    print(f"Dataset: {dossiers:,} dossiers, {events:,} dossier events, {flows:,} DossierFlow rows "
          f"({DossierFlowMonth.objects.count():,} month rows), "
          f"{opens:,} DossierOpen rows; {len(ids)} agencies seen by vy; today {today:%d/%m/%Y} "
          f"({settings.TIME_ZONE}); DEBUG {settings.DEBUG}")
    print(f"{args.rounds} rounds per figure, {args.page_rounds} page rounds, after one warm-up; "
          "ratio = naive p50 / projection p50\n")
    print("| figure | projection p50 / p95 ms | naive p50 / p95 ms | ratio | identical |")
    print("|---|---:|---:|---:|:---:|")
    for label, _, _ in cases:
        (a50, a95), (b50, b95) = p50_p95(times[label][0]), p50_p95(times[label][1])
        print(f"| {label} | {a50:.2f} / {a95:.2f} | {b50:.1f} / {b95:.1f} | {b50 / a50:.0f}× | "
              f"{'yes' if same[label] else 'NO'} |")
    (a50, a95), (b50, b95) = p50_p95(page[0]), p50_p95(page[1])
    print(f"| dashboard page {url} (test client, cache cleared; naive = figures swapped for direct counts) | "
          f"{a50:.1f} / {a95:.1f} | {b50:.1f} / {b95:.1f} | {b50 / a50:.1f}× | n/a |")
    print(f"\ncommand: {command_line()}")
    if diffs:
        print("\nDisagreements (key: projection (received, early, on time, late, processing s, returned) · naive; "
              "trend: (received, resolved); open_now: (overdue, due today, due soon, in time, paused)):")
        for label, lines in diffs.items():
            print(f"  {label}")
            print("\n".join(lines))
        print("  The event log against the columns the naive count reads:")
        print("\n".join(log_against_columns()))
        by_log = {label: comparable("per_agency", figures.per_agency(*arguments)) == comparable(
            "per_agency", per_agency_by_log(*arguments)) for label, kind, arguments in cases if kind == "per_agency"}
        print("  per_agency counted over the dossiers on the days of their events instead of their columns: "
              + "; ".join(f"{label}: {'identical' if ok else 'STILL DIFFERENT'}" for label, ok in by_log.items()))
        sys.exit(1)


if __name__ == "__main__":
    main()
