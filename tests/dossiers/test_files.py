"""Files of a dossier: Hòa scans Lan's papers at the counter, Lan uploads online. A file is
judged by its content, not its name; a refused file leaves nothing stored."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dossiers.actions import ActionError
from dossiers.files import attach_file, sniff
from dossiers.models import DossierFile
from tests.dossiers.api_helpers import BASE, act, client_for, intake_dossier
from tests.dossiers.conftest import pdf_bytes

PDF_BYTES = pdf_bytes()
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert('x')</script></body></html>"


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def ooxml_bytes(main_type: str, part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'))
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Where dossier files are kept: the private folder beside MEDIA_ROOT, never MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "private"


@pytest.fixture
def submitted(permit, hoa):
    return intake_dossier(hoa)


@pytest.fixture
def form(permit):
    return permit.components.get(name="Đơn đề nghị cấp giấy phép xây dựng")


def upload(client, dossier, name, content, component=None):
    data = {"file": SimpleUploadedFile(name, content)}
    if component is not None:
        data["component_id"] = component if isinstance(component, int) else component.pk
    return client.post(f"{BASE}/{dossier.pk}/files", data)


# --- the content decides the type ---------------------------------------------------------------------

@pytest.mark.parametrize(("content", "expected"), [
    (PDF_BYTES, ("application/pdf", ".pdf")),
    (image_bytes("PNG"), ("image/png", ".png")),
    (image_bytes("JPEG"), ("image/jpeg", ".jpg")),
    (ooxml_bytes(DOCX_MAIN, "word/document.xml"),
     ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")),
    (xlsx_bytes(), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")),
])
def test_accepted_types_are_recognised_by_content(content, expected):
    kind = sniff(io.BytesIO(content))
    assert (kind.content_type, kind.extension) == expected


@pytest.mark.parametrize("content", [
    HTML_BYTES,
    b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100,  # a Windows executable
    b"\x7fELF\x02\x01\x01" + b"\x00" * 100,
    b"\x89PNG\r\n\x1a\n" + b"not really an image",  # a PNG signature on garbage
    ooxml_bytes(DOCM_MAIN, "word/document.xml"),  # macro-enabled Word
    b"PK\x03\x04" + b"\x00" * 50,  # a broken zip
    b"plain text",
])
def test_other_content_is_refused(content):
    assert sniff(io.BytesIO(content)) is None


# --- through the API --------------------------------------------------------------------------------

def test_counter_officer_attaches_a_pdf(submitted, form, hoa, media):
    response = upload(client_for(hoa), submitted, "don-de-nghi.pdf", PDF_BYTES, form)
    assert response.status_code == 201, response.json()
    body = response.json()
    sha = hashlib.sha256(PDF_BYTES).hexdigest()
    assert body["sha256"] == sha
    assert (body["content_type"], body["extension"], body["size"]) == ("application/pdf", ".pdf", len(PDF_BYTES))
    assert (body["component_id"], body["original_name"]) == (form.pk, "don-de-nghi.pdf")
    assert body["uploaded_by"] == "Trần Thị Hòa"
    # Stored under its hash, never under the name the user gave
    assert stored_files(media) == [f"dossiers/{sha[:2]}/{sha}.pdf"]
    assert (media / "dossiers" / sha[:2] / f"{sha}.pdf").read_bytes() == PDF_BYTES
    # And listed on the dossier
    files = client_for(hoa).get(f"{BASE}/{submitted.pk}").json()["files"]
    assert [f["sha256"] for f in files] == [sha]


def test_the_extension_comes_from_the_content(submitted, form, hoa, media):
    png = image_bytes("PNG")
    body = upload(client_for(hoa), submitted, "scan.pdf", png, form).json()
    assert (body["content_type"], body["extension"]) == ("image/png", ".png")
    assert stored_files(media)[0].endswith(".png")


def test_the_citizen_attaches_to_her_online_dossier(permit, form, lan):
    dossier = intake_dossier(lan, channel=2)
    response = upload(client_for(lan), dossier, "ảnh chụp sổ đỏ.jpg", image_bytes("JPEG"), form)
    assert response.status_code == 201
    assert response.json()["original_name"] == "ảnh chụp sổ đỏ.jpg"


def test_html_named_pdf_is_refused_and_nothing_is_stored(submitted, form, hoa, media):
    response = upload(client_for(hoa), submitted, "giay-to.pdf", HTML_BYTES, form)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_file_type"
    assert response.json()["message"].startswith("Tệp “giay-to.pdf” không phải PDF, JPG, PNG")
    assert stored_files(media) == [] and DossierFile.objects.count() == 0


def test_too_large_is_refused_and_nothing_is_stored(submitted, form, hoa, media, settings):
    settings.DOSSIER_FILE_MAX_BYTES = 1024 * 1024
    response = upload(client_for(hoa), submitted, "ban-ve.pdf", PDF_BYTES + b"0" * (1024 * 1024), form)
    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert "vượt quá 1 MB" in response.json()["message"]
    assert stored_files(media) == [] and DossierFile.objects.count() == 0


def test_the_default_limit_is_20_megabytes(submitted, form, hoa):
    class Huge:
        name, size = "video.pdf", 21 * 1024 * 1024

    with pytest.raises(ActionError, match="vượt quá 20 MB"):
        attach_file(submitted, form, Huge(), hoa)


def test_an_empty_file_is_refused(submitted, form, hoa):
    response = upload(client_for(hoa), submitted, "rong.pdf", b"", form)
    assert (response.status_code, response.json()["code"]) == (422, "empty_file")
    assert DossierFile.objects.count() == 0


def test_a_component_of_another_procedure_is_refused(submitted, land_info, hoa, media):
    other = land_info.components.first()
    response = upload(client_for(hoa), submitted, "don.pdf", PDF_BYTES, other)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_component"
    assert "không thuộc thủ tục" in response.json()["message"]
    assert stored_files(media) == []
    unknown = upload(client_for(hoa), submitted, "don.pdf", PDF_BYTES, 999999)
    assert (unknown.status_code, unknown.json()["code"]) == (422, "invalid_component")


def test_the_same_file_twice_is_attached_once(submitted, form, hoa, media):
    client = client_for(hoa)
    first = upload(client, submitted, "don.pdf", PDF_BYTES, form)
    again = upload(client, submitted, "don (1).pdf", PDF_BYTES, form)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert DossierFile.objects.count() == 1 and len(stored_files(media)) == 1


def test_identical_content_in_two_dossiers_is_stored_once(permit, form, hoa, media):
    one, two = intake_dossier(hoa), intake_dossier(hoa)
    for dossier in (one, two):
        assert upload(client_for(hoa), dossier, "don.pdf", PDF_BYTES, form).status_code == 201
    assert DossierFile.objects.count() == 2 and len(stored_files(media)) == 1


def test_only_the_counter_officer_or_the_applicant_may_attach(submitted, form, minh, tu, media):
    forbidden = upload(client_for(minh), submitted, "don.pdf", PDF_BYTES, form)
    assert (forbidden.status_code, forbidden.json()["code"]) == (403, "forbidden")
    assert upload(client_for(tu), submitted, "don.pdf", PDF_BYTES, form).status_code == 404
    assert stored_files(media) == []


def test_the_applicant_may_not_attach_once_received(permit, form, lan, hoa):
    dossier = intake_dossier(lan, channel=2)
    act(client_for(hoa), dossier, "receive")
    response = upload(client_for(lan), dossier, "don.pdf", PDF_BYTES, form)
    assert (response.status_code, response.json()["code"]) == (409, "invalid_state")
    # The counter officer may still digitize papers at the first step
    assert upload(client_for(hoa), dossier, "don.pdf", PDF_BYTES, form).status_code == 201


def test_nothing_attaches_once_processing_has_started(submitted, form, hoa, minh):
    act(client_for(hoa), submitted, "receive")
    act(client_for(hoa), submitted, "forward", {"assignee": "minh"})
    response = upload(client_for(hoa), submitted, "don.pdf", PDF_BYTES, form)
    assert (response.status_code, response.json()["code"]) == (409, "invalid_state")


def test_a_file_for_the_dossier_as_a_whole(submitted, hoa):
    response = upload(client_for(hoa), submitted, "ghi-chu.pdf", PDF_BYTES)
    assert response.status_code == 201 and response.json()["component_id"] is None


def test_attaching_is_recorded_once_in_the_audit_trail(submitted, form, hoa):
    from tests.dossiers.conftest import verify_dossier

    upload(client_for(hoa), submitted, "don.pdf", PDF_BYTES, form)
    upload(client_for(hoa), submitted, "don.pdf", PDF_BYTES, form)  # a retried upload
    assert list(submitted.events.values_list("action", flat=True)) == ["submit", "attach_file"]
    event = submitted.events.get(action="attach_file")
    assert (event.data["name"], event.data["component"], len(event.data["file"])) == ("don.pdf", form.name, 64)
    assert verify_dossier(submitted) is None


def test_a_missing_file_field_is_invalid_input(submitted, hoa):
    response = client_for(hoa).post(f"{BASE}/{submitted.pk}/files", {})
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"


@pytest.mark.parametrize(("content", "why"), [
    (b"%PDF-1.7\n<html><script>alert(1)</script></html>", "a %PDF- prefix that does not open"),
    (image_bytes("JPEG") + b"<html><script>alert(1)</script></html>", "a JPEG/HTML polyglot"),
    (image_bytes("JPEG") + b"<body onload=alert(1)><img src=x onerror=alert(2)>", "markup without html or script"),
    (image_bytes("PNG") + b"<IMG SRC=javascript:alert(1)>", "a PNG with markup in capitals"),
    (PDF_BYTES + b"\n<body><iframe src=//evil></iframe></body>", "a PDF with a page after its end"),
])
def test_files_that_only_look_like_their_type_are_refused(content, why):
    assert sniff(io.BytesIO(content)) is None, why


def test_markup_inside_a_pdf_before_its_end_is_its_own_business():
    """Only what follows the PDF's end is examined: its compressed streams are random bytes."""
    assert sniff(io.BytesIO(PDF_BYTES + b"\n")).content_type == "application/pdf"


