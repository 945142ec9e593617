from django.shortcuts import redirect, render

from motcua.pagecache import anonymous_page


def popular_versions(limit: int = 6) -> list:
    """The procedures most received in the last year (counted once an hour, the counts the
    catalogue search boosts with), else the catalogue's full-online ones first."""
    from catalogue.models import ProcedureVersion
    from catalogue.search.usage import procedure_usage
    from catalogue.services import current_versions

    counts = procedure_usage()
    ids = sorted(counts, key=lambda pk: (-counts[pk], pk))[:limit]
    current = current_versions().select_related("procedure")
    found = {v.procedure_id: v for v in current.filter(procedure_id__in=ids)}
    chosen = [found[i] for i in ids if i in found]
    if len(chosen) < limit:
        more = current.exclude(procedure_id__in=ids).filter(online_level=ProcedureVersion.OnlineLevel.FULL)
        chosen += list(more.order_by("name", "pk")[:limit - len(chosen)])
    return chosen


@anonymous_page
def home(request):
    return render(request, "home.html", {"popular": popular_versions()})


def language(request, code: str):
    """Switch the public pages' language (a link, so cached pages need no CSRF form) and go back."""
    from django.conf import settings
    from django.utils.http import url_has_allowed_host_and_scheme

    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    response = redirect(back)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax",
                            secure=request.is_secure())
    return response


def start(request):
    """Where a login lands: the officer's queues, the citizen's dossiers, else the home page."""
    user = request.user
    if user.is_authenticated:
        from accounts.permissions import roles_in
        from accounts.roles import CITIZEN
        from workspace.agency import is_officer

        if is_officer(user):
            return redirect("workspace:home")
        if CITIZEN in roles_in(user, None):
            return redirect("portal:mine")
    return redirect("home")
