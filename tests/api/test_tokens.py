"""API tokens of external systems (accounts/tokens.py, motcua/api_auth.py): hashed at rest,
read or act, limited to their agency and the agencies under it, revocable, with an expiry,
their last use recorded; no CSRF with a token while the session still needs it."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import tokens
from accounts.forms import LoginForm
from accounts.models import ApiToken, User
from accounts.permissions import roles_in
from accounts.roles import Role
from accounts.services import grant_role
from dossiers import actions
from dossiers.models import Channel, DossierEvent
from tests.conftest import PASSWORD
from tests.dossiers.api_helpers import BASE, LAN_APPLICANT, client_for
from tests.dossiers.conftest import LAN, clock, land_info, permit  # noqa: F401  (fixtures)
from units.models import Agency

ADMIN_TOKENS = reverse("admin:accounts_apitoken_changelist")
ADD_TOKEN = reverse("admin:accounts_apitoken_add")


@pytest.fixture
def huyen(agency_a, agency_b):
    """The one-stop system of a district: counter officer in agency A, specialist in agency B."""
    account = tokens.new_integration_account("mot-cua-huyen", "Hệ thống một cửa huyện Phú Vang")
    grant_role(account, agency_a, Role.COUNTER_OFFICER)
    grant_role(account, agency_b, Role.SPECIALIST)
    return User.objects.get(pk=account.pk)


def token_for(account, agency, scope=ApiToken.Scope.ACT, **fields) -> str:
    return tokens.issue(system=account.full_name, account=account, agency=agency, scope=scope, **fields)[1]


def bearer(token: str, **kwargs) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"}, **kwargs)


@pytest.fixture
def dossier_a(permit, hoa):  # noqa: F811
    """Lan's dossier at agency A, taken in at the counter, not yet received."""
    return actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier


@pytest.fixture
def dossier_b(land_info, agency_b):  # noqa: F811
    from tests.conftest import staff

    thu = staff("thu", agency_b, Role.COUNTER_OFFICER)
    return actions.submit(land_info, LAN, thu, channel=Channel.COUNTER).dossier


# --- at rest -------------------------------------------------------------------------------------

def test_only_a_hash_of_the_token_is_stored(huyen, agency_a):
    plain = token_for(huyen, agency_a)
    row = ApiToken.objects.get()

    assert tokens.TOKEN.fullmatch(plain) and plain.startswith(f"mct_{row.prefix}_")
    assert row.secret_hash == hashlib.sha256(plain.encode()).hexdigest()
    # Neither the token nor its secret part is in any column of any table
    secret = plain[len(f"mct_{row.prefix}_"):]
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert secret not in dump.getvalue() and row.prefix in dump.getvalue()


def test_tokens_are_only_for_integration_accounts(hoa, agency_a):
    # A token for a person's account would skip their password and second factor
    with pytest.raises(Exception, match="Hệ thống tích hợp"):
        token_for(hoa, agency_a)
    assert ApiToken.objects.count() == 0


# --- scope: read or act ------------------------------------------------------------------------------

def test_a_read_token_reads_and_may_not_write(huyen, agency_a, dossier_a):
    client = bearer(token_for(huyen, agency_a, ApiToken.Scope.READ))

    assert client.get(f"{BASE}/{dossier_a.pk}").status_code == 200
    assert client.get(f"{BASE}/{dossier_a.pk}/events").json()["count"] == 1
    refused = client.post(f"{BASE}/{dossier_a.pk}/actions/receive", {}, content_type="application/json")

    assert refused.status_code == 403
    assert refused.json() == {
        "code": "insufficient_scope",
        "message": "Mã truy cập API này chỉ có quyền đọc (read): không được nộp hồ sơ hay thực hiện thao tác.",
        "errors": [],
    }
    assert refused["WWW-Authenticate"] == 'Bearer error="insufficient_scope"'
    assert list(DossierEvent.objects.values_list("action", flat=True)) == ["submit"]


def test_an_act_token_acts_with_the_roles_of_its_account(huyen, agency_a, dossier_a):
    client = bearer(token_for(huyen, agency_a))

    response = client.post(f"{BASE}/{dossier_a.pk}/actions/receive", {}, content_type="application/json")

    assert response.status_code == 200, response.json()
    assert response.json()["state"]["code"] == "received"
    event = DossierEvent.objects.get(action="receive")
    assert (event.actor_id, event.actor_name) == (huyen.pk, "Hệ thống một cửa huyện Phú Vang")
    # The account is a counter officer, not a leader: approving is still refused by the engine
    assert client.post(f"{BASE}/{dossier_a.pk}/actions/approve", {}, content_type="application/json"
                       ).status_code in (403, 409)


