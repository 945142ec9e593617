"""The agency an officer is working for right now.

A person may hold roles in several agencies (a specialist of a department who also sits at
the service centre's counter). The workspace shows one agency at a time; the choice is kept
in the session and checked against the person's current roles on every request, so a
revoked role stops counting at once.
"""

from __future__ import annotations

from accounts.permissions import agencies_where, roles_in
from units.models import Agency

SESSION_KEY = "workspace_agency"
# The roles that work on dossiers (accounts.permissions: dossier.intake, .step, .lead).
WORK = ("dossier.intake", "dossier.step", "dossier.lead")


def _work_ids(user) -> set[int]:
    return set().union(*(agencies_where(user, action) for action in WORK))


def is_officer(user) -> bool:
    """Holds a dossier role in an active agency: read from the roles already loaded for the
    request, no query (the menu asks this on every page)."""
    return bool(_work_ids(user))


def my_agencies(user) -> list[Agency]:
    ids = _work_ids(user)
    return list(Agency.objects.filter(pk__in=ids, is_active=True).order_by("name")) if ids else []


def current_agency(request) -> Agency | None:
    agencies = my_agencies(request.user)
    if not agencies:
        return None
    chosen = request.session.get(SESSION_KEY)
    return next((a for a in agencies if a.pk == chosen), agencies[0])


def roles_at(user, agency: Agency) -> set[str]:
    return roles_in(user, agency.pk)
