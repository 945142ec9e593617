"""The public lookup page the QR code on form 01 opens: status and history for whoever
holds the code and the secret, no personal data, and no way to tell a wrong code from a
wrong secret."""

import pytest
from django.urls import include, path

import motcua.urls
from dossiers import actions
from dossiers.forms import lookup_url
from dossiers.lookup import NOT_FOUND, mask_name
from tests.dossiers.api_helpers import client_for
from tests.dossiers.conftest import at

# Until motcua/urls.py includes dossiers.urls, these tests use this module as the URLconf.
urlpatterns = [path("", include("dossiers.urls")), *motcua.urls.urlpatterns]
pytestmark = pytest.mark.urls(__name__)


def test_mask_name():
    assert mask_name("Nguyễn Thị Lan") == "Nguyễn T** L**"
    assert mask_name("Công ty TNHH Hương Giang") == "Công t** T** H** G**"
    assert mask_name("") == ""


def test_lookup_shows_status_and_steps_without_personal_data(client, received, hoa, minh, clock):
    clock.move_to(at(2025, 3, 10, 10))
    actions.forward(received, hoa, assignee=minh)

    response = client.get("/tra-cuu-ho-so/", {"ma": received.code, "mat-khau": received.lookup_secret})

    assert response.status_code == 200
    page = response.content.decode()
    for fact in ("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Đang xử lý", "09:00 10/03/2025",
                 "17:00 31/03/2025", "Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "Chuyển bước xử lý", "Nguyễn T** L**",
                 "Sở Xây dựng"):
        assert fact in page, fact
    for private in ("Nguyễn Thị Lan", "Trần Thị Hòa", "Lê Văn Minh", "0905123456", "lan@example.vn", "Lê Lợi",
                    "046190000123"):
        assert private not in page, private
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "no-referrer"


def test_the_qr_address_and_the_path_form_both_work(client, received, settings):
    settings.PUBLIC_BASE_URL = "https://dichvucong.hue.gov.vn/"
    url = lookup_url(received)
    assert url.startswith("https://dichvucong.hue.gov.vn/tra-cuu-ho-so/?ma=")
    response = client.get(url.removeprefix("https://dichvucong.hue.gov.vn"))
    assert response.status_code == 200 and "Được tiếp nhận" in response.content.decode()
    response = client.get(f"/tra-cuu-ho-so/{received.code}/{received.lookup_secret.lower()}/")
    assert response.status_code == 200 and received.code in response.content.decode()


def test_wrong_secret_and_wrong_code_give_the_same_not_found(client, received):
    wrong_secret = client.get("/tra-cuu-ho-so/", {"ma": received.code, "mat-khau": "ZZZZZZZZ"})
    wrong_code = client.get("/tra-cuu-ho-so/", {"ma": "000.00.20.H57-250310-0999",
                                                "mat-khau": received.lookup_secret})
    no_secret = client.get("/tra-cuu-ho-so/", {"ma": received.code})
    for response in (wrong_secret, wrong_code, no_secret):
        assert response.status_code == 404
        page = response.content.decode()
        assert NOT_FOUND in page and "Được tiếp nhận" not in page and "Nguyễn T**" not in page


def test_the_empty_page_offers_the_form(client, db):
    response = client.get("/tra-cuu-ho-so/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="ma"' in page and 'name="mat-khau"' in page and NOT_FOUND not in page


def test_each_history_row_names_the_step_finished_and_the_next_one(received, hoa):
    from dossiers.lookup import history

    dossier = actions.forward(received, hoa).dossier
    forwarded = history(dossier)[-1]
    steps = list(dossier.procedure_version.steps.order_by("order"))
    assert (forwarded["done"], forwarded["next"]) == (steps[0].name, steps[1].name)
    assert forwarded["agency"] == dossier.receiving_agency.name  # the agency that finished the step
    assert forwarded["timeliness"]  # of the step finished, beside its own name


def test_the_receipt_is_downloaded_with_the_code_and_secret_printed_on_it(client, received, hoa, settings, tmp_path):
    from dossiers.forms import issue_form

    settings.MEDIA_ROOT = str(tmp_path / "media")
    issue_form(received, "01", user=hoa)
    url = f"/tra-cuu-ho-so/{received.code}/{received.lookup_secret}/giay-tiep-nhan.pdf"
    got = client.get(url)
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF-")
    assert got["Content-Disposition"].startswith("attachment")
    assert client.get(url.replace(received.lookup_secret, "SAI12345")).status_code == 404
    assert not (tmp_path / "media" / "forms").exists(), "the receipt is not under the published MEDIA_ROOT"
    form = received.forms.get()
    assert client_for(hoa).get(f"/ho-so/{received.pk}/mau/{form.pk}/").status_code == 200