def test_ordinary_photos_and_scans_are_not_taken_for_markup():
    import random

    rng = random.Random(7)
    for _ in range(20):  # noisy pictures compress to bytes as random as real photos
        picture = Image.frombytes("RGB", (400, 300), bytes(rng.getrandbits(8) for _ in range(400 * 300 * 3)))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=95)
        assert sniff(io.BytesIO(buffer.getvalue())).content_type == "image/jpeg"


def test_an_image_too_large_to_decode_is_refused_before_decoding_with_its_reason(settings):
    from dossiers.files import ImageTooLarge

    settings.DOSSIER_IMAGE_MAX_PIXELS = 1_000_000
    buffer = io.BytesIO()
    Image.new("L", (2000, 1000), 0).save(buffer, "PNG")
    with pytest.raises(ImageTooLarge, match="2 triệu điểm ảnh"):
        sniff(io.BytesIO(buffer.getvalue()))
    settings.DOSSIER_IMAGE_MAX_PIXELS = 2_000_000
    assert sniff(io.BytesIO(buffer.getvalue())).content_type == "image/png"


def test_a_wide_image_is_bounded_by_the_memory_its_pixels_take(settings):
    from dossiers.files import ImageTooLarge

    settings.DOSSIER_IMAGE_MAX_BYTES = 3_000_000
    rgba, grey = io.BytesIO(), io.BytesIO()
    Image.new("RGBA", (1000, 1000)).save(rgba, "PNG")  # 4 MB decoded, 1 million pixels
    Image.new("L", (1000, 1000)).save(grey, "PNG")  # 1 MB decoded
    with pytest.raises(ImageTooLarge):
        sniff(io.BytesIO(rgba.getvalue()))
    assert sniff(io.BytesIO(grey.getvalue())).content_type == "image/png"


