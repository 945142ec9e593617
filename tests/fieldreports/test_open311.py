"""Open311 GeoReport v2 (docs/domain/field-reports.md §9): every endpoint in XML and JSON, field names,
types and error codes, and round trips (POST, then GET by id and in the list)."""

import json
from datetime import timedelta

import pytest
from defusedxml import ElementTree as DET
from django.core.management import call_command
from django.utils import timezone

from fieldreports import actions
from fieldreports.models import ApiClient, Report
from tests.fieldreports.conftest import report

V2 = "/open311/v2"
REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
}


@pytest.fixture
def api_key(db, capsys):
    call_command("open311_key", "create", "Tổng đài 1022")
    return capsys.readouterr().out.strip()


def get_json(client, url, expect=200, **params):
    response = client.get(url, params)
    assert response.status_code == expect, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def get_xml(client, url, expect=200, **params):
    response = client.get(url, params)
    assert response.status_code == expect, response.content
    assert response["Content-Type"].startswith("text/xml")
    return DET.fromstring(response.content)


def assert_errors_json(data, code):
    assert isinstance(data, list) and data and set(data[0]) == {"code", "description"}
    assert data[0]["code"] == str(code) and data[0]["description"]


def assert_errors_xml(root, code):
    assert root.tag == "errors"
    error = root.find("error")
    assert error.findtext("code") == str(code) and error.findtext("description")


def test_discovery_xml_and_json(client, db):
    data = get_json(client, "/open311/discovery.json")
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(data)
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["type"] in ("production", "test") and endpoint["url"].endswith("/open311/v2/")
    assert "text/xml" in endpoint["formats"] and "application/json" in endpoint["formats"]
    root = get_xml(client, "/open311/discovery.xml")
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == ["text/xml", "application/json"]
    assert root.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"


def test_services_list(client, world, waste, lighting):
    data = get_json(client, f"{V2}/services.json")
    by_code = {s["service_code"]: s for s in data}
    # Groups are not services; leaf categories are
    assert "ha-tang" not in by_code and {"chieu-sang", "rac-thai", "dien"} <= set(by_code)
    waste_service = by_code["rac-thai"]
    assert set(waste_service) == {"service_code", "service_name", "description", "metadata", "type", "keywords",
                                  "group"}
    assert waste_service["metadata"] is True and by_code["chieu-sang"]["metadata"] is False
    assert waste_service["type"] == "realtime" and waste_service["group"] == "Môi trường"
    root = get_xml(client, f"{V2}/services.xml")
    assert root.tag == "services"
    codes = [s.findtext("service_code") for s in root.findall("service")]
    assert "rac-thai" in codes
    node = next(s for s in root.findall("service") if s.findtext("service_code") == "rac-thai")
    assert node.findtext("metadata") == "true" and node.findtext("service_name") == "Rác thải"


@pytest.mark.parametrize("path", ["services", "service"])  # the singular alias (§9)
def test_service_definition(client, world, waste, path):
    data = get_json(client, f"{V2}/{path}/rac-thai.json")
    assert data["service_code"] == "rac-thai"
    attribute = data["attributes"][0]
    assert set(attribute) == {"variable", "code", "datatype", "required", "datatype_description", "order",
                              "description", "values"}
    assert (attribute["code"], attribute["datatype"], attribute["required"]) == ("khoi-luong", "singlevaluelist",
                                                                                True)
    assert attribute["values"] == [{"key": "nho", "name": "Dưới 1 m³"}, {"key": "lon", "name": "Từ 1 m³ trở lên"}]
    root = get_xml(client, f"{V2}/{path}/rac-thai.xml")
    assert root.tag == "service_definition" and root.findtext("service_code") == "rac-thai"
    attr = root.find("attributes/attribute")
    assert attr.findtext("variable") == "true" and attr.findtext("order") == "1"
    assert [v.findtext("key") for v in attr.findall("values/value")] == ["nho", "lon"]
    assert_errors_json(get_json(client, f"{V2}/{path}/khong-co.json", expect=404), 404)
    assert_errors_xml(get_xml(client, f"{V2}/{path}/khong-co.xml", expect=404), 404)


def post(client, fmt="json", query=None, **fields):
    url = f"{V2}/requests.{fmt}" + (f"?{query}" if query else "")
    return client.post(url, fields)


