# ruff: noqa: F811 (fixtures imported from another test package, then asked for by name)
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.files import attach_file
from tests.dossiers.conftest import clock, land_info, pdf_bytes, permit, received  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scanned(received, hoa):
    """The application form of Lan's received dossier, scanned at the counter by Hòa."""
    component = received.procedure_version.components.first()
    return attach_file(received, component, SimpleUploadedFile("don.pdf", pdf_bytes(), "application/pdf"), hoa)
