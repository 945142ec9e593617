"""Public statistics (thống kê): the figures a citizen may see, per agency for the year so far,
and the targets the province is held to, as progress bars. From the projections and the
catalogue only; no dossier and no person appears."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_noop

from catalogue.models import ProcedureVersion
from catalogue.services import current_versions
from dossiers.models import Channel
from ioc import figures
from ioc.access import all_agencies
from motcua.pagecache import anonymous_page
from units.models import Agency

ONE_STOP = (Agency.Kind.SERVICE_CENTER, Agency.Kind.PEOPLES_COMMITTEE)
# Targets of the administrative reform programme (Resolution 76/NQ-CP and the province's plans).
TARGETS = {"one_stop": 100, "online": 50, "satisfaction": 80}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@anonymous_page
def statistics(request):
    today = timezone.localdate()
    period = figures.period_of("nam", today=today)
    agencies = all_agencies()
    ids = [a.pk for a in agencies]
    table = figures.per_agency(ids, period)
    rows = [{"agency": a, **row} for a in agencies if (row := figures.derived(table.get(a.pk, {})))["received"]]
    total = figures.totals(ids, period)
    channels = figures.by_channel(ids, period)
    versions = current_versions().select_related("receiving_agency")
    procedures = versions.count()
    one_stop = versions.filter(receiving_agency__kind__in=ONE_STOP).count()
    online = versions.exclude(online_level=ProcedureVersion.OnlineLevel.NONE).count()
    targets = [
        {"label": gettext_noop("Thủ tục hành chính tiếp nhận qua Bộ phận Một cửa"),
         "value": _percent(one_stop, procedures), "target": TARGETS["one_stop"],
         "detail": f"{one_stop}/{procedures} thủ tục"},
        {"label": gettext_noop("Thủ tục cung cấp dịch vụ công trực tuyến (toàn trình hoặc một phần)"),
         "value": _percent(online, procedures), "target": TARGETS["online"],
         "detail": f"{online}/{procedures} thủ tục"},
        {"label": gettext_noop("Mức độ hài lòng của người dân, doanh nghiệp"), "value": total["satisfaction"],
         "target": TARGETS["satisfaction"], "detail": f"{total['evaluations']} lượt đánh giá"},
    ]
    for t in targets:
        t["met"] = t["value"] is not None and t["value"] >= t["target"]
    received = sum(channels.values())
    return render(request, "ioc/statistics.html", {
        "period": period, "rows": sorted(rows, key=lambda r: -r["received"]), "total": total, "targets": targets,
        "online_share": _percent(channels.get(Channel.ONLINE, 0), received),
    })
