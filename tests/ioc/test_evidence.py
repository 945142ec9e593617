"""Every number of the Decision 766 table opens the list it counts: for random histories
walked through the engine, each list is exactly as long as its numerator or denominator."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers import actions
from dossiers.models import Channel
from ioc import evidence, figures, index766, projection
from tests.dossiers.conftest import LAN
from tests.ioc.test_projection import people, walk  # noqa: F401  (fixture)
from tests.sync.conftest import national  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
ALL_TIME = figures.Period(date(2000, 1, 1), date(2100, 1, 1), "tuy-chon")


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(seeds=st.lists(st.integers(0, 10_000), min_size=2, max_size=5))
def test_each_list_is_as_long_as_the_number_it_explains(seeds, permit, land_info, people, clock, agency_a, agency_b,
                                                        national):
    from sync.push import push

    for seed in seeds:
        walk(seed, permit, land_info, people, clock)
    projection.catch_up()
    while push():  # to the national portal's stand-in (indicator 1.4)
        pass
    for ids in ([agency_a.pk], [agency_a.pk, agency_b.pk]):
        _, found = index766.scores(ids, ALL_TIME)
        checked = 0
        for s in found:
            if s.indicator.measure not in evidence.BEHIND:
                continue
            numerator = evidence.behind(s.indicator.measure, "numerator", ids, ALL_TIME).rows
            denominator = evidence.behind(s.indicator.measure, "denominator", ids, ALL_TIME).rows
            assert denominator.count() == s.denominator, s.indicator.code
            if s.indicator.measure != "average_days":  # its numerator is a number of days
                assert numerator.count() == s.numerator, s.indicator.code
            checked += 1
        assert checked == len(evidence.BEHIND)


def test_the_table_links_each_number_to_its_list(client, vy, permit, hoa, lan):
    actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
    online = actions.receive(actions.submit(permit, LAN, lan).dossier, hoa).dossier
    projection.catch_up()
    client.force_login(vy)
    table = client.get("/dieu-hanh/chi-so-766/", {"ky": "nam"}).content.decode()
    assert "/dieu-hanh/chi-so-766/3.3/tu-so/?ky=nam" in table
    page = client.get("/dieu-hanh/chi-so-766/3.3/tu-so/", {"ky": "nam"})
    assert page.status_code == 200 and page.context["page"].paginator.count == 1
    body = page.content.decode()
    assert online.code in body and "Hồ sơ tiếp nhận trực tuyến trong kỳ" in body and LAN.name not in body
    procedures = client.get("/dieu-hanh/chi-so-766/3.1/mau-so/", {"ky": "nam"})
    assert procedures.status_code == 200 and permit.procedure.code in procedures.content.decode()
    assert client.get("/dieu-hanh/chi-so-766/1.1/tu-so/").status_code == 404, "national data: no list"
    assert client.get("/dieu-hanh/chi-so-766/3.3/khac/").status_code == 404


def test_only_those_who_see_figures_open_the_lists(client, minh, permit):
    client.force_login(minh)
    assert client.get("/dieu-hanh/chi-so-766/3.3/tu-so/").status_code == 403


def test_a_linked_sub_dossier_counts_with_its_parent_not_on_its_own(received, land_info, hoa, minh, counter_b, tu,
                                                                    leader_b, agency_a, agency_b, clock):
    from datetime import timedelta

    parent = actions.forward(received, hoa).dossier
    sub = actions.transfer(parent, minh, version=land_info).dossier.sub_dossiers.get()
    clock.shift(timedelta(hours=2))
    for person in (counter_b, tu, leader_b):
        sub = getattr(actions, "approve" if person == leader_b else "forward")(sub, person).dossier
    projection.catch_up()
    ids = [agency_a.pk, agency_b.pk]
    _, found = index766.scores(ids, ALL_TIME)
    for s in found:
        if s.indicator.measure in ("progress_on_time", "dossiers_online", "dossier_satisfaction"):
            assert evidence.behind(s.indicator.measure, "denominator", ids, ALL_TIME).rows.count() == s.denominator
            assert evidence.behind(s.indicator.measure, "numerator", ids, ALL_TIME).rows.count() == s.numerator
