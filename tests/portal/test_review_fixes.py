"""What a careful attacker or a hurried user would try against the portal and the counter."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.specs import write_spec
from dossiers import actions
from dossiers.files import blobs_kept_only_if_committed
from dossiers.forms.issue import issue_form
from dossiers.models import Channel, Dossier, DossierFile
from dossiers.states import State
from tests.catalogue.conftest import building_permit_spec
from tests.conftest import make_user
from tests.dossiers.conftest import LAN, pdf_bytes
from tests.portal.test_submission import APPLICANT, files, url

pytestmark = pytest.mark.django_db


def test_a_replayed_token_does_not_put_new_files_into_the_first_dossier(client, lan, permit):
    client.force_login(lan)
    client.post(url(permit), {**APPLICANT, **files(permit), "cam-doan": "1", "token": "same"})
    first = Dossier.objects.get()
    response = client.post(url(permit), {**APPLICANT, "name": "Người Khác", **files(permit, pdf_bytes("Khac")),
                                         "cam-doan": "1", "token": "same"})
    assert response.status_code == 302 and Dossier.objects.count() == 1
    assert first.files.count() == 2 and Dossier.objects.get().applicant_name == "Nguyễn Thị Lan"


def test_filing_in_someone_elses_name_makes_the_account_the_representative(client, lan, permit):
    client.force_login(lan)
    client.post(url(permit), {**APPLICANT, "id_number": "046190000777", "name": "Trần Văn Bình",
                              **files(permit), "cam-doan": "1"})
    d = Dossier.objects.get()
    assert (d.applicant_id_number, d.representative_id_number, d.representative_name) == (
        "046190000777", lan.citizen_id, lan.full_name)
    response = client.post(url(permit), {**APPLICANT, "id_number": "046190000777",
                                         "representative_id_number": "046190000888",
                                         "representative_name": "Ai đó", **files(permit), "cam-doan": "1"})
    assert "representative_id_number" in response.context["form"].errors and Dossier.objects.count() == 1


def test_an_organisation_files_only_for_itself(client, permit):
    company = make_user("3300101406", kind="organisation", tax_code="3300101406", full_name="Công ty Sông Hương")
    client.force_login(company)
    response = client.post(url(permit), {**APPLICANT, **files(permit), "cam-doan": "1"})
    assert "id_number" in response.context["form"].errors and not Dossier.objects.exists()


def test_the_control_slip_is_not_the_applicants_by_its_id_either(client, lan, permit, hoa):
    d = actions.receive(actions.submit(permit, LAN, lan).dossier, hoa).dossier
    control = issue_form(d, "05")
    client.force_login(lan)
    assert client.get(f"/ho-so/{d.pk}/mau/{control.pk}/").status_code == 404
    client.force_login(hoa)
    assert client.get(f"/ho-so/{d.pk}/mau/{control.pk}/").status_code == 200
    assert client.get(f"/ho-so/{d.pk}/in-mau/²/").status_code == 404
    assert client.get(f"/ho-so/{d.pk}/in-mau/{'9' * 5000}/").status_code == 404


@pytest.mark.parametrize("path", ["/can-bo/hang-doi/cua-toi/?q=1%00", "/nop-ho-so/a%00/",
                                  "/can-bo/tiep-nhan/?thu-tuc=%00", "/thu-tuc/?q=%00"])
def test_a_nul_byte_in_the_address_is_a_400(client, hoa, path):
    client.force_login(hoa)
    assert client.get(path).status_code == 400


def test_odd_numbers_never_crash_the_dossier_page(client, permit, hoa):
    d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    d = actions.forward(d, hoa).dossier
    client.force_login(hoa)
    assert client.post(f"/can-bo/ho-so/{d.pk}/thao-tac/forward/", {"assignee": "²"}).status_code in (404, 409, 422)
    assert client.post(f"/can-bo/ho-so/{d.pk}/thao-tac/forward/", {"assignee": "9" * 5000}).status_code in (
        404, 409, 422)


def test_a_refused_intake_leaves_no_blob_behind(permit, hoa, settings, tmp_path):
    from django.db import transaction

    storage = DossierFile._meta.get_field("file").storage
    before = set(_all_files(storage))
    with pytest.raises(actions.ActionError), blobs_kept_only_if_committed(), transaction.atomic():
        d = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
        from dossiers.files import attach_file

        attach_file(d, None, SimpleUploadedFile("a.pdf", pdf_bytes("Mot")), hoa)
        actions.refuse(d, hoa, reason="")  # refused: no reason
    assert set(_all_files(storage)) == before and not Dossier.objects.exists()


def _all_files(storage, path=""):
    try:
        dirs, names = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in names:
        yield f"{path}/{name}" if path else name
    for sub in dirs:
        yield from _all_files(storage, f"{path}/{sub}" if path else sub)


def test_online_the_supplement_comes_as_a_file_before_it_is_sent(client, lan, permit, hoa, minh):
    d = actions.forward(actions.receive(actions.submit(permit, LAN, lan).dossier, hoa).dossier, hoa).dossier
    actions.request_supplement(d, minh, missing=["Bản vẽ"], reason="Mờ")
    client.force_login(lan)
    response = client.post(f"/ho-so-cua-toi/{d.pk}/thao-tac/resume/", follow=True)
    assert "đính kèm giấy tờ được yêu cầu" in response.content.decode()
    assert Dossier.objects.get(pk=d.pk).state == State.SUPPLEMENT
    client.post(f"/ho-so-cua-toi/{d.pk}/dinh-kem/", {"component": "abc",
                                                     "file": SimpleUploadedFile("a.pdf", pdf_bytes())})
    assert not d.files.exists()  # a file must say which component it is
    assert "Gửi hồ sơ bổ sung" in client.get(f"/ho-so-cua-toi/{d.pk}/").content.decode()


def test_the_counter_is_offered_only_what_its_agencies_checked(client, permit, hoa, tu, lan, agency_b):
    from accounts.roles import Role
    from accounts.services import grant_role

    actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
    grant_role(tu, agency_b, Role.COUNTER_OFFICER)
    client.force_login(tu)
    write_spec(building_permit_spec(agency_b, code="1.000002", name="Thủ tục của B", effective_from=date(2025, 1, 1)))
    page = client.post("/can-bo/tiep-nhan/", {"thu-tuc": "1.000002", "tra-cuu": "1", "cccd": LAN.id_number})
    initial = page.context["form"].initial
    assert "phone" not in initial and "address" not in initial  # another agency's records stay there
    client.force_login(hoa)
    page = client.post("/can-bo/tiep-nhan/", {"thu-tuc": permit.procedure.code, "tra-cuu": "1",
                                              "cccd": LAN.id_number})
    assert page.context["form"].initial["phone"] == LAN.phone
