"""The officer's queues: who may open them, what each holds, and a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from accounts.services import grant_role
from dossiers import actions
from dossiers.models import Channel, Dossier
from dossiers.states import State
from tests.dossiers.conftest import LAN
from workspace.queues import QUEUES

pytestmark = pytest.mark.django_db


def taken_in(permit, hoa, n=1, receive=True):
    made = []
    for _ in range(n):
        d = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
        made.append(actions.receive(d, hoa).dossier if receive else d)
    return made


def listed(client, slug):
    response = client.get(f"/can-bo/hang-doi/{slug}/")
    assert response.status_code == 200, response.status_code
    return [item["dossier"].pk for item in response.context["items"]]


def test_only_officers_open_the_workspace(client, lan, quan, permit):
    assert client.get("/can-bo/")["Location"].startswith("/accounts/login/")
    client.force_login(lan)
    assert client.get("/can-bo/").status_code == 403
    client.force_login(quan)  # an agency administrator handles no dossiers
    assert client.get("/can-bo/hang-doi/cua-toi/").status_code == 403


def test_each_officer_sees_their_own_work(client, permit, hoa, minh, dung, lan):
    waiting = actions.submit(permit, LAN, lan).dossier
    at_counter = taken_in(permit, hoa)[0]
    with_minh = actions.forward(taken_in(permit, hoa)[0], hoa, assignee=minh).dossier
    client.force_login(hoa)
    assert listed(client, "cho-tiep-nhan") == [waiting.pk]
    assert listed(client, "cua-toi") == [at_counter.pk]
    client.force_login(minh)
    assert client.get("/can-bo/hang-doi/cho-tiep-nhan/").status_code == 302  # not a counter officer
    assert listed(client, "cua-toi") == [with_minh.pk]
    client.force_login(dung)
    assert listed(client, "cua-toi") == []  # the leader's step comes later


def test_overdue_and_due_today_need_no_sweep(client, permit, hoa, clock):
    late, today = taken_in(permit, hoa, 2)
    Dossier.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=1))
    Dossier.objects.filter(pk=today.pk).update(due_at=timezone.now() + timedelta(hours=2))
    client.force_login(hoa)
    assert listed(client, "qua-han") == [late.pk]
    assert listed(client, "den-han") == [today.pk]
    assert client.get("/can-bo/hang-doi/qua-han/").context["items"][0]["left"]["tone"] == "late"


def test_paused_dossiers_wait_in_their_own_queue(client, permit, hoa, minh):
    d = actions.forward(taken_in(permit, hoa)[0], hoa).dossier
    actions.request_supplement(d, minh, missing=["Bản vẽ"], reason="Mờ")
    client.force_login(minh)
    assert listed(client, "tam-dung") == [d.pk]
    assert listed(client, "cua-toi") == []


def test_search_by_code_and_name_without_accents(client, permit, hoa):
    first, second = taken_in(permit, hoa, 2)
    client.force_login(hoa)
    assert [i["dossier"].pk for i in client.get("/can-bo/hang-doi/cua-toi/", {"q": second.code}).context["items"]] \
        == [second.pk]
    assert len(client.get("/can-bo/hang-doi/cua-toi/", {"q": "nguyen thi lan"}).context["items"]) == 2
    assert client.get("/can-bo/hang-doi/cua-toi/", {"q": "khong co ai"}).context["items"] == []
    assert client.get("/can-bo/hang-doi/cua-toi/", {"sap-xep": "'; drop"}).status_code == 200


@pytest.mark.parametrize("slug", [q.slug for q in QUEUES])
def test_every_queue_takes_the_same_queries_however_long(client, permit, hoa, minh, lan, slug):
    def fill(n):
        for i, d in enumerate(taken_in(permit, hoa, 2 * n)):  # half due later today, half overdue
            hours = 1 if i % 2 else -1
            Dossier.objects.filter(pk=d.pk).update(due_at=timezone.now() + timedelta(hours=hours))
        for _ in range(n):
            actions.submit(permit, LAN, lan)
            d = actions.forward(taken_in(permit, hoa)[0], hoa, assignee=minh).dossier
            actions.request_supplement(d, minh, missing=["Bản vẽ"], reason="Mờ")

    fill(1)
    client.force_login(hoa)
    client.get(f"/can-bo/hang-doi/{slug}/")  # warm: the footer, the published steps

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/can-bo/hang-doi/{slug}/")
            assert response.status_code == 200
        return len(captured), len(response.context["items"])

    few, shown = count()
    fill(6)
    many, shown_many = count()
    assert shown_many > shown and many == few <= 14


def test_the_agency_switcher_keeps_to_ones_own_agencies(client, permit, hoa, agency_b, lan):
    grant_role(hoa, agency_b, Role.COUNTER_OFFICER)
    client.force_login(hoa)
    assert client.get("/can-bo/hang-doi/cua-toi/").wsgi_request.agency.pk in (permit.receiving_agency_id,
                                                                                agency_b.pk)
    client.post("/can-bo/co-quan/", {"agency": agency_b.pk, "next": "/can-bo/hang-doi/cua-toi/"})
    assert client.get("/can-bo/hang-doi/cua-toi/").wsgi_request.agency == agency_b
    client.post("/can-bo/co-quan/", {"agency": 999999, "next": "https://evil.example/"})
    assert client.get("/can-bo/hang-doi/cua-toi/").wsgi_request.agency == agency_b


def test_logging_in_lands_where_the_work_is(client, hoa, lan):
    client.force_login(hoa)
    assert client.get("/bat-dau/")["Location"] == "/can-bo/"
    client.force_login(lan)
    assert client.get("/bat-dau/")["Location"] == "/ho-so-cua-toi/"
    assert State.SUBMITTED  # the states the queues read are the engine's own


def test_htmx_asks_for_the_results_alone(client, permit, hoa):
    taken_in(permit, hoa, 2)
    client.force_login(hoa)
    partial = client.get("/can-bo/hang-doi/cua-toi/", {"q": "lan"}, HTTP_HX_REQUEST="true")
    assert [t.name for t in partial.templates][0] == "workspace/_queue_results.html"
    assert b"<html" not in partial.content and len(partial.context["items"]) == 2
    restored = client.get("/can-bo/hang-doi/cua-toi/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in restored.content
