"""accounts.permissions: a role counts only in the agency where it is held."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Membership
from accounts.permissions import agencies_where, can, forget_roles, require
from accounts.services import revoke_role


def test_specialist_appraises_in_his_agency_only(minh, agency_a, agency_b):
    assert can(minh, "dossier.appraise", agency_a)
    assert not can(minh, "dossier.appraise", agency_b)


def test_specialist_of_another_agency_is_the_mirror_image(tu, agency_a, agency_b):
    assert can(tu, "dossier.appraise", agency_b)
    assert not can(tu, "dossier.appraise", agency_a)


def test_leader_approves_and_specialist_does_not(dung, minh, agency_a):
    assert can(dung, "dossier.approve", agency_a)
    assert not can(minh, "dossier.approve", agency_a)


def test_citizen_submits_without_an_agency(lan, minh):
    assert can(lan, "citizen.submit")
    assert not can(minh, "citizen.submit")


def test_system_admin_does_not_approve_dossiers(son, agency_a):
    # Administering the system is not deciding on dossiers.
    assert not can(son, "dossier.approve", agency_a)
    assert can(son, "calendar.manage")


def test_an_inactive_membership_gives_nothing(minh, agency_a):
    Membership.objects.filter(user=minh).update(is_active=False)
    forget_roles(minh)

    assert not can(minh, "dossier.appraise", agency_a)
    assert agencies_where(minh, "dossier.appraise") == set()


def test_revoking_a_role_takes_effect_at_once(minh, agency_a):
    assert can(minh, "dossier.appraise", agency_a)

    revoke_role(minh, agency_a, "specialist")

    assert not can(minh, "dossier.appraise", agency_a)


def test_an_inactive_agency_gives_nothing(minh, agency_a):
    agency_a.is_active = False
    agency_a.save()

    assert not can(minh, "dossier.appraise", agency_a)


def test_agencies_where_lists_the_agencies_of_the_role(quan, agency_a, agency_b):
    assert agencies_where(quan, "agency.change") == {agency_a.pk}


def test_require_raises_in_vietnamese(minh, agency_b):
    with pytest.raises(PermissionDenied, match="không có quyền"):
        require(minh, "dossier.appraise", agency_b)


def test_an_unknown_action_is_a_programming_error(minh):
    with pytest.raises(ValueError):
        can(minh, "dossier.teleport")
