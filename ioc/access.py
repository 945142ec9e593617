"""Who sees which figures: the operations centre's staff every agency; an agency's leaders
their own agency and those under it (a city sees its wards); nobody else."""

from __future__ import annotations

from accounts.permissions import agencies_where, register_action
from accounts.roles import Role
from units.models import Agency

register_action("ioc.view", [Role.OPERATOR, Role.LEADER])


def all_agencies() -> list[Agency]:
    return list(Agency.objects.filter(is_active=True).exclude(kind=Agency.Kind.UTILITY).order_by("name"))


def subtree(roots: set[int], agencies: list[Agency]) -> list[Agency]:
    children: dict[int | None, list[Agency]] = {}
    for a in agencies:
        children.setdefault(a.parent_id, []).append(a)
    found, todo = {}, [a for a in agencies if a.pk in roots]
    while todo:
        a = todo.pop()
        if a.pk not in found:
            found[a.pk] = a
            todo.extend(children.get(a.pk, []))
    return sorted(found.values(), key=lambda a: a.name)


def may_view(user) -> bool:
    """Whether `user` sees any figures, without a query (the menu asks on every page)."""
    return bool(agencies_where(user, "ioc.view"))


class Visible(list):
    """The agencies whose figures someone may see; `province` when they are the operations
    centre's staff, who also see what no agency holds yet (field reports still with the centre)."""

    province = False


def visible_agencies(user) -> Visible:
    """The agencies whose figures `user` may see; empty for everyone else."""
    where = agencies_where(user, "ioc.view")
    if not where:
        return Visible()
    agencies = all_agencies()
    operations = {a.pk for a in agencies if a.kind == Agency.Kind.OPERATIONS_CENTER}
    if where & operations:
        found = Visible(agencies)
        found.province = True
        return found
    return Visible(subtree(where, agencies))
