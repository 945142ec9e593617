"""Agency and administrative-unit admin, scoped by accounts.permissions."""

from __future__ import annotations

from django.urls import reverse

from units.models import Agency


def change_url(agency):
    return reverse("admin:units_agency_change", args=[agency.pk])


def agency_post(agency, **changes):
    data = {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent_id or "",
        "unit": agency.unit_id,
        "address": agency.address,
        "phone": agency.phone,
        "email": agency.email,
        "working_periods": agency.working_periods,
        "same_day_cutoff": "",
        "is_active": "on",
        "valid_from": agency.valid_from.isoformat(),
        "valid_until": "",
    }
    data.update(changes)
    return data


def test_agency_admin_opens_his_own_agency(client, quan, agency_a):
    client.force_login(quan)

    response = client.get(change_url(agency_a))

    assert response.status_code == 200


def test_agency_admin_cannot_open_another_agency(client, quan, agency_a, agency_b):
    client.force_login(quan)

    response = client.get(change_url(agency_b))

    assert response.status_code in (403, 404)


def test_agency_admin_lists_only_his_agency(client, quan, agency_a, agency_b):
    client.force_login(quan)

    response = client.get(reverse("admin:units_agency_changelist"))

    assert list(response.context["cl"].queryset) == [agency_a]


def test_agency_admin_edits_hours_but_not_the_code(client, quan, agency_a):
    # Given Quân, administrator of the Department of Construction
    client.force_login(quan)

    # When he changes the working hours and, sneakily, the code
    response = client.post(
        change_url(agency_a),
        agency_post(agency_a, working_periods="07:00-11:00,13:00-17:00", code="999.99.99.H99", kind="other"),
    )

    # Then the hours change and the province-level fields do not
    assert response.status_code == 302
    agency_a.refresh_from_db()
    assert agency_a.working_periods == "07:00-11:00,13:00-17:00"
    assert agency_a.code == "000.00.20.H57"
    assert agency_a.kind == Agency.Kind.DEPARTMENT


def test_bad_working_hours_are_explained(client, quan, agency_a):
    client.force_login(quan)

    response = client.post(change_url(agency_a), agency_post(agency_a, working_periods="7h-11h"))

    assert response.status_code == 200
    assert "HH:MM-HH:MM" in response.content.decode()


def test_agency_admin_cannot_add_or_delete_agencies(client, quan, agency_a):
    client.force_login(quan)

    assert client.get(reverse("admin:units_agency_add")).status_code == 403
    assert client.get(reverse("admin:units_agency_delete", args=[agency_a.pk])).status_code == 403


def test_agency_admin_cannot_post_to_another_agency(client, quan, agency_b):
    client.force_login(quan)

    response = client.post(change_url(agency_b), agency_post(agency_b, name="Bị sửa"))

    assert response.status_code in (403, 404)
    agency_b.refresh_from_db()
    assert agency_b.name == "Sở Y tế"


def test_system_admin_edits_everything(client, son, agency_b):
    client.force_login(son)

    response = client.post(change_url(agency_b), agency_post(agency_b, code="000.00.22.H57"))

    assert response.status_code == 302
    agency_b.refresh_from_db()
    assert agency_b.code == "000.00.22.H57"


def test_units_are_view_only_for_an_agency_admin(client, quan, province):
    client.force_login(quan)

    changelist = client.get(reverse("admin:units_administrativeunit_changelist"), {"q": "Huế"})
    change = client.get(reverse("admin:units_administrativeunit_change", args=[province.pk]))

    assert changelist.status_code == 200
    assert list(changelist.context["cl"].queryset) == [province]
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert client.get(reverse("admin:units_administrativeunit_add")).status_code == 403


def test_units_filter_by_level(client, son, province):
    client.force_login(son)

    response = client.get(reverse("admin:units_administrativeunit_changelist"), {"level": "commune"})

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == []
