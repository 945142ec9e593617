"""Online submission: validated on the server, all or nothing, drafts kept, retries idempotent."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.models import Channel, Dossier
from dossiers.states import State
from portal.models import Draft
from tests.dossiers.conftest import pdf_bytes

pytestmark = pytest.mark.django_db

APPLICANT = {"kind": "citizen", "name": "Nguyễn Thị Lan", "id_number": "046190000123",
             "address": "12 Lê Lợi, Huế", "phone": "0905123456", "email": "lan@example.vn",
             "representative_name": "", "representative_id_number": ""}


def url(permit):
    return f"/nop-ho-so/{permit.procedure.code}/"


def files(permit, content=None):
    return {f"component-{c.pk}": SimpleUploadedFile("don.pdf", content or pdf_bytes())
            for c in permit.components.filter(requirement="required")}


def test_the_form_is_prefilled_from_the_account(client, lan, permit):
    client.force_login(lan)
    response = client.get(url(permit))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["name"] == "Nguyễn Thị Lan" and form.initial["id_number"] == "046190000123"
    assert "Lệ phí cấp giấy phép xây dựng" in response.content.decode()


def test_submitting_registers_the_dossier_with_its_files(client, lan, permit):
    client.force_login(lan)
    Draft.objects.create(user=lan, procedure=permit.procedure, data={"address": "cũ"})
    response = client.post(url(permit), {**APPLICANT, **files(permit), "cam-doan": "1", "token": "t1"})
    dossier = Dossier.objects.get()
    # The procedure has an online fee: she lands on the dossier's payment box.
    assert response.status_code == 302 and response["Location"] == f"/ho-so-cua-toi/{dossier.pk}/#thanh-toan"
    assert (dossier.state, dossier.channel, dossier.submitted_by) == (State.SUBMITTED, Channel.ONLINE, lan)
    assert dossier.files.count() == 2
    assert not Draft.objects.exists()
    # A retried post (a double tap, a reload) registers nothing new.
    client.post(url(permit), {**APPLICANT, **files(permit), "cam-doan": "1", "token": "t1"})
    assert Dossier.objects.count() == 1


def test_a_missing_file_or_pledge_keeps_everything_typed(client, lan, permit):
    client.force_login(lan)
    response = client.post(url(permit), {**APPLICANT})
    assert response.status_code == 200 and not Dossier.objects.exists()
    rows = response.context["components"]
    assert [r["error"] for r in rows if r["component"].requirement == "required"] == [
        "Vui lòng đính kèm giấy tờ bắt buộc này."] * 2
    assert response.context["pledge_error"]
    assert response.context["form"]["address"].value() == "12 Lê Lợi, Huế"


def test_a_file_that_is_not_what_it_says_leaves_no_dossier(client, lan, permit):
    client.force_login(lan)
    response = client.post(url(permit), {**APPLICANT, **files(permit, b"%PDF-1.4 not really"), "cam-doan": "1"})
    assert response.status_code == 200
    assert not Dossier.objects.exists()
    assert any(r["error"] for r in response.context["components"])


def test_a_wrong_id_number_is_said_beside_the_field(client, lan, permit):
    client.force_login(lan)
    response = client.post(url(permit), {**APPLICANT, "id_number": "123", **files(permit), "cam-doan": "1"})
    assert "id_number" in response.context["form"].errors and not Dossier.objects.exists()


def test_a_draft_is_saved_by_the_page_and_comes_back(client, lan, permit):
    client.force_login(lan)
    response = client.post(url(permit), {**APPLICANT, "address": "Nháp", "luu-nhap": "1"}, HTTP_X_DRAFT="1")
    assert response.status_code == 200 and "saved_at" in response.json()
    assert Draft.objects.get(user=lan).data["address"] == "Nháp"
    assert client.get(url(permit)).context["form"].initial["address"] == "Nháp"


def test_only_citizens_submit_online_and_only_online_procedures(client, hoa, lan, permit, land_info):
    assert client.get(url(permit)).status_code == 302  # to the login
    client.force_login(hoa)
    assert client.get(url(permit))["Location"] == f"/thu-tuc/{permit.procedure.code}/"
    client.force_login(lan)
    response = client.post(f"/nop-ho-so/{land_info.procedure.code}/", {**APPLICANT, "cam-doan": "1"})
    assert response.status_code == 302 and not Dossier.objects.exists()
