"""What stands behind each number of the Decision 766 table (ioc/index766.py): the dossiers,
or the procedures, that its numerator and its denominator count.

A list page reads the dossiers themselves (paginated, on indexed columns), never a tile: the
figures stay on the projections. Each selection is the projection's own rule written as a
query, and tests/ioc/test_evidence.py holds every count equal to the number it explains.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from catalogue.models import ProcedureVersion
from catalogue.services import current_versions
from dossiers.models import Channel, Dossier
from ioc.figures import Period, bounds
from ioc.models import DossierTrack
from workdays.calendar import Timeliness

PARTS = {"tu-so": "numerator", "mau-so": "denominator"}


@dataclass(frozen=True)
class Evidence:
    kind: str  # "dossiers" or "procedures"
    rows: QuerySet
    says: str  # what the list holds, in Vietnamese


def _decided_by(ids) -> QuerySet:
    # Counted for the agency that decides the procedure; sub-dossiers of a liên thông count
    # with their parent, as in the totals.
    return Dossier.objects.filter(procedure_version__competent_agency_id__in=ids, parent__isnull=True)


def _received(ids, period) -> QuerySet:
    start, end = bounds(period)
    return _decided_by(ids).filter(received_at__gte=start, received_at__lte=end)


def _resolved(ids, period) -> QuerySet:
    start, end = bounds(period)
    return _decided_by(ids).filter(resolved_at__gte=start, resolved_at__lte=end).exclude(timeliness="")


def _resolved_in_time(ids, period) -> QuerySet:
    return _resolved(ids, period).filter(timeliness__in=[Timeliness.EARLY, Timeliness.ON_TIME])


def _in_time_now(ids) -> QuerySet:
    # Where the projection counts each dossier now (its track), as the "in time" figure does.
    tracked = DossierTrack.objects.filter(open_paused=False, open_due_day__gte=timezone.localdate())
    return Dossier.objects.filter(procedure_version__competent_agency_id__in=ids,
                                  pk__in=tracked.values("dossier_id"))


def _online_versions(ids) -> QuerySet:
    return current_versions().filter(competent_agency_id__in=ids).exclude(
        online_level=ProcedureVersion.OnlineLevel.NONE)


def _progress(ids, period, part):
    if part == "numerator":
        return Evidence("dossiers", _resolved_in_time(ids, period) | _in_time_now(ids),
                        "Hồ sơ giải quyết trước hạn, đúng hạn trong kỳ và hồ sơ đang giải quyết còn trong hạn")
    return Evidence("dossiers", _received(ids, period), "Hồ sơ tiếp nhận trong kỳ")


def _average(ids, period, part):
    return Evidence("dossiers", _resolved(ids, period), "Hồ sơ đã giải quyết trong kỳ (thời gian giải quyết "
                                                        "được cộng vào tử số)")


def _procedures_online(ids, period, part):
    if part == "numerator":
        return Evidence("procedures", _online_versions(ids), "Thủ tục cung cấp dịch vụ công trực tuyến")
    return Evidence("procedures", current_versions().filter(competent_agency_id__in=ids), "Thủ tục đang áp dụng")


def _online_services_used(ids, period, part):
    online = _online_versions(ids)
    if part == "denominator":
        return Evidence("procedures", online, "Thủ tục cung cấp dịch vụ công trực tuyến")
    start, end = bounds(period)
    # The flows count a dossier on the day it was received, whatever became of it since.
    used = Dossier.objects.filter(procedure_version__competent_agency_id__in=ids, channel=Channel.ONLINE,
                                  received_at__gte=start, received_at__lte=end).values("procedure_version__procedure")
    return Evidence("procedures", online.filter(procedure_id__in=used),
                    "Thủ tục trực tuyến có hồ sơ trực tuyến phát sinh trong kỳ")


def _dossiers_online(ids, period, part):
    if part == "numerator":
        return Evidence("dossiers", _received(ids, period).filter(channel=Channel.ONLINE),
                        "Hồ sơ tiếp nhận trực tuyến trong kỳ")
    return Evidence("dossiers", _received(ids, period), "Hồ sơ tiếp nhận trong kỳ")


def _satisfaction(ids, period, part):
    if part == "numerator":
        return Evidence("dossiers", _resolved(ids, period).exclude(timeliness=Timeliness.LATE),
                        "Hồ sơ giải quyết không trễ hạn trong kỳ")
    return Evidence("dossiers", _resolved(ids, period), "Hồ sơ đã giải quyết trong kỳ")


def _synced(ids, period, part):
    if part == "numerator":
        return Evidence("dossiers", _received(ids, period).filter(sync_state__created_on_portal=True),
                        "Hồ sơ tiếp nhận trong kỳ đã được Cổng Dịch vụ công quốc gia xác nhận")
    return Evidence("dossiers", _received(ids, period), "Hồ sơ tiếp nhận trong kỳ")


def _with(flag: str, says: str):
    def evidence(ids, period, part):
        from documents.models import DossierDigitization

        if part == "numerator":
            marked = DossierDigitization.objects.filter(**{flag: True}).values("dossier_id")
            return Evidence("dossiers", _received(ids, period).filter(pk__in=marked), says)
        return Evidence("dossiers", _received(ids, period), "Hồ sơ tiếp nhận trong kỳ")

    return evidence


BEHIND = {
    "progress_on_time": _progress, "average_days": _average, "procedures_online": _procedures_online,
    "online_services_used": _online_services_used, "dossiers_online": _dossiers_online,
    "dossier_satisfaction": _satisfaction, "dossier_sync": _synced,
    "digitized_components": _with("digitized", "Hồ sơ tiếp nhận trong kỳ có thành phần được số hóa"),
    "reused_data": _with("reused", "Hồ sơ tiếp nhận trong kỳ có thành phần dùng lại dữ liệu số hóa"),
}


def behind(measure: str, part: str, ids, period: Period) -> Evidence | None:
    found = BEHIND.get(measure)
    return found(ids, period, part) if found and part in PARTS.values() else None
