"""Who reaches which PAR INDEX page (the engine checks each action again on its own)."""

from __future__ import annotations

from accounts.permissions import agencies_where, can
from parindex.models import Assessment, AssessmentState


def may_manage(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or agencies_where(user, "parindex.manage")))


def may_use(user) -> bool:
    """Whether the menu offers the PAR INDEX pages: the council, the agencies' leaders and
    administrators, the operations centre, the IT department."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or agencies_where(user, "parindex.view")))


def may_see(user, a: Assessment) -> bool:
    """The agency itself, the council of its round, the round's managers; everyone who may see
    rankings once it is published."""
    if can(user, "parindex.self_assess", a.agency_id) or can(user, "parindex.appraise", a.round.council_agency_id):
        return True
    if can(user, "parindex.manage", a.round.council_agency_id):
        return True
    return a.state == AssessmentState.PUBLISHED and may_use(user)
