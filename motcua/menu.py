"""The site menu: the public pages for everyone, and for a logged-in person the pages of their
work (a page nobody can reach from the menu does not exist for its users)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def menu(request) -> dict:
    links = [(reverse("catalogue:list"), _("Thủ tục hành chính")), (reverse("dossiers:lookup"), _("Tra cứu hồ sơ")),
             (reverse("fieldreports:feed"), _("Phản ánh hiện trường")), (reverse("statistics"), _("Thống kê"))]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from accounts.permissions import roles_in
        from accounts.roles import CITIZEN
        from fieldreports.permissions import handling_agency_ids, is_operator
        from ioc.access import may_view
        from parindex.access import may_use as may_use_parindex
        from sipas.access import may_use as may_use_sipas
        from sync.access import may_manage as may_manage_sync
        from workspace.agency import is_officer

        if is_officer(user):
            links.insert(0, (reverse("workspace:home"), _("Hồ sơ cần xử lý")))
        if CITIZEN in roles_in(user, None):
            links.insert(0, (reverse("portal:mine"), _("Hồ sơ của tôi")))
        if may_view(user):
            links.append((reverse("ioc:dashboard"), _("Điều hành")))
        if is_operator(user):
            links.append((reverse("fieldreports:ioc-queue"), _("Điều phối phản ánh")))
        if may_use_parindex(user):
            links.append((reverse("parindex:home"), _("Chỉ số CCHC")))
        if may_use_sipas(user):
            links.append((reverse("sipas:home"), _("Khảo sát SIPAS")))
        if may_manage_sync(user):
            links.append((reverse("sync:overview"), _("Đồng bộ Cổng DVCQG")))
        if handling_agency_ids(user):
            links.append((reverse("fieldreports:unit-queue"), _("Phản ánh của đơn vị")))
        if CITIZEN in roles_in(user, None):
            links.append((reverse("fieldreports:mine"), _("Phản ánh của tôi")))
        if user.is_staff:
            links.append((reverse("admin:index"), _("Quản trị")))
    current = request.path
    return {"menu": [{"url": url, "label": label, "current": current.startswith(url) and url != "/"}
                     for url, label in links], "service_center": service_center()}


def service_center() -> dict | None:
    """The footer's contact block: the province's service centre (the first active one at the
    top of the tree), read once every few minutes, not on every page."""
    from django.core.cache import cache

    found = cache.get(CENTER_KEY)
    if found is None:
        from units.models import Agency

        agency = (Agency.objects.filter(kind=Agency.Kind.SERVICE_CENTER, is_active=True)
                  .order_by("parent_id", "code").values("name", "address", "phone", "email", "working_periods")
                  .first())
        found = agency or {}
        if found:
            found["hours"] = ", ".join(p.strip().replace("-", "–") for p in found["working_periods"].split(",")
                                       if p.strip()) or "07:30–11:30, 13:30–17:00"
        cache.set(CENTER_KEY, found, 300)
    return found or None


CENTER_KEY = "motcua:menu:service-center"
