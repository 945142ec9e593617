"""A small criteria tree as an administrator would type it in Excel, the council's agency (the
Department of Home Affairs) and Nga, a member of its appraisal council."""

from io import BytesIO

import pytest
from openpyxl import Workbook

from accounts.roles import Role
from tests.conftest import staff
from tests.dossiers.conftest import clock, permit  # noqa: F401  (fixtures)
from tests.ioc.conftest import leader_b  # noqa: F401  (fixtures)
from units.models import Agency

INFO = [("Mã bộ tiêu chí", "QD876-THU"), ("Tên bộ tiêu chí", "Bộ chỉ số CCHC các sở (thử)"),
        ("Căn cứ", "Quyết định 876/QĐ-BNV"), ("Áp dụng từ năm", 2025)]
HEADER = ["Mã", "Nội dung", "Điểm tối đa", "Phép đo tự động", "Mục tiêu (%)", "Bắt buộc tài liệu kiểm chứng",
          "Hướng dẫn chấm điểm"]
ROWS = [
    ["1", "Công tác chỉ đạo, điều hành cải cách hành chính", 4, None, None, None, None],
    ["1.1", "Kế hoạch cải cách hành chính năm", 2, None, None, "x", "Có kế hoạch ban hành đúng hạn: 2 điểm."],
    ["1.2", "Báo cáo cải cách hành chính định kỳ", 2, None, None, None, None],
    ["2", "Cải cách thủ tục hành chính", 6, None, None, None, None],
    ["2.1", "Tỷ lệ hồ sơ nộp trực tuyến", 3, "dossiers_online", 50, None, None],
    ["2.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "3",
     "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn (Bộ chỉ số 766, chỉ số 2.1)", None, None, None],
]


def workbook(rows=None, info=None) -> BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = "Thông tin"
    for row in info or INFO:
        sheet.append(list(row))
    criteria = book.create_sheet("Tiêu chí")
    criteria.append(HEADER)
    for row in rows if rows is not None else ROWS:
        criteria.append(row)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "bo-tieu-chi.xlsx"
    return out


@pytest.fixture
def home_affairs(province):
    return Agency.objects.create(code="000.00.22.H57", name="Sở Nội vụ", kind=Agency.Kind.DEPARTMENT, unit=province)


@pytest.fixture
def nga(home_affairs):
    return staff("nga", home_affairs, Role.APPRAISER, full_name="Trương Thị Nga")
