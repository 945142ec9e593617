"""Photos: type from content, size limit, EXIF (GPS included) stripped, stored with SHA-256."""

import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from fieldreports.photos import PhotoError, clean_photo
from tests.fieldreports.conftest import jpeg_with_gps, report


def test_gps_exif_is_stripped_and_type_comes_from_content(world, lan, lighting):
    upload = jpeg_with_gps()
    assert Image.open(io.BytesIO(upload.read())).getexif().get(0x8825)  # the upload carries GPS
    r = report(lan, lighting, photos=[upload])
    photo = r.photos.get()
    # Named .png by the client, but it is a JPEG: stored as one
    assert photo.content_type == "image/jpeg" and photo.file.name.endswith(".jpg")
    assert photo.file.name.startswith("fieldreports/")
    # Kept in the private photo storage, not under MEDIA_ROOT (which the web server publishes)
    assert not default_storage.exists(photo.file.name)
    with photo.file.storage.open(photo.file.name) as fh:
        data = fh.read()
    stored = Image.open(io.BytesIO(data))
    assert not stored.getexif()  # no EXIF at all, so no GPS
    assert photo.sha256 == hashlib.sha256(data).hexdigest()


def test_non_images_and_other_formats_are_refused():
    with pytest.raises(PhotoError):
        clean_photo(SimpleUploadedFile("anh.jpg", b"<html>not an image</html>"))
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    with pytest.raises(PhotoError):
        clean_photo(SimpleUploadedFile("anh.jpg", gif.getvalue()))


def test_size_limit_is_a_setting(settings):
    settings.FIELDREPORTS_PHOTO_MAX_BYTES = 100
    with pytest.raises(PhotoError):
        clean_photo(jpeg_with_gps(size=(200, 200)))


def test_at_most_five_photos(world, lan, lighting):
    from fieldreports.actions import ActionError

    with pytest.raises((PhotoError, ActionError)):
        report(lan, lighting, photos=[jpeg_with_gps() for _ in range(6)])


def test_png_is_kept_as_png():
    buf = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(buf, "PNG")
    clean = clean_photo(SimpleUploadedFile("x.jpg", buf.getvalue()))
    assert clean.content_type == "image/png" and clean.width == 10


def test_multi_picture_jpeg_from_a_phone_is_accepted_as_jpeg():
    # Given a phone's multi-picture JPEG (Pillow's "MPO": the photo and a second frame)
    first, second = Image.new("RGB", (40, 30), (10, 200, 10)), Image.new("RGB", (20, 15), (0, 0, 0))
    buf = io.BytesIO()
    first.save(buf, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(buf.getvalue())).format == "MPO"
    # When it is cleaned
    clean = clean_photo(SimpleUploadedFile("IMG_0001.JPG", buf.getvalue()))
    # Then it is kept as a plain JPEG of the first frame
    stored = Image.open(io.BytesIO(clean.content.read()))
    assert (clean.content_type, stored.format, stored.size) == ("image/jpeg", "JPEG", (40, 30))
    assert stored.getpixel((5, 5))[1] > 150


def test_a_picture_too_large_to_decode_is_refused_before_decoding(monkeypatch):
    # A 13000 × 13000 PNG of one colour compresses to about half a megabyte and would unpack
    # to 500 MB of pixels; its header alone refuses it.
    buffer = io.BytesIO()
    Image.new("L", (13000, 13000), 0).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 1024 * 1024
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    with pytest.raises(PhotoError, match="triệu điểm ảnh"):
        clean_photo(SimpleUploadedFile("to.png", buffer.getvalue()))
    assert decoded == []


def test_a_large_phone_jpeg_is_decoded_at_a_reduced_scale():
    buffer = io.BytesIO()
    Image.new("RGB", (6000, 4000), (10, 120, 200)).save(buffer, "JPEG", quality=70)
    photo = clean_photo(SimpleUploadedFile("anh.jpg", buffer.getvalue()))
    assert max(photo.width, photo.height) <= 2560
