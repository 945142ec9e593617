"""The one question every permission check asks:
may this user do this action on this object of this agency?

Actions are named strings mapped to the roles that may perform them. A role counts only
in the agency where the user holds it, so a specialist of one department has no rights
over another department's objects. Checks run on the server for every request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied

from accounts.roles import CITIZEN, SYSTEM_ADMIN, Role

# action -> roles allowed. Keep this table the single source of truth; later apps add
# their actions with `register_action` at import time.
POLICY: dict[str, frozenset[str]] = {
    # Administration of an agency: its details, working hours and staff.
    "agency.view": frozenset({Role.AGENCY_ADMIN, Role.LEADER, SYSTEM_ADMIN}),
    "agency.change": frozenset({Role.AGENCY_ADMIN, SYSTEM_ADMIN}),
    "agency.manage_staff": frozenset({Role.AGENCY_ADMIN, SYSTEM_ADMIN}),
    # Province-wide reference data.
    "units.manage": frozenset({SYSTEM_ADMIN}),
    "calendar.manage": frozenset({SYSTEM_ADMIN}),
    # One-stop work of an agency (the dossier engine checks these).
    "dossier.receive": frozenset({Role.COUNTER_OFFICER}),
    "dossier.appraise": frozenset({Role.SPECIALIST}),
    "dossier.approve": frozenset({Role.LEADER}),
    "dossier.return_result": frozenset({Role.COUNTER_OFFICER}),
    "dossier.view": frozenset({Role.COUNTER_OFFICER, Role.SPECIALIST, Role.LEADER, Role.OPERATOR}),
    # Operations centre.
    "ioc.view": frozenset({Role.OPERATOR, Role.LEADER, SYSTEM_ADMIN}),
    # A citizen acting on their own behalf.
    "citizen.submit": frozenset({CITIZEN}),
}


def register_action(action: str, roles: Iterable[str]) -> None:
    if action in POLICY and POLICY[action] != frozenset(roles):
        raise ValueError(f"action {action!r} is already registered with other roles")
    POLICY[action] = frozenset(roles)


def agency_id_of(target: Any) -> int | None:
    """The agency an object belongs to: an Agency itself, or anything with `agency_id`."""
    from units.models import Agency

    if target is None:
        return None
    if isinstance(target, Agency):
        return target.pk
    if isinstance(target, int):
        return target
    return getattr(target, "agency_id", None)


def roles_in(user, agency_id: int | None) -> set[str]:
    """The roles `user` holds in that agency, plus the roles that hold everywhere."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles: set[str] = set()
    if user.is_superuser:
        roles.add(SYSTEM_ADMIN)
    if user.kind in ("citizen", "organisation"):
        roles.add(CITIZEN)
    if agency_id is not None:
        roles |= set(_agency_roles(user).get(agency_id, ()))
    return roles


def _agency_roles(user) -> dict[int, set[str]]:
    # Cached on the user object: one query per request however many checks it makes.
    cache = getattr(user, "_motcua_agency_roles", None)
    if cache is None:
        cache = {}
        for agency_id, role in user.memberships.filter(is_active=True, agency__is_active=True).values_list(
            "agency_id", "role"
        ):
            cache.setdefault(agency_id, set()).add(role)
        user._motcua_agency_roles = cache
    return cache


def agencies_where(user, action: str) -> set[int]:
    """Ids of the agencies where `user` may perform `action` (system admins: see `can`)."""
    allowed = POLICY[action]
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return {agency_id for agency_id, roles in _agency_roles(user).items() if roles & allowed}


def can(user, action: str, target: Any = None) -> bool:
    try:
        allowed = POLICY[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    return bool(roles_in(user, agency_id_of(target)) & allowed)


def require(user, action: str, target: Any = None) -> None:
    if not can(user, action, target):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def forget_roles(user) -> None:
    """Drop the per-request role cache (after memberships change)."""
    if hasattr(user, "_motcua_agency_roles"):
        del user._motcua_agency_roles
