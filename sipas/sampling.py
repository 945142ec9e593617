"""Drawing a survey's sample from the dossiers whose result was returned in its period,
stratified by agency and procedure, reproducibly (docs/measuring.md):

- the population is every returned dossier of the period (not a liên thông leg) with a phone
  or an e-mail to send the link to, counted for the agency that decides its procedure;
- each agency gets `sample_per_agency` places, shared among its procedures in proportion to
  their dossiers (largest remainders, ties by procedure id): the sample is self-weighting within
  an agency, so its plain mean is the stratified estimate;
- within a stratum the dossiers are put in id order and shuffled by a generator seeded with the
  survey's seed, the agency and the procedure (random.Random with a string seed: the same on
  every machine and Python version), and taken in that order, skipping a person already taken
  in this survey or invited in another survey of the last 365 days: each person is asked once.

The same seed over the same dossiers gives the same sample.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections import defaultdict
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from dossiers.models import Dossier
from dossiers.states import State
from motcua.textsearch import normalize


def respondent_key(id_number: str) -> str:
    """A keyed hash of a person's ID number (never stored again in the survey's tables)."""
    value = normalize(id_number or "").replace(" ", "")
    return hmac.new(settings.SECRET_KEY.encode(), f"sipas:{value}".encode(), hashlib.sha256).hexdigest()


def allocate(quota: int, sizes: dict) -> dict:
    """`quota` places shared in proportion to `sizes` by the largest remainders, never more than
    a stratum holds; ties go to the smaller key."""
    total = sum(sizes.values())
    if not total:
        return dict.fromkeys(sizes, 0)
    quota = min(quota, total)
    exact = {k: quota * n / total for k, n in sizes.items()}
    given = {k: min(sizes[k], int(v)) for k, v in exact.items()}
    order = sorted(sizes, key=lambda k: (-(exact[k] - int(exact[k])), k))
    left = quota - sum(given.values())
    while left > 0:
        moved = False
        for k in order:
            if left and given[k] < sizes[k]:
                given[k] += 1
                left -= 1
                moved = True
        if not moved:
            break
    return given


def population(survey) -> list[dict]:
    start = timezone.make_aware(datetime.combine(survey.returned_from, time.min))
    end = timezone.make_aware(datetime.combine(survey.returned_to, time.max))
    rows = (Dossier.objects.filter(state=State.RETURNED, parent__isnull=True, returned_at__gte=start,
                                   returned_at__lte=end)
            .values("pk", "procedure_version__competent_agency_id", "procedure_version__procedure_id",
                    "applicant_id_number", "applicant_email", "applicant_phone").order_by("pk"))
    return [r for r in rows if (r["applicant_email"] or r["applicant_phone"]) and r["applicant_id_number"]]


def draw(survey) -> list[dict]:
    """The sample: one row per invitation (dossier, agency, procedure, respondent key, contact)."""
    from sipas.models import Invitation

    strata: dict[tuple, list[dict]] = defaultdict(list)
    for row in population(survey):
        strata[(row["procedure_version__competent_agency_id"], row["procedure_version__procedure_id"])].append(row)
    recently = set(Invitation.objects.filter(survey__created_at__gte=survey.created_at - timedelta(days=365))
                   .exclude(survey=survey).values_list("respondent_key", flat=True))
    taken: set[str] = set()
    sample = []
    agencies = sorted({agency for agency, _ in strata})
    for agency in agencies:
        sizes = {procedure: len(rows) for (a, procedure), rows in strata.items() if a == agency}
        for procedure, places in sorted(allocate(survey.sample_per_agency, sizes).items()):
            rows = list(strata[(agency, procedure)])
            random.Random(f"{survey.seed}:{agency}:{procedure}").shuffle(rows)
            for row in rows:
                if places == 0:
                    break
                key = respondent_key(row["applicant_id_number"])
                if key in taken or key in recently:
                    continue
                taken.add(key)
                places -= 1
                sample.append({"dossier_id": row["pk"], "agency_id": agency, "procedure_id": procedure,
                               "respondent_key": key, "email": row["applicant_email"][:254],
                               "phone": row["applicant_phone"][:20]})
    return sample
