"""Staff administration: memberships and user accounts, scoped to the administrator's agencies."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Membership, User
from accounts.roles import Role

MEMBERSHIPS = reverse("admin:accounts_membership_changelist")
ADD_MEMBERSHIP = reverse("admin:accounts_membership_add")
USERS = reverse("admin:accounts_user_changelist")
ADD_USER = reverse("admin:accounts_user_add")


def test_agency_admin_sees_only_memberships_of_his_agency(client, quan, hoa, minh, tu, agency_a):
    client.force_login(quan)

    response = client.get(MEMBERSHIPS)

    shown = list(response.context["cl"].queryset)
    assert response.status_code == 200
    assert {m.user.username for m in shown} == {"quan", "hoa", "minh"}
    assert {m.agency_id for m in shown} == {agency_a.pk}


def test_agency_admin_gets_404_on_a_membership_of_another_agency(client, quan, tu):
    client.force_login(quan)
    membership = Membership.objects.get(user=tu)

    response = client.get(reverse("admin:accounts_membership_change", args=[membership.pk]))

    assert response.status_code == 404


def test_agency_admin_grants_a_role_in_his_agency(client, quan, minh, agency_a):
    # Given Minh is a specialist of agency A
    client.force_login(quan)

    # When Quân makes him a leader too
    response = client.post(ADD_MEMBERSHIP, {"user": minh.pk, "agency": agency_a.pk, "role": Role.LEADER})

    # Then the new role exists
    assert response.status_code == 302
    assert Membership.objects.filter(user=minh, agency=agency_a, role=Role.LEADER, is_active=True).exists()


def test_agency_admin_cannot_grant_a_role_in_another_agency(client, quan, minh, agency_b):
    client.force_login(quan)

    # When Quân forges a POST for agency B (not offered in his form)
    response = client.post(ADD_MEMBERSHIP, {"user": minh.pk, "agency": agency_b.pk, "role": Role.LEADER})

    # Then the form refuses it and nothing is written
    assert response.status_code == 200
    assert "agency" in response.context["adminform"].form.errors
    assert not Membership.objects.filter(agency=agency_b, user=minh).exists()


def test_agency_admin_cannot_pick_a_user_outside_his_agencies(client, quan, tu, agency_a):
    client.force_login(quan)

    response = client.post(ADD_MEMBERSHIP, {"user": tu.pk, "agency": agency_a.pk, "role": Role.LEADER})

    assert response.status_code == 200
    assert not Membership.objects.filter(agency=agency_a, user=tu).exists()


def test_granting_agency_admin_makes_the_user_staff(client, son, minh, agency_a):
    client.force_login(son)
    assert not minh.is_staff

    response = client.post(ADD_MEMBERSHIP, {"user": minh.pk, "agency": agency_a.pk, "role": Role.AGENCY_ADMIN})

    assert response.status_code == 302
    minh.refresh_from_db()
    assert minh.is_staff


def test_deactivating_the_last_admin_role_removes_staff(client, son, quan, agency_a):
    client.force_login(son)
    membership = Membership.objects.get(user=quan, role=Role.AGENCY_ADMIN)

    response = client.post(reverse("admin:accounts_membership_change", args=[membership.pk]), {})

    assert response.status_code == 302
    membership.refresh_from_db()
    quan.refresh_from_db()
    assert not membership.is_active
    assert not quan.is_staff


def test_agency_admin_cannot_delete_memberships(client, quan, minh):
    client.force_login(quan)
    membership = Membership.objects.get(user=minh)

    assert client.get(reverse("admin:accounts_membership_delete", args=[membership.pk])).status_code == 403


def test_agency_admin_sees_only_users_of_his_agencies(client, quan, hoa, minh, tu, son, lan):
    client.force_login(quan)

    response = client.get(USERS)

    assert {u.username for u in response.context["cl"].queryset} == {"quan", "hoa", "minh"}


def test_agency_admin_cannot_open_a_superuser(client, quan, son, agency_a):
    # Even a superuser who is also a member of his agency
    from accounts.services import grant_role

    grant_role(son, agency_a, Role.LEADER)
    client.force_login(quan)

    response = client.get(reverse("admin:accounts_user_change", args=[son.pk]))

    assert response.status_code == 404


def test_agency_admin_edits_a_colleague_but_not_the_superuser_flag(client, quan, minh):
    client.force_login(quan)
    url = reverse("admin:accounts_user_change", args=[minh.pk])
    form = client.get(url).context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields

    response = client.post(
        url,
        {
            "username": "minh",
            "full_name": "Lê Văn Minh",
            "email": "",
            "phone": "0234 3822 111",
            "citizen_id": "",
            "tax_code": "",
            "requires_two_factor": "on",
            "is_active": "on",
            "is_superuser": "on",
        },
    )

    assert response.status_code == 302
    minh.refresh_from_db()
    assert minh.phone == "0234 3822 111"
    assert minh.requires_two_factor
    assert not minh.is_superuser


def test_agency_admin_creates_a_staff_account_in_his_agency(client, quan, agency_a, agency_b):
    client.force_login(quan)
    form = client.get(ADD_USER).context["adminform"].form
    assert list(form.fields["agency"].queryset) == [agency_a]

    response = client.post(
        ADD_USER,
        {
            "username": "thu",
            "usable_password": "true",
            "password1": "mat-khau-rat-dai-2025",
            "password2": "mat-khau-rat-dai-2025",
            "kind": "staff",
            "full_name": "Ngô Thị Thu",
            "agency": agency_a.pk,
            "role": Role.COUNTER_OFFICER,
        },
    )

    assert response.status_code == 302
    thu = User.objects.get(username="thu")
    assert thu.kind == User.Kind.STAFF
    assert thu.check_password("mat-khau-rat-dai-2025")
    assert Membership.objects.filter(user=thu, agency=agency_a, role=Role.COUNTER_OFFICER).exists()


def test_agency_admin_cannot_create_an_account_for_another_agency(client, quan, agency_b):
    client.force_login(quan)

    response = client.post(
        ADD_USER,
        {
            "username": "thu",
            "usable_password": "true",
            "password1": "mat-khau-rat-dai-2025",
            "password2": "mat-khau-rat-dai-2025",
            "kind": "staff",
            "full_name": "Ngô Thị Thu",
            "agency": agency_b.pk,
            "role": Role.COUNTER_OFFICER,
        },
    )

    assert response.status_code == 200
    assert not User.objects.filter(username="thu").exists()


def test_superuser_creates_a_citizen_account_with_checked_id(client, son):
    client.force_login(son)
    data = {
        "username": "046190000999",
        "usable_password": "true",
        "password1": "mat-khau-rat-dai-2025",
        "password2": "mat-khau-rat-dai-2025",
        "kind": "citizen",
        "full_name": "Trần Văn Bình",
        "citizen_id": "000190000999",
    }

    refused = client.post(ADD_USER, data)
    assert refused.status_code == 200
    assert "không phải mã tỉnh" in refused.content.decode()

    accepted = client.post(ADD_USER, {**data, "citizen_id": "046190000999"})
    assert accepted.status_code == 302
    assert User.objects.get(username="046190000999").citizen_id == "046190000999"


def test_user_autocomplete_is_scoped_too(client, quan, minh, tu, lan):
    client.force_login(quan)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "membership", "field_name": "user", "term": ""},
    )

    assert response.status_code == 200
    assert {row["text"] for row in response.json()["results"]} == {"Hoàng Minh Quân", "Lê Văn Minh"}
