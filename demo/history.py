"""Two years of the demo province's past, so that the operations centre, the Decision 766
index and the public statistics show figures worth reading on a fresh `make run`.

Written through the scale generator's bulk paths (demo/scale.py, `history`): finished
dossiers and field reports only, from two weeks to two years ago, settled mostly on time,
hash-chained as the engine writes them and muted (nobody is told). Loaded once: a second
`load_demo` finds them and adds nothing.
"""

from __future__ import annotations

from demo.scale import HISTORY_ACTOR, generate
from dossiers.models import DossierEvent
from workflow import outbox

DOSSIERS = 6000
REPORTS = 1500


def load_history(dossiers: int = DOSSIERS, reports: int = REPORTS) -> str:
    if DossierEvent.objects.filter(actor_name=HISTORY_ACTOR).exists():
        return "History already loaded."
    with outbox.muted():
        counts = generate(dossiers, reports, seed=766, batch=2000, history=True)
    return f"History: {counts.dossiers} dossiers and {counts.reports} field reports of the last two years."
