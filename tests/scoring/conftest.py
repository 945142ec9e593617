"""Dossiers returned to Lan and scored by her, received by one counter officer or another."""

from datetime import timedelta

import pytest

from dossiers import actions
from tests.conftest import staff
from tests.dossiers.conftest import LAN, clock, permit  # noqa: F401  (fixtures)
from tests.ioc.conftest import counter_b, leader_b  # noqa: F401  (fixtures)


@pytest.fixture
def hanh(agency_a):
    """A second counter officer of agency A."""
    from accounts.roles import Role

    return staff("hanh", agency_a, Role.COUNTER_OFFICER, full_name="Ngô Thị Hạnh")


def returned(version, lan, counter, minh, dung, traveller=None, late: bool = False):
    """Lan's online dossier received by `counter`, handled and returned (late when asked: the
    leader approves two months after receipt)."""
    d = actions.submit(version, LAN, lan).dossier
    d = actions.receive(d, counter).dossier
    d = actions.forward(d, counter).dossier
    d = actions.forward(d, minh).dossier
    if late:
        traveller.shift(timedelta(days=60))
    d = actions.approve(d, dung).dossier
    return actions.return_result(d, counter).dossier
