"""The copy of an attached image that is shown to others: the same picture, nothing about where
or with what it was taken.

A phone photo of a document carries EXIF (the GPS position of the applicant's home, the
camera's serial number, the time), often XMP and IPTC blocks that repeat them, JPEG
comments and PNG text chunks. The original is kept byte for byte as the evidence the
applicant submitted (its SHA-256 is in the audit trail) and is served only to whoever
uploaded it; everyone else is served this copy (dossiers/downloads.py).

The copy keeps only what says how to show the pixels (colour profile, transparency, resolution,
gamma); the picture is turned upright as the orientation tag asked, since the tag goes with
EXIF. A JPEG that needs no turning is re-encoded with its own quantisation tables and chroma
subsampling ("keep"), so the copy is as sharp as the original; one that is turned (or the
first frame of an MPO) is re-encoded at quality 95. A PNG is lossless either way. Only the first frame of a
multi-picture file (a phone's MPO, an animated PNG) is kept: that is the photo.

The image has already been parsed and its pixel count bounded by dossiers/files.py.
"""

from __future__ import annotations

import io

from PIL import ExifTags, Image, ImageOps

# Everything else in Image.info (exif, xmp, comment, PNG text, Photoshop/IPTC blocks, ...) is dropped.
KEPT_INFO = ("icc_profile", "transparency", "dpi", "gamma")


def location_free_copy(fileobj) -> bytes:
    """The bytes of the copy of the JPEG or PNG image in `fileobj` (read from the start)."""
    fileobj.seek(0)
    with Image.open(fileobj) as image:
        kind = "PNG" if image.format == "PNG" else "JPEG"  # MPO is a JPEG to every viewer
        image.seek(0)
        image.load()
        turned = image.getexif().get(ExifTags.Base.Orientation, 1) not in (1, None)
        kept = {name: image.info[name] for name in KEPT_INFO if name in image.info}
        picture = ImageOps.exif_transpose(image) if turned else image
        picture.info = dict(kept)
        options: dict = {name: value for name, value in kept.items() if name != "gamma"}
        if kind == "JPEG":
            options.pop("transparency", None)
            # "keep" needs the original's tables, which only an unturned plain JPEG still holds
            if picture.format == "JPEG" and not turned:
                options.update(quality="keep", subsampling="keep")
            else:
                options.update(quality=95)
            # `comment` would otherwise be carried over from the original's info by Pillow.
            options.update(comment=b"", exif=b"", xmp=b"")
        out = io.BytesIO()
        picture.save(out, kind, **options)
    fileobj.seek(0)
    return out.getvalue()