def test_an_act_token_takes_a_dossier_in(huyen, agency_a, permit):  # noqa: F811
    response = bearer(token_for(huyen, agency_a)).post(
        BASE, {"procedure_code": "1.009994", "channel": 1, "receive": True, "applicant": LAN_APPLICANT},
        content_type="application/json")

    assert response.status_code == 201, response.json()
    assert response.json()["code"].startswith("000.00.20.H57-")
    assert response["Cache-Control"] == "private, no-store"  # personal data, as for a logged-in officer


# --- scope: the token's agency and those under it ----------------------------------------------------------

def test_a_token_of_agency_a_cannot_see_agency_bs_dossiers(huyen, agency_a, agency_b, dossier_a, dossier_b):
    # The account holds a role in B too, but this token is for A
    client = bearer(token_for(huyen, agency_a, ApiToken.Scope.READ))

    assert client.get(f"{BASE}/{dossier_b.pk}").status_code == 404
    assert [d["id"] for d in client.get(BASE).json()["items"]] == [dossier_a.pk]
    # And a token for B sees B's, not A's
    other = bearer(token_for(huyen, agency_b, ApiToken.Scope.READ))
    assert [d["id"] for d in other.get(BASE).json()["items"]] == [dossier_b.pk]
    assert other.get(f"{BASE}/{dossier_a.pk}").status_code == 404


def test_a_token_of_agency_b_cannot_act_in_agency_a(huyen, agency_b, dossier_a):
    response = bearer(token_for(huyen, agency_b)).post(f"{BASE}/{dossier_a.pk}/actions/receive", {},
                                                       content_type="application/json")
    assert response.status_code == 404
    assert not DossierEvent.objects.filter(action="receive").exists()


def test_the_agency_scope_covers_the_agencies_under_it(huyen, province, agency_a, agency_b):
    # Agency A's branch, and the branch's own office: both under A, so the token for A reaches them
    branch = Agency.objects.create(code="000.01.20.H57", name="Chi cục Giám định xây dựng", parent=agency_a,
                                   kind=Agency.Kind.DEPARTMENT, unit=province)
    office = Agency.objects.create(code="000.02.20.H57", name="Đội kiểm tra", parent=branch,
                                   kind=Agency.Kind.OTHER, unit=province)
    grant_role(huyen, office, Role.SPECIALIST)
    token = ApiToken.objects.get(prefix=token_for(huyen, agency_a)[4:12])

    actor = tokens.actor(token)

    assert tokens.agency_subtree(agency_a.pk) == {agency_a.pk, branch.pk, office.pk}
    assert roles_in(actor, office.pk) == {Role.SPECIALIST}
    assert roles_in(actor, agency_a.pk) == {Role.COUNTER_OFFICER}
    assert roles_in(actor, agency_b.pk) == set()  # held, but outside the token's agency
    assert roles_in(User.objects.get(pk=huyen.pk), agency_b.pk) == {Role.SPECIALIST}


# --- refused tokens --------------------------------------------------------------------------------------

INVALID = {
    "code": "invalid_token",
    "message": "Mã truy cập API không đúng, đã bị thu hồi hoặc đã hết hạn. Liên hệ đơn vị quản trị để được cấp mã mới.",
    "errors": [],
}


def refused_tokens(huyen, agency_a) -> dict[str, str]:
    good = token_for(huyen, agency_a)
    revoked = token_for(huyen, agency_a)
    tokens.revoke(ApiToken.objects.get(prefix=revoked[4:12]))
    expired = token_for(huyen, agency_a, expires_at=timezone.now() - timedelta(seconds=1))
    return {
        "unknown": "mct_0123abcd_" + "A" * 43,
        "wrong secret": good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB"),
        "malformed": "khong-phai-ma",
        "empty": "",
        "revoked": revoked,
        "expired": expired,
    }


def test_unknown_wrong_revoked_or_expired_tokens_are_401_json(huyen, agency_a, dossier_a):
    for case, token in refused_tokens(huyen, agency_a).items():
        response = bearer(token).get(f"{BASE}/{dossier_a.pk}")
        assert response.status_code == 401, case
        assert response.json() == INVALID, case
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"', case


def test_a_token_of_a_deactivated_account_is_refused(huyen, agency_a, dossier_a):
    client = bearer(token_for(huyen, agency_a))
    User.objects.filter(pk=huyen.pk).update(is_active=False)
    assert client.get(f"{BASE}/{dossier_a.pk}").status_code == 401


