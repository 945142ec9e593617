"""The procedure-version admin: scoping by agency, frozen published versions, drafts,
publishing with an effective date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from catalogue.models import Procedure, ProcedureVersion
from catalogue.specs import StepSpecRow, write_spec
from tests.catalogue.conftest import building_permit_spec

CHANGELIST = "admin:catalogue_procedureversion_changelist"


def change_url(version):
    return reverse("admin:catalogue_procedureversion_change", args=[version.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def draft_a(agency_a):
    """A draft of agency A, nothing published yet."""
    return write_spec(building_permit_spec(agency_a, code="1.009996", effective_from=None))


@pytest.fixture
def draft_b(agency_b):
    return write_spec(building_permit_spec(agency_b, code="1.009995", effective_from=None))


@pytest.fixture
def broken_draft_a(agency_a):
    """A draft whose process stops after the first step and misses the time limit."""
    steps = [
        StepSpecRow("Tiếp nhận hồ sơ", "counter_officer", "receiving", Decimal("4"), ["refuse"]),
        StepSpecRow("Trả kết quả", "counter_officer", "receiving", Decimal("4"), ["return_result"]),
    ]
    return write_spec(building_permit_spec(agency_a, code="1.009997", effective_from=None, steps=steps))


def version_post(version, **changes):
    """The change form of a draft as the browser would post it, inlines included."""
    data = {
        "name": version.name, "field": version.field_id, "competent_agency": version.competent_agency_id,
        "receiving_agency": version.receiving_agency_id, "time_limit_kind": version.time_limit_kind,
        "time_limit_value": version.time_limit_value or "", "time_limit_note": version.time_limit_note,
        "result_type": version.result_type, "result_name": version.result_name,
        "online_level": version.online_level, "requirements": version.requirements, "fee_note": version.fee_note,
    }
    for flag in ("level_central", "level_province", "level_commune", "for_citizens", "for_organisations",
                 "is_lien_thong"):
        if getattr(version, flag):
            data[flag] = "on"
    for prefix, rows, fields in (
        ("legal_bases", version.legal_bases.all(), ("order", "number", "title", "article")),
        ("fees", version.fees.all(), ("order", "name", "amount", "note")),
        ("components", version.components.all(), ("order", "name", "originals", "certified_copies", "copies",
                                                  "requirement", "condition")),
        ("steps", version.steps.all(), ("order", "name", "role", "performer", "budget_hours")),
    ):
        rows = list(rows)
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-version"] = version.pk
            for name in fields:
                data[f"{prefix}-{i}-{name}"] = getattr(row, name)
            if prefix == "steps":
                data[f"{prefix}-{i}-actions"] = list(row.actions)
            if prefix == "fees" and row.online_amount is not None:
                data[f"{prefix}-{i}-online_amount"] = row.online_amount
            if prefix == "components":
                for flag in ("must_digitize", "reusable"):
                    if getattr(row, flag):
                        data[f"{prefix}-{i}-{flag}"] = "on"
    data.update(changes)
    return data


# --- scope ---------------------------------------------------------------------------------


def test_agency_admin_opens_a_version_of_his_agency(client, quan, permit):
    client.force_login(quan)

    response = client.get(change_url(permit))

    assert response.status_code == 200


def test_agency_admin_gets_404_for_another_agencys_version(client, quan, draft_b):
    client.force_login(quan)

    response = client.get(change_url(draft_b))

    assert response.status_code == 404


def test_agency_admin_lists_only_his_agencys_versions(client, quan, permit, draft_b):
    client.force_login(quan)

    response = client.get(reverse(CHANGELIST))

    assert list(response.context["cl"].queryset) == [permit]


def test_system_admin_lists_every_version(client, son, permit, draft_b):
    client.force_login(son)

    response = client.get(reverse(CHANGELIST))

    assert set(response.context["cl"].queryset) == {permit, draft_b}


def test_agency_admin_can_choose_only_his_agencies_as_competent_agency(client, quan, draft_a, agency_b):
    # Given Quân editing a draft of his department
    client.force_login(quan)
    choices = client.get(change_url(draft_a)).context["adminform"].form.fields["competent_agency"].queryset
    assert list(choices) == [draft_a.competent_agency]

    # When he forges a post that hands the draft to agency B
    response = client.post(change_url(draft_a), version_post(draft_a, competent_agency=agency_b.pk))

    # Then the form refuses it and the draft stays his
    assert response.status_code == 200
    assert "competent_agency" in response.context["adminform"].form.errors
    draft_a.refresh_from_db()
    assert draft_a.competent_agency.code == "000.00.20.H57"


# --- drafts and published versions ----------------------------------------------------------


def test_a_draft_is_edited_with_step_actions_as_checkboxes(client, quan, draft_a):
    # Given Quân on the change page of a draft: the step actions are checkboxes
    client.force_login(quan)
    page = client.get(change_url(draft_a))
    assert 'type="checkbox" name="steps-0-actions" value="forward"' in page.content.decode()

    # When he ticks "Yêu cầu bổ sung" on the first step and renames the version
    data = version_post(draft_a, name="Cấp giấy phép xây dựng (sửa đổi)")
    data["steps-0-actions"] = ["forward", "request_supplement", "refuse"]
    response = client.post(change_url(draft_a), data)

    # Then the draft is saved with the ticked actions
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft_a.refresh_from_db()
    assert draft_a.name == "Cấp giấy phép xây dựng (sửa đổi)"
    assert draft_a.steps.first().actions == ["forward", "request_supplement", "refuse"]


def test_a_published_version_is_read_only(client, quan, permit):
    client.force_login(quan)

    response = client.get(change_url(permit))

    content = response.content.decode()
    assert response.context["has_change_permission"] is False
    assert 'name="_save"' not in content
    assert 'name="name"' not in content and 'name="steps-0-actions"' not in content
    assert "Chuyển bước tiếp theo, Từ chối" in content  # actions shown by their labels


def test_a_forged_post_to_a_published_version_changes_nothing(client, quan, son, permit):
    for user in (quan, son):
        client.force_login(user)

        response = client.post(change_url(permit), version_post(permit, name="Tên bị sửa trái phép"))

        assert response.status_code == 403
        permit.refresh_from_db()
        assert permit.name == "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"


def test_a_published_version_cannot_be_deleted(client, son, permit):
    client.force_login(son)

    response = client.post(reverse("admin:catalogue_procedureversion_delete", args=[permit.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert ProcedureVersion.objects.filter(pk=permit.pk).exists()


def test_agency_admin_creates_a_new_procedure_as_a_draft(client, quan, agency_a, permit):
    client.force_login(quan)
    data = version_post(permit, procedure_code="1.010001", name="Cấp giấy phép di dời công trình")
    data = {k: v for k, v in data.items() if not k.startswith(("legal_bases-", "fees-", "components-", "steps-"))}
    for prefix in ("legal_bases", "fees", "components", "steps"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})

    response = client.post(reverse("admin:catalogue_procedureversion_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    version = ProcedureVersion.objects.get(procedure__code="1.010001")
    assert (version.number, version.state, version.competent_agency) == (1, "draft", agency_a)


def test_the_add_page_refuses_an_existing_procedure_code(client, quan, permit):
    client.force_login(quan)
    data = {"procedure_code": permit.procedure.code}

    response = client.post(reverse("admin:catalogue_procedureversion_add"), data)

    assert "procedure_code" in response.context["adminform"].form.errors
    assert "Tạo bản nháp mới" in response.context["adminform"].form.errors["procedure_code"][0]


# --- actions ---------------------------------------------------------------------------------


def test_start_draft_action_copies_the_published_version(client, quan, permit):
    client.force_login(quan)

    response = client.post(reverse(CHANGELIST), {"action": "start_drafts", "_selected_action": [permit.pk],
                                                 "index": 0}, follow=True)

    draft = ProcedureVersion.objects.get(procedure=permit.procedure, state="draft")
    assert draft.number == 2 and draft.steps.count() == 4
    assert "Đã tạo bản nháp phiên bản 2 cho thủ tục 1.009994." in messages_of(response)


def test_publish_action_asks_for_the_effective_date(client, quan, draft_a):
    client.force_login(quan)

    response = client.post(reverse(CHANGELIST), {"action": "publish_versions", "_selected_action": [draft_a.pk],
                                                 "index": 0})

    assert response.status_code == 200
    assert response.templates[0].name == "catalogue/admin/publish.html"
    assert "effective_from" in response.context["form"].fields


def test_publish_action_publishes_from_the_given_date(client, quan, draft_a):
    client.force_login(quan)

    response = client.post(reverse(CHANGELIST), {
        "action": "publish_versions", "_selected_action": [draft_a.pk], "apply": "1",
        "effective_from": "01/08/2025",
    }, follow=True)

    draft_a.refresh_from_db()
    assert draft_a.is_published and draft_a.effective_from == date(2025, 8, 1)
    assert draft_a.published_by == quan
    assert "Đã công bố 1.009996 phiên bản 1, hiệu lực từ 01/08/2025." in messages_of(response)


def test_publish_action_shows_every_process_problem(client, quan, broken_draft_a):
    # Given Quân publishing a draft whose process is broken
    client.force_login(quan)

    # When he publishes it
    response = client.post(reverse(CHANGELIST), {
        "action": "publish_versions", "_selected_action": [broken_draft_a.pk], "apply": "1",
        "effective_from": "01/08/2025",
    }, follow=True)

    # Then it stays a draft and each problem is a message
    broken_draft_a.refresh_from_db()
    assert broken_draft_a.state == "draft"
    shown = messages_of(response)
    assert any("Bước 1: không có thao tác chuyển tiếp" in m for m in shown)
    assert any("Tổng thời gian các bước là 8 giờ làm việc" in m for m in shown)


def test_agency_admin_cannot_publish_another_agencys_draft(client, quan, draft_a, draft_b):
    # Given Quân, who forges the action with agency B's draft in the selection
    client.force_login(quan)

    client.post(reverse(CHANGELIST), {
        "action": "publish_versions", "_selected_action": [draft_b.pk], "apply": "1",
        "effective_from": "01/08/2025",
    }, follow=True)

    # Then agency B's draft is untouched
    draft_b.refresh_from_db()
    assert draft_b.state == "draft"


def test_export_action_downloads_the_selection(client, quan, permit):
    client.force_login(quan)

    response = client.post(reverse(CHANGELIST), {"action": "export_excel", "_selected_action": [permit.pk],
                                                 "index": 0})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]


def test_export_button_respects_the_changelist_filters(client, son, permit, draft_b):
    from catalogue.excel import read_cells

    client.force_login(son)

    response = client.get(reverse("admin:catalogue_procedureversion_export"), {"state__exact": "draft"})

    rows = read_cells(response.content)["Thủ tục"][1:]
    assert [r[0] for r in rows] == [draft_b.procedure.code]


def test_procedure_list_shows_the_current_name_and_latest_state(client, son, permit):
    from catalogue.services import start_draft

    start_draft(permit.procedure)
    client.force_login(son)

    response = client.get(reverse("admin:catalogue_procedure_changelist"))

    content = response.content.decode()
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in content
    assert "Bản nháp" in content
    assert Procedure.objects.count() == 1


def test_agency_admin_sees_fields_but_does_not_edit_them(client, quan, permit):
    client.force_login(quan)

    listing = client.get(reverse("admin:catalogue_field_changelist"))
    change = client.post(reverse("admin:catalogue_field_change", args=[permit.field_id]),
                         {"code": "xay-dung", "name": "Đổi tên"})

    assert listing.status_code == 200
    assert change.status_code == 403
