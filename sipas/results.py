"""A survey's results, from its tallies only (sipas/models.py): for each agency and element
the satisfaction index (0–100: the mean over respondents of the share of their answers
"hài lòng" or "rất hài lòng"), its 95 % confidence interval (Student's t over the
respondents, scipy), the number of respondents and the response rate; the distribution of
answers per question for the drill-down. Cells under SIPAS_MIN_RESPONSES respondents are
withheld: with few answers an officer could tell who said what."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from scipy import stats

from sipas.models import ELEMENTS, AnswerTally, ElementTally, Invitation, Question, Survey, SurveyState

ALL = "all"


@dataclass(frozen=True)
class Index:
    n: int
    mean: float | None
    low: float | None
    high: float | None

    @property
    def shown(self) -> bool:
        return self.mean is not None


def interval(n: int, total: float, squares: float, level: float = 0.95) -> Index:
    """Mean and its t interval from n, Σx and Σx² (clipped to 0–100; none below two answers)."""
    if n == 0:
        return Index(0, None, None, None)
    mean = total / n
    if n < 2:
        return Index(n, round(mean, 1), None, None)
    variance = max(0.0, (squares - n * mean * mean) / (n - 1))
    half = float(stats.t.ppf((1 + level) / 2, n - 1)) * math.sqrt(variance / n)
    return Index(n, round(mean, 1), round(max(0.0, mean - half), 1), round(min(100.0, mean + half), 1))


def minimum() -> int:
    return settings.SIPAS_MIN_RESPONSES


def by_agency(survey: Survey) -> list[dict]:
    """One row per agency invited: invitations, responses, rate, and each element's index
    (withheld under the minimum)."""
    from units.models import Agency

    invited = dict(Invitation.objects.filter(survey=survey).values("agency_id").annotate(n=Count("pk"))
                   .values_list("agency_id", "n"))
    tallies: dict[int, dict[str, Index]] = {}
    for t in ElementTally.objects.filter(survey=survey):
        tallies.setdefault(t.agency_id, {})[t.element] = interval(t.n, t.total, t.squares)
    names = dict(Agency.objects.filter(pk__in=set(invited) | set(tallies)).values_list("pk", "name"))
    rows = []
    for agency_id in sorted(set(invited) | set(tallies), key=lambda pk: names.get(pk, "")):
        found = tallies.get(agency_id, {})
        responses = found[ALL].n if ALL in found else 0
        enough = responses >= minimum()
        rows.append({"agency_id": agency_id, "name": names.get(agency_id, ""), "invited": invited.get(agency_id, 0),
                     "responses": responses, "enough": enough,
                     "rate": round(100 * responses / invited[agency_id], 1) if invited.get(agency_id) else None,
                     "overall": found.get(ALL) if enough else None,
                     "elements": [{"element": e, "index": found.get(e) if enough else None} for e in ELEMENTS]})
    return rows


def questions(survey: Survey, agency_id: int) -> list[dict] | None:
    """The answers to each question for one agency, or None under the minimum."""
    answered = (ElementTally.objects.filter(survey=survey, agency_id=agency_id, element=ALL)
                .values_list("n", flat=True).first() or 0)
    if answered < minimum():
        return None
    counts: dict[int, dict[str, int]] = {}
    for t in AnswerTally.objects.filter(survey=survey, agency_id=agency_id):
        counts.setdefault(t.question_id, {})[t.value] = t.count
    return [{"question": q, "counts": counts.get(q.pk, {})} for q in Question.objects.filter(survey=survey)]


def visible(survey: Survey) -> bool:
    """Results are read once the survey is closed: no running count to watch answers arrive."""
    return survey.state == SurveyState.CLOSED


def latest_closed() -> Survey | None:
    return Survey.objects.filter(state=SurveyState.CLOSED).order_by("-closed_at", "-pk").first()


def trend(agency_id: int) -> list[dict]:
    """The agency's overall index in each closed survey, oldest first (withheld ones left out)."""
    rows = []
    for t in (ElementTally.objects.filter(agency_id=agency_id, element=ALL, survey__state=SurveyState.CLOSED)
              .select_related("survey").order_by("survey__closed_at")):
        if t.n >= minimum():
            rows.append({"survey": t.survey.title, "index": interval(t.n, t.total, t.squares).mean})
    return rows
