"""Who may enter the admin at all."""

from __future__ import annotations

from django.urls import reverse


def test_admin_is_titled_in_vietnamese(client, son):
    client.force_login(son)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Quản trị hệ thống một cửa" in response.content.decode()


def test_admin_login_sends_people_to_the_one_login_page(client, db):
    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('accounts:login')}?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_a_plain_specialist_cannot_enter_the_admin(client, minh):
    # Given Minh, a specialist (no administrator role, so not staff)
    client.force_login(minh)

    # When he opens the admin
    response = client.get(reverse("admin:index"))

    # Then he is sent to the login page instead
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert client.get(reverse("admin:units_agency_changelist")).status_code == 302


def test_a_two_factor_account_needs_verification_for_the_admin(client, son):
    # Given Sơn's account requires two factors and his session is not verified
    son.requires_two_factor = True
    son.save()
    client.force_login(son)

    # When he opens the admin, he is refused
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 302


def test_agency_admin_sees_only_what_the_policy_allows_on_the_index(client, quan):
    client.force_login(quan)

    page = client.get(reverse("admin:index")).content.decode()

    assert reverse("admin:units_agency_changelist") in page
    assert reverse("admin:accounts_membership_changelist") in page
    # Django's own permission tables are not his business
    assert reverse("admin:auth_group_changelist") not in page
