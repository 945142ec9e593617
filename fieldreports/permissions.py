"""Field-report actions in the system-wide policy table (accounts.permissions).

Who may do what comes from QĐ 30/2022/QĐ-UBND of Thừa Thiên Huế (docs/domain/field-reports.md):
the operations centre (IOC) receives and dispatches every report, only its authorised staff
see the reporter's identity, and the responsible unit takes, handles and answers the report.
"""

from __future__ import annotations

from django.conf import settings

from accounts.permissions import agencies_where, can, register_action
from accounts.roles import CITIZEN, OWNER, PARTNER, SYSTEM, SYSTEM_ADMIN, Role
from motcua import stamps

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
# Login is required to report (QĐ 30/2022): any citizen or organisation account, or a partner
# application (Open311) with its key.
register_action("fieldreport.report", [CITIZEN, PARTNER])
# The reporter, on their own answered report: rate it or reopen it (DIGIT PGR's rule).
register_action("fieldreport.follow_up", [OWNER])
# The platform: routing by rule at submission, and the escalation sweep.
register_action("fieldreport.watch", [SYSTEM])

# Every permission check of the triage queue asks for the IOC agency: each process keeps it,
# and a saved agency bumps its stamp (fieldreports/signals.py, motcua/stamps.py).
AGENCIES_STAMP = "units.agencies"


def ioc_agency():
    """The operations centre that owns the triage queue (setting, else the first active one)."""
    key = settings.FIELDREPORTS_IOC_AGENCY_CODE

    def find():
        from units.models import Agency

        qs = Agency.objects.filter(is_active=True)
        return qs.filter(code=key).first() if key else qs.filter(kind=Agency.Kind.OPERATIONS_CENTER).order_by(
            "code").first()

    return stamps.cached(AGENCIES_STAMP, find, key=key)


def forget_ioc_agency() -> None:
    stamps.forget(AGENCIES_STAMP)


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
