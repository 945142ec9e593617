"""Benchmark: catalogue search over 5,000 published procedures.

    .venv/bin/python bench/catalogue_search.py                      # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/catalogue_search.py

Builds a throw-away test database (test_<name>), fills it with N procedures whose names
are composed from real procedure vocabulary and the demo's synonyms, then times the public
search (catalogue.search: the first page of 20, ranked, plus its count) for queries as citizens
type them: with and without diacritics, everyday words, a typo, Telex, filler words. The
baseline, measured in the same run, is the same page and count with no search text: the ratio
says what searching costs on top of listing (docs/search.md asks at most 1.5× for the median).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ACTIONS = ["Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Đăng ký", "Thu hồi", "Xác nhận", "Công nhận",
           "Thẩm định", "Phê duyệt", "Chứng thực", "Đăng ký thay đổi", "Hỗ trợ", "Giải quyết"]
OBJECTS = ["giấy phép xây dựng", "giấy chứng nhận quyền sử dụng đất", "khai sinh", "kết hôn", "hộ kinh doanh",
           "giấy phép lái xe", "chứng chỉ hành nghề dược", "giấy phép lao động", "trợ cấp xã hội",
           "giấy phép kinh doanh karaoke", "bản sao từ sổ gốc", "phiếu lý lịch tư pháp", "nhãn hiệu hàng hóa",
           "giấy phép khai thác nước mặt", "đề án bảo vệ môi trường", "giấy phép hoạt động khám bệnh, chữa bệnh",
           "thành lập trường mầm non", "biển số xe", "di tích lịch sử", "cơ sở lưu trú du lịch"]
QUALIFIERS = ["", "đối với nhà ở riêng lẻ", "cho tổ chức", "cho cá nhân", "có yếu tố nước ngoài", "tại cấp xã",
              "trong khu công nghiệp", "cho doanh nghiệp nhỏ và vừa", "trường hợp bị mất", "do hết hạn"]
QUERIES = ["giay phep xay dung", "giấy phép xây dựng", "KHAI SINH", "dang ky ket hon", "ho kinh doanh",
           "đất", "chung chi hanh nghe duoc", "cap lai giay phep lai xe", "bao ve moi truong", "karaoke",
           "đổi bằng lái xe", "sổ đỏ bị mất", "giay phep xay dungg", "ddawng kys keets hoon",
           "thủ tục khai sinh cho con ở đâu", "qwxzv"]


def fill(count: int) -> None:
    from accounts.roles import Role  # noqa: F401  (registers roles before catalogue imports)
    from catalogue.models import Field, Procedure, ProcedureVersion
    from demo.synonyms import load_synonyms
    from motcua.textsearch import normalize
    from units.models import AdministrativeUnit, Agency

    rng = random.Random(766)
    province = AdministrativeUnit.objects.create(code="46", name="Thành phố Huế", division_type="thành phố",
                                                 codename="hue", level="province")
    agency = Agency.objects.create(code="000.00.20.H57", name="Sở Xây dựng", kind="department", unit=province)
    fields = [Field.objects.create(code=f"f{i}", name=f"Lĩnh vực {i}") for i in range(20)]
    procedures = Procedure.objects.bulk_create(Procedure(code=f"1.{i:06d}") for i in range(count))
    versions = []
    for procedure in procedures:
        name = " ".join(filter(None, [rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(QUALIFIERS)]))
        body = " ".join(rng.sample(OBJECTS, 4))
        versions.append(ProcedureVersion(
            procedure=procedure, number=1, state="published", effective_from=date(2025, 7, 1), name=name,
            field=rng.choice(fields), level_province=True, competent_agency=agency, receiving_agency=agency,
            time_limit_kind="days", time_limit_value=rng.randint(1, 30), result_type="licence", result_name="Kết quả",
            online_level=rng.choice(["full", "partial", "none"]), search_name=f" {normalize(name)} ",
            search_body=f" {normalize(body)} ",
        ))
    ProcedureVersion.objects.bulk_create(versions, batch_size=1000)  # the index follows (triggers, generated)
    load_synonyms()
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give a live database
        cursor.execute("ANALYZE")


def page_and_count(text: str) -> int:
    from catalogue.filters import CatalogueFilter
    from catalogue.services import current_versions

    versions = CatalogueFilter(q=text).apply(current_versions(date(2026, 1, 1)))
    list(versions[:20])
    return versions.count()


def timed(text: str, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        page_and_count(text)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        fill(args.procedures)
        for text in QUERIES[:2]:  # warm caches and the query planner
            timed(text, 2)
        baseline = timed("", args.repeat * len(QUERIES))
        print(f"{connection.vendor}, {args.procedures} procedures, first page of 20 + count, {args.repeat} runs each")
        print(f"{'query':32} {'hits':>5} {'median ms':>10} {'p95 ms':>8} {'× list':>7}")
        base = statistics.median(baseline)
        print(f"{'(no search text: baseline)':32} {page_and_count(''):5d} {base:10.2f} "
              f"{statistics.quantiles(baseline, n=20)[18]:8.2f} {1:7.1f}")
        medians = []
        for text in QUERIES:
            samples = timed(text, args.repeat)
            median = statistics.median(samples)
            medians.append(median)
            print(f"{text:32} {page_and_count(text):5d} {median:10.2f} {statistics.quantiles(samples, n=20)[18]:8.2f} "
                  f"{median / base:7.1f}")
        overall = statistics.median(medians)
        print(f"median over queries: {overall:.2f} ms = {overall / base:.1f} × the unfiltered list page")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
