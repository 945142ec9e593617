"""Who looks after the push to the national portal: the operations centre's operators and the
system administrator (the IT department)."""

from accounts.permissions import agencies_where, register_action
from accounts.roles import SYSTEM_ADMIN, Role

register_action("sync.manage", [Role.OPERATOR, SYSTEM_ADMIN])


def may_manage(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or agencies_where(user, "sync.manage")))
