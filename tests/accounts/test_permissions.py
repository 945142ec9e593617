"""accounts.permissions: a role counts only in the agency where it is held."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Membership
from accounts.permissions import Target, agencies_where, can, forget_roles, require
from accounts.roles import Role
from accounts.services import revoke_role
from workflow.actors import SYSTEM

APPRAISE = "dossier.step"  # the work of a step, by whoever holds the role the step names


def step(agency, role=Role.SPECIALIST):
    return Target(agency_id=agency.pk, role=role)


def test_specialist_appraises_in_his_agency_only(minh, agency_a, agency_b):
    assert can(minh, APPRAISE, step(agency_a))
    assert not can(minh, APPRAISE, step(agency_b))


def test_specialist_of_another_agency_is_the_mirror_image(tu, agency_a, agency_b):
    assert can(tu, APPRAISE, step(agency_b))
    assert not can(tu, APPRAISE, step(agency_a))


def test_a_step_asks_for_its_own_role(dung, minh, agency_a):
    # A leader does not take a specialist's step, nor a specialist a leader's.
    assert can(dung, APPRAISE, step(agency_a, Role.LEADER))
    assert not can(dung, APPRAISE, step(agency_a, Role.SPECIALIST))
    assert not can(minh, APPRAISE, step(agency_a, Role.LEADER))


def test_leader_leads_and_specialist_does_not(dung, minh, agency_a):
    assert can(dung, "dossier.lead", agency_a)
    assert not can(minh, "dossier.lead", agency_a)


def test_citizen_submits_without_an_agency(lan, minh):
    assert can(lan, "dossier.submit_online")
    assert not can(minh, "dossier.submit_online")


def test_the_owner_of_an_object_holds_owner_on_it_only(lan, hoa, agency_a):
    assert can(lan, "dossier.hand_in", Target(agency_id=agency_a.pk, owner_id=lan.pk))
    assert not can(lan, "dossier.hand_in", Target(agency_id=agency_a.pk, owner_id=hoa.pk))
    assert can(hoa, "dossier.hand_in", Target(agency_id=agency_a.pk, owner_id=lan.pk))  # the counter, for her


def test_the_platform_holds_only_its_own_role(agency_a):
    assert can(SYSTEM, "dossier.watch")
    assert not can(SYSTEM, "dossier.lead", agency_a)


def test_system_admin_does_not_approve_dossiers(son, agency_a):
    # Administering the system is not deciding on dossiers.
    assert not can(son, "dossier.lead", agency_a)
    assert not can(son, APPRAISE, step(agency_a, Role.LEADER))
    assert can(son, "calendar.manage")


def test_an_inactive_membership_gives_nothing(minh, agency_a):
    Membership.objects.filter(user=minh).update(is_active=False)
    forget_roles(minh)

    assert not can(minh, APPRAISE, step(agency_a))
    assert agencies_where(minh, APPRAISE) == set()


def test_revoking_a_role_takes_effect_at_once(minh, agency_a):
    assert can(minh, APPRAISE, step(agency_a))

    revoke_role(minh, agency_a, "specialist")

    assert not can(minh, APPRAISE, step(agency_a))


def test_an_inactive_agency_gives_nothing(minh, agency_a):
    agency_a.is_active = False
    agency_a.save()

    assert not can(minh, APPRAISE, step(agency_a))


def test_agencies_where_lists_the_agencies_of_the_role(quan, agency_a, agency_b):
    assert agencies_where(quan, "agency.change") == {agency_a.pk}


def test_require_raises_in_vietnamese(minh, agency_b):
    with pytest.raises(PermissionDenied, match="không có quyền"):
        require(minh, APPRAISE, step(agency_b))


def test_an_unknown_action_is_a_programming_error(minh):
    with pytest.raises(ValueError):
        can(minh, "dossier.teleport")
