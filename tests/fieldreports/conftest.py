"""Fixtures for field reports: two wards with square boundaries, a small category tree and
routing rules, on top of the personas of tests/conftest.py.

    lighting (Chiếu sáng)  → agency_a (Sở Xây dựng), anywhere in the city
    waste    (Rác thải)    → agency_b inside ward A's polygon; elsewhere no rule (IOC triage)
    power    (Điện)        → no rule at all; may be urgent
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from fieldreports import actions
from fieldreports.models import Boundary, Category, CategoryQuestion, RoutingRule
from units.models import AdministrativeUnit

# Ward A is the square 107.58–107.60 E × 16.46–16.48 N; ward B sits east of it.
IN_WARD_A = (16.47, 107.59)
IN_WARD_B = (16.47, 107.61)
OUTSIDE = (16.30, 107.30)


def square(lon0, lat0, lon1, lat1):
    return {"type": "Polygon", "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]]}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FIELDREPORTS_IOC_AGENCY_CODE = ""
    # Personas are created for almost every test: a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def ward_a(province):
    unit = AdministrativeUnit.objects.create(code="19786", name="Phường Thuận Hóa", division_type="phường",
                                             codename="thuan_hoa", level="commune", parent=province)
    Boundary.objects.create(name=unit.name, unit=unit, geometry=square(107.58, 16.46, 107.60, 16.48),
                            is_approximate=True)
    return unit


@pytest.fixture
def ward_b(province):
    unit = AdministrativeUnit.objects.create(code="19787", name="Phường Phú Xuân", division_type="phường",
                                             codename="phu_xuan", level="commune", parent=province)
    Boundary.objects.create(name=unit.name, unit=unit, geometry=square(107.60, 16.46, 107.62, 16.48),
                            is_approximate=True)
    return unit


@pytest.fixture
def infra(db):
    return Category.objects.create(code="ha-tang", name="Hạ tầng đô thị")


@pytest.fixture
def lighting(infra):
    return Category.objects.create(code="chieu-sang", name="Chiếu sáng công cộng", parent=infra,
                                   deadline_hours=24, deadline_kind=Category.DeadlineKind.WORKING)


@pytest.fixture
def waste(db):
    group = Category.objects.create(code="moi-truong", name="Môi trường")
    category = Category.objects.create(code="rac-thai", name="Rác thải", parent=group, deadline_hours=24,
                                       deadline_kind=Category.DeadlineKind.CALENDAR)
    CategoryQuestion.objects.create(
        category=category, code="khoi-luong", question="Khối lượng rác ước tính", required=True,
        datatype=CategoryQuestion.Datatype.SINGLE, order=1,
        values=[{"key": "nho", "name": "Dưới 1 m³"}, {"key": "lon", "name": "Từ 1 m³ trở lên"}],
    )
    return category


@pytest.fixture
def power(db):
    return Category.objects.create(code="dien", name="Điện", deadline_hours=48, may_be_urgent=True,
                                   urgent_deadline_hours=2, deadline_kind=Category.DeadlineKind.CALENDAR)


@pytest.fixture
def rules(lighting, waste, ward_a, ward_b, agency_a, agency_b, ioc):
    return [
        RoutingRule.objects.create(order=10, category=waste, area_kind="ward", unit=ward_a, agency=agency_b),
        RoutingRule.objects.create(order=20, category=lighting.parent, area_kind="province", agency=agency_a),
    ]


@pytest.fixture
def world(rules, power, vy, minh, dung, lan):
    """Everything a story needs: rules, categories, the IOC with Vy, agency A with Minh and Dũng, Lan."""
    return rules


def report(reporter, category, where=IN_WARD_A, **kw):
    kw.setdefault("description", "Đèn đường hỏng trước nhà số 12, tối om cả đoạn.")
    if category.code == "rac-thai":
        kw.setdefault("attributes", {"khoi-luong": "nho"})
    return actions.submit_report(reporter=reporter, category=category, lat=where[0], long=where[1], **kw)


def jpeg_with_gps(size=(64, 48)) -> SimpleUploadedFile:
    """A JPEG carrying EXIF with a GPS position, as phones write them."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (16.0, 28.0, 0.0), 3: "E", 4: (107.0, 35.0, 0.0)}
    exif[0x8825] = gps
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile("anh.png", buf.getvalue(), content_type="image/png")
