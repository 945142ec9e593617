"""Schemathesis over /api/v1/: every operation of the OpenAPI document, as four personas, with
every check schemathesis has (no server error, documented status codes, content types,
headers and bodies, invalid data refused, valid data accepted, authentication enforced, …).

The document is read from the app the way an integrator reads it (/api/v1/openapi.json) and
the requests go through Django's WSGI handler, in-process, inside the test's transaction: no
server, no network. The run is bounded and repeatable: a fixed number of examples per
operation, derandomized generation and a fixed seed (docs/api-dossiers.md, "Fuzzing").

A failure here is a defect of the API or of its document, fixed there, with a regression test
of its own in tests/api/test_regressions.py.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from dossiers import actions
from dossiers.models import Channel
from tests.dossiers.conftest import LAN

# Examples per operation and persona; FUZZ_EXAMPLES=200 for a long run by hand.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 12))

# The writes whose refusals depend on the data, not on the request's shape: an unknown procedure
# or username, a reason the action needs, a file's content, one duration among three. Their 422
# is documented and is not "valid data refused"; every read must accept whatever its schema does.
SEMANTIC_422 = ["POST /api/v1/dossiers", "POST /api/v1/dossiers/{dossier_id}/actions/{action}",
                "POST /api/v1/dossiers/{dossier_id}/files", "GET /api/v1/calendar/due"]
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]

CONFIG = schemathesis.Config.from_dict({
    "seed": 20250310,
    "generation": {"max-examples": EXAMPLES, "deterministic": True, "with-security-parameters": False},
    "dictionaries": {
        "procedures": {"values": ["1.009994", "1.004321"]},
        "usernames": {"values": ["hoa", "minh", "dung", "khoa"]},
        "citizen_ids": {"values": ["046190000123", "046190000456"]},
    },
    "parameters": {
        "body.procedure_code": {"dictionary": "procedures", "probability": 0.7},
        "body.assignee": {"dictionary": "usernames", "probability": 0.5},
        "body.applicant.id_number": {"dictionary": "citizen_ids", "probability": 0.7},
    },
    "operations": [{
        "include-name": SEMANTIC_422,
        "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "422"]}},
    }],
})


APP = WSGIHandler()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP, config=CONFIG)

# The persona of the running test (set by its fixture): session cookie and CSRF token, or None.
PERSONA: dict = {}
# The dossiers of the running test, drawn as often as random ids for `dossier_id`.
DOSSIER_IDS: list[int] = []


@schema.auth(refresh_interval=None)
class SessionOfPersona:
    """The persona's Django session, as a browser sends it; schemathesis also sends the request
    without it and with a wrong one, and expects 401."""

    def get(self, case, context):
        return PERSONA.get("session")

    def set(self, case, data, context):
        if data:
            case.cookies = {**(case.cookies or {}), "sessionid": data["sessionid"], "csrftoken": data["csrf_cookie"]}
            case.headers = {**(case.headers or {}), "X-CSRFToken": data["csrf_header"]}


@schema.hook("flatmap_path_parameters")
def _known_dossiers(context, path_parameters):
    if not path_parameters or "dossier_id" not in path_parameters or not DOSSIER_IDS:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters["dossier_id"], *DOSSIER_IDS]).map(
        lambda pk: {**path_parameters, "dossier_id": pk})


@pytest.fixture(params=["anonymous", "lan", "hoa", "dung"])
def persona(request, inside_the_test_transaction, received, land_info, lan):
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.test import Client

    online = actions.submit(received.procedure_version, LAN, lan, channel=Channel.ONLINE).dossier
    DOSSIER_IDS[:] = [received.pk, online.pk]
    PERSONA.clear()
    if request.param != "anonymous":
        client = Client()
        client.force_login(request.getfixturevalue(request.param))
        secret = _get_new_csrf_string()
        PERSONA["session"] = {"sessionid": client.cookies["sessionid"].value, "csrf_cookie": secret,
                              "csrf_header": _mask_cipher_secret(secret)}
    yield request.param
    PERSONA.clear()
    DOSSIER_IDS.clear()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_document(case, persona):
    case.call_and_validate()