def test_a_wrong_token_never_falls_back_to_the_session(huyen, hoa, agency_a, dossier_a):
    client = client_for(hoa)
    assert client.get(f"{BASE}/{dossier_a.pk}").status_code == 200
    assert client.get(f"{BASE}/{dossier_a.pk}", headers={"Authorization": "Bearer mct_x"}).status_code == 401
    # Another scheme is not ours to judge: the session decides
    assert client.get(f"{BASE}/{dossier_a.pk}", headers={"Authorization": "Basic eDp5"}).status_code == 200


def test_no_credentials_at_all_is_the_usual_401(dossier_a):
    response = Client().get(f"{BASE}/{dossier_a.pk}")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_wrong_tokens_from_one_address_are_limited(huyen, agency_a, dossier_a):
    good = token_for(huyen, agency_a)
    client = bearer("mct_0123abcd_" + "A" * 43)
    for _ in range(30):
        assert client.get(BASE).status_code == 401

    refused = client.get(BASE)
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_requests" and "thử lại sau" in refused.json()["message"]
    assert int(refused["Retry-After"]) > 0
    # The address is held back, even with a good token, until the window ends
    assert bearer(good).get(BASE).status_code == 429
    assert bearer(good, REMOTE_ADDR="10.0.0.9").get(BASE).status_code == 200


# --- last use --------------------------------------------------------------------------------------------

def test_last_use_is_recorded_at_most_once_a_minute(huyen, agency_a, dossier_a, clock):  # noqa: F811
    plain = token_for(huyen, agency_a, ApiToken.Scope.READ)
    token = ApiToken.objects.get()
    assert token.last_used_at is None

    bearer(plain, REMOTE_ADDR="203.113.1.7").get(f"{BASE}/{dossier_a.pk}")
    token.refresh_from_db()
    assert (token.last_used_at, token.last_used_ip) == (timezone.now(), "203.113.1.7")

    # Within the minute nothing is written, from whichever address
    clock.shift(timedelta(seconds=50))
    with CaptureQueriesContext(connection) as queries:
        assert bearer(plain, REMOTE_ADDR="203.113.1.8").get(f"{BASE}/{dossier_a.pk}").status_code == 200
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]
    token.refresh_from_db()
    assert (token.last_used_at, token.last_used_ip) == (timezone.now() - timedelta(seconds=50), "203.113.1.7")

    # After it, the time and the address are written again
    clock.shift(timedelta(seconds=20))
    bearer(plain, REMOTE_ADDR="203.113.1.8").get(BASE)
    token.refresh_from_db()
    assert (token.last_used_at, token.last_used_ip) == (timezone.now(), "203.113.1.8")


# --- CSRF ------------------------------------------------------------------------------------------------

