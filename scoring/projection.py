"""Keeping the score roll-up (scoring/models.py) current from the dossiers' `evaluate` events.

An inline subscriber runs in the action's own transaction, under the dossier's row lock: it
adds the difference the event makes (a first score counts one evaluation; a changed one
moves its points and its band) to the day and month rows of the day the dossier was first
scored, for its receiving agency and receiving officer. Demo and bulk data written without
publishing are counted by `rebuild`, which starts again from the Evaluation rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import transaction
from django.utils import timezone

from dossiers.evaluation import CODES, band_code
from dossiers.models import DossierEvent, Evaluation
from ioc.projection import _upsert as upsert
from scoring.models import COUNTS, ScoreDay, ScoreMonth
from workflow import outbox

DAY_KEY = ("day", "agency_id", "officer_id")
MONTH_KEY = ("month", "agency_id", "officer_id")


def subscribe() -> None:
    outbox.subscribe("scoring.evaluate", "dossier", wants=lambda event: event.action == "evaluate",
                     handle=on_evaluate, inline=True)


def counts(scores: dict, total: int, sign: int = 1) -> Counter:
    """What one evaluation adds to a row (or takes away, with sign -1)."""
    found = Counter({"evaluations": sign, "points": sign * total, f"b_{band_code(total)}": sign})
    for code in CODES:
        found[f"c_{code}"] += sign * int(scores.get(code, 0))
    return found


def on_evaluate(event) -> None:
    evaluation = Evaluation.objects.get(dossier_id=event.dossier_id)
    data = event.data or {}
    change = counts(data.get("scores") or {}, int(data.get("total") or 0))
    if not data.get("first"):
        before = (DossierEvent.objects.filter(dossier_id=event.dossier_id, action="evaluate", seq__lt=event.seq)
                  .order_by("-seq").values_list("data", flat=True).first()) or {}
        change.update(counts(before.get("scores") or {}, int(before.get("total") or 0), -1))
    key = (timezone.localdate(evaluation.created_at), evaluation.agency_id, evaluation.officer_id)
    write({key: change})


def write(rows: dict[tuple, Counter]) -> None:
    """Add `rows` keyed (day, agency, officer) to the day rows and to their months."""
    upsert(ScoreDay, DAY_KEY, COUNTS, rows)
    months: dict[tuple, Counter] = defaultdict(Counter)
    for (day, agency, officer), found in rows.items():
        months[(day.replace(day=1), agency, officer)].update(found)
    upsert(ScoreMonth, MONTH_KEY, COUNTS, months)


def rebuild() -> int:
    """Recompute every row from the Evaluation rows; the number of evaluations counted."""
    rows: dict[tuple, Counter] = defaultdict(Counter)
    n = 0
    with transaction.atomic():
        ScoreDay.objects.all().delete()
        ScoreMonth.objects.all().delete()
        for e in Evaluation.objects.values("agency_id", "officer_id", "created_at", "scores", "total").iterator(
                chunk_size=5000):
            rows[(timezone.localdate(e["created_at"]), e["agency_id"], e["officer_id"])].update(
                counts(e["scores"], e["total"]))
            n += 1
        write(rows)
    return n
