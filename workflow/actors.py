"""Actors that are not people: the platform itself, and partner applications.

`roles_in` (accounts.permissions) gives SYSTEM to the platform and PARTNER to a partner
application, so the state-machine tables name them like any other role.
"""

from __future__ import annotations


class SystemActor:
    """The platform acting by itself: deadline sweeps, escalation, routing by rule."""

    pk = id = None
    is_system = True
    is_partner = False
    is_authenticated = True
    is_active = True
    is_superuser = False
    kind = "system"
    username = "system"
    full_name = "Hệ thống"

    def __str__(self) -> str:
        return self.full_name


SYSTEM = SystemActor()


class PartnerActor:
    """A partner application (an Open311 client) acting with its API key."""

    pk = id = None
    is_system = False
    is_partner = True
    is_authenticated = True
    is_superuser = False
    kind = "partner"

    def __init__(self, client):
        self.client = client
        self.is_active = bool(client.is_active)
        self.username = f"api:{client.pk}"
        self.full_name = client.name

    def __str__(self) -> str:
        return self.full_name


def person(actor):
    """The user row to store as an event's actor: None for the platform or a partner."""
    return actor if getattr(actor, "pk", None) and not getattr(actor, "is_partner", False) else None
