"""What the audit trail covers beyond the chains and the first row fingerprint: whose dossier
it is online and who holds it, its files against the events that attached them, its issued
forms against their seals, and the stored bytes when asked (--files). Rows fingerprinted by
the first version still verify. (A field report's: tests/fieldreports/test_audit_coverage.py.)"""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from dossiers import actions
from dossiers.files import attach_file
from dossiers.forms.issue import issue_form
from dossiers.machine import DOSSIER
from dossiers.models import DossierEvent, DossierFile, IssuedForm
from tests.dossiers.conftest import pdf_bytes
from workflow import chain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def filed(received, hoa, minh):
    """Lan's dossier with the application form attached, its receipt issued, then assigned."""
    component = received.procedure_version.components.first()
    attach_file(received, component, SimpleUploadedFile("don.pdf", pdf_bytes(), "application/pdf"), hoa)
    attach_file(received, component, SimpleUploadedFile("ban-ve.pdf", pdf_bytes("Bản vẽ"), "application/pdf"), hoa)
    issue_form(received, "01")
    return actions.forward(received, hoa, assignee=minh).dossier


def problems(*args) -> str:
    err = StringIO()
    try:
        call_command("verify_events", *args, stdout=StringIO(), stderr=err)
    except CommandError as failure:
        return f"{failure}\n{err.getvalue()}"
    return ""


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def test_an_intact_dossier_with_files_and_forms_verifies(filed):
    assert problems() == "" and problems("--files") == "" and problems("--dossier", filed.code) == ""


def test_the_owner_and_the_assignee_are_fingerprinted(filed, lan, dung):
    sql("UPDATE dossiers_dossier SET submitted_by_id = %s WHERE id = %s", [lan.pk, filed.pk])
    assert "dòng dữ liệu đã bị sửa ngoài nhật ký" in problems()
    sql("UPDATE dossiers_dossier SET submitted_by_id = NULL, assignee_id = %s WHERE id = %s", [dung.pk, filed.pk])
    assert "dòng dữ liệu đã bị sửa ngoài nhật ký" in problems("--dossier", filed.code)


def test_a_file_pointed_at_another_blob_is_found(filed):
    first, second = DossierFile.objects.filter(dossier=filed).order_by("pk")
    sql("UPDATE dossiers_dossierfile SET file = %s WHERE id = %s", [second.file.name, first.pk])
    assert "trỏ tới nội dung khác với mã băm" in problems()


def test_a_file_row_swapped_for_another_attached_elsewhere_is_found(filed, permit, hoa):
    other = actions.receive(actions.submit(permit, filed_applicant(), hoa, channel=1).dossier, hoa).dossier
    attach_file(other, None, SimpleUploadedFile("khac.pdf", pdf_bytes("Giấy khác"), "application/pdf"), hoa)
    stranger = DossierFile.objects.get(dossier=other)
    mine = DossierFile.objects.filter(dossier=filed).first()
    sql("UPDATE dossiers_dossierfile SET sha256 = %s, file = %s, extension = %s WHERE id = %s",
        [stranger.sha256, stranger.file.name, stranger.extension, mine.pk])
    report = problems()
    assert "không do thao tác đính kèm nào ghi nhận" in report and "mất 1 tệp đã đính kèm" in report


def test_a_file_row_removed_or_added_is_found(filed):
    row = DossierFile.objects.filter(dossier=filed).first()
    sql("DELETE FROM dossiers_dossierfile WHERE id = %s", [row.pk])
    assert "mất 1 tệp đã đính kèm theo nhật ký" in problems()


def test_stored_bytes_are_compared_only_when_asked(filed):
    row = DossierFile.objects.filter(dossier=filed).first()
    with row.file.storage.open(row.file.name, "wb") as handle:
        handle.write(b"%PDF-1.4 something else")
    assert problems() == ""
    assert "trong kho lưu trữ đã bị thay đổi hoặc mất" in problems("--files")


def test_an_issued_form_edited_in_the_database_is_found(filed):
    form = IssuedForm.objects.get(dossier=filed)
    sql("UPDATE dossiers_issuedform SET file = %s WHERE id = %s", ["forms/2025/03/gia-mao.pdf", form.pk])
    assert "dấu niêm phong không khớp" in problems()


def test_an_issued_form_whose_bytes_changed_is_found_with_files(filed):
    form = IssuedForm.objects.get(dossier=filed)
    with form.file.storage.open(form.file.name, "wb") as handle:
        handle.write(b"%PDF-1.4 a receipt without the secret")
    assert problems() == ""
    assert "nội dung biểu mẫu 01" in problems("--files")


def test_a_row_fingerprinted_by_the_first_version_still_verifies_on_its_columns(filed, lan):
    """Events written before version 2 carry an unprefixed digest of the first list of columns."""
    last = DossierEvent.objects.filter(dossier=filed).order_by("-seq").first()
    values = chain.row_values(DOSSIER, type(filed).objects.get(pk=filed.pk))
    legacy = chain.mac(chain._row_content(values, DOSSIER.legacy_row_fields[1]))
    last.row_digest = legacy
    last.hash = chain.event_hash(last, last.prev_hash)
    sql("UPDATE dossiers_dossierevent SET row_digest = %s, hash = %s WHERE id = %s", [legacy, last.hash, last.pk])
    sql("UPDATE dossiers_dossier SET last_event_hash = %s WHERE id = %s", [last.hash, filed.pk])
    assert problems() == ""
    sql("UPDATE dossiers_dossier SET applicant_name = %s WHERE id = %s", ["Người khác", filed.pk])
    assert "dòng dữ liệu đã bị sửa ngoài nhật ký" in problems()


def test_new_events_name_the_version_of_their_fingerprint(filed):
    digest = DossierEvent.objects.filter(dossier=filed).order_by("-seq").first().row_digest
    assert digest.startswith(f"{DOSSIER.row_version}:") and len(digest) == 66


def test_users_who_own_or_handle_a_dossier_cannot_be_deleted(filed, minh):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        minh.delete()


def filed_applicant():
    from dossiers.actions import Applicant

    return Applicant("citizen", "046190000999", "Lê Thị Hoa", "3 Hùng Vương", "0905000999", "")


def test_the_event_tables_hold_a_versioned_fingerprint():
    """The column took 64 characters before fingerprints named their version ("2:" and 64 more):
    the migrations widen it on every database, including one keyed before the version existed."""
    from django.db import connection

    from fieldreports.models import ReportEvent

    for model in (DossierEvent, ReportEvent):
        with connection.cursor() as cursor:
            columns = connection.introspection.get_table_description(cursor, model._meta.db_table)
        size = next(c.internal_size for c in columns if c.name == "row_digest")
        assert size is None or size >= 66, model  # SQLite reports no size and stores any length
