"""My dossiers: only one's own; the applicant's actions through the engine; the scoring."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossiers import actions
from dossiers.evaluation import ASKED, measured
from dossiers.models import Dossier, Evaluation
from dossiers.states import State
from tests.conftest import make_user
from tests.dossiers.conftest import LAN, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(permit, lan):
    return actions.submit(permit, LAN, lan).dossier


def returned(d, hoa, minh, dung):
    d = actions.receive(d, hoa).dossier
    d = actions.forward(d, hoa).dossier
    d = actions.forward(d, minh).dossier
    d = actions.approve(d, dung).dossier
    return actions.return_result(d, hoa).dossier


def all_twos():
    return dict.fromkeys(ASKED, "2")


def test_the_list_and_the_page_show_only_ones_own(client, lan, online):
    other = make_user("046200000999", kind="citizen", citizen_id="046200000999")
    client.force_login(lan)
    assert [d.pk for d in client.get("/ho-so-cua-toi/").context["page"].object_list] == [online.pk]
    assert client.get(f"/ho-so-cua-toi/{online.pk}/").status_code == 200
    client.force_login(other)
    assert list(client.get("/ho-so-cua-toi/").context["page"].object_list) == []
    assert client.get(f"/ho-so-cua-toi/{online.pk}/").status_code == 404
    assert client.post(f"/ho-so-cua-toi/{online.pk}/thao-tac/withdraw/", {"reason": "x"}).status_code == 404
    assert Dossier.objects.get().state == State.SUBMITTED


def test_withdrawing_needs_a_reason(client, lan, online):
    client.force_login(lan)
    response = client.post(f"/ho-so-cua-toi/{online.pk}/thao-tac/withdraw/", {"reason": " "}, follow=True)
    assert "lý do rút hồ sơ" in response.content.decode()
    assert Dossier.objects.get().state == State.SUBMITTED
    client.post(f"/ho-so-cua-toi/{online.pk}/thao-tac/withdraw/", {"reason": "Không còn nhu cầu"})
    assert Dossier.objects.get().state == State.WITHDRAWN


def test_an_action_the_table_does_not_offer_is_refused(client, lan, online):
    client.force_login(lan)
    assert client.post(f"/ho-so-cua-toi/{online.pk}/thao-tac/receive/").status_code == 404
    response = client.post(f"/ho-so-cua-toi/{online.pk}/thao-tac/resume/", follow=True)
    assert "messages" in response.context and Dossier.objects.get().state == State.SUBMITTED


def test_supplement_upload_and_hand_in(client, lan, online, hoa, minh):
    d = actions.forward(actions.receive(online, hoa).dossier, hoa).dossier
    actions.request_supplement(d, minh, missing=[{"name": "Giấy chứng nhận", "copy_kind": "certified_copy"}],
                               reason="Chưa chứng thực")
    client.force_login(lan)
    page = client.get(f"/ho-so-cua-toi/{d.pk}/")
    assert page.context["asked"]["missing"] == ["Giấy chứng nhận (bản sao có chứng thực)"]
    component = d.procedure_version.components.first()
    client.post(f"/ho-so-cua-toi/{d.pk}/dinh-kem/", {"component": component.pk,
                                                     "file": SimpleUploadedFile("a.pdf", pdf_bytes())})
    assert d.files.count() == 1
    client.post(f"/ho-so-cua-toi/{d.pk}/thao-tac/resume/")
    assert Dossier.objects.get(pk=d.pk).state == State.PROCESSING


def test_scoring_once_returned_and_editable_for_a_week(client, lan, online, hoa, minh, dung, clock):
    client.force_login(lan)
    response = client.get(f"/ho-so-cua-toi/{online.pk}/danh-gia/")
    assert response.status_code == 302  # not returned yet
    d = returned(online, hoa, minh, dung)
    response = client.post(f"/ho-so-cua-toi/{d.pk}/danh-gia/", {**all_twos(), "online": ""})
    assert response.status_code == 200 and "online" in response.context["form"].errors
    client.post(f"/ho-so-cua-toi/{d.pk}/danh-gia/", {**all_twos(), "comment": "Tốt"})
    evaluation = Evaluation.objects.get(dossier=d)
    # Six criteria asked, three measured from the dossier's events (dossiers/evaluation.py).
    d.refresh_from_db()
    system = measured(d)
    assert evaluation.scores == {**dict.fromkeys(ASKED, 2), **system}
    assert (evaluation.total, evaluation.agency, evaluation.officer) == (12 + sum(system.values()),
                                                                         d.receiving_agency, hoa)
    client.post(f"/ho-so-cua-toi/{d.pk}/danh-gia/", {**all_twos(), "attitude": "0"})
    assert Evaluation.objects.get(dossier=d).total == 10 + sum(system.values())
    assert d.events.filter(action="evaluate").count() == 2
    clock.move_to(timezone.now() + timedelta(days=8))
    response = client.post(f"/ho-so-cua-toi/{d.pk}/danh-gia/", all_twos())
    assert response.status_code == 302 and Evaluation.objects.get(dossier=d).total == 10 + sum(system.values())


def test_scores_are_checked_by_the_action_itself(lan, online, hoa, minh, dung):
    d = returned(online, hoa, minh, dung)
    with pytest.raises(actions.ActionError):
        actions.evaluate(d, lan, scores={**dict.fromkeys(ASKED, 2), "online": 3})
    with pytest.raises(actions.ActionError):
        actions.evaluate(d, lan, scores={"attitude": 2})
    # A measured criterion is the system's to give, never the applicant's.
    with pytest.raises(actions.ActionError, match="hệ thống tự tính"):
        actions.evaluate(d, lan, scores={**dict.fromkeys(ASKED, 2), "total_time": 2})
    with pytest.raises(actions.ActionDenied):
        actions.evaluate(d, hoa, scores=dict.fromkeys(ASKED, 2))


def test_the_applicant_prints_her_forms_but_not_the_control_slip(client, lan, online, hoa):
    d = actions.receive(online, hoa).dossier
    client.force_login(lan)
    response = client.get(f"/ho-so/{d.pk}/in-mau/01/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(f"/ho-so/{d.pk}/in-mau/05/").status_code == 404
    response = client.get(f"/ho-so/{d.pk}/in-mau/03/?next=/ho-so-cua-toi/{d.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/ho-so-cua-toi/{d.pk}/"
    assert client.get(f"/ho-so/{d.pk}/in-mau/01/?next=https://evil.example/").status_code == 200
