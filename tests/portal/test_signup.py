"""Sign-up: the ID number or tax code is the username; every mistake is said beside its field."""

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db

GOOD = {"kind": "citizen", "id_number": "046190000555", "full_name": "Trần Văn Bình", "phone": "0905 123 456",
        "email": "", "password1": "Hue-mot-cua-2026!", "password2": "Hue-mot-cua-2026!"}


def test_a_citizen_signs_up_and_is_logged_in(client):
    response = client.post("/dang-ky/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/ho-so-cua-toi/"
    user = User.objects.get(username="046190000555")
    assert (user.kind, user.citizen_id, user.phone) == (User.Kind.CITIZEN, "046190000555", "0905123456")
    assert user.check_password(GOOD["password1"])
    assert client.get("/ho-so-cua-toi/").status_code == 200


def test_an_organisation_signs_up_with_its_tax_code(client):
    client.post("/dang-ky/", {**GOOD, "kind": "organisation", "id_number": "3300101406",
                              "full_name": "Công ty TNHH Sông Hương"})
    user = User.objects.get(username="3300101406")
    assert (user.kind, user.tax_code, user.citizen_id) == (User.Kind.ORGANISATION, "3300101406", None)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"id_number": "12345"}, "id_number", "12"),
    ({"password2": "khac-han"}, "password2", "không khớp"),
    ({"phone": "", "email": ""}, "phone", "số điện thoại hoặc thư điện tử"),
    ({"phone": "12ab"}, "phone", "10 chữ số"),
    ({"password1": "123", "password2": "123"}, "password1", ""),
    ({"full_name": ""}, "full_name", "Vui lòng nhập"),
])
def test_mistakes_are_refused_beside_their_field(client, change, field, message):
    response = client.post("/dang-ky/", {**GOOD, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not User.objects.filter(username=GOOD["id_number"]).exists() or field == "id_number"


def test_a_number_with_an_account_is_sent_to_log_in(client, lan):
    response = client.post("/dang-ky/", {**GOOD, "id_number": lan.citizen_id})
    assert "đã có tài khoản" in " ".join(response.context["form"].errors["id_number"])
    assert User.objects.filter(citizen_id=lan.citizen_id).count() == 1


def test_sign_ups_from_one_address_are_limited(client, settings):
    settings.RATELIMIT_ENABLED = True
    for n in range(20):  # every attempt counts, an account made or not
        client.post("/dang-ky/", {**GOOD, "id_number": f"0461900006{n:02d}"})
        client.logout()
    response = client.post("/dang-ky/", {**GOOD, "id_number": "046190000699"})
    assert response.status_code == 429
    assert not User.objects.filter(username="046190000699").exists()
