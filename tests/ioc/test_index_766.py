"""Decision 766 indicators our data computes, against hand-computed figures; the rules
(linear, full at a target, monitor) and the versioned definitions."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from decimal import Decimal

import pytest
from django.utils import timezone

from dossiers import actions
from dossiers.models import Channel
from ioc import figures, index766, projection
from ioc.models import IndexIndicator, IndexVersion
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db


def by_code(found):
    return {s.indicator.code: s for s in found}


def test_the_seeded_version_has_six_groups_and_a_hundred_points():
    version = IndexVersion.objects.get()
    assert sum(i.max_points for i in version.indicators.all()) == 100
    assert len({i.group for i in version.indicators.all()}) == 6


def test_indicators_from_our_own_data(permit, land_info, hoa, lan, agency_a):
    actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
    actions.receive(actions.submit(permit, LAN, lan).dossier, hoa)
    projection.catch_up()
    period = figures.period_of("nam", today=timezone.localdate())
    version, found = index766.scores([agency_a.pk], period)
    s = by_code(found)
    # 3.1: the one procedure agency A decides is online (100 % ≥ the 80 % target): full 2 points.
    assert (s["3.1"].numerator, s["3.1"].denominator, s["3.1"].points) == (1, 1, Decimal("2.00"))
    # 3.2: that online service had an online dossier: 1/1 × 4.
    assert (s["3.2"].numerator, s["3.2"].denominator, s["3.2"].points) == (1, 1, Decimal("4.00"))
    # 3.3: one of two dossiers online, 50 % at a 50 % target: full 6 points.
    assert (s["3.3"].numerator, s["3.3"].denominator, s["3.3"].points) == (1, 2, Decimal("6.00"))
    # 2.1: nothing resolved yet, both in progress within time, of two received: 20.
    assert (s["2.1"].numerator, s["2.1"].denominator, s["2.1"].points) == (2, 2, Decimal("20.00"))
    # 5.4: nothing handled: the points set for an empty period (0).
    assert s["5.4"].denominator == 0 and s["5.4"].points == Decimal("0.00")
    # National data is not invented.
    assert s["1.1"].points is None and s["1.1"].denominator is None
    summary = index766.summary(found)
    assert summary["points"] == Decimal("32.00") and summary["total"] == 100


def test_rules():
    linear = IndexIndicator(max_points=Decimal(6), rule="linear")
    target = IndexIndicator(max_points=Decimal(6), rule="target", target_percent=Decimal(50))
    empty = IndexIndicator(max_points=Decimal(6), rule="linear", empty_points=Decimal(6))
    assert index766.points(linear, 1, 4) == (0.25, Decimal("1.50"))
    assert index766.points(target, 1, 4) == (0.25, Decimal("3.00"))
    assert index766.points(target, 3, 4)[1] == Decimal("6.00")  # capped at the maximum
    assert index766.points(empty, 0, 0) == (None, Decimal(6))


def test_the_page_shows_each_group(client, vy, permit, hoa):
    actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
    projection.catch_up()
    client.force_login(vy)
    page = client.get("/dieu-hanh/chi-so-766/", {"ky": "nam"})
    assert page.status_code == 200 and len(page.context["groups"]) == 6
    assert "Cần dữ liệu Cổng Dịch vụ công quốc gia" in page.content.decode()


def test_the_average_time_reads_in_days_not_as_a_share(client, vy, permit, hoa, minh, dung):
    from datetime import timedelta

    from dossiers.models import Dossier

    d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    d = actions.forward(actions.forward(d, hoa).dossier, minh).dossier
    actions.approve(d, dung)
    # Three days from receipt to result, whatever the engine's clock said.
    Dossier.objects.filter(pk=d.pk).update(received_at=Dossier.objects.get(pk=d.pk).resolved_at - timedelta(days=3))
    projection.rebuild()
    client.force_login(vy)
    row = client.get("/dieu-hanh/chi-so-766/", {"ky": "nam"}).content.decode().split("<strong>2.2</strong>")[1]
    assert "3,0 ngày" in row.split("</tr>")[0]