def test_an_image_too_large_is_a_413_that_says_why(submitted, hoa, settings):
    settings.DOSSIER_IMAGE_MAX_PIXELS = 1_000_000
    buffer = io.BytesIO()
    Image.new("L", (2000, 1000), 0).save(buffer, "PNG")
    response = client_for(hoa).post(f"{BASE}/{submitted.pk}/files", {"file": SimpleUploadedFile(
        "scan.png", buffer.getvalue(), "image/png")})
    assert response.status_code == 413 and "quá lớn để xử lý" in response.json()["message"]


def test_a_file_is_downloaded_only_by_those_who_may_see_the_dossier(submitted, hoa, tu, lan, client, settings):
    form = submitted.procedure_version.components.first().pk
    body = upload(client_for(hoa), submitted, "don.pdf", PDF_BYTES, form).json()
    assert body["download_url"] == f"/ho-so/{submitted.pk}/tep/{body['id']}/"
    assert not (Path(settings.MEDIA_ROOT) / "dossiers").exists(), "nothing under the published MEDIA_ROOT"
    got = client_for(hoa).get(body["download_url"])
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF_BYTES
    assert got["Content-Disposition"].startswith("attachment") and got["X-Content-Type-Options"] == "nosniff"
    assert got["Cache-Control"] == "private, no-store"
    assert client_for(tu).get(body["download_url"]).status_code == 404  # another agency
    assert client.get(body["download_url"]).status_code == 302  # anonymous: to the login page


def test_files_stored_before_the_private_storage_are_moved_into_it(submitted, hoa, media, settings):
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    form = submitted.procedure_version.components.first().pk
    body = upload(client_for(hoa), submitted, "don.pdf", PDF_BYTES, form).json()
    attached = DossierFile.objects.get(pk=body["id"])
    # As an older version left it: the file in the public storage, not in the private one
    default_storage.save(attached.file.name, ContentFile(PDF_BYTES))
    (media / attached.file.name).unlink()
    importlib.import_module("dossiers.migrations.0003_private_files").move_to_private(apps, None)
    assert (media / attached.file.name).read_bytes() == PDF_BYTES
    assert not default_storage.exists(attached.file.name)


def test_a_file_missing_from_storage_is_a_404_not_a_500(submitted, hoa, media):
    form = submitted.procedure_version.components.first().pk
    body = upload(client_for(hoa), submitted, "don.pdf", PDF_BYTES, form).json()
    (media / DossierFile.objects.get(pk=body["id"]).file.name).unlink()  # as after a restore without files
    assert client_for(hoa).get(body["download_url"]).status_code == 404
