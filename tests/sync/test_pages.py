"""The operators' page of the push: who sees it, the dead-letter list's two actions, the
reconciliation, and Decision 766 indicator 1.4 computed from what the portal acknowledged."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
import pytest

from dossiers import actions
from dossiers.models import Channel
from ioc import projection
from sync.models import SyncCall, SyncState
from sync.push import push
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db


def taken_in(permit, hoa):
    return actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier


def test_only_operators_and_the_system_administrator_see_it(client, national, vy, son, hoa, dung):
    assert client.get("/dong-bo/")["Location"].startswith("/accounts/login/")
    for user in (hoa, dung):
        client.force_login(user)
        assert client.get("/dong-bo/").status_code == 403
    for user in (vy, son):
        client.force_login(user)
        page = client.get("/dong-bo/")
        assert page.status_code == 200 and "Đồng bộ hồ sơ lên Cổng" in page.content.decode()
    client.force_login(vy)
    assert "Đồng bộ Cổng DVCQG" in client.get("/").content.decode(), "reachable from the menu"


def test_a_refused_dossier_is_sent_again_or_skipped_from_the_page(client, national, permit, hoa, vy):
    d = taken_in(permit, hoa)
    national.refused.add(d.code)
    push()
    client.force_login(vy)
    page = client.get("/dong-bo/").content.decode()
    assert d.code in page and "mã thủ tục không có trên Cổng" in page
    refused = client.post(f"/dong-bo/{d.pk}/gui-lai/", follow=True).content.decode()
    assert "Chưa gửi được" in refused
    blank = client.post(f"/dong-bo/{d.pk}/bo-qua/", {"ly-do": "  "}, follow=True)
    assert "Vui lòng ghi lý do" in blank.content.decode()
    national.refused.clear()
    assert "Cổng đã nhận" in client.post(f"/dong-bo/{d.pk}/gui-lai/", follow=True).content.decode()
    assert SyncState.objects.get(dossier=d).status == "ok"
    assert client.post(f"/dong-bo/{d.pk}/bo-qua/", {"ly-do": "x"}).status_code == 404  # nothing refused now


def test_hoa_cannot_act_on_the_dead_letters(client, national, permit, hoa):
    d = taken_in(permit, hoa)
    national.refused.add(d.code)
    push()
    client.force_login(hoa)
    assert client.post(f"/dong-bo/{d.pk}/gui-lai/").status_code == 403
    assert client.post(f"/dong-bo/{d.pk}/bo-qua/", {"ly-do": "thử"}).status_code == 403
    assert not SyncCall.objects.filter(outcome="skipped").exists()


def test_the_reconciliation_counts_what_the_portal_acknowledged(client, national, permit, hoa, vy):
    taken_in(permit, hoa)
    second = taken_in(permit, hoa)
    national.refused.add(second.code)
    push()
    projection.catch_up()
    client.force_login(vy)
    check = client.get("/dong-bo/", {"ky": "nam"}).context["check"]
    assert (check["expected"], check["acknowledged"]) == (2, 1)
    assert [d.code for d in check["missing"]] == [second.code]


def test_decision_766_indicator_1_4_from_the_acknowledgements(client, national, permit, hoa, vy, settings):
    from ioc import figures, index766
    from ioc.access import visible_agencies

    first, second = taken_in(permit, hoa), taken_in(permit, hoa)
    national.refused.add(second.code)
    push()
    projection.catch_up()
    ids, year = [a.pk for a in visible_agencies(vy)], figures.period_of("nam")
    score = next(s for s in index766.scores(ids, year)[1] if s.indicator.code == "1.4")
    assert (score.numerator, score.denominator) == (1, 2) and score.points == 3
    from ioc.evidence import behind

    assert [d.code for d in behind("dossier_sync", "numerator", ids, year).rows] == [first.code]
    settings.SYNC_PORTAL_URL = ""
    off = next(s for s in index766.scores(ids, year)[1] if s.indicator.code == "1.4")
    assert off.points is None and "Chưa cấu hình" in off.note


def test_the_periodic_push_does_nothing_while_off(settings):
    from sync.tasks import push as task

    settings.SYNC_PORTAL_URL = ""
    assert task.call() == "chưa cấu hình"