def test_post_then_get_by_id_and_in_the_list_json(client, world, waste, api_key):
    # Given a hotline desk with a key posts a waste report for a caller, with a list attribute
    response = post(client, api_key=api_key, service_code="rac-thai", lat="16.47", long="107.59",
                    description="Rác tồn đọng 3 ngày", **{"attribute[khoi-luong]": "lon"},
                    first_name="Hải", last_name="Trần", phone="0905000111", email="hai@example.vn",
                    account_id="caller-77", jurisdiction_id="")
    assert response.status_code == 200, response.content
    created = json.loads(response.content)
    assert isinstance(created, list) and len(created) == 1
    request_id = created[0]["service_request_id"]
    assert isinstance(request_id, str) and created[0]["account_id"] == "caller-77"
    assert created[0]["service_notice"]
    # Then the confidential identity is kept, from the partner application
    stored = Report.objects.get(pk=int(request_id))
    assert (stored.contact_phone, stored.api_client.name, stored.reporter) == ("0905000111", "Tổng đài 1022", None)
    assert stored.attributes == {"khoi-luong": "lon"}
    # When it is read back by id
    data = get_json(client, f"{V2}/requests/{request_id}.json")
    assert isinstance(data, list) and len(data) == 1
    row = data[0]
    assert set(row) == REQUEST_FIELDS
    assert row["service_request_id"] == request_id and row["service_code"] == "rac-thai"
    assert row["status"] == "open" and row["status_notes"].startswith("dispatched")
    assert row["lat"] == 16.47 and row["long"] == 107.59
    assert row["requested_datetime"].endswith("+07:00") and "T" in row["requested_datetime"]
    assert row["agency_responsible"] == "Sở Y tế"  # ward A's waste rule
    # And it is in the list, by default (last 90 days) and by service_request_id
    assert request_id in [r["service_request_id"] for r in get_json(client, f"{V2}/requests.json")]
    listed = get_json(client, f"{V2}/requests.json", service_request_id=f"{request_id},999999", status="closed")
    assert [r["service_request_id"] for r in listed] == [request_id]  # ids override the other filters
    # And nothing of the caller's identity is in the public answer
    body = json.dumps(data, ensure_ascii=False)
    for secret in ("Hải", "Trần", "0905000111", "hai@example.vn"):
        assert secret not in body


def test_post_then_get_xml(client, world, lighting, api_key):
    response = post(client, "xml", query=f"api_key={api_key}", service_code="chieu-sang",
                    address_string="12 Lê Lợi, phường Thuận Hóa", description="Đèn tắt")
    assert response.status_code == 200, response.content
    root = DET.fromstring(response.content)
    assert root.tag == "service_requests"
    request_id = root.findtext("request/service_request_id")
    assert request_id.isdigit()
    one = get_xml(client, f"{V2}/requests/{request_id}.xml")
    request = one.find("request")
    assert {child.tag for child in request} == REQUEST_FIELDS
    assert request.findtext("address") == "12 Lê Lợi, phường Thuận Hóa" and request.findtext("lat") == ""
    listed = get_xml(client, f"{V2}/requests.xml", service_code="chieu-sang")
    assert request_id in [r.findtext("service_request_id") for r in listed.findall("request")]


def test_post_errors(client, world, waste, lighting, api_key):
    # 403: no key, a wrong key, a revoked key
    assert_errors_json(json.loads(post(client, service_code="chieu-sang", lat="16.4", long="107.5").content), 403)
    assert post(client, api_key="sai", service_code="chieu-sang", lat="16.4", long="107.5").status_code == 403
    assert_errors_xml(DET.fromstring(post(client, "xml", api_key="", service_code="x").content), 403)
    # 400: unknown service, no location, a required attribute missing, a bad value, too long
    cases = [
        {"service_code": "khong-co", "lat": "16.4", "long": "107.5"},
        {"service_code": "chieu-sang"},
        {"service_code": "chieu-sang", "lat": "16.4"},
        {"service_code": "chieu-sang", "lat": "abc", "long": "107.5"},
        {"service_code": "rac-thai", "lat": "16.4", "long": "107.5"},
        {"service_code": "rac-thai", "lat": "16.4", "long": "107.5", "attribute[khoi-luong]": "khong-co"},
        {"service_code": "chieu-sang", "lat": "16.4", "long": "107.5", "description": "x" * 4001},
    ]
    for fields in cases:
        response = post(client, api_key=api_key, **fields)
        assert response.status_code == 400, fields
        assert_errors_json(json.loads(response.content), 400)
    call_command("open311_key", "revoke", "Tổng đài 1022")
    assert post(client, api_key=api_key, service_code="chieu-sang", lat="16.4", long="107.5").status_code == 403


