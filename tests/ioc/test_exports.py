"""Excel exports of the operations centre: asked on a page, built by a worker with its
progress shown, downloaded by the person who asked and nobody else, every table with the
filters written above it; failures said plainly, old files deleted."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from dossiers import actions
from dossiers.models import Channel
from ioc import exports, projection, tables
from ioc.models import Export
from tests.conftest import run_tasks
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def intake(permit, hoa, n=1):
    for _ in range(n):
        d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
        actions.forward(d, hoa)
    projection.catch_up()


def ask(client, table: str, **filters) -> Export:
    response = client.post(f"/dieu-hanh/xuat/bat-dau/?{'&'.join(f'{k}={v}' for k, v in filters.items())}",
                           {"bang": table})
    assert response.status_code == 302, response
    export = Export.objects.latest("pk")
    assert response["Location"] == f"/dieu-hanh/xuat/{export.pk}/"
    return export


def workbook(client, export: Export):
    response = client.get(f"/dieu-hanh/xuat/{export.pk}/tai-ve/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    return load_workbook(BytesIO(b"".join(response.streaming_content))).active


def test_an_export_is_queued_built_by_a_worker_and_downloaded(client, permit, hoa, vy, agency_a):
    intake(permit, hoa, 3)
    client.force_login(vy)
    export = ask(client, "co-quan", ky="nam", kenh="1")
    page = client.get(f"/dieu-hanh/xuat/{export.pk}/")
    assert "Đang chờ" in page.content.decode()
    fragment = client.get(f"/dieu-hanh/xuat/{export.pk}/", HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b'hx-trigger="every 1s"' in fragment.content
    assert run_tasks() >= 1
    export.refresh_from_db()
    assert (export.status, export.rows_done, export.rows_total) == (Export.Status.DONE, 1, 1)
    done = client.get(f"/dieu-hanh/xuat/{export.pk}/", HTTP_HX_REQUEST="true")
    assert b"hx-trigger" not in done.content and "Tải về" in done.content.decode()
    sheet = workbook(client, export)
    assert sheet["A1"].value == tables.TABLES["co-quan"].title
    assert "Năm nay" in sheet["A2"].value and "Trực tiếp" in sheet["A3"].value
    header = [c.value for c in sheet[6]]
    row = dict(zip(header, [c.value for c in sheet[7]], strict=True))
    assert row["Cơ quan"] == agency_a.name and row["Tiếp nhận"] == 3 and row["Đang trong hạn"] == 3
    assert export.pk in [e.pk for e in client.get("/dieu-hanh/xuat/").context["exports"]]


@pytest.mark.parametrize("slug", sorted(tables.TABLES))
def test_every_table_exports_its_columns_and_rows(client, permit, hoa, vy, world, lan, lighting, slug):
    from ioc import reports
    from tests.fieldreports.conftest import report

    intake(permit, hoa, 2)
    report(lan, lighting)
    reports.catch_up()
    client.force_login(vy)
    export = ask(client, slug, ky="nam")
    run_tasks()
    export.refresh_from_db()
    assert export.status == Export.Status.DONE, export.error
    sheet = workbook(client, export)
    rows = list(sheet.iter_rows(values_only=True))
    columns = tables.TABLES[slug].columns
    if callable(columns):  # headings that depend on the filters (a PAR INDEX round's areas)
        from ioc.access import visible_agencies
        from ioc.filters import Filters

        columns = columns(Filters({"ky": "nam"}, visible_agencies(vy)))
    assert list(rows[5][:len(columns)]) == list(columns)
    assert len(rows) - 6 == export.rows_done
    if slug in ("co-quan", "thu-tuc", "ho-so", "hinh-thuc", "theo-ngay", "chi-so-766", "phan-anh-don-vi"):
        assert export.rows_done >= 1
    if slug == "ho-so":
        assert "Nguyễn Thị Lan" not in str(rows)  # no personal data in the monitoring lists


def test_only_the_person_who_asked_gets_the_file(client, permit, hoa, vy, dung, minh):
    intake(permit, hoa, 1)
    client.force_login(vy)
    export = ask(client, "co-quan")
    run_tasks()
    client.force_login(dung)  # another person who sees figures
    assert client.get(f"/dieu-hanh/xuat/{export.pk}/").status_code == 404
    assert client.get(f"/dieu-hanh/xuat/{export.pk}/tai-ve/").status_code == 404
    client.force_login(minh)  # no figures at all: cannot ask either
    assert client.post("/dieu-hanh/xuat/bat-dau/", {"bang": "co-quan"}).status_code == 404
    client.logout()
    assert client.get(f"/dieu-hanh/xuat/{export.pk}/tai-ve/")["Location"].startswith("/accounts/login/")
    assert client.get("/dieu-hanh/xuat/bat-dau/").status_code in (302, 405)


def test_the_worker_writes_what_the_person_may_see(client, permit, land_info, hoa, counter_b, dung, agency_b):
    intake(permit, hoa, 1)
    intake(land_info, counter_b, 1)
    client.force_login(dung)  # the leader of agency A asks for agency B's figures
    export = ask(client, "co-quan", **{"co-quan": agency_b.code})
    run_tasks()
    names = [r[0] for r in list(workbook(client, Export.objects.get(pk=export.pk)).iter_rows(values_only=True))[6:]]
    assert agency_b.name not in names


def test_progress_is_written_while_rows_are(client, permit, hoa, vy, monkeypatch):
    intake(permit, hoa, 5)
    seen = []
    original = tables.TABLES["ho-so"]

    def watched(f):
        count, rows = original.rows(f)
        for row in rows:
            seen.append(Export.objects.get().rows_done)
            yield row

    monkeypatch.setitem(tables.TABLES, "ho-so", tables.Table("ho-so", original.title, original.columns,
                                                             lambda f: (5, watched(f))))
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    client.force_login(vy)
    export = ask(client, "ho-so", ky="nam")
    run_tasks()
    export.refresh_from_db()
    assert seen == [0, 0, 2, 2, 4] and export.rows_total == 5 and export.percent == 100


def test_three_exports_at_once_at_most(client, permit, vy):
    client.force_login(vy)
    for _ in range(exports.AT_ONCE):
        ask(client, "co-quan")
    response = client.post("/dieu-hanh/xuat/bat-dau/", {"bang": "co-quan"}, follow=True)
    assert Export.objects.count() == exports.AT_ONCE
    assert "vui lòng chờ" in response.content.decode()


def test_an_unknown_table_is_refused_with_a_message(client, vy):
    client.force_login(vy)
    response = client.post("/dieu-hanh/xuat/bat-dau/", {"bang": "khong-co"}, follow=True)
    assert response.status_code == 200 and "Không có bảng số liệu này" in response.content.decode()
    assert not Export.objects.exists()


def test_a_failed_export_says_so_and_a_new_one_can_be_asked(client, permit, vy, monkeypatch):
    def broken(f):
        raise RuntimeError("the disk is full")

    monkeypatch.setitem(tables.TABLES, "co-quan", tables.Table("co-quan", "x", ("x",), broken))
    client.force_login(vy)
    export = ask(client, "co-quan")
    run_tasks()
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    page = client.get(f"/dieu-hanh/xuat/{export.pk}/")
    assert page.status_code == 200 and "vui lòng thử lại" in page.content.decode()
    assert client.get(f"/dieu-hanh/xuat/{export.pk}/tai-ve/").status_code == 404


def test_old_exports_are_deleted_with_their_files(client, permit, hoa, vy, settings):
    from ioc.tasks import expire_exports

    intake(permit, hoa, 1)
    client.force_login(vy)
    old, new = ask(client, "co-quan"), ask(client, "hinh-thuc")
    run_tasks()
    old.refresh_from_db()
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=settings.EXPORT_KEEP_DAYS + 1))
    expire_exports.call()
    assert list(Export.objects.values_list("pk", flat=True)) == [new.pk] and not storage.exists(name)
