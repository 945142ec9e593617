"""The Decision 766/QĐ-TTg index from versioned definitions (ioc.IndexIndicator): for each
indicator our own data can compute, its numerator, denominator, ratio and points by its rule;
the others are shown as needing national data or not collected yet, never invented. Our
score is a forecast; the national portal's is authoritative."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from catalogue.models import ProcedureVersion
from catalogue.services import current_versions
from dossiers.models import Channel
from ioc import figures
from ioc.models import IndexIndicator, IndexVersion


def _progress_on_time(ids, period):
    found = figures.progress_766(ids, period)
    return found["numerator"], found["denominator"]


def _average_days(ids, period):
    t = figures.totals(ids, period)
    return round(t["processing_seconds"] / 86400, 1), t["resolved"]


def _procedures_online(ids, period):
    versions = current_versions().filter(competent_agency_id__in=ids)
    return versions.exclude(online_level=ProcedureVersion.OnlineLevel.NONE).count(), versions.count()


def _online_services_used(ids, period):
    online = current_versions().filter(competent_agency_id__in=ids).exclude(
        online_level=ProcedureVersion.OnlineLevel.NONE).values_list("procedure_id", flat=True)
    online = list(online)
    received = figures.summed(ids, period, ("procedure_id",), {"n": Sum("received")}, channel=Channel.ONLINE,
                              procedures=online)
    return sum(1 for r in received if r["n"] > 0), len(online)


def _dossiers_online(ids, period):
    channels = figures.by_channel(ids, period)
    return channels.get(Channel.ONLINE, 0), sum(channels.values())


def _dossier_satisfaction(ids, period):
    # Handled without lateness; dossiers scored "dissatisfied" are not told apart yet [verify].
    t = figures.totals(ids, period)
    return t["resolved"] - t["resolved_late"], t["resolved"]


class Unavailable(Exception):
    """A measure this installation cannot take (said in Vietnamese, shown instead of a score)."""


def _dossier_sync(ids, period):
    # Acknowledged by the national portal (sync/push.py), over what this system received.
    from sync import pending
    from sync.models import SyncDay

    if not pending.enabled():
        raise Unavailable("Chưa cấu hình đồng bộ với Cổng Dịch vụ công quốc gia")

    synced = (SyncDay.objects.filter(agency_id__in=ids, day__gte=period.start, day__lte=period.end)
              .aggregate(n=Sum("acknowledged"))["n"] or 0)
    return synced, figures.totals(ids, period)["received"]


def _digitization(column: str):
    def measure(ids, period):
        # Dossiers with a digitized component (4.2) or a reused one (4.3), by the day they were
        # received (documents/), over the dossiers received: the portal counts 4.2 over those
        # handled [verify].
        from documents.models import DigitizationDay

        found = (DigitizationDay.objects.filter(agency_id__in=ids, day__gte=period.start, day__lte=period.end)
                 .aggregate(n=Sum(column))["n"] or 0)
        return found, figures.totals(ids, period)["received"]

    return measure


def _certified_copies(ids, period):
    # Communes (their people's committees) among these agencies that certified an electronic copy
    # of an original in the period, over the communes.
    from documents.models import Document
    from units.models import Agency

    communes = Agency.objects.filter(pk__in=ids, kind=Agency.Kind.PEOPLES_COMMITTEE)
    start, end = figures.bounds(period)
    offering = (Document.objects.filter(certified_copy=True, created_at__gte=start, created_at__lte=end,
                                        source_dossier__receiving_agency__in=communes)
                .values("source_dossier__receiving_agency").distinct().count())
    return offering, communes.count()


def _obligations(ids, period):
    from payments.models import Obligation

    return Obligation.objects.filter(agency_id__in=ids, day__gte=period.start, day__lte=period.end)


def _dossiers_paid_online(ids, period):
    # 3.6: dossiers whose financial obligation arose in the period, and those of them paid online
    # (payments.Obligation, kept by the payments app: one row per dossier that owes something).
    rows = _obligations(ids, period)
    return rows.filter(paid_online_on__isnull=False).count(), rows.count()


def _procedures_paid_online(ids, period):
    # 3.5b: procedures with at least one dossier paid online, of those with dossiers owing fees.
    rows = _obligations(ids, period)
    return (rows.filter(paid_online_on__isnull=False).values("procedure_id").distinct().count(),
            rows.values("procedure_id").distinct().count())


MEASURES = {
    "dossiers_paid_online": _dossiers_paid_online, "procedures_paid_online": _procedures_paid_online,
    "progress_on_time": _progress_on_time, "average_days": _average_days, "procedures_online": _procedures_online,
    "online_services_used": _online_services_used, "dossiers_online": _dossiers_online,
    "dossier_satisfaction": _dossier_satisfaction, "dossier_sync": _dossier_sync,
    "digitized_components": _digitization("digitized"), "reused_data": _digitization("reused"),
    "certified_copies": _certified_copies,
}


@dataclass
class Score:
    indicator: IndexIndicator
    numerator: float | None = None
    denominator: int | None = None
    ratio: float | None = None
    points: Decimal | None = None
    note: str = ""  # why an indicator our data could compute is not computed here

    @property
    def explained(self) -> bool:
        """Whether its numerator and denominator open the list of what they count (ioc/evidence.py)."""
        from ioc.evidence import BEHIND

        return self.indicator.measure in BEHIND


def version_on(day) -> IndexVersion | None:
    return IndexVersion.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def points(indicator: IndexIndicator, numerator, denominator) -> tuple[float | None, Decimal | None]:
    if indicator.rule == IndexIndicator.Rule.MONITOR:
        return (numerator / denominator if denominator else None), None
    if not denominator:
        return None, indicator.empty_points
    ratio = numerator / denominator
    top = indicator.max_points
    if indicator.rule == IndexIndicator.Rule.TARGET and indicator.target_percent:
        value = top * Decimal(str(ratio)) * 100 / indicator.target_percent
    else:
        value = top * Decimal(str(ratio))
    return ratio, min(top, value).quantize(Decimal("0.01"))


def scores(ids, period) -> tuple[IndexVersion | None, list[Score]]:
    version = version_on(period.end)
    if version is None:
        return None, []
    out = []
    for indicator in version.indicators.all():
        measure = MEASURES.get(indicator.measure) if indicator.source == IndexIndicator.Source.OWN else None
        if measure is None:
            out.append(Score(indicator))
            continue
        try:
            numerator, denominator = measure(ids, period)
        except Unavailable as exc:
            out.append(Score(indicator, note=str(exc)))
            continue
        ratio, value = points(indicator, numerator, denominator)
        out.append(Score(indicator, numerator, denominator, ratio, value))
    return version, out


def summary(found: list[Score]) -> dict:
    computed = [s for s in found if s.points is not None]
    return {"points": sum((s.points for s in computed), Decimal(0)),
            "of": sum((s.indicator.max_points for s in computed), Decimal(0)),
            "total": sum((s.indicator.max_points for s in found), Decimal(0))}
