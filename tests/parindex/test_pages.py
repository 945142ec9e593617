"""The PAR INDEX pages: import through the page, open a round, an agency's page with its forms,
who sees what."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parindex import actions, excel
from parindex.models import CriteriaSet, Round
from tests.parindex.conftest import workbook

pytestmark = pytest.mark.django_db


def test_import_open_self_assess_and_appraise_through_the_pages(client, son, nga, home_affairs, agency_a, dung,
                                                                 tu, leader_b, clock):
    client.force_login(son)
    response = client.post("/chi-so-cai-cach/bo-tieu-chi/", {"file": workbook()})
    assert response.status_code == 302 and CriteriaSet.objects.count() == 1
    bad = [["1", "Lĩnh vực", 3, None, None, None, None], ["1.1", "Tiêu chí", 2, None, None, None, None]]
    page = client.post("/chi-so-cai-cach/bo-tieu-chi/", {"file": workbook(bad, info=[("Mã bộ tiêu chí", "KHAC"),
                       ("Tên bộ tiêu chí", "Khác"), ("Áp dụng từ năm", 2025)])}).content.decode()
    assert "Điểm tối đa của «1» là 3" in page and CriteriaSet.objects.count() == 1
    assert client.get("/chi-so-cai-cach/bo-tieu-chi/mau.xlsx")["Content-Type"].startswith("application/vnd.openxml")

    client.force_login(nga)
    now = timezone.localtime()
    response = client.post("/chi-so-cai-cach/ky-moi/", {
        "year": 2025, "criteria_set": CriteriaSet.objects.get().pk, "council_agency": home_affairs.pk,
        "self_deadline": (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        "appraisal_deadline": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"), "agencies": [agency_a.pk]})
    assert "Hạn thẩm định phải sau hạn tự đánh giá" in response.content.decode()
    response = client.post("/chi-so-cai-cach/ky-moi/", {
        "year": 2025, "criteria_set": CriteriaSet.objects.get().pk, "council_agency": home_affairs.pk,
        "self_deadline": (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        "appraisal_deadline": (now + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"), "agencies": [agency_a.pk]})
    assert response.status_code == 302 and Round.objects.get().year == 2025
    url = f"/chi-so-cai-cach/2025/{agency_a.code}/"

    client.force_login(dung)
    page = client.get(url).content.decode()
    assert "Nộp bản tự đánh giá" in page and "Lưu điểm thẩm định" not in page
    client.post(url + "tu-cham/", {"criterion": "1.2", "points": "abc"})
    assert "Điểm phải là một số" in client.get(url).content.decode()
    client.post(url + "tu-cham/", {"criterion": "1.2", "points": "1,5", "explanation": "Đủ báo cáo quý."})
    assert "Đủ báo cáo quý." in client.get(url).content.decode()
    client.post(url + "nop/")
    assert "chưa tự chấm" in client.get(url).content.decode()

    client.force_login(leader_b)  # another agency's leader sees no draft of A
    assert client.get(url).status_code == 404
    client.force_login(tu)  # a specialist has no PAR INDEX pages
    assert client.get("/chi-so-cai-cach/").status_code == 403
    client.force_login(nga)
    assert client.get(url).status_code == 200 and client.get("/chi-so-cai-cach/2025/").status_code == 200


def test_the_published_ranking_shows_to_the_operations_centre(client, son, nga, home_affairs, agency_a, vy, clock):
    criteria = excel.import_workbook(workbook(), son).criteria_set
    now = timezone.now()
    r = actions.open_round(son, year=2025, criteria_set=criteria, council_agency=home_affairs, agencies=[agency_a],
                           self_deadline=now + timedelta(hours=1), appraisal_deadline=now + timedelta(days=2))
    clock.move_to(now + timedelta(hours=2))
    a = r.assessments.get()
    for code in ("1.1", "1.2", "2.1", "2.2"):
        actions.appraise(a, nga, criterion=code, points="1", comment="Thẩm định theo hồ sơ lưu.")
    actions.lock(a, nga)
    actions.publish(r, nga)
    client.force_login(vy)
    page = client.get("/chi-so-cai-cach/2025/").content.decode()
    assert "Kết quả và xếp hạng" in page and agency_a.name in page
    assert "hạng 1" in client.get("/dieu-hanh/do-luong/?ky=nam").content.decode()
