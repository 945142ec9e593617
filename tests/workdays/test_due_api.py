"""GET /api/v1/calendar/due: the due time as JSON, or a 422 with a Vietnamese message."""

from datetime import date

import pytest

from workdays.models import DayOverride

URL = "/api/v1/calendar/due"
RECEIVED = "2025-01-24T10:00:00+07:00"

pytestmark = pytest.mark.django_db


def test_due_in_days(client):
    response = client.get(URL, {"received_at": RECEIVED, "days": 5})
    assert response.status_code == 200
    assert response.json() == {
        "received_at": "2025-01-24T10:00:00+07:00",
        "deemed_received_at": "2025-01-24T10:00:00+07:00",
        "due_at": "2025-02-07T17:00:00+07:00",
    }


def test_plus_sign_decoded_as_space_is_accepted(client):
    response = client.get(f"{URL}?received_at=2025-01-24T10:00:00+07:00&days=5")
    assert response.status_code == 200
    assert response.json()["due_at"] == "2025-02-07T17:00:00+07:00"


def test_evening_receipt_reports_the_deemed_time(client):
    response = client.get(URL, {"received_at": "2025-03-07T18:00:00+07:00", "hours": 2})
    assert response.json()["deemed_received_at"] == "2025-03-10T07:30:00+07:00"
    assert response.json()["due_at"] == "2025-03-10T09:30:00+07:00"


def test_same_day_with_agency_cutoff(client, agency_a):
    agency_a.same_day_cutoff = "16:00"
    agency_a.save()
    params = {"received_at": "2025-03-10T15:30:00+07:00", "same_day": "true", "agency": agency_a.code}
    response = client.get(URL, params)
    assert response.json()["due_at"] == "2025-03-10T17:00:00+07:00"


def test_override_is_used(client):
    DayOverride.objects.create(date=date(2025, 2, 3), is_working_day=False, reason="Nghỉ bù")
    response = client.get(URL, {"received_at": RECEIVED, "days": 5})
    assert response.json()["due_at"] == "2025-02-10T17:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"received_at": RECEIVED, "days": -1}, "days"),
        ({"received_at": RECEIVED, "days": 0}, "days"),
        ({"received_at": RECEIVED, "days": "2.5"}, "days"),
        ({"received_at": RECEIVED, "hours": "abc"}, "hours"),
        ({"received_at": RECEIVED, "days": 2, "hours": 3}, "duration"),
        ({"received_at": RECEIVED}, "duration"),
        ({"received_at": "2025-01-24T10:00:00", "days": 2}, "received_at"),
        ({"received_at": "hôm qua", "days": 2}, "received_at"),
        ({"days": 2}, "received_at"),
        ({"received_at": RECEIVED, "days": 2, "agency": "000.00.99.H57"}, "agency"),
        ({"received_at": RECEIVED, "same_day": "có"}, "same_day"),
    ],
)
def test_bad_input_gives_422_with_a_vietnamese_message(client, params, field):
    response = client.get(URL, params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"]
    assert [error["field"] for error in body["errors"]] == [field]
    assert all(error["message"] for error in body["errors"])


def test_openapi_document_and_docs(client):
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    spec = document.json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/calendar/due" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200
