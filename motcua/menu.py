"""The site menu: the public pages for everyone, and for a logged-in person the pages of their
work (a page nobody can reach from the menu does not exist for its users)."""

from __future__ import annotations

from django.urls import reverse


def menu(request) -> dict:
    links = [(reverse("catalogue:list"), "Thủ tục hành chính"), (reverse("dossiers:lookup"), "Tra cứu hồ sơ"),
             (reverse("fieldreports:feed"), "Phản ánh hiện trường")]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from accounts.permissions import roles_in
        from accounts.roles import CITIZEN
        from fieldreports.permissions import handling_agency_ids, is_operator

        if is_operator(user):
            links.append((reverse("fieldreports:ioc-queue"), "Điều phối phản ánh"))
        if handling_agency_ids(user):
            links.append((reverse("fieldreports:unit-queue"), "Phản ánh của đơn vị"))
        if CITIZEN in roles_in(user, None):
            links.append((reverse("fieldreports:mine"), "Phản ánh của tôi"))
        if user.is_staff:
            links.append((reverse("admin:index"), "Quản trị"))
    current = request.path
    return {"menu": [{"url": url, "label": label, "current": current.startswith(url) and url != "/"}
                     for url, label in links]}
