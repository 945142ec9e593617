"""The one question every permission check asks:
may this user do this action on this object of this agency?

Actions are named strings mapped to the roles that may perform them. A role counts only
in the agency where the user holds it, so a specialist of one department has no rights
over another department's objects. Checks run on the server for every request.

A check is made on a target: an Agency (or its id), any object with `agency_id`, or a
`Target`, which can also name the account that owns the object (its owner holds OWNER on
it) and the one role the object asks for (a process step names the role that performs it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from accounts.roles import CITIZEN, OWNER, PARTNER, SYSTEM, SYSTEM_ADMIN, Role

# action -> roles allowed. Keep this table the single source of truth; the domain apps add
# their actions with `register_action` next to the state machine that uses them.
POLICY: dict[str, frozenset[str]] = {
    # Administration of an agency: its details, working hours and staff.
    "agency.view": frozenset({Role.AGENCY_ADMIN, Role.LEADER, SYSTEM_ADMIN}),
    "agency.change": frozenset({Role.AGENCY_ADMIN, SYSTEM_ADMIN}),
    "agency.manage_staff": frozenset({Role.AGENCY_ADMIN, SYSTEM_ADMIN}),
    # Province-wide reference data.
    "units.manage": frozenset({SYSTEM_ADMIN}),
    "calendar.manage": frozenset({SYSTEM_ADMIN}),
    # API tokens of external systems reach any agency's dossiers: the IT department issues them.
    "api.manage_tokens": frozenset({SYSTEM_ADMIN}),
}


@dataclass(frozen=True)
class Target:
    """What a permission is checked on.

    `agency_id`: the agency whose roles count. `owner_id`: the account the object belongs to;
    that user holds OWNER on it. `role`: when set, the user must hold exactly this role there
    (and the policy must allow it), as when a process step names the role that performs it.
    """

    agency_id: int | None = None
    owner_id: int | None = None
    role: str | None = None


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
    if getattr(user, "is_system", False):
        return {SYSTEM}
    if getattr(user, "is_partner", False):
        return {PARTNER} if user.is_active else set()
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


def roles_on(user, target: Any) -> set[str]:
    """The roles `user` holds on `target`: those of its agency, and OWNER when it is theirs."""
    roles = roles_in(user, agency_id_of(target))
    owner_id = getattr(target, "owner_id", None)
    if owner_id is not None and roles and getattr(user, "pk", None) == owner_id:
        roles.add(OWNER)
    return roles


def _agency_roles(user) -> dict[int, set[str]]:
    # Cached on the user object: one query per request however many checks it makes.
    cache = getattr(user, "_motcua_agency_roles", None)
    if cache is None:
        cache = {}
        memberships = user.memberships.filter(is_active=True, agency__is_active=True)
        within = getattr(user, "token_agency_ids", None)
        if within is not None:
            # Acting through an API token: only the roles held in the token's agencies count
            # (accounts/tokens.py), whatever else the integration account holds.
            memberships = memberships.filter(agency_id__in=within)
        for agency_id, role in memberships.values_list("agency_id", "role"):
            cache.setdefault(agency_id, set()).add(role)
        user._motcua_agency_roles = cache
    return cache


def agencies_where(user, action: str) -> set[int]:
    """Ids of the agencies where `user` may perform `action` (system admins: see `can`)."""
    allowed = POLICY[action]
    if getattr(user, "is_system", False) or getattr(user, "is_partner", False):
        return set()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return {agency_id for agency_id, roles in _agency_roles(user).items() if roles & allowed}


def can(user, action: str, target: Any = None) -> bool:
    try:
        allowed = POLICY[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    roles = roles_on(user, target)
    required = getattr(target, "role", None) if isinstance(target, Target) else None
    if required is not None:
        return required in allowed and required in roles
    return bool(roles & allowed)


def require(user, action: str, target: Any = None) -> None:
    if not can(user, action, target):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def forget_roles(user) -> None:
    """Drop the per-request role cache (after memberships change)."""
    if hasattr(user, "_motcua_agency_roles"):
        del user._motcua_agency_roles