def test_multivaluelist_attribute(client, world, waste, api_key):
    question = waste.questions.get()
    question.datatype = "multivaluelist"
    question.save()
    response = post(client, api_key=api_key, service_code="rac-thai", lat="16.47", long="107.59",
                    **{"attribute[khoi-luong][]": ["nho", "lon"]})
    assert response.status_code == 200, response.content
    assert Report.objects.get().attributes == {"khoi-luong": ["nho", "lon"]}


def test_request_filters_and_defaults(client, world, lan, minh, lighting, waste):
    now = timezone.now()
    old = report(lan, lighting, now=now - timedelta(days=120))
    recent = report(lan, lighting)
    closed = report(lan, lighting)
    actions.accept(closed, minh)
    actions.resolve(closed, minh, "Đã thay bóng")
    ids = lambda data: {r["service_request_id"] for r in data}  # noqa: E731
    # Default: the last 90 days
    default = ids(get_json(client, f"{V2}/requests.json"))
    assert str(recent.pk) in default and str(old.pk) not in default
    # Status maps onto open/closed, with the finer state in status_notes
    assert ids(get_json(client, f"{V2}/requests.json", status="closed")) == {str(closed.pk)}
    closed_row = get_json(client, f"{V2}/requests/{closed.pk}.json")[0]
    assert closed_row["status"] == "closed" and closed_row["status_notes"].startswith("resolved")
    assert closed_row["service_notice"] == "Đã thay bóng"
    assert str(closed.pk) not in ids(get_json(client, f"{V2}/requests.json", status="open"))
    # A window on requested_datetime, up to 90 days
    start = (now - timedelta(days=130)).isoformat()
    end = (now - timedelta(days=100)).isoformat()
    assert ids(get_json(client, f"{V2}/requests.json", start_date=start, end_date=end)) == {str(old.pk)}
    too_long = (now - timedelta(days=200)).isoformat()
    assert_errors_json(get_json(client, f"{V2}/requests.json", expect=400, start_date=too_long,
                                end_date=now.isoformat()), 400)
    assert_errors_json(get_json(client, f"{V2}/requests.json", expect=400, start_date="hôm qua"), 400)
    assert_errors_json(get_json(client, f"{V2}/requests.json", expect=400, status="pending"), 400)
    # service_code filter, empty jurisdiction_id is absent, an unknown one is refused
    assert ids(get_json(client, f"{V2}/requests.json", service_code="rac-thai", jurisdiction_id="")) == set()
    assert_errors_xml(get_xml(client, f"{V2}/requests.xml", expect=404, jurisdiction_id="hanoi.gov.vn"), 404)
    # page_size extension
    assert len(get_json(client, f"{V2}/requests.json", page_size="1")) == 1


def test_hidden_reports_and_unknown_ids(client, world, lan, vy, lighting):
    r = report(lan, lighting)
    actions.hide(r, vy, "Xúc phạm")
    assert_errors_json(get_json(client, f"{V2}/requests/{r.pk}.json", expect=404), 404)
    assert str(r.pk) not in {x["service_request_id"] for x in get_json(client, f"{V2}/requests.json")}
    assert_errors_xml(get_xml(client, f"{V2}/requests/abc.xml", expect=404), 404)


def test_tokens(client, world, lan, lighting):
    r = report(lan, lighting)
    data = get_json(client, f"{V2}/tokens/{r.token}.json")
    assert data == [{"service_request_id": str(r.pk), "token": str(r.token)}]
    root = get_xml(client, f"{V2}/tokens/{r.token}.xml")
    assert root.findtext("request/service_request_id") == str(r.pk)
    assert_errors_json(get_json(client, f"{V2}/tokens/khong-co.json", expect=404), 404)


def test_unknown_resource_and_format(client, db):
    assert_errors_json(get_json(client, f"{V2}/khong-co.json", expect=404), 404)
    assert_errors_xml(get_xml(client, f"{V2}/services.csv", expect=404), 404)


def test_key_command_stores_only_a_hash(api_key):
    client = ApiClient.objects.get(name="Tổng đài 1022")
    assert api_key not in (client.key_hash, client.key_prefix) and len(api_key) >= 40
    assert ApiClient.authenticate(api_key) == client


@pytest.mark.parametrize("params", [
    {"start_date": "2026-02-30T00:00:00+07:00"},  # no such day
    {"end_date": "2026-01-01T25:00:00+07:00"},  # no such hour
    {"service_request_id": "\u00b2"},  # "²": a digit to str.isdigit(), not a number
    {"service_request_id": "1,99999999999999999999999"},  # beyond any database id
    {"page": "\u00b2"},
    {"page_size": "\u0663"},  # an Arabic-Indic three
    {"page": "99999999999999999999999"},
])
def test_impossible_dates_and_odd_numbers_are_400_not_500(client, world, params):
    assert_errors_json(get_json(client, f"{V2}/requests.json", expect=400, **params), 400)
    assert_errors_xml(get_xml(client, f"{V2}/requests.xml", expect=400, **params), 400)


