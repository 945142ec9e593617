"""The PAR INDEX read back: an assessment as its tree with the points of each node, and a
round's ranking with each agency's gap per area (the points it lost there), what the pages,
the operations centre and the Excel table show."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from parindex.models import Assessment, AssessmentState, Criterion, Round, RoundState, Score

ZERO = Decimal(0)


def _percent(points: Decimal, of: Decimal) -> float | None:
    return round(float(100 * points / of), 2) if of else None


def tree(a: Assessment) -> list[dict]:
    """Every node of the criteria tree in order, with self, measured and council points (a
    parent's are its leaves' sums), the leaf's score row and its evidence."""
    nodes = list(Criterion.objects.filter(criteria_set_id=a.round.criteria_set_id).order_by("order"))
    scores = {s.criterion_id: s for s in a.scores.all()}
    evidence = defaultdict(list)
    for e in a.evidence.all():
        evidence[e.criterion_id].append(e)
    sums: dict[int, dict] = {n.pk: {"self": ZERO, "council": ZERO, "council_done": True} for n in nodes}
    parents = {n.pk: n.parent_id for n in nodes}
    for n in nodes:
        s = scores.get(n.pk)
        if not n.is_leaf or s is None:
            continue
        up = n.pk
        while up is not None:
            sums[up]["self"] += s.self_points or ZERO
            sums[up]["council"] += s.council_points or ZERO
            sums[up]["council_done"] &= s.council_points is not None
            up = parents[up]
    return [{"node": n, "score": scores.get(n.pk), "evidence": evidence.get(n.pk, []), **sums[n.pk]} for n in nodes]


def ranking(r: Round) -> list[dict]:
    """Agencies by the council's points, best first (equal points share a rank), with the
    points lost in each area (its maximum less the council's points)."""
    areas = list(Criterion.objects.filter(criteria_set_id=r.criteria_set_id, level=1).order_by("order"))
    area_of = {}
    for c in Criterion.objects.filter(criteria_set_id=r.criteria_set_id, is_leaf=True).values("pk", "code"):
        area_of[c["pk"]] = c["code"].split(".")[0]
    got: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for s in Score.objects.filter(assessment__round=r).values("assessment_id", "criterion_id", "council_points"):
        got[s["assessment_id"]][area_of[s["criterion_id"]]] += s["council_points"] or ZERO
    top = r.criteria_set.max_points
    rows = []
    for a in r.assessments.select_related("agency"):
        rows.append({"assessment": a, "agency": a.agency, "points": a.council_total, "self": a.self_total,
                     "percent": _percent(a.council_total, top),
                     "areas": [{"area": area, "max": area.max_points, "points": got[a.pk][area.code],
                                "gap": area.max_points - got[a.pk][area.code]} for area in areas]})
    rows.sort(key=lambda row: (-row["points"], row["agency"].name))
    rank, previous = 0, None
    for index, row in enumerate(rows, start=1):
        if row["points"] != previous:
            rank, previous = index, row["points"]
        row["rank"] = rank
    return rows


def latest_published() -> Round | None:
    return Round.objects.filter(state=RoundState.PUBLISHED).order_by("-year").first()


def by_agency(r: Round | None) -> dict[int, dict]:
    return {row["agency"].pk: row for row in ranking(r)} if r else {}


def trend(agency_id: int) -> list[dict]:
    """The agency's published results, year by year."""
    found = (Assessment.objects.filter(agency_id=agency_id, state=AssessmentState.PUBLISHED)
             .select_related("round__criteria_set").order_by("round__year"))
    return [{"year": a.round.year, "points": a.council_total,
             "percent": _percent(a.council_total, a.round.criteria_set.max_points)} for a in found]
