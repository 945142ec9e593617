"""Files never published by URL: field-report photos, dossier attachments, issued forms.

A dossier's papers and its receipt (which carries the lookup secret) belong to the applicant
and the agencies handling it; a public file URL would let anyone who learns or guesses it
read them, and would keep serving a photo a moderator hid. These files are stored outside the
directory the web server publishes and served by views that check the permission on each
request (dossiers/downloads.py, fieldreports.views.photo). A deployment on object storage
names a private bucket as the `private` entry of STORAGES (PRIVATE_FILE_STORAGE_BACKEND);
without one, files go to `private/` beside MEDIA_ROOT.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property

ALIAS = "private"


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
        raise ValueError("Private files are served by views that check permissions, not by URL.")


_fallback = PrivateFileSystemStorage()


def private_storage():
    return storages[ALIAS] if ALIAS in settings.STORAGES else _fallback
