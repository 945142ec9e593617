"""The officer's dossier page offers exactly `allowed_actions`, acts through the engine, and
keeps what was typed when the engine refuses."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import actions
from dossiers.files import attach_file
from dossiers.models import Channel, Dossier
from dossiers.states import State
from tests.dossiers.conftest import LAN, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(permit, lan):
    return actions.submit(permit, LAN, lan).dossier


def offered(client, d):
    response = client.get(f"/can-bo/ho-so/{d.pk}/")
    assert response.status_code == 200
    return [a["transition"].action for a in response.context["actions"]]


def test_another_agency_cannot_open_it_and_a_colleague_is_offered_nothing(client, submitted, tu, minh):
    client.force_login(tu)
    assert client.get(f"/can-bo/ho-so/{submitted.pk}/").status_code == 404
    assert client.post(f"/can-bo/ho-so/{submitted.pk}/thao-tac/refuse/", {"reason": "x"}).status_code == 404
    client.force_login(minh)  # same agency, but intake is the counter's
    assert offered(client, submitted) == []
    response = client.post(f"/can-bo/ho-so/{submitted.pk}/thao-tac/receive/")
    assert response.status_code == 409 and "không có quyền" in response.content.decode()
    assert Dossier.objects.get().state == State.SUBMITTED


def test_the_counter_receives_with_the_paper_it_checked(client, submitted, hoa):
    client.force_login(hoa)
    assert offered(client, submitted) == ["receive", "request_intake_supplement", "refuse", "withdraw"]
    component = submitted.procedure_version.components.first()
    response = client.post(f"/can-bo/ho-so/{submitted.pk}/thao-tac/receive/",
                           {f"received-{component.pk}": "1", f"kind-{component.pk}": "original", "token": "a"})
    assert response.status_code == 302
    d = Dossier.objects.get()
    assert d.state == State.RECEIVED and d.code
    event = d.events.get(action="receive")
    assert event.data["components"] == [{"id": component.pk, "name": component.name, "copy_kind": "original"}]
    # The same form posted twice (a double click) acts once.
    client.post(f"/can-bo/ho-so/{submitted.pk}/thao-tac/receive/", {"token": "a"})
    assert d.events.filter(action="receive").count() == 1


def test_a_refusal_without_reason_keeps_the_page_and_the_dossier(client, submitted, hoa):
    client.force_login(hoa)
    response = client.post(f"/can-bo/ho-so/{submitted.pk}/thao-tac/refuse/", {"reason": "  "})
    assert response.status_code == 409
    failed = next(a["failed"] for a in response.context["actions"] if a["transition"].action == "refuse")
    assert failed["field"] == "reason" and "lý do" in failed["message"]
    assert Dossier.objects.get().state == State.SUBMITTED


def test_guidance_records_the_kind_of_each_missing_component(client, submitted, hoa):
    client.force_login(hoa)
    component = submitted.procedure_version.components.all()[1]
    client.post(f"/can-bo/ho-so/{submitted.pk}/thao-tac/request_intake_supplement/",
                {f"missing-{component.pk}": "1", f"missing-kind-{component.pk}": "certified_copy",
                 "missing-other": "Tờ khai bổ sung\n", "reason": "Thiếu bản sao chứng thực"})
    event = Dossier.objects.get().events.get(action="request_intake_supplement")
    assert event.data["missing"] == [{"name": component.name, "copy_kind": "certified_copy"}, "Tờ khai bổ sung"]


def test_forwarding_offers_the_officers_of_the_next_step(client, permit, hoa, minh, tu):
    d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    client.force_login(hoa)
    forward = next(a for a in client.get(f"/can-bo/ho-so/{d.pk}/").context["actions"]
                   if a["transition"].action == "forward")
    assert forward["assignees"] == [minh]
    client.post(f"/can-bo/ho-so/{d.pk}/thao-tac/forward/", {"assignee": minh.pk})
    assert Dossier.objects.get().assignee == minh
    response = client.post(f"/can-bo/ho-so/{d.pk}/thao-tac/forward/", {"assignee": "abc"})
    assert response.status_code in (409, 422)


def test_unknown_actions_and_the_applicants_own_are_not_here(client, submitted, hoa):
    client.force_login(hoa)
    assert client.post(f"/can-bo/ho-so/{submitted.pk}/thao-tac/explode/").status_code == 404
    assert client.post(f"/can-bo/ho-so/{submitted.pk}/thao-tac/evaluate/").status_code == 404
    assert client.get(f"/can-bo/ho-so/{submitted.pk}/thao-tac/receive/").status_code == 405


def test_scans_are_previewed_in_a_sandbox(client, submitted, hoa, lan):
    attached = attach_file(submitted, None, SimpleUploadedFile("don.pdf", pdf_bytes()), lan)
    client.force_login(hoa)
    shown = client.get(f"/ho-so/{submitted.pk}/tep/{attached.pk}/?xem=1")
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["Content-Security-Policy"].startswith("sandbox")
    assert shown["X-Content-Type-Options"] == "nosniff"
    saved = client.get(f"/ho-so/{submitted.pk}/tep/{attached.pk}/")
    assert saved["Content-Disposition"].startswith("attachment")
