"""Files attached to the components of a dossier.

A file is accepted for what its bytes are, not for what its name says: the type is
sniffed from the content (PDF, JPEG, PNG, and Word/Excel OOXML documents), the stored
extension and content type come from that sniffed type, and the stored name is the
SHA-256 of the content (dossiers.models.component_upload_path), so identical content
is kept once. Every refusal is checked before anything is written: a refused file
leaves no stored blob and no row ("nothing lost on bad input" means the
applicant's dossier is untouched and the message says what to fix).

An image (JPEG, PNG) is also given a copy without its location and camera metadata, shown to
everyone but the uploader; the original is kept byte for byte as evidence (dossiers/images.py).

Attaching does not change the dossier's state, but it is an event of its audit trail,
written through the workflow engine like every other action.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Q

from dossiers.images import location_free_copy
from dossiers.machine import DOSSIER, Code
from dossiers.models import Dossier, DossierFile, component_upload_path, shown_copy_path
from workflow import engine
from workflow.actors import person
from workflow.engine import Change
from workflow.errors import ActionError

ACCEPTED = "PDF, JPG, PNG, DOCX hoặc XLSX"


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str


PDF = FileKind("application/pdf", ".pdf")
JPEG = FileKind("image/jpeg", ".jpg")
PNG = FileKind("image/png", ".png")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")

# The main part's content type in [Content_Types].xml; the macro-enabled variants
# (.docm/.xlsm: "…macroEnabled.main+xml") do not match and are refused.
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_CONTENT_TYPES_MAX = 1024 * 1024


def max_bytes() -> int:
    return settings.DOSSIER_FILE_MAX_BYTES


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.4g}".replace(".", ",")


def attach_file(dossier: Dossier, component, upload, actor) -> DossierFile:
    """Validate `upload` (a Django File/UploadedFile) and attach it to `component` of `dossier`.

    Returns the DossierFile, with `created` False when the same content was already attached
    to that component (a retried upload attaches once: the content hash is the idempotency
    key). Each new attachment is an `attach_file` event in the dossier's audit trail; who may
    attach in which state is the dossier table's `attach_file` rows (dossiers/machine.py).
    Raises ActionDenied (wrong person) or ActionError (wrong state, component or file).
    """
    # Refuse a stranger before reading the file; the engine checks again under the row lock.
    DOSSIER.resolve(dossier, "attach_file", actor)
    if component is not None and component.version_id != dossier.procedure_version_id:
        raise ActionError(
            Code.INVALID_COMPONENT, f"Thành phần “{component}” không thuộc thủ tục của hồ sơ này; "
            "vui lòng chọn một thành phần trong danh sách giấy tờ của thủ tục.", field="component_id",
        )

    name = _clean_name(getattr(upload, "name", "") or "tep")
    sha256, size = _hash(upload, name)
    try:
        kind = sniff(upload)
    except ImageTooLarge as exc:
        raise ActionError(
            Code.FILE_TOO_LARGE, f"Ảnh “{name}” quá lớn để xử lý ({exc}). Vui lòng chụp hoặc quét lại với độ phân "
            "giải thấp hơn (300 dpi là đủ cho giấy tờ) rồi tải lên lại.", field="file",
        ) from None
    if kind is None:
        raise ActionError(
            Code.INVALID_FILE_TYPE, f"Tệp “{name}” không phải {ACCEPTED} (hệ thống kiểm tra nội dung tệp, "
            "không dựa vào tên tệp). Vui lòng chọn lại tệp đúng định dạng.", field="file",
        )

    # Made before the transaction: decoding and encoding hold no lock.
    shown_bytes = location_free_copy(upload) if kind in (JPEG, PNG) else None
    storage = DossierFile._meta.get_field("file").storage
    created_blobs: list[str] = []

    def store(path: str, content) -> str:
        if storage.exists(path):
            return path  # same content already stored: keep one copy
        upload.seek(0)
        saved = storage.save(path, content)
        created_blobs.append(saved)
        stored = _new_blobs.get()
        if stored is not None:
            stored.append(saved)
        return saved

    def effect(locked: Dossier, change: Change) -> None:
        existing = DossierFile.objects.filter(dossier=locked, component=component, sha256=sha256).first()
        if existing is not None:
            existing.created = False
            change.record, change.result = False, existing
            return
        attached = DossierFile(
            dossier=locked, component=component, original_name=name, content_type=kind.content_type,
            extension=kind.extension, size=size, sha256=sha256, uploaded_by=person(actor),
        )
        attached.file.name = store(component_upload_path(attached, name), upload)
        if shown_bytes is not None:
            attached.shown.name = store(shown_copy_path(attached, name), ContentFile(shown_bytes))
        attached.save()
        attached.created = True
        change.result = attached
        change.fields["agency"] = locked.receiving_agency
        change.data = {"file": sha256, "name": name, "size": size, "component": component.name if component else ""}

    try:
        return engine.perform(DOSSIER, dossier.pk, "attach_file", actor, effect=effect).result
    except BaseException:
        for blob in created_blobs:
            storage.delete(blob)
        raise


_new_blobs: ContextVar[list[str] | None] = ContextVar("dossier_new_blobs", default=None)


@contextmanager
def blobs_kept_only_if_committed():
    """Around a transaction attaching several files (an online submission, a counter intake):
    when it fails, the blobs it stored that no row refers to are deleted, so a refusal leaves
    nothing behind. Blobs are content-addressed: one another dossier holds stays.
    Use outside the transaction: `with blobs_kept_only_if_committed(), transaction.atomic():`."""
    token = _new_blobs.set([])
    try:
        yield
    except BaseException:
        storage = DossierFile._meta.get_field("file").storage
        for name in _new_blobs.get() or []:
            if not DossierFile.objects.filter(Q(file=name) | Q(shown=name)).exists():
                storage.delete(name)
        raise
    finally:
        _new_blobs.reset(token)


def _clean_name(name: str) -> str:
    # Only for display: the stored name is the content hash.
    base = os.path.basename(name.replace("\\", "/")).strip() or "tep"
    root, ext = os.path.splitext(base)
    return root[: 255 - len(ext[:20])] + ext[:20]


def _hash(upload, name: str) -> tuple[str, int]:
    """SHA-256 and size, read in chunks; stops as soon as the size limit is passed."""
    limit = max_bytes()
    too_large = ActionError(
        Code.FILE_TOO_LARGE, f"Tệp “{name}” vượt quá {_megabytes(limit)} MB. "
        "Vui lòng nén hoặc chia nhỏ tệp rồi tải lên lại.", field="file",
    )
    declared = getattr(upload, "size", None)
    if declared is not None and declared > limit:
        raise too_large
    digest, size = hashlib.sha256(), 0
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(64 * 1024), b""):
        size += len(chunk)
        if size > limit:
            raise too_large
        digest.update(chunk)
    if size == 0:
        raise ActionError(Code.EMPTY_FILE, f"Tệp “{name}” rỗng (0 byte). Vui lòng chọn lại tệp.", field="file")
    return digest.hexdigest(), size


def sniff(fileobj) -> FileKind | None:
    """The accepted type of the content of `fileobj`, or None. Reads from the start."""
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return _pdf(fileobj)
        if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
            return _image(fileobj)
        if head.startswith(b"PK\x03\x04"):
            return _ooxml(fileobj)
        return None
    finally:
        fileobj.seek(0)


def _pdf(fileobj) -> FileKind | None:
    """A PDF is one that opens and has a page: a `%PDF-` prefix alone proves nothing. Nothing
    but whitespace may follow its last %%EOF that looks like web markup (a PDF/HTML polyglot)."""
    from pypdf import PdfReader

    try:
        if len(PdfReader(fileobj, strict=False).pages) == 0:
            return None
    except Exception:  # pypdf raises many kinds on a broken file; any of them means "not a PDF"
        return None
    fileobj.seek(0)
    content = fileobj.read()
    return None if _MARKUP.search(content[content.rfind(b"%%EOF") + 5:]) else PDF


class ImageTooLarge(Exception):
    """An image whose decoding would cost more than the bounds allow (said in Vietnamese)."""


# Markup that a browser would run if the file were ever served as a page: a file that also
# holds it is a polyglot, made to fool a viewer, not a scan. Tags of three letters or more and
# event handlers: shorter patterns occur by chance in compressed image data.
_MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|svg|iframe|frame|frameset|img|object|embed|meta|link|style|"
    rb"form|input|base|div|span|table|template|math|video|audio|source|marquee|details)[\s/>]"
    rb"|\bon[a-z]{4,}\s*=|javascript:", re.IGNORECASE)
# Bytes a decoded pixel takes, by Pillow mode (wider modes cost more than their pixel count says).
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "LA": 2, "PA": 2, "I;16": 2, "I;16B": 2, "RGB": 3, "YCbCr": 3,
                    "LAB": 3, "HSV": 3, "RGBA": 4, "RGBX": 4, "CMYK": 4, "I": 4, "F": 4}


def _image(fileobj) -> FileKind | None:
    """Pillow confirms the image is what its magic number claims: the header is read, the
    pixel count and the decoded size bounded before decoding (ImageTooLarge), and the whole
    picture decoded."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(fileobj) as image:
            found = image.format
            pixels = image.size[0] * image.size[1]
            decoded = pixels * _BYTES_PER_PIXEL.get(image.mode, 8)
            image.verify()
        if pixels > settings.DOSSIER_IMAGE_MAX_PIXELS or decoded > settings.DOSSIER_IMAGE_MAX_BYTES:
            raise ImageTooLarge(f"{pixels / 1e6:.0f} triệu điểm ảnh; tối đa "
                                f"{settings.DOSSIER_IMAGE_MAX_PIXELS / 1e6:.0f} triệu")
        fileobj.seek(0)
        with Image.open(fileobj) as image:
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    fileobj.seek(0)
    if _MARKUP.search(fileobj.read()):
        return None
    # A phone's multi-picture JPEG (MPO: the photo and a preview or depth map) is a JPEG to every viewer.
    return {"JPEG": JPEG, "MPO": JPEG, "PNG": PNG}.get(found)


def _ooxml(fileobj) -> FileKind | None:
    """A Word or Excel document (not macro-enabled). Only the zip directory and the small
    [Content_Types].xml part are read, so a zip bomb is never inflated."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX:
                return None
            content_types = archive.read(info).decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    found = [kind for main, kind in _OOXML_MAIN.items() if main in content_types]
    return found[0] if len(found) == 1 else None
