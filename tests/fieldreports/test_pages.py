"""Pages: the public feed with filters and the map data, a report's page with answer and
rating, the reporter's form and own list, and the staff queues with their actions."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from accounts.permissions import POLICY
from fieldreports import actions
from fieldreports.models import Report
from tests.fieldreports.conftest import IN_WARD_A, IN_WARD_B, OUTSIDE, jpeg_with_gps, report


def test_feed_filters(client, world, lan, minh, lighting, waste, ward_b):
    a = report(lan, lighting, where=IN_WARD_A, description="Đèn A hỏng")
    b = report(lan, waste, where=IN_WARD_B, description="Rác B tồn đọng")
    actions.accept(a, minh)
    actions.resolve(a, minh, "Đã thay")
    page = client.get(reverse("fieldreports:feed"))
    assert page.status_code == 200 and "Đèn A hỏng" in page.content.decode() and 'id="fr-map"' in page.content.decode()
    def texts(**params):
        return client.get(reverse("fieldreports:feed"), params).content.decode()

    assert "Rác B" in texts(category="moi-truong") and "Đèn A" not in texts(category="moi-truong")
    assert "Đèn A" in texts(status="closed") and "Rác B" not in texts(status="closed")
    assert "Rác B" in texts(ward=ward_b.code) and "Đèn A" not in texts(ward=ward_b.code)
    assert "Đèn A" in texts(unit=str(a.agency_id)) and "Rác B" not in texts(unit=str(a.agency_id))
    assert "Đèn A" in texts(period="7")
    points = client.get(reverse("fieldreports:map-points"), {"status": "open"}).json()["points"]
    assert [p["id"] for p in points] == [b.pk]


def test_feed_query_count_is_flat(client, world, lan, lighting, django_assert_max_num_queries):
    for _ in range(15):
        report(lan, lighting)
    with django_assert_max_num_queries(12):
        client.get(reverse("fieldreports:feed"))


def test_citizen_reports_through_the_form_and_rates(client, world, lan, minh, lighting, agency_a):
    client.force_login(lan)
    form = client.get(reverse("fieldreports:new"))
    assert form.status_code == 200 and "Gửi phản ánh" in form.content.decode()
    response = client.post(reverse("fieldreports:new"), {
        "category": "chieu-sang", "description": "Đèn đường tắt cả tuần", "lat": "16.47", "long": "107.59",
        "address": "Lê Lợi", "photos": [jpeg_with_gps()], "client_key": "k1",
    })
    r = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse("fieldreports:detail", args=[r.pk])
    assert r.photos.count() == 1 and r.agency == agency_a
    assert "Đèn đường tắt" in client.get(reverse("fieldreports:mine")).content.decode()
    actions.accept(r, minh)
    actions.resolve(r, minh, "Đã thay bóng đèn LED")
    page = client.get(reverse("fieldreports:detail", args=[r.pk])).content.decode()
    assert "Đã thay bóng đèn LED" in page and "Đánh giá và đóng" in page and "Mở lại" in page
    client.post(reverse("fieldreports:reporter-action", args=[r.pk]), {"action": "rate", "rating": "4",
                                                                       "comment": "Tốt"})
    r.refresh_from_db()
    assert (r.status, r.rating) == ("closed", 4)
    assert "4/5" in client.get(reverse("fieldreports:detail", args=[r.pk])).content.decode()


def test_form_errors_are_vietnamese_and_keep_the_input(client, world, lan, lighting):
    client.force_login(lan)
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    gif.name = "a.jpg"
    gif.seek(0)
    response = client.post(reverse("fieldreports:new"), {"category": "chieu-sang", "description": "Đèn hỏng",
                                                         "photos": [gif], "lat": "16.47", "long": "107.59"})
    assert response.status_code == 400 and "Chỉ nhận ảnh JPEG hoặc PNG" in response.content.decode()
    response = client.post(reverse("fieldreports:new"), {"category": "chieu-sang", "description": "Đèn hỏng"})
    assert "Vui lòng chọn vị trí" in response.content.decode() and "Đèn hỏng" in response.content.decode()
    assert Report.objects.count() == 0


def test_form_needs_a_citizen_login(client, world, minh):
    assert client.get(reverse("fieldreports:new")).status_code == 302
    client.force_login(minh)
    assert client.get(reverse("fieldreports:new")).status_code == 403


def test_ioc_dispatches_and_unit_handles_through_the_pages(client, world, lan, vy, minh, power, agency_a):
    r = report(lan, power)
    client.force_login(vy)
    queue = client.get(reverse("fieldreports:ioc-queue")).content.decode()
    assert f">{r.pk}<" in queue
    client.post(reverse("fieldreports:staff-action", args=[r.pk]), {"action": "dispatch", "agency": agency_a.pk})
    r.refresh_from_db()
    assert (r.status, r.agency) == ("dispatched", agency_a)
    client.force_login(minh)
    assert f"#{r.pk}" in client.get(reverse("fieldreports:unit-queue")).content.decode()
    url = reverse("fieldreports:staff-action", args=[r.pk])
    client.post(url, {"action": "accept"})
    client.post(url, {"action": "start"})
    client.post(url, {"action": "resolve", "answer": "Đã xử lý xong"})
    r.refresh_from_db()
    assert r.status == "resolved" and r.answer == "Đã xử lý xong"


def test_hidden_report_is_gone_from_the_public(client, world, lan, vy, lighting):
    r = report(lan, lighting)
    actions.hide(r, vy, "Xúc phạm")
    assert client.get(reverse("fieldreports:detail", args=[r.pk])).status_code == 404


@pytest.mark.parametrize("unit", ["\u00b2", "99999999999999999999999", "-1", "abc"])
def test_odd_unit_filters_match_nothing_instead_of_failing(client, world, lan, lighting, unit):
    report(lan, lighting, description="Đèn A hỏng")
    page = client.get(reverse("fieldreports:feed"), {"unit": unit})
    assert page.status_code == 200 and "Đèn A hỏng" not in page.content.decode()
    points = client.get(reverse("fieldreports:map-points"), {"unit": unit})
    assert points.status_code == 200 and points.json() == {"points": []}


def test_form_answers_an_impossible_datetime_in_vietnamese(client, world, lan, waste):
    question = waste.questions.get()
    question.datatype, question.required = "datetime", False
    question.save()
    client.force_login(lan)
    response = client.post(reverse("fieldreports:new"), {
        "category": "rac-thai", "description": "Rác tồn đọng", "lat": "16.47", "long": "107.59",
        "attr_khoi-luong": "2026-02-30T08:00:00+07:00"})
    assert response.status_code == 400 and "phải là ngày giờ" in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize("values", [
    ["nho"], [{"name": "Không có key"}], [{"key": "", "name": "Rỗng"}], {"key": "nho"},
    [{"key": "nho", "name": "A"}, {"key": "nho", "name": "B"}], [],
])
def test_question_choices_are_validated(waste, values):
    question = waste.questions.get()
    question.values = values
    with pytest.raises(ValidationError) as exc:
        question.full_clean()
    assert "values" in exc.value.message_dict


def test_reporter_still_reads_and_rates_a_hidden_report(client, world, lan, vy, minh, lighting):
    # Given Lan's report was answered, then hidden by the IOC
    r = report(lan, lighting)
    actions.accept(r, minh)
    actions.resolve(r, minh, "Đã thay bóng đèn LED")
    actions.hide(r, vy, "Có thông tin cá nhân trong ảnh")
    # Then the public no longer finds it
    assert client.get(reverse("fieldreports:detail", args=[r.pk])).status_code == 404
    # But Lan reads it, with a notice that it is hidden, and may rate it
    client.force_login(lan)
    page = client.get(reverse("fieldreports:detail", args=[r.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "đã bị ẩn khỏi trang công khai" in text
    assert "Đã thay bóng đèn LED" in text and "Đánh giá và đóng" in text
    client.post(reverse("fieldreports:reporter-action", args=[r.pk]), {"action": "rate", "rating": "5"})
    r.refresh_from_db()
    assert r.status == "closed"
    # And the IOC and the handling unit's staff may read it; another citizen may not
    for user, status in ((vy, 200), (minh, 200)):
        client.force_login(user)
        assert client.get(reverse("fieldreports:detail", args=[r.pk])).status_code == status


def test_ioc_queue_shows_the_reporter_only_to_holders_of_view_identity(client, world, lan, vy, power, monkeypatch):
    lan.email = "lan.nguyen@example.vn"
    lan.save()
    report(lan, power)
    client.force_login(vy)
    assert lan.full_name in client.get(reverse("fieldreports:ioc-queue")).content.decode()
    # When the policy keeps dispatching but no longer grants Vy the identity
    monkeypatch.setitem(POLICY, "fieldreport.view_identity", frozenset())
    page = client.get(reverse("fieldreports:ioc-queue")).content.decode()
    assert "Người phản ánh" not in page and lan.full_name not in page


def test_staff_read_the_history_and_the_answers_in_vietnamese(client, world, lan, vy, waste):
    r = report(lan, waste, where=OUTSIDE)  # waits in IOC triage: "Chờ điều phối"
    client.force_login(vy)
    page = client.get(reverse("fieldreports:staff-detail", args=[r.pk])).content.decode()
    assert "Gửi phản ánh" in page and "Chờ điều phối" in page
    assert " submit " not in page and "→ new" not in page
    assert "Khối lượng rác ước tính: Dưới 1 m³" in page and "khoi-luong" not in page


def test_every_page_links_the_public_journeys_and_the_persons_own_work(client, world, vy, minh, lan):
    home = client.get("/").content.decode()
    for url in ("/thu-tuc/", "/tra-cuu-ho-so/", "/phan-anh/"):
        assert f'href="{url}"' in home
    for person, own in ((vy, "/phan-anh/dieu-phoi/"), (minh, "/phan-anh/don-vi/"), (lan, "/phan-anh/cua-toi/")):
        client.force_login(person)
        assert f'href="{own}"' in client.get("/phan-anh/").content.decode(), person


def test_an_account_sending_reports_too_fast_is_asked_to_wait(client, world, lan, lighting, monkeypatch):
    from fieldreports import views
    from motcua.ratelimit import Limit

    monkeypatch.setattr(views, "REPORTS_PER_PERSON", Limit("fieldreports.person", 1, 3600))
    client.force_login(lan)
    form = {"category": "chieu-sang", "description": "Đèn đường tắt", "lat": "16.47", "long": "107.59"}
    assert client.post(reverse("fieldreports:new"), {**form, "client_key": "a"}).status_code == 302
    refused = client.post(reverse("fieldreports:new"), {**form, "client_key": "b"})
    assert refused.status_code == 429 and "thử quá nhiều lần" in refused.content.decode()
    assert Report.objects.count() == 1
