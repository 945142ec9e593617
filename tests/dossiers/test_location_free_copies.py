"""An image attached to a dossier is kept byte for byte as evidence and shown to everyone but its
uploader as a copy without location or camera metadata (dossiers/images.py)."""

from __future__ import annotations

import hashlib
import importlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from dossiers import actions
from dossiers.files import attach_file, blobs_kept_only_if_committed, sniff
from dossiers.images import location_free_copy
from dossiers.models import Channel, Dossier, DossierFile
from tests.dossiers.api_helpers import client_for, intake_dossier
from tests.dossiers.conftest import LAN
from tests.dossiers.test_files import form, media, stored_files, submitted, upload  # noqa: F401  (fixtures)

SERIAL = b"SN-R58M70XYZ"
HOME = "16.4575,107.5909"  # 12 Le Loi, as a phone writes it
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       f'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="{HOME}"/>'
       '</rdf:RDF></x:xmpmeta>').encode()
# What must not survive in the copy, as the bytes a reader of the file would find.
LEAKS = (SERIAL, HOME.encode(), b"Samsung", b"Exif", b"xmpmeta", b"Le Loi")


def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Samsung"
    exif[ExifTags.Base.Model] = "SM-A546E"
    exif[ExifTags.Base.BodySerialNumber] = SERIAL.decode()
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (16.0, 27.0, 27.0)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", (107.0, 35.0, 27.0)
    return exif


def picture() -> Image.Image:
    """A 60×40 picture whose top-left corner is red: where the corner ends up shows the turn."""
    image = Image.new("RGB", (60, 40), (30, 90, 200))
    image.paste((220, 20, 20), (0, 0, 10, 10))
    return image


def phone_jpeg(orientation: int = 1) -> bytes:
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", quality=90, exif=phone_exif(orientation), xmp=XMP, comment=b"Nha 12 Le Loi")
    return buffer.getvalue()


def phone_png() -> bytes:
    info = PngInfo()
    info.add_text("Location", HOME)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    picture().save(buffer, "PNG", exif=phone_exif(), pnginfo=info)
    return buffer.getvalue()


def phone_mpo() -> bytes:
    """A phone's multi-picture JPEG: the photo and a smaller preview."""
    buffer = io.BytesIO()
    picture().save(buffer, "MPO", save_all=True, append_images=[picture().resize((30, 20))], exif=phone_exif())
    return buffer.getvalue()


