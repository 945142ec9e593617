"""Every API error is JSON with a stable code and a Vietnamese message, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


def test_malformed_json_body_is_a_vietnamese_400(client, hoa):
    client.force_login(hoa)
    response = client.post("/api/v1/dossiers", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert "JSON" in response.json()["message"]


def test_unauthenticated_is_401_json(client):
    response = client.get("/api/v1/dossiers")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
