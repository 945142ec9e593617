"""Who may use the workspace: staff holding a dossier role in at least one agency."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from workspace.agency import current_agency


def officer_required(view):
    """Log in first; then the officer's current agency is `request.agency`, or 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        agency = current_agency(request)
        if agency is None:
            raise PermissionDenied("Trang này dành cho cán bộ một cửa, chuyên viên và lãnh đạo các cơ quan giải quyết "
                                   "thủ tục hành chính.")
        request.agency = agency
        return view(request, *args, **kwargs)

    return wrapper
