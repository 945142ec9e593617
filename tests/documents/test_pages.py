"""The document store in the pages: the counter digitizes from the dossier page, the citizen
finds her documents and is offered them when she submits online, the counter when it takes a
dossier in; nobody sees another's."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import actions
from documents.models import Document, Reuse
from dossiers.files import attach_file
from dossiers.models import Dossier
from tests.dossiers.conftest import pdf_bytes
from tests.portal.test_submission import APPLICANT

pytestmark = pytest.mark.django_db


def test_the_counter_digitizes_from_the_dossier_page(client, scanned, received, hoa):
    client.force_login(hoa)
    page = client.get(f"/can-bo/ho-so/{received.pk}/").content.decode()
    assert "Số hóa vào kho dữ liệu của người nộp" in page
    url = f"/can-bo/ho-so/{received.pk}/so-hoa/{scanned.pk}/"
    refused = client.post(url, {"kind": "Đơn", "issued_on": "2024-05-04", "valid_until": "2020-01-01",
                                "number": "SỐ 12"})
    assert refused.status_code == 422
    text = refused.content.decode()
    assert "Ngày hết hiệu lực phải sau ngày cấp" in text and 'value="SỐ 12"' in text, "what was typed comes back"
    done = client.post(url, {"kind": "Đơn đề nghị", "issued_on": "2024-05-04", "certified": "1"}, follow=True)
    assert "Đã lưu giấy tờ vào kho dữ liệu" in done.content.decode()
    assert Document.objects.get().certified_copy is True
    assert "Đã số hóa vào kho dữ liệu" in client.get(f"/can-bo/ho-so/{received.pk}/").content.decode()


def test_others_cannot_digitize(client, scanned, received, minh, tu):
    for user in (minh, tu):
        client.force_login(user)
        response = client.post(f"/can-bo/ho-so/{received.pk}/so-hoa/{scanned.pk}/", {"kind": "Đơn"})
        assert response.status_code in (403, 404, 422)
    assert not Document.objects.exists()


def test_the_citizen_sees_and_downloads_her_own_documents_only(client, scanned, hoa, lan):
    doc = actions.digitize(scanned, hoa, kind="Đơn đề nghị")
    client.force_login(lan)
    assert "Giấy tờ đã số hóa" in client.get("/ho-so-cua-toi/").content.decode()
    page = client.get("/giay-to-cua-toi/").content.decode()
    assert "Đơn đề nghị" in page
    response = client.get(f"/giay-to-cua-toi/{doc.pk}/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    from tests.conftest import make_user

    stranger = make_user("046200000999", kind="citizen", citizen_id="046200000999", full_name="Người lạ")
    client.force_login(stranger)
    assert client.get(f"/giay-to-cua-toi/{doc.pk}/").status_code == 404
    assert "Đơn đề nghị" not in client.get("/giay-to-cua-toi/").content.decode()


def test_online_submission_offers_her_documents_and_reuses_one(client, scanned, hoa, lan, permit):
    required = list(permit.components.filter(requirement="required"))
    doc = actions.digitize(scanned, hoa, kind=required[0].name)
    client.force_login(lan)
    assert f'name="reuse-{required[0].pk}"' in client.get(f"/nop-ho-so/{permit.procedure.code}/").content.decode()
    files = {f"component-{c.pk}": SimpleUploadedFile("x.pdf", pdf_bytes()) for c in required[1:]}
    response = client.post(f"/nop-ho-so/{permit.procedure.code}/", {
        **APPLICANT, "id_number": lan.citizen_id, **files, f"reuse-{required[0].pk}": str(doc.pk), "cam-doan": "1"})
    assert response.status_code == 302
    new = Dossier.objects.order_by("-pk").first()
    assert Reuse.objects.get(dossier=new).document == doc
    assert new.files.filter(component=required[0], sha256=doc.sha256).exists()


def test_a_document_not_offered_to_her_cannot_be_slipped_in(client, scanned, hoa, lan, permit):
    required = list(permit.components.filter(requirement="required"))
    from dossiers.actions import Applicant

    other = Applicant("citizen", "046190000888", "Trần Văn B", "", "", "")
    from dossiers import actions as dossier_actions

    theirs = dossier_actions.submit(permit, other, hoa, channel=1).dossier
    f = attach_file(theirs, required[0], SimpleUploadedFile("b.pdf", pdf_bytes("Của người khác")), hoa)
    dossier_actions.receive(theirs, hoa)
    doc = actions.digitize(f, hoa, kind=required[0].name)
    client.force_login(lan)
    response = client.post(f"/nop-ho-so/{permit.procedure.code}/", {
        **APPLICANT, "id_number": lan.citizen_id, f"reuse-{required[0].pk}": str(doc.pk), "cam-doan": "1"})
    assert response.status_code == 200 and not Reuse.objects.exists()


def test_the_counter_reuses_a_document_at_intake(client, scanned, hoa, permit):
    required = list(permit.components.filter(requirement="required"))
    doc = actions.digitize(scanned, hoa, kind=required[0].name)
    client.force_login(hoa)
    looked_up = client.post("/can-bo/tiep-nhan/", {"thu-tuc": permit.procedure.code, "cccd": APPLICANT["id_number"],
                                                   "tra-cuu": "1"})
    assert f'name="reuse-{required[0].pk}"' in looked_up.content.decode()
    response = client.post("/can-bo/tiep-nhan/", {
        "thu-tuc": permit.procedure.code, "channel": "1", **APPLICANT, f"reuse-{required[0].pk}": str(doc.pk),
        **{f"received-{c.pk}": "1" for c in required[1:]}})
    assert response.status_code == 302
    new = Dossier.objects.order_by("-pk").first()
    assert new.code and Reuse.objects.get(dossier=new).document == doc
