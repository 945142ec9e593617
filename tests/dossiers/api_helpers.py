"""Helpers for the dossier API tests: JSON calls as a persona, and intake through the API."""

from __future__ import annotations

from django.test import Client

from dossiers.models import Dossier

BASE = "/api/v1/dossiers"

LAN_APPLICANT = {
    "kind": "citizen", "id_number": "046190000123", "name": "Nguyễn Thị Lan",
    "address": "12 Lê Lợi, phường Thuận Hóa", "phone": "0905123456", "email": "lan@example.vn",
}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post(client: Client, url: str, body: dict | None = None, key: str | None = None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(url, body if body is not None else {}, content_type="application/json", headers=headers)


def act(client: Client, dossier, action: str, body: dict | None = None, key: str | None = None):
    pk = dossier if isinstance(dossier, int) else dossier.pk
    return post(client, f"{BASE}/{pk}/actions/{action}", body, key)


def intake(client: Client, *, procedure_code="1.009994", channel=1, receive=False, applicant=None, key=None,
           **extra):
    body = {"procedure_code": procedure_code, "channel": channel, "applicant": applicant or LAN_APPLICANT,
            "receive": receive, **extra}
    return post(client, BASE, body, key)


def intake_dossier(user, **kwargs) -> Dossier:
    response = intake(client_for(user), **kwargs)
    assert response.status_code == 201, response.json()
    return Dossier.objects.get(pk=response.json()["id"])
