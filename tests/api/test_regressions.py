"""Defects the schemathesis run (tests/api/test_fuzz.py) found, each pinned by a plain request so
that it stays fixed even when the fuzzer draws other examples."""

from __future__ import annotations

import pytest

from tests.dossiers.api_helpers import BASE, act, client_for, intake, post

pytestmark = pytest.mark.django_db

DUE = "/api/v1/calendar/due"


def fields_of(response) -> list[str]:
    """The fields a 422 names; a body's fields are prefixed with `payload.`, as elsewhere in the API."""
    return [error["field"] for error in response.json()["errors"]]


# --- calendar ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("received_at", ["1899-12-31T10:00:00+07:00", "0001-01-01T00:00:00+00:00",
                                         "2101-01-02T10:00:00+07:00", "9999-12-31T23:59:59+07:00"])
def test_a_receipt_outside_the_years_a_calendar_holds_is_a_422_not_a_500(client, received_at):
    response = client.get(DUE, {"received_at": received_at, "days": 1})
    assert response.status_code == 422, response.content
    assert fields_of(response) == ["received_at"]
    assert "2000–2100" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("params", [{"days": 1001}, {"days": 10**9}, {"hours": 8001}])
def test_a_time_limit_of_decades_is_a_422_not_a_walk_past_the_calendar(client, params):
    response = client.get(DUE, {"received_at": "2025-01-24T10:00:00+07:00", **params})
    assert response.status_code == 422
    assert fields_of(response) == list(params)


def test_the_largest_time_limit_allowed_is_answered(client):
    response = client.get(DUE, {"received_at": "2025-01-24T10:00:00+07:00", "days": 1000})
    assert response.status_code == 200
    assert response.json()["due_at"].startswith("2029-")


# --- catalogue -------------------------------------------------------------------------------------

@pytest.mark.parametrize("params", [{"level": "xyz"}, {"online_level": "7"}, {"applicant": "robot"},
                                    {"page": 0}, {"page_size": 101}, {"page": 100_001}])
def test_an_unknown_catalogue_filter_is_a_422_not_silently_ignored(client, permit, params):
    response = client.get("/api/v1/procedures", params)
    assert response.status_code == 422, response.content
    assert fields_of(response) == list(params)


def test_the_catalogue_filters_the_document_lists_are_accepted(client, permit):
    document = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/procedures"]["get"]["parameters"]}
    for name in ("level", "online_level", "applicant"):
        schema = parameters[name]["schema"]
        choices = (schema.get("anyOf") or [schema])[0]
        values = choices.get("enum") or document["components"]["schemas"][choices["$ref"].rsplit("/", 1)[1]]["enum"]
        for value in values:
            assert client.get("/api/v1/procedures", {name: value}).status_code == 200, (name, value)


# --- dossier search --------------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["11", "0", "xyz", "received "])
def test_an_unknown_status_filter_is_a_422(hoa, permit, status):
    response = client_for(hoa).get(BASE, {"status": status})
    assert response.status_code == 422
    assert fields_of(response) == ["status"]


def test_status_filter_takes_the_national_code_and_the_internal_state(hoa, received):
    client = client_for(hoa)
    national = client.get(BASE, {"status": "2"}).json()  # Được tiếp nhận
    internal = client.get(BASE, {"status": received.state}).json()
    assert [d["code"] for d in national["items"]] == [received.code]
    assert [d["code"] for d in internal["items"]] == [received.code]
    assert client.get(BASE, {"status": "10"}).json()["count"] == 0


def test_the_channel_filter_the_document_declares_filters(hoa, received):
    client = client_for(hoa)
    assert client.get(BASE, {"channel": received.channel}).json()["count"] == 1
    other = 2 if received.channel != 2 else 1
    assert client.get(BASE, {"channel": other}).json()["count"] == 0
    assert client.get(BASE, {"channel": 4}).status_code == 422


# --- intake and actions ----------------------------------------------------------------------------

def test_a_channel_sent_as_text_is_refused_as_the_document_says(hoa, permit):
    response = intake(client_for(hoa), channel="1")
    assert response.status_code == 422
    assert fields_of(response) == ["payload.channel"]


@pytest.mark.parametrize("field", [{"receive": "true"}, {"receive": 1}])
def test_a_flag_must_be_a_json_boolean(hoa, permit, field):
    response = intake(client_for(hoa), **field)
    assert response.status_code == 422
    assert fields_of(response) == ["payload.receive"]


def test_an_action_without_any_body_is_the_same_as_an_empty_one(hoa, received):
    """A generated client sends no body for an action whose fields are all optional."""
    client = client_for(hoa)
    response = client.post(f"{BASE}/{received.pk}/actions/forward", content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["state"]["code"] == "processing"


@pytest.mark.parametrize("scores", [{"c1": "2"}, {"c1": 3}, {"c1": -1}, {"c1": 1.5}, {"c1": True}])
def test_scores_are_whole_points_from_0_to_2(hoa, received, scores):
    from dossiers.evaluation import ASKED

    every = dict.fromkeys(ASKED, 2)
    first = ASKED[0]
    body = {"scores": {**every, first: scores["c1"]}}
    response = act(client_for(hoa), received, "evaluate", body)
    assert response.status_code == 422
    assert fields_of(response) == [f"payload.scores.{first}"]


def test_scores_missing_a_criterion_are_refused_by_name(hoa, received):
    from dossiers.evaluation import ASKED

    body = {"scores": dict.fromkeys(ASKED[1:], 2)}
    response = act(client_for(hoa), received, "evaluate", body)
    assert response.status_code == 422
    assert fields_of(response) == [f"payload.scores.{ASKED[0]}"]


@pytest.mark.parametrize("dossier_id", ["0", "99999999999999999999"])
def test_a_dossier_id_out_of_range_is_a_422_not_a_database_error(hoa, dossier_id):
    response = client_for(hoa).get(f"{BASE}/{dossier_id}")
    assert response.status_code == 422
    assert fields_of(response) == ["dossier_id"]


def test_an_unknown_api_path_answers_a_post_with_a_json_404_not_a_csrf_403(hoa):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hoa)
    response = post(client, "/api/v1/khong-co", {})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("body", ["[1, 2]", "3", '"forward"', "true"])
def test_an_action_body_that_is_not_an_object_is_a_422_and_nothing_is_done(hoa, received, body):
    client = client_for(hoa)
    response = client.post(f"{BASE}/{received.pk}/actions/forward", data=body, content_type="application/json")
    assert response.status_code == 422, response.content
    received.refresh_from_db()
    assert received.state == "received"
