"""What the audit trail checks beyond the chains (workflow/chain.py): the files of a dossier
against the events that attached them, the issued forms against their seals, and, when asked,
the stored bytes of both against their recorded SHA-256.

A dossier's attachments are content-addressed (dossiers/models.py): each row's sha256 must be
a file its dossier's `attach_file` events recorded, once per event, and its stored name must be
the one that hash gives. So a file row swapped for another blob, added, removed or pointed at
another dossier's paper is found. An issued form (the receipt carries the lookup secret) is
sealed when it is stored: an HMAC under the audit key of the row's columns, which nobody
without the key can recompute after changing the row.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator

from workflow.chain import BrokenLink, canonical, mac

SEALED_FORM_FIELDS = ("dossier_id", "kind", "event_id", "file", "sha256")


def form_seal(form) -> str:
    return mac(canonical({name: str(getattr(form, name) or "") for name in SEALED_FORM_FIELDS}))


def _form_seal_matches(form) -> bool:
    import hmac

    from workflow.chain import audit_keys

    content = canonical({name: str(getattr(form, name) or "") for name in SEALED_FORM_FIELDS})
    return any(hmac.compare_digest(mac(content, key), form.seal) for key in audit_keys())


def file_breaks(dossiers=None, *, contents: bool = False) -> Iterator[BrokenLink]:
    """Every dossier file that its events do not account for (of `dossiers`, or all)."""
    from dossiers.models import Dossier, DossierEvent, DossierFile

    files = DossierFile.objects.all()
    events = DossierEvent.objects.filter(action="attach_file")
    if dossiers is not None:
        files, events = files.filter(dossier__in=dossiers), events.filter(dossier__in=dossiers)
    attached: dict[int, Counter] = defaultdict(Counter)
    for dossier_id, data in events.values_list("dossier_id", "data").iterator(chunk_size=5000):
        attached[dossier_id][(data or {}).get("file", "")] += 1
    held: dict[int, Counter] = defaultdict(Counter)
    codes = {}
    rows = files.values_list("pk", "dossier_id", "dossier__code", "sha256", "file", "extension")
    for pk, dossier_id, code, sha256, name, extension in rows.iterator(chunk_size=5000):
        codes[dossier_id] = code or ""
        held[dossier_id][sha256] += 1
        if name != f"dossiers/{sha256[:2]}/{sha256}{extension}":
            yield BrokenLink("dossier", dossier_id, 0, f"tệp số {pk} trỏ tới nội dung khác với mã băm đã ghi",
                             code or "")
        elif contents and not _stored_hash_is(DossierFile._meta.get_field("file").storage, name, sha256):
            yield BrokenLink("dossier", dossier_id, 0, f"nội dung tệp số {pk} trong kho lưu trữ đã bị thay đổi "
                                                       "hoặc mất", code or "")
    for dossier_id in sorted(held.keys() | attached.keys()):
        extra, missing = held[dossier_id] - attached[dossier_id], attached[dossier_id] - held[dossier_id]
        if not (extra or missing):
            continue
        code = codes.get(dossier_id) or Dossier.objects.filter(pk=dossier_id).values_list("code", flat=True).first()
        if extra:
            yield BrokenLink("dossier", dossier_id, 0, f"có {sum(extra.values())} tệp không do thao tác đính kèm "
                                                       "nào ghi nhận (thêm hoặc sửa ngoài nhật ký)", code or "")
        if missing:
            yield BrokenLink("dossier", dossier_id, 0, f"mất {sum(missing.values())} tệp đã đính kèm theo nhật ký",
                             code or "")


def form_breaks(dossiers=None, *, contents: bool = False) -> Iterator[BrokenLink]:
    """Every issued form whose row no longer matches its seal (of `dossiers`, or all)."""
    from dossiers.models import IssuedForm

    forms = IssuedForm.objects.select_related("dossier").only(*SEALED_FORM_FIELDS, "seal", "dossier__code")
    if dossiers is not None:
        forms = forms.filter(dossier__in=dossiers)
    storage = IssuedForm._meta.get_field("file").storage
    for form in forms.iterator(chunk_size=2000):
        label = form.dossier.code if form.dossier_id else ""
        if not form.seal or not _form_seal_matches(form):
            yield BrokenLink("dossier", form.dossier_id or 0, 0, f"biểu mẫu {form.kind} số {form.pk} đã bị sửa ngoài "
                                                                  "hệ thống (dấu niêm phong không khớp)", label)
        elif contents and not _stored_hash_is(storage, form.file.name, form.sha256):
            yield BrokenLink("dossier", form.dossier_id or 0, 0, f"nội dung biểu mẫu {form.kind} số {form.pk} trong "
                                                                  "kho lưu trữ đã bị thay đổi hoặc mất", label)


def _stored_hash_is(storage, name: str, expected: str) -> bool:
    digest = hashlib.sha256()
    try:
        with storage.open(name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == expected