@pytest.mark.parametrize("request_id", ["%C2%B2", "99999999999999999999999", "0"])
def test_odd_request_ids_are_404_not_500(client, world, request_id):
    assert_errors_json(get_json(client, f"{V2}/requests/{request_id}.json", expect=404), 404)
    assert_errors_xml(get_xml(client, f"{V2}/requests/{request_id}.xml", expect=404), 404)


@pytest.mark.parametrize(("field", "value"), [
    ("media_url", "javascript:alert(1)"),
    ("media_url", "data:text/html,<script>alert(1)</script>"),
    ("media_url", "https://cdn.example.vn/" + "a" * 600),
    ("address_string", "Đường Lê Lợi " * 30),
    ("email", "khong-phai-email"),
    ("device_id", "d" * 101),
    ("account_id", "a" * 101),
    ("first_name", "H" * 101),
    ("phone", "0" * 31),
])
def test_partner_input_is_validated_not_truncated(client, world, lighting, api_key, field, value):
    # When a partner sends a value the report cannot hold as it is
    response = post(client, api_key=api_key, service_code="chieu-sang", lat="16.47", long="107.59",
                    **{field: value})
    # Then it is refused with the field named, and nothing is stored
    assert response.status_code == 400, response.content
    data = json.loads(response.content)
    assert_errors_json(data, 400)
    assert data[0]["description"].startswith(field)
    assert not Report.objects.exists()


def test_valid_partner_fields_are_kept_whole(client, world, lighting, api_key):
    url = "https://cdn.example.vn/" + "a" * 400
    response = post(client, api_key=api_key, service_code="chieu-sang", address_string="Lê Lợi " * 36,
                    media_url=url, email="hai@example.vn", device_id="d" * 100)
    assert response.status_code == 200, response.content
    stored = Report.objects.get()
    assert (stored.media_url, stored.address, stored.device_id) == (url, ("Lê Lợi " * 36).strip(), "d" * 100)


def test_control_characters_never_break_the_xml_feed(client, world, lan, lighting, api_key):
    # Given a partner and a citizen send texts with control characters (NUL, VT, SOH)
    response = post(client, api_key=api_key, service_code="chieu-sang", lat="16.47", long="107.59",
                    description="Đèn\x0b tắt\x01 cả\x00 đoạn", address_string="Lê\x00 Lợi")
    assert response.status_code == 200, response.content
    report(lan, lighting, description="Cột đèn\x0b nghiêng")
    # And a row stored before the cleaning existed still holds one
    Report.objects.filter(description="Cột đèn nghiêng").update(public_description="Cột\x0b đèn")
    # Then the XML feed parses, for every client
    root = get_xml(client, f"{V2}/requests.xml")
    texts = sorted(r.findtext("description") for r in root.findall("request"))
    assert texts == ["Cột đèn", "Đèn tắt cả đoạn"]


def test_attribute_with_an_impossible_datetime_is_400(client, world, waste, api_key):
    question = waste.questions.get()
    question.datatype, question.required = "datetime", False
    question.save()
    response = post(client, api_key=api_key, service_code="rac-thai", lat="16.47", long="107.59",
                    **{"attribute[khoi-luong]": "2026-02-30T08:00:00+07:00"})
    assert response.status_code == 400
    assert_errors_json(json.loads(response.content), 400)


def test_token_of_a_hidden_report_is_not_published(client, world, lan, vy, lighting):
    r = report(lan, lighting)
    actions.hide(r, vy, "Xúc phạm")
    assert_errors_json(get_json(client, f"{V2}/tokens/{r.token}.json", expect=404), 404)


def test_a_partner_posting_too_fast_is_asked_to_wait(client, world, lighting, api_key, monkeypatch):
    from fieldreports import open311
    from motcua.ratelimit import Limit

    monkeypatch.setattr(open311, "POSTS_PER_KEY", Limit("open311.key", 2, 600))
    for _ in range(2):
        assert post(client, api_key=api_key, service_code="chieu-sang", lat="16.47", long="107.59",
                    description="Đèn hỏng").status_code in (200, 201)
    refused = post(client, api_key=api_key, service_code="chieu-sang", lat="16.47", long="107.59",
                   description="Đèn hỏng")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()[0]["code"] == "429" and "thử quá nhiều lần" in refused.json()[0]["description"]
