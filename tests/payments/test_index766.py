"""Decision 766 indicators 3.5b and 3.6 from the payments app's per-dossier rows, against
figures counted by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ioc import index766
from ioc.figures import Period
from payments.models import Obligation


@pytest.fixture
def rows(permit, agency_a, agency_b):
    from dossiers import actions
    from dossiers.models import Channel
    from tests.conftest import make_user
    from tests.dossiers.conftest import LAN

    citizen = make_user("046190000777", kind="citizen", citizen_id="046190000777")
    made = [actions.submit(permit, LAN, citizen, channel=Channel.ONLINE).dossier for _ in range(5)]
    Obligation.objects.all().delete()  # hand-made figures below, not the subscriber's
    plan = [  # (procedure, day, paid online on)
        (1, date(2026, 3, 2), date(2026, 3, 2)),
        (1, date(2026, 3, 5), None),
        (2, date(2026, 3, 9), None),
        (2, date(2026, 2, 27), date(2026, 3, 1)),  # arose before the period: not counted
        (3, date(2026, 3, 20), date(2026, 3, 21)),
    ]
    for d, (procedure, day, paid) in zip(made, plan, strict=True):
        Obligation.objects.create(dossier=d, agency_id=agency_a.pk, procedure_id=procedure, day=day,
                                  paid_online_on=paid)
    return made


def test_march_by_hand(rows, agency_a, agency_b):
    march = Period(date(2026, 3, 1), date(2026, 3, 31), "tuy-chon")
    # 3.6: four dossiers owed in March; two of them were paid online.
    assert index766.MEASURES["dossiers_paid_online"]([agency_a.pk], march) == (2, 4)
    # 3.5b: procedures 1, 2 and 3 had dossiers owing; 1 and 3 had an online payment.
    assert index766.MEASURES["procedures_paid_online"]([agency_a.pk], march) == (2, 3)
    assert index766.MEASURES["dossiers_paid_online"]([agency_b.pk], march) == (0, 0)


def test_the_seeded_indicators_are_now_computed(rows, agency_a):
    from ioc.models import IndexIndicator

    march = Period(date(2026, 3, 1), date(2026, 3, 31), "tuy-chon")
    indicator = IndexIndicator.objects.get(code="3.6", version__code="qd766-cong-dvcqg-2026")
    assert (indicator.source, indicator.measure) == ("own", "dossiers_paid_online")
    _, found = index766.scores([agency_a.pk], march)
    score = next(s for s in found if s.indicator.code == "3.6")
    assert (score.numerator, score.denominator) == (2, 4)
    assert score.points == Decimal("3.00")  # 6 × 2/4, linear
    b = next(s for s in found if s.indicator.code == "3.5b")
    assert b.points == Decimal("1.67")  # 2 × (2/3) / 80 %, capped at 2


def test_the_subscriber_keeps_one_row_per_dossier_that_owes(online, hoa, agency_a):
    from dossiers import actions

    row = Obligation.objects.get(dossier=online)
    assert (row.agency_id, row.paid_online_on) == (agency_a.pk, None)
    actions.receive(online, hoa)
    actions.request_payment(online, hoa, amount=10_000, reason="Thuế")
    assert Obligation.objects.filter(dossier=online).count() == 1
