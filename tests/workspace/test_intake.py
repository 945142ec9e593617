"""The counter intake screen: procedure found without accents, received in one post, or
guided with form 02 when a required component is missing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.models import Channel, Dossier
from dossiers.states import State
from tests.dossiers.conftest import pdf_bytes

pytestmark = pytest.mark.django_db

APPLICANT = {"kind": "citizen", "name": "Nguyễn Thị Lan", "id_number": "046190000123",
             "address": "12 Lê Lợi, Huế", "phone": "0905123456", "email": "",
             "representative_name": "", "representative_id_number": ""}


def post(client, permit, **extra):
    return client.post("/can-bo/tiep-nhan/", {"thu-tuc": permit.procedure.code, "channel": "1", **APPLICANT,
                                              **extra})


def ticked(permit, *, only_first=False):
    components = list(permit.components.filter(requirement="required"))
    if only_first:
        components = components[:1]
    return {f"received-{c.pk}": "1" for c in components}


def test_the_procedure_is_found_without_accents(client, permit, hoa):
    client.force_login(hoa)
    response = client.get("/can-bo/tiep-nhan/", {"q": "giay phep xay dung"})
    assert [v.pk for v in response.context["versions"]] == [permit.pk]
    response = client.get("/can-bo/tiep-nhan/", {"thu-tuc": permit.procedure.code})
    assert response.context["due"] is not None  # the appointment, shown before receiving


def test_receiving_in_one_flow(client, permit, hoa):
    client.force_login(hoa)
    first = permit.components.filter(requirement="required").first()
    response = post(client, permit, **ticked(permit), token="x1",
                    **{f"kind-{first.pk}": "certified_copy",
                       f"scan-{first.pk}": SimpleUploadedFile("scan.pdf", pdf_bytes())})
    d = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/can-bo/ho-so/{d.pk}/"
    assert (d.state, d.channel, d.receiving_agency_id) == (State.RECEIVED, Channel.COUNTER, permit.receiving_agency_id)
    assert d.files.get().component == first
    kinds = {c["id"]: c["copy_kind"] for c in d.events.get(action="receive").data["components"]}
    assert kinds[first.pk] == "certified_copy" and len(kinds) == 2
    post(client, permit, **ticked(permit), token="x1")  # posted again: the same dossier
    assert Dossier.objects.count() == 1


def test_a_missing_required_component_is_not_received(client, permit, hoa):
    client.force_login(hoa)
    response = post(client, permit, **ticked(permit, only_first=True))
    assert response.status_code == 422 and "Chưa đủ thành phần bắt buộc" in response.context["errors"]["components"]
    assert not Dossier.objects.exists()
    response = post(client, permit, **ticked(permit, only_first=True), **{"huong-dan": "1"})
    assert response.context["errors"]["reason"]
    post(client, permit, **ticked(permit, only_first=True), **{"huong-dan": "1", "reason": "Thiếu giấy chứng nhận"})
    d = Dossier.objects.get()
    assert d.state == State.INTAKE_SUPPLEMENT
    (missing,) = d.events.get(action="request_intake_supplement").data["missing"]
    assert missing["name"] == permit.components.filter(requirement="required")[1].name


def test_a_bad_scan_or_applicant_leaves_nothing(client, permit, hoa):
    client.force_login(hoa)
    first = permit.components.first()
    response = post(client, permit, **ticked(permit), **{f"scan-{first.pk}": SimpleUploadedFile("x.pdf", b"%PDF-")})
    assert response.context["components"][0]["error"] and not Dossier.objects.exists()
    response = post(client, permit, **ticked(permit), id_number="12")
    assert "id_number" in response.context["form"].errors and not Dossier.objects.exists()


def test_only_the_counter_takes_dossiers_in(client, permit, minh, tu):
    client.force_login(minh)
    assert client.get("/can-bo/tiep-nhan/").status_code == 403
    client.force_login(tu)
    assert post(client, permit, **ticked(permit)).status_code == 403
    assert not Dossier.objects.exists()


def test_a_procedure_of_another_agency_is_not_offered(client, permit, land_info, hoa):
    client.force_login(hoa)
    response = client.get("/can-bo/tiep-nhan/", {"thu-tuc": land_info.procedure.code})
    assert land_info.pk not in [v.pk for v in response.context["versions"]]
