"""The dashboard: who sees which agencies, figures from the projections in a fixed number of
queries, the drill-down, the Excel export and the cards refreshed by htmx."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers import actions
from dossiers.models import Channel
from ioc import projection
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db


def intake(permit, hoa, n=1):
    for _ in range(n):
        d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
        actions.forward(d, hoa)
    projection.catch_up()


def test_only_the_operations_centre_and_leaders_see_figures(client, permit, lan, hoa, minh, dung, vy, tu,
                                                           agency_a, agency_b):
    intake(permit, hoa)
    assert client.get("/dieu-hanh/")["Location"].startswith("/accounts/login/")
    for user in (lan, hoa, minh, tu):
        client.force_login(user)
        assert client.get("/dieu-hanh/").status_code == 403
    client.force_login(vy)
    rows = client.get("/dieu-hanh/").context["rows"]
    assert [r["agency"] for r in rows] == [agency_a] and rows[0]["received"] == 1
    client.force_login(dung)  # the leader of agency A sees agency A (and what is under it)
    assert [r["agency"] for r in client.get("/dieu-hanh/").context["rows"]] == [agency_a]
    assert client.get(f"/dieu-hanh/co-quan/{agency_b.code}/").status_code == 404


def test_the_cards_compare_with_the_previous_period_and_refresh_alone(client, permit, hoa, vy):
    intake(permit, hoa, 2)
    client.force_login(vy)
    cards = client.get("/dieu-hanh/").context["cards"]
    assert cards["now"]["received"] == 2 and cards["before"]["received"] == 0
    assert cards["open"]["in_time"] == 2
    fragment = client.get("/dieu-hanh/", {"phan": "the"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b'hx-trigger="every 30s"' in fragment.content


def test_the_dashboard_reads_projections_in_the_same_queries_however_many(client, permit, hoa, vy):
    intake(permit, hoa, 1)
    client.force_login(vy)
    client.get("/dieu-hanh/")

    def count():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/dieu-hanh/").status_code == 200
        return len(captured)

    few = count()
    intake(permit, hoa, 8)
    assert count() == few


def test_drill_down_to_procedures_and_dossiers(client, permit, hoa, vy, agency_a):
    intake(permit, hoa, 2)
    client.force_login(vy)
    rows = client.get(f"/dieu-hanh/co-quan/{agency_a.code}/").context["rows"]
    assert rows[0]["name"] == permit.procedure.code and rows[0]["received"] == 2
    page = client.get(f"/dieu-hanh/co-quan/{agency_a.code}/thu-tuc/{permit.procedure.code}/")
    assert len(page.context["page"].object_list) == 2
    assert "Nguyễn Thị Lan" not in page.content.decode()  # no personal data on the monitoring pages


def test_odd_filters_fall_back_to_this_month(client, permit, hoa, vy):
    client.force_login(vy)
    response = client.get("/dieu-hanh/", {"ky": "xyz", "tu": "2025-13-40", "kenh": "9", "co-quan": "khong-co"})
    assert response.status_code == 200 and response.context["f"].kind == "thang"


@pytest.mark.parametrize("name", ["theo-ngay", "hinh-thuc", "dung-han"])
def test_charts_are_svg_images_drawn_on_the_server(client, permit, hoa, vy, minh, dung, name):
    d = actions.forward(actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier,
                                        hoa).dossier, hoa).dossier
    actions.approve(actions.forward(d, minh).dossier, dung)
    projection.catch_up()
    client.force_login(vy)
    response = client.get(f"/dieu-hanh/bieu-do/{name}.svg", {"ky": "nam"})
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    assert response.content.lstrip().startswith(b"<svg")
    client.force_login(hoa)
    assert client.get(f"/dieu-hanh/bieu-do/{name}.svg").status_code == 403
    assert client.get("/dieu-hanh/bieu-do/khac.svg").status_code in (403, 404)


def test_field_report_figures_come_from_their_projection(client, world, lan, vy, minh, lighting, agency_a):
    from fieldreports import actions as report_actions
    from ioc import reports
    from tests.fieldreports.conftest import report

    first = report(lan, lighting)
    report(lan, lighting)
    report_actions.accept(first, minh)
    report_actions.resolve(first, minh, "Đã thay bóng đèn.")
    reports.catch_up()
    client.force_login(vy)
    page = client.get("/dieu-hanh/")
    figures = page.context["field_reports"]
    assert (figures["received"], figures["answered"], figures["on_time"], figures["open"]) == (2, 1, 1, 1)
    # Per unit, the same figures add up to the cards.
    units = page.context["report_units"]
    assert sum(u["received"] for u in units) == 2 and sum(u["open"] for u in units) == 1
    unit = next(u for u in units if u["agency_id"] == first.agency_id)
    assert (unit["answered"], unit["on_time_rate"], unit["name"]) == (1, 100.0, first.agency.name)
    assert "Phản ánh theo đơn vị xử lý" in page.content.decode()


def test_percentiles_of_processing_time_from_the_distribution(permit, agency_a, vy, client):
    from django.utils import timezone

    from ioc import figures
    from ioc.models import DossierDuration

    today = timezone.localdate()
    for days in (0, 1, 1, 2, 3, 3, 3, 5, 8, 20):
        row, _ = DossierDuration.objects.get_or_create(day=today, agency=agency_a, procedure=permit.procedure,
                                                       channel=1, linked=False, days=days)
        DossierDuration.objects.filter(pk=row.pk).update(count=row.count + 1)
    DossierDuration.objects.create(day=today, agency=agency_a, procedure=permit.procedure, channel=1, linked=True,
                                   days=40, count=50)  # a liên thông leg: not in the agency's own figures
    month = figures.period_of("thang")
    assert figures.percentiles([agency_a.pk], month) == {50: 3, 90: 8}
    assert figures.percentiles([agency_a.pk], month, shares=(100,)) == {100: 20}
    assert figures.percentiles([agency_a.pk], month, channel=2) == {50: None, 90: None}
    client.force_login(vy)
    assert "một nửa có kết quả trong 3 ngày, 90 % trong 8 ngày" in client.get("/dieu-hanh/").content.decode()


def test_the_period_report_is_a_vietnamese_pdf_with_its_figures_and_charts(client, permit, hoa, vy, minh, agency_a):
    from pypdf import PdfReader

    intake(permit, hoa, n=3)
    projection.catch_up()
    client.force_login(minh)
    assert client.get("/dieu-hanh/bao-cao.pdf").status_code == 403
    client.force_login(vy)
    assert "/dieu-hanh/bao-cao.pdf?ky=thang" in client.get("/dieu-hanh/").content.decode()
    response = client.get("/dieu-hanh/bao-cao.pdf", {"ky": "thang"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-')
    reader = PdfReader(BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Hồ sơ tiếp nhận 3" in text and agency_a.name in text
    assert sum(len(page.images) for page in reader.pages) == 2, "the trend and on-time charts"
