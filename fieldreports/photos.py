"""Photos attached to reports and answers: checked, cleaned and stored.

The type is read from the content, never from the file name or the browser's claim. Each
photo is decoded and re-encoded, which drops EXIF (GPS position, camera serial, time) and
PNG text chunks: a reporter's home position must not leak through the public page
(the reporter's identity is confidential, QĐ 30/2022/QĐ-UBND).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
# Phones write "multi-picture" JPEGs (MPO: the photo plus a depth map or a preview). They are
# JPEGs to every viewer; the first frame, the photo itself, is kept and re-encoded.
SAME_AS = {"MPO": "JPEG"}
MAX_SIDE = 2560  # larger photos are scaled down; a phone photo stays readable


class PhotoError(ValueError):
    pass


@dataclass
class CleanPhoto:
    content: ContentFile
    content_type: str
    sha256: str
    width: int
    height: int


def clean_photo(upload) -> CleanPhoto:
    """A re-encoded copy of `upload` (a Django UploadedFile or any binary file object)."""
    limit = settings.FIELDREPORTS_PHOTO_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise PhotoError(f"Ảnh vượt quá dung lượng cho phép ({limit // (1024 * 1024)} MB).")
    upload.seek(0)
    raw = upload.read(limit + 1)
    if len(raw) > limit:
        raise PhotoError(f"Ảnh vượt quá dung lượng cho phép ({limit // (1024 * 1024)} MB).")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            kind = SAME_AS.get(probe.format, probe.format)
            pixels = probe.size[0] * probe.size[1]
            probe.verify()
        if kind not in ALLOWED:
            raise PhotoError("Chỉ nhận ảnh JPEG hoặc PNG.")
        # The header says how large the decoded picture is: a few hundred kilobytes of PNG can
        # unpack to gigabytes. Refuse before decoding anything.
        maximum = settings.FIELDREPORTS_PHOTO_MAX_PIXELS
        if pixels > maximum:
            raise PhotoError(f"Ảnh quá lớn ({pixels / 1e6:.0f} triệu điểm ảnh); tối đa {maximum / 1e6:.0f} triệu "
                             "điểm ảnh. Vui lòng chụp lại hoặc thu nhỏ ảnh.")
        image = Image.open(io.BytesIO(raw))
        image.seek(0)  # the first frame of a multi-frame file
        if kind == "JPEG":
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at a reduced scale: faster, less memory
        image.load()
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoError("Tệp không phải là ảnh JPEG hoặc PNG hợp lệ.") from None
    # Turn the pixels as the camera meant before the orientation tag is dropped with EXIF.
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    content_type, ext = ALLOWED[kind]
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    data = out.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    return CleanPhoto(ContentFile(data, name=f"{digest}.{ext}"), content_type, digest, image.width, image.height)


def clean_photos(uploads) -> list[CleanPhoto]:
    uploads = list(uploads or [])
    if len(uploads) > settings.FIELDREPORTS_PHOTO_MAX_COUNT:
        raise PhotoError(f"Chỉ được gửi tối đa {settings.FIELDREPORTS_PHOTO_MAX_COUNT} ảnh.")
    return [clean_photo(upload) for upload in uploads]
