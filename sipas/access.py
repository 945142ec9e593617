"""Who runs SIPAS surveys (the Department of Home Affairs' PAR staff, i.e. the appraisal
council's members, and the IT department) and who reads their results (the operations centre
and each agency's leaders, for their own agencies: ioc.access)."""

from accounts.permissions import agencies_where, register_action
from accounts.roles import SYSTEM, SYSTEM_ADMIN, Role
from ioc.access import may_view

register_action("sipas.manage", [Role.APPRAISER, SYSTEM_ADMIN])
# The respondent answers through their one-time link; the platform records it for them.
register_action("sipas.answer", [SYSTEM])


def may_manage(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or agencies_where(user, "sipas.manage")))


def may_use(user) -> bool:
    return may_manage(user) or may_view(user)
