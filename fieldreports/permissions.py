"""Field-report actions in the system-wide policy table (accounts.permissions).

Who may do what comes from QĐ 30/2022/QĐ-UBND of Huế (field-reports.md §1): the operations
centre (IOC) receives and dispatches every report, only its authorised staff see the
reporter's identity, and the responsible unit takes, handles and answers the report.
"""

from __future__ import annotations

from django.conf import settings

from accounts.permissions import agencies_where, can, register_action
from accounts.roles import CITIZEN, SYSTEM_ADMIN, Role

# IOC operators triage, dispatch, re-route and moderate; they alone see who reported.
register_action("fieldreport.dispatch", [Role.OPERATOR])
register_action("fieldreport.moderate", [Role.OPERATOR])
register_action("fieldreport.view_identity", [Role.OPERATOR])
# Staff of the responsible unit take, handle, answer, reject or transfer a report.
register_action("fieldreport.handle", [Role.COUNTER_OFFICER, Role.SPECIALIST, Role.LEADER])
# Leaders of a unit are told when its reports pass their deadline (escalation level 1).
register_action("fieldreport.escalation_notice", [Role.LEADER])
# Categories, routing rules, boundaries and Open311 keys are province-wide settings.
register_action("fieldreport.manage", [SYSTEM_ADMIN])
# Login is required to report (QĐ 30/2022): any citizen or organisation account.
register_action("fieldreport.report", [CITIZEN])


def ioc_agency():
    """The operations centre that owns the triage queue (setting, else the first active one)."""
    from units.models import Agency

    code = settings.FIELDREPORTS_IOC_AGENCY_CODE
    qs = Agency.objects.filter(is_active=True)
    if code:
        return qs.filter(code=code).first()
    return qs.filter(kind=Agency.Kind.OPERATIONS_CENTER).order_by("code").first()


def is_operator(user, action: str = "fieldreport.dispatch") -> bool:
    """True when `user` holds `action` at the operations centre (not at any other agency)."""
    if not getattr(user, "is_authenticated", False):
        return False
    ioc = ioc_agency()
    return ioc is not None and can(user, action, ioc)


def handling_agency_ids(user) -> set[int]:
    return agencies_where(user, "fieldreport.handle")


def may_handle(user, report) -> bool:
    return report.agency_id is not None and can(user, "fieldreport.handle", report.agency_id)
