"""The public lookup address printed on form 01 and encoded in its QR code."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


def public_base_url() -> str:
    """The address citizens reach the portal at, without a trailing slash (settings.PUBLIC_BASE_URL)."""
    return settings.PUBLIC_BASE_URL.rstrip("/")


def lookup_path() -> str:
    return reverse("dossiers:lookup")


def lookup_url(dossier) -> str:
    """Absolute URL of the public lookup page of `dossier`, code and secret filled in."""
    query = urlencode({"ma": dossier.code or "", "mat-khau": dossier.lookup_secret})
    return f"{public_base_url()}{lookup_path()}?{query}"
