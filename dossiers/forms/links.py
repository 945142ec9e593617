"""The public lookup address printed on form 01 and encoded in its QR code."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from motcua.env import env_str

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
LOOKUP_PATH = "/tra-cuu-ho-so/"  # used until dossiers.urls is included in the project's URLconf


def public_base_url() -> str:
    """PUBLIC_BASE_URL: the address citizens reach the portal at, without a trailing slash.

    Read from Django settings when the project defines it, else from the environment
    (motcua.env), else the development default."""
    value = getattr(settings, "PUBLIC_BASE_URL", None) or env_str("PUBLIC_BASE_URL", DEFAULT_PUBLIC_BASE_URL)
    return value.rstrip("/")


def lookup_path() -> str:
    try:
        return reverse("dossiers:lookup")
    except NoReverseMatch:
        return LOOKUP_PATH


def lookup_url(dossier) -> str:
    """Absolute URL of the public lookup page of `dossier`, code and secret filled in."""
    query = urlencode({"ma": dossier.code or "", "mat-khau": dossier.lookup_secret})
    return f"{public_base_url()}{lookup_path()}?{query}"
