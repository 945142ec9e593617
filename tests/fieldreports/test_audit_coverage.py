"""A field report's row fingerprint (version 2) covers what moderation decides and the
reporter's contacts, not only its state: an edit behind the engine is found."""

import pytest

from tests.dossiers.test_audit_coverage import problems, sql

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("column", "value"), [("is_hidden", True), ("public_description", "Đã xử lý xong."),
                                               ("contact_phone", "0900000000"), ("reopen_count", 3)])
def test_a_field_reports_moderation_and_contacts_are_fingerprinted(world, lan, lighting, column, value):
    from tests.fieldreports.conftest import report

    r = report(lan, lighting)
    assert problems("--kind", "fieldreport") == ""
    sql(f"UPDATE fieldreports_report SET {column} = %s WHERE id = %s", [value, r.pk])  # noqa: S608
    assert "dòng dữ liệu đã bị sửa ngoài nhật ký" in problems("--kind", "fieldreport")
