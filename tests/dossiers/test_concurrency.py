"""On PostgreSQL, with real concurrent connections: codes stay unique and consecutive, and a
request repeated with the same idempotency key acts once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from catalogue.specs import write_spec
from dossiers import actions
from dossiers.models import Channel, DossierEvent
from tests.catalogue.conftest import building_permit_spec
from tests.dossiers.conftest import LAN

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 8
DOSSIERS = 40


def in_thread(function):
    """Run `function` on its own database connection, as a separate web worker would."""

    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()

    return run


def test_concurrent_receipts_get_distinct_consecutive_codes(agency_a, hoa):
    version = write_spec(building_permit_spec(agency_a))
    submitted = [actions.submit(version, LAN, hoa, channel=Channel.COUNTER).dossier for _ in range(DOSSIERS)]

    with ThreadPoolExecutor(WORKERS) as pool:
        codes = list(pool.map(in_thread(lambda d: actions.receive(d, hoa).dossier.code), submitted))

    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(1, DOSSIERS + 1))
    assert len({code.rsplit("-", 1)[0] for code in codes}) == 1


def test_the_same_idempotency_key_acts_once_under_concurrency(agency_a, hoa):
    version = write_spec(building_permit_spec(agency_a))
    dossier = actions.receive(actions.submit(version, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier

    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(in_thread(lambda _: actions.forward(dossier, hoa, key="retry-42")), range(WORKERS)))

    assert DossierEvent.objects.filter(dossier=dossier, action="forward").count() == 1
    assert len({o.event.pk for o in outcomes}) == 1
    assert sum(not o.repeated for o in outcomes) == 1


def test_the_same_key_for_intake_creates_one_dossier(agency_a, hoa):
    version = write_spec(building_permit_spec(agency_a))

    def intake(_):
        return actions.submit(version, LAN, hoa, channel=Channel.COUNTER, key="intake-7").dossier.pk

    with ThreadPoolExecutor(WORKERS) as pool:
        ids = set(pool.map(in_thread(intake), range(WORKERS)))
    assert len(ids) == 1
