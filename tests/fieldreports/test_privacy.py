"""The reporter's identity is confidential: only IOC operators see it; never a handling unit's
pages, API answers or e-mails, nor the public (QĐ 30/2022/QĐ-UBND; docs/domain/field-reports.md §3)."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from fieldreports import actions
from tests.conftest import run_tasks
from tests.fieldreports.conftest import report


@pytest.fixture
def lan_identity(lan):
    lan.email, lan.phone = "lan.nguyen@example.vn", "0914222301"
    lan.save()
    return [lan.full_name, lan.username, lan.email, lan.phone]


def assert_absent(content: bytes | str, secrets):
    text = content.decode() if isinstance(content, bytes) else content
    for secret in secrets:
        assert secret not in text, f"{secret!r} leaked"


def test_unit_officer_never_sees_the_reporter(client, world, lan, minh, lighting, agency_a, lan_identity):
    agency_a.email = "sxd@example.vn"
    agency_a.save()
    r = report(lan, lighting)
    run_tasks()
    actions.accept(r, minh)
    actions.rate  # noqa: B018 - the reporter's later actions appear in the history too
    client.force_login(minh)
    pages = [
        client.get(reverse("fieldreports:unit-queue")),
        client.get(reverse("fieldreports:staff-detail", args=[r.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        assert_absent(page.content, lan_identity)
    # The unit's e-mail names the report, never the reporter
    unit_mail = [m for m in mail.outbox if "sxd@example.vn" in m.to]
    assert unit_mail
    for m in unit_mail:
        assert_absent(m.subject + m.body, lan_identity)


def test_history_shown_to_the_unit_after_a_reopen_hides_the_reporter(client, world, lan, minh, vy, agency_a,
                                                                      lighting, lan_identity):
    r = report(lan, lighting)
    actions.accept(r, minh)
    actions.resolve(r, minh, "Đã sửa")
    actions.reopen(r, lan, "Chưa sáng")
    actions.dispatch(r, vy, agency_a)
    client.force_login(minh)
    page = client.get(reverse("fieldreports:staff-detail", args=[r.pk]))
    assert page.status_code == 200
    assert_absent(page.content, lan_identity)


def test_public_pages_and_open311_never_show_the_reporter(client, world, lan, lighting, lan_identity):
    r = report(lan, lighting)
    responses = [
        client.get(reverse("fieldreports:feed")),
        client.get(reverse("fieldreports:detail", args=[r.pk])),
        client.get(reverse("fieldreports:map-points")),
        client.get(f"/open311/v2/requests/{r.pk}.json"),
        client.get(f"/open311/v2/requests/{r.pk}.xml"),
        client.get("/open311/v2/requests.json"),
    ]
    for response in responses:
        assert response.status_code == 200
        assert_absent(response.content, lan_identity)


def test_ioc_operator_sees_the_reporter(client, world, lan, vy, lighting, lan_identity):
    r = report(lan, lighting)
    client.force_login(vy)
    page = client.get(reverse("fieldreports:staff-detail", args=[r.pk])).content.decode()
    assert lan.full_name in page and lan.phone in page


def test_other_units_and_citizens_cannot_open_staff_pages(client, world, lan, tu, lighting):
    r = report(lan, lighting)  # routed to agency A
    client.force_login(tu)
    assert client.get(reverse("fieldreports:staff-detail", args=[r.pk])).status_code == 404
    assert client.get(reverse("fieldreports:ioc-queue")).status_code == 403
    client.force_login(lan)
    assert client.get(reverse("fieldreports:unit-queue")).status_code == 403
    assert client.post(reverse("fieldreports:staff-action", args=[r.pk]), {"action": "accept"}).status_code == 404


def test_nearby_json_has_no_identity(client, world, lan, lighting, lan_identity):
    report(lan, lighting, where=(16.47, 107.59))
    data = client.get(reverse("fieldreports:nearby"), {"category": "chieu-sang", "lat": 16.47, "long": 107.59})
    assert json.loads(data.content)
    assert_absent(data.content, lan_identity)
