"""Where report photos are kept: never under MEDIA_URL.

A moderator may hide a photo (a face, a licence plate, a home); a public file URL would keep
serving it to anyone who saw the page before. Photos are therefore stored outside the
directory the web server publishes, and served by `views.photo`, which checks visibility on
each request. A deployment on object storage names a private bucket as the
`fieldreports_photos` entry of STORAGES; without one, files go to `private/` beside
MEDIA_ROOT.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property

ALIAS = "fieldreports_photos"


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage beside MEDIA_ROOT with no URL: `.url()` raises instead of leaking."""

    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        # Read lazily so a test's MEDIA_ROOT (setting_changed clears the cache) is honoured.
        return str(Path(settings.MEDIA_ROOT).parent / "private")

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Report photos are served by fieldreports.views.photo, not by URL.")


_private = PrivateFileSystemStorage()


def photo_storage():
    return storages[ALIAS] if ALIAS in settings.STORAGES else _private
