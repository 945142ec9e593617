"""Write paths for accounts: every change of roles goes through these functions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Membership, User
from accounts.permissions import forget_roles
from accounts.roles import Role

# Roles whose holders work in the Django admin (the agency administrator's tool).
ADMIN_SITE_ROLES = frozenset({Role.AGENCY_ADMIN})
# Roles only a person may hold, never an API token's integration account: leaders sign off
# results and administrators manage staff, both behind a second factor in production.
PERSONAL_ROLES = frozenset({Role.LEADER, Role.AGENCY_ADMIN})


@transaction.atomic
def grant_role(user: User, agency, role: str) -> Membership:
    """Give `user` the `role` in `agency` (idempotent), making them staff of kind STAFF
    (an integration account keeps its kind). An integration account never leads or
    administers: signing off results and managing staff need a person with a second factor."""
    if user.kind == User.Kind.INTEGRATION and role in PERSONAL_ROLES:
        raise ValidationError({"role": f"Tài khoản hệ thống tích hợp không được giữ vai trò “{Role(role).label}”: "
                                       "việc này cần một người đăng nhập bằng xác thực hai lớp."})
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    changed = []
    # An integration account holds roles for its API tokens and stays what it is: never a
    # person's staff account (and, holding no personal role, never let into the admin).
    if user.kind not in (User.Kind.STAFF, User.Kind.INTEGRATION):
        user.kind = User.Kind.STAFF
        changed.append("kind")
    if role in ADMIN_SITE_ROLES and not user.is_staff:
        user.is_staff = True
        changed.append("is_staff")
    if changed:
        user.save(update_fields=changed)
    forget_roles(user)
    return membership


@transaction.atomic
def revoke_role(user: User, agency, role: str) -> None:
    Membership.objects.filter(user=user, agency=agency, role=role).update(is_active=False)
    still_admin = Membership.objects.filter(user=user, role__in=ADMIN_SITE_ROLES, is_active=True).exists()
    if user.is_staff and not still_admin and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    forget_roles(user)
