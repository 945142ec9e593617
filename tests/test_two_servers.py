"""A province on several machines, in miniature: two production app servers (two ports) and two
task workers on one PostgreSQL. What an administrator changes reaches both servers on their
next requests (a calendar override, a routing rule); the same idempotency key sent to both
acts once; the receipt is notified once however many workers run."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from http.cookiejar import CookieJar

import pytest
from django.contrib.auth.hashers import make_password

from catalogue.specs import write_spec
from dossiers.models import Dossier
from fieldreports.models import ApiClient, Category, RoutingRule
from notify.models import Message
from tests.catalogue.conftest import building_permit_spec
from tests.conftest import PASSWORD
from tests.test_serve import ROOT, collectstatic, environment, get, until, wait_for
from tests.workflow.gateways import free_port
from tests.workflow.test_crash import database_url
from workdays.models import DayOverride

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LAN = {"kind": "citizen", "id_number": "046190000123", "name": "Nguyễn Thị Lan", "address": "12 Lê Lợi",
       "phone": "0905123456", "email": "lan@example.vn"}


class Session:
    """A browser's cookies, shared by both servers (sessions live in the database)."""

    def __init__(self):
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def login(self, base: str, username: str) -> None:
        import re

        page = self.opener.open(base + "/accounts/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
        self.opener.open(urllib.request.Request(base + "/accounts/login/", data=body.encode(),
                                                headers={"Referer": base + "/accounts/login/"}), timeout=30).read()
        assert any(c.name == "sessionid" for c in self.jar), "logged in"

    def post_json(self, url: str, body: dict, key: str) -> tuple[int, dict]:
        request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/json", "X-CSRFToken": self.csrf(), "Idempotency-Key": key,
            "Referer": url})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")


def due(base: str, received_at: str) -> str:
    status, body = get(f"{base}/api/v1/calendar/due?received_at={urllib.parse.quote(received_at)}&days=1")
    assert status == 200
    return json.loads(body)["due_at"]


def open311_report(base: str, key: str, code: str) -> int:
    body = urllib.parse.urlencode({"api_key": key, "service_code": code, "lat": "16.47", "long": "107.59",
                                   "description": "Đèn đường hỏng trước nhà số 12."}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{base}/open311/v2/requests.json", data=body),
                                timeout=30) as response:
        return int(json.loads(response.read())[0]["service_request_id"])


def test_two_app_servers_and_two_workers_agree(agency_a, agency_b, hoa, ioc, tmp_path, settings):
    # The servers verify passwords with the production hashers, not the suite's fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    hoa.password = make_password(PASSWORD)
    hoa.save(update_fields=["password"])
    write_spec(building_permit_spec(agency_a, effective_from=date(2025, 1, 1)))
    lighting = Category.objects.create(code="chieu-sang", name="Chiếu sáng công cộng")
    rule = RoutingRule.objects.create(order=10, category=lighting, area_kind="province", agency=agency_a)
    client = ApiClient(name="Ứng dụng Hue-S")
    key = client.set_new_key()
    client.save()
    env = environment(tmp_path, DATABASE_URL=database_url(), WEB_CONCURRENCY="1", WORKER_LEASE_SECONDS="2",
                      STAMP_CHECK_SECONDS="0.2", MOTCUA_PROFILE="production", SECRET_KEY="t-" + "q7Lm2Vx9Rk4Tz8" * 4,
                      AUDIT_KEY="a-" + "Hq3Vn8Lp2Xr6Tz9" * 3,
                      ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false", SESSION_COOKIE_SECURE="false",
                      CSRF_COOKIE_SECURE="false", DEBUG="false", NOTIFY_SMS_BACKEND="",
                      EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                      EMAIL_FILE_PATH=str(tmp_path / "mail"))
    assert collectstatic(env).returncode == 0
    ports = [free_port(), free_port()]
    processes = [subprocess.Popen([sys.executable, "manage.py", "serve", "--no-worker", "--bind", f"127.0.0.1:{p}"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for p in ports]
    processes += [subprocess.Popen([sys.executable, "manage.py", "worker", "--interval", "0.1"], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
    a, b = (f"http://127.0.0.1:{p}" for p in ports)
    try:
        assert wait_for(a + "/healthz") == 200 and wait_for(b + "/healthz") == 200

        # A calendar override saved by an administrator (here, through this process).
        monday = "2026-06-01T10:00:00+07:00"
        before = due(a, monday), due(b, monday)
        DayOverride.objects.create(date=date(2026, 6, 2), is_working_day=False, reason="Nghỉ bù (thử nghiệm)")
        time.sleep(0.5)
        after = due(a, monday), due(b, monday)
        assert after[0] == after[1] != before[0] == before[1], "both servers moved the due date by the new day off"

        # A routing rule moved to another unit.
        first = open311_report(b, key, "chieu-sang")
        rule.agency = agency_b
        rule.save()
        time.sleep(0.5)
        second, third = open311_report(a, key, "chieu-sang"), open311_report(b, key, "chieu-sang")
        from fieldreports.models import Report

        agencies = dict(Report.objects.filter(pk__in=[first, second, third]).values_list("pk", "agency_id"))
        assert (agencies[first], agencies[second], agencies[third]) == (agency_a.pk, agency_b.pk, agency_b.pk)

        # One counter officer's retried intake, reaching both servers at once.
        browser = Session()
        browser.login(a, "hoa")
        body = {"procedure_code": "1.009994", "channel": 1, "applicant": LAN, "receive": True}
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda base: browser.post_json(f"{base}/api/v1/dossiers", body, "quay-1-0001"),
                                    [a, b, a, b]))
        assert {status for status, _ in answers} <= {200, 201}, answers
        assert len({answer["id"] for _, answer in answers}) == 1
        assert Dossier.objects.count() == 1

        # The receipt goes out once, whichever worker takes it.
        assert until(Message.objects.filter(state=Message.State.SENT).exists, 30)
        time.sleep(1)  # a second worker would have sent its copy by now
        assert list(Message.objects.values_list("channel", "state")) == [("email", Message.State.SENT)]
        assert len(list((tmp_path / "mail").iterdir())) == 1
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