def read(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def assert_clean(data: bytes):
    for leak in LEAKS:
        assert leak not in data, leak
    with Image.open(io.BytesIO(data)) as copy:
        assert not copy.getexif() and "xmp" not in copy.info and "comment" not in copy.info


@pytest.mark.parametrize("make", [phone_jpeg, phone_png, phone_mpo])
def test_the_copy_holds_the_picture_and_nothing_about_where_or_with_what(make):
    original = make()
    with Image.open(io.BytesIO(original)) as sent:  # the fixture leaks what a phone leaks
        assert sent.getexif().get_ifd(ExifTags.IFD.GPSInfo) and SERIAL in original

    copy = location_free_copy(io.BytesIO(original))

    assert_clean(copy)
    with Image.open(io.BytesIO(copy)) as shown, Image.open(io.BytesIO(original)) as sent:
        assert shown.size == sent.size
        assert shown.format == ("PNG" if sent.format == "PNG" else "JPEG")
        # The same picture: PNG exactly, a JPEG within re-encoding noise
        difference = max(abs(a - b) for a, b in zip(shown.convert("RGB").getpixel((5, 5)),
                                                     sent.convert("RGB").getpixel((5, 5)), strict=True))
        assert difference <= (0 if sent.format == "PNG" else 12)


def test_a_turned_photo_is_turned_upright_since_its_orientation_tag_goes():
    # Orientation 6: the camera was held on its side, viewers turn the picture 90° clockwise
    copy = location_free_copy(io.BytesIO(phone_jpeg(orientation=6)))
    with Image.open(io.BytesIO(copy)) as shown:
        assert shown.size == (40, 60)
        red, blue = shown.convert("RGB").getpixel((35, 5)), shown.convert("RGB").getpixel((5, 5))
        assert red[0] > 150 and red[2] < 100, "the red corner is now top right"
        assert blue[2] > 150


def test_an_unturned_jpeg_keeps_its_own_quantisation_tables():
    original = phone_jpeg()
    with Image.open(io.BytesIO(location_free_copy(io.BytesIO(original)))) as shown, \
            Image.open(io.BytesIO(original)) as sent:
        assert shown.quantization == sent.quantization


def test_a_phones_multi_picture_jpeg_is_accepted_as_a_jpeg():
    assert sniff(io.BytesIO(phone_mpo())).content_type == "image/jpeg"


# --- kept and served ----------------------------------------------------------------------------------

def test_the_original_is_the_evidence_and_others_see_the_copy(permit, form, lan, hoa, minh):  # noqa: F811
    original = phone_jpeg()
    dossier = intake_dossier(lan, channel=2)
    body = upload(client_for(lan), dossier, "so-do.jpg", original, form).json()
    attached = DossierFile.objects.get(pk=body["id"])

    # The evidence: the bytes sent, under the hash the audit trail records
    assert body["sha256"] == hashlib.sha256(original).hexdigest() == attached.sha256
    assert attached.file.read() == original
    assert dossier.events.get(action="attach_file").data["file"] == attached.sha256
    # The applicant who sent it gets it back as sent
    assert read(client_for(lan).get(body["download_url"])) == original
    assert read(client_for(lan).get(body["download_url"] + "?xem=1")) == original

    # Received at the counter, handled by a specialist: both see the copy only
    actions.receive(Dossier.objects.get(pk=dossier.pk), hoa)
    for officer in (hoa, minh):
        for url in (body["download_url"], body["download_url"] + "?xem=1"):
            shown = read(client_for(officer).get(url))
            assert shown == attached.shown.open("rb").read() != original
            assert_clean(shown)


def test_a_scan_the_counter_attaches_is_shown_to_the_applicant_as_the_copy(permit, form, lan, hoa):  # noqa: F811
    dossier = intake_dossier(lan, channel=2)
    actions.receive(dossier, hoa)
    dossier.refresh_from_db()
    body = upload(client_for(hoa), dossier, "anh.png", phone_png(), form).json()
    assert read(client_for(hoa).get(body["download_url"])) == phone_png()
    assert_clean(read(client_for(lan).get(body["download_url"])))


def test_a_pdf_has_no_copy(submitted, form, hoa, media):  # noqa: F811
    from tests.dossiers.conftest import pdf_bytes

    body = upload(client_for(hoa), submitted, "don.pdf", pdf_bytes(), form).json()
    assert DossierFile.objects.get(pk=body["id"]).shown.name == ""
    assert stored_files(media) == [f"dossiers/{body['sha256'][:2]}/{body['sha256']}.pdf"]


def test_one_original_one_copy_however_often_it_is_attached(permit, form, hoa, media):  # noqa: F811
    for _ in range(2):
        upload(client_for(hoa), intake_dossier(hoa), "so-do.jpg", phone_jpeg(), form)
    digest = hashlib.sha256(phone_jpeg()).hexdigest()
    assert stored_files(media) == [f"dossiers/{digest[:2]}/{digest}.jpg",
                                   f"dossiers/shown/{digest[:2]}/{digest}.jpg"]


def test_a_refused_intake_leaves_neither_the_original_nor_the_copy(permit, hoa, media):  # noqa: F811
    with pytest.raises(actions.ActionError), blobs_kept_only_if_committed(), transaction.atomic():
        d = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
        attach_file(d, None, SimpleUploadedFile("so-do.jpg", phone_jpeg()), hoa)
        assert len(stored_files(media)) == 2
        actions.refuse(d, hoa, reason="")  # refused: no reason
    assert stored_files(media) == []


def test_images_attached_before_the_copies_get_theirs_on_upgrade(submitted, form, hoa, media):  # noqa: F811
    from django.apps import apps

    body = upload(client_for(hoa), submitted, "so-do.jpg", phone_jpeg(), form).json()
    attached = DossierFile.objects.get(pk=body["id"])
    attached.shown.delete(save=True)  # as an older version left it: the original only
    assert DossierFile.objects.get(pk=attached.pk).shown.name == ""

    importlib.import_module("dossiers.migrations.0006_location_free_copies").make_copies(apps, None)

    attached.refresh_from_db()
    assert_clean(attached.shown.open("rb").read())
    assert attached.file.open("rb").read() == phone_jpeg()