def test_a_token_needs_no_csrf_while_the_session_still_does(huyen, hoa, agency_a, permit):  # noqa: F811
    body = {"procedure_code": "1.009994", "channel": 1, "applicant": LAN_APPLICANT}
    with_token = bearer(token_for(huyen, agency_a), enforce_csrf_checks=True)
    assert with_token.post(BASE, body, content_type="application/json").status_code == 201

    session = Client(enforce_csrf_checks=True)
    session.force_login(hoa)
    refused = session.post(BASE, body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"


# --- integration accounts never log in ------------------------------------------------------------------

def test_an_integration_account_cannot_log_in_or_use_a_session(huyen, agency_a, dossier_a, rf):
    huyen.set_password(PASSWORD)
    huyen.save()
    form = LoginForm(rf.post("/"), data={"username": huyen.username, "password": PASSWORD})
    assert not form.is_valid() and "mã truy cập API" in str(form.errors)
    # Even a session made some other way is not accepted by the API
    assert client_for(huyen).get(f"{BASE}/{dossier_a.pk}").status_code == 401


def test_roles_granted_to_an_integration_account_keep_it_out_of_the_admin(huyen, agency_a):
    grant_role(huyen, agency_a, Role.SPECIALIST)
    huyen.refresh_from_db()
    assert (huyen.kind, huyen.is_staff, huyen.has_usable_password()) == (User.Kind.INTEGRATION, False, False)


# --- the admin ---------------------------------------------------------------------------------------------

def test_the_admin_shows_the_new_token_once(client, son, huyen, agency_a):
    client.force_login(son)
    form = {"system": "Cổng DVC quốc gia", "account": huyen.pk, "agency": agency_a.pk, "scope": "act",
            "expires_at_0": "", "expires_at_1": "", "note": "Đồng bộ hồ sơ"}

    response = client.post(ADD_TOKEN, form)

    assert response.status_code == 200
    row = ApiToken.objects.get()
    (shown,) = [m.message for m in response.context["messages"] if "mct_" in m.message]
    plain = shown.rsplit(" ", 1)[1]
    assert row.secret_hash == tokens.hash_token(plain) and row.created_by == son
    page = response.content.decode()
    assert plain in page and "chỉ hiển thị một lần" in page
    # Stored nowhere for a later page: not in the messages cookie, not in the session
    assert plain not in str(response.cookies) and plain not in str(dict(client.session))
    listing = client.get(ADMIN_TOKENS).content.decode()
    assert plain not in listing and f"mct_{row.prefix}_…" in listing and "Cổng DVC quốc gia" in listing
    assert plain not in client.get(reverse("admin:accounts_apitoken_change", args=[row.pk])).content.decode()
    # And the token works
    assert bearer(plain).get(BASE).status_code == 200


def test_the_admin_offers_only_integration_accounts(client, son, huyen, hoa):
    client.force_login(son)
    choices = client.get(ADD_TOKEN).context["adminform"].form.fields["account"].queryset
    assert list(choices) == [huyen]


def test_the_admin_revokes_and_never_deletes(client, son, huyen, agency_a):
    plain = token_for(huyen, agency_a)
    row = ApiToken.objects.get()
    client.force_login(son)

    client.post(ADMIN_TOKENS, {"action": "revoke_selected", "_selected_action": [row.pk]})

    row.refresh_from_db()
    assert row.revoked_at is not None and row.revoked_by == son
    assert bearer(plain).get(BASE).status_code == 401
    assert client.get(reverse("admin:accounts_apitoken_delete", args=[row.pk])).status_code == 403


def test_only_the_system_administrator_manages_tokens(client, quan, huyen, agency_a):
    token_for(huyen, agency_a)
    client.force_login(quan)  # an agency administrator
    assert client.get(ADMIN_TOKENS).status_code == 403
    assert client.get(ADD_TOKEN).status_code == 403


# --- the command ------------------------------------------------------------------------------------------

def test_the_command_creates_lists_and_revokes(agency_a, dossier_a):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "create", "--system", "Cổng DVC quốc gia", "--account", "dvcqg", "--agency",
                 agency_a.code, "--scope", "read", "--role", "counter_officer", "--expires", "2099-12-31",
                 stdout=out, stderr=err)
    plain = out.getvalue().strip()
    account = User.objects.get(username="dvcqg")
    assert (account.kind, account.has_usable_password(), account.full_name) == (
        User.Kind.INTEGRATION, False, "Cổng DVC quốc gia")
    assert bearer(plain).get(f"{BASE}/{dossier_a.pk}").status_code == 200
    assert plain not in err.getvalue()

    listing = io.StringIO()
    call_command("api_token", "list", stdout=listing)
    assert f"mct_{plain[4:12]}_…\tCổng DVC quốc gia\tdvcqg\t{agency_a.code}\tread\tactive" in listing.getvalue()

    call_command("api_token", "revoke", plain[:12], stdout=io.StringIO())
    assert bearer(plain).get(f"{BASE}/{dossier_a.pk}").status_code == 401


def test_the_command_refuses_a_persons_account(hoa, agency_a):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not an integration account"):
        call_command("api_token", "create", "--system", "X", "--account", "hoa", "--agency", agency_a.code,
                     "--scope", "act", stdout=io.StringIO())


# --- the OpenAPI document ----------------------------------------------------------------------------------

def test_the_document_declares_both_schemes_as_alternatives(client):
    document = client.get("/api/v1/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerToken"]["type"] == "http" and schemes["BearerToken"]["scheme"] == "bearer"
    assert schemes["SessionUser"] == {**schemes["SessionUser"], "type": "apiKey", "in": "cookie",
                                      "name": "sessionid"}
    assert "X-CSRFToken" in schemes["SessionUser"]["description"]
    for path, operations in document["paths"].items():
        if path.startswith("/api/v1/dossiers"):
            for operation in operations.values():
                assert operation["security"] == [{"BearerToken": []}, {"SessionUser": []}], path


def test_an_integration_account_never_leads_or_administers(huyen, agency_a):
    """Signing off results and managing staff need a person behind a second factor."""
    from django.core.exceptions import ValidationError

    from accounts.roles import Role
    from accounts.services import grant_role

    for role in (Role.LEADER, Role.AGENCY_ADMIN):
        with pytest.raises(ValidationError):
            grant_role(huyen, agency_a, role)
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("api_token", "create", "--system", "X", "--account", "he-thong-x", "--agency", agency_a.code,
                     "--scope", "act", "--role", "leader")
