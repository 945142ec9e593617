"""Demo data for field reports in Huế: categories, APPROXIMATE ward boundaries, routing rules
for Huế's units, three utility officers, and a few hundred reports in every state, created
through the action functions. Safe to run again: nothing is added twice.

The ward boundaries are NOT real: they are Voronoi cells around approximate ward centres,
clipped to a rough outline of the city, generated with shapely. Each is stored with
is_approximate=True and a source saying so; replace them with official GeoJSON through
`manage.py import_boundaries` before any real use.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from shapely import voronoi_polygons
from shapely.geometry import MultiPoint, Point, Polygon, mapping

from fieldreports import actions
from fieldreports.geo import shape_of
from fieldreports.models import Boundary, Category, CategoryQuestion, Report, RoutingRule
from workflow import outbox

PROVINCE_CODE = "46"
APPROX_SOURCE = "Gần đúng, tự sinh (Voronoi quanh tâm phường ước lượng) — chỉ dùng cho bản demo"
# A rough outline of Huế city (lon, lat), from the Phong Điền coast to the Lăng Cô pass. Approximate.
CITY_OUTLINE = Polygon([
    (107.18, 16.78), (107.45, 16.72), (107.70, 16.58), (107.95, 16.40), (108.20, 16.24), (108.18, 16.10),
    (107.90, 16.05), (107.60, 16.00), (107.30, 16.05), (107.05, 16.20), (107.00, 16.45), (107.08, 16.65),
])
# Approximate centres of the inner-city wards (by a fragment of the codename), lat/long.
KNOWN_CENTRES = {
    "thuan_hoa": (16.462, 107.594), "phu_xuan": (16.476, 107.574), "vy_da": (16.478, 107.612),
    "kim_long": (16.456, 107.548), "thuy_xuan": (16.432, 107.575), "an_cuu": (16.447, 107.612),
    "huong_an": (16.495, 107.535), "thuan_an": (16.553, 107.640), "duong_no": (16.515, 107.608),
    "thuy_xuan_": (16.43, 107.57), "phu_bai": (16.405, 107.700), "huong_thuy": (16.420, 107.640),
    "huong_tra": (16.525, 107.485), "phong_dien": (16.590, 107.330), "phu_loc": (16.270, 107.870),
}
HUE_CENTRE = (16.4637, 107.5909)

CATEGORIES = [
    # (group code, group name, [(code, name, hours, kind, may_be_urgent)])
    ("moi-truong", "Môi trường", [
        ("o-nhiem", "Ô nhiễm môi trường (khói, mùi, tiếng ồn)", 48, "calendar", False),
        ("rac-thai", "Rác thải, vệ sinh đô thị", 24, "calendar", False),
    ]),
    ("ha-tang", "Hạ tầng đô thị", [
        ("chieu-sang", "Chiếu sáng công cộng", 16, "working", False),
        ("duong-via-he", "Hư hỏng đường, vỉa hè", 40, "working", True),
        ("cay-xanh", "Cây xanh gãy đổ, nguy hiểm", 8, "calendar", True),
    ]),
    ("trat-tu-do-thi", "Trật tự đô thị", [
        ("lan-chiem", "Lấn chiếm lòng đường, vỉa hè", 24, "working", False),
        ("xay-dung-trai-phep", "Xây dựng không phép, sai phép", 40, "working", False),
    ]),
    ("giao-thong", "Giao thông", [("den-tin-hieu", "Đèn tín hiệu, biển báo giao thông", 8, "working", True)]),
    ("dien", "Điện", [("su-co-dien", "Mất điện, sự cố lưới điện", 4, "calendar", True)]),
    ("nuoc", "Cấp nước", [("su-co-nuoc", "Mất nước, vỡ đường ống", 8, "calendar", True)]),
    ("an-ninh", "An ninh trật tự", [("an-ninh-trat-tu", "An ninh trật tự công cộng", 8, "calendar", True)]),
]

CONSTRUCTION, IOC, POWER, WATER, ENVIRONMENT, POLICE = (
    "000.00.05.H57", "000.00.16.H57", "000.00.32.H57", "000.00.31.H57", "000.00.33.H57", "000.00.21.H57")
RULES = [  # (order, category or group code, agency code) — province-wide; urban order goes by ward below
    (10, "rac-thai", ENVIRONMENT), (20, "ha-tang", CONSTRUCTION), (30, "giao-thong", CONSTRUCTION),
    (40, "dien", POWER), (50, "nuoc", WATER), (60, "an-ninh", POLICE),
]
UTILITY_OFFICERS = [("hepco", ENVIRONMENT), ("pchue", POWER), ("huewaco", WATER)]
TEXTS = {
    "o-nhiem": ["Khói đốt rác bốc mùi khó chịu vào buổi tối.", "Cơ sở sản xuất xả nước thải ra mương."],
    "rac-thai": ["Rác tồn đọng nhiều ngày ở góc đường.", "Điểm tập kết rác tràn ra lòng đường."],
    "chieu-sang": ["Đèn đường không sáng cả đoạn, rất tối.", "Cột đèn chiếu sáng bị nghiêng."],
    "duong-via-he": ["Ổ gà lớn giữa đường, xe máy dễ ngã.", "Vỉa hè bị sụt lún, bong gạch."],
    "cay-xanh": ["Cây xanh có nhánh khô sắp gãy.", "Cây đổ chắn một phần lối đi."],
    "lan-chiem": ["Quán nước bày bàn ghế chiếm hết vỉa hè.", "Xe ô tô đỗ kín lòng đường buổi tối."],
    "xay-dung-trai-phep": ["Công trình đổ vật liệu xây dựng ra đường.", "Nhà đang cơi nới không có biển báo phép."],
    "den-tin-hieu": ["Đèn tín hiệu giao thông ở ngã tư không hoạt động.", "Biển báo bị che khuất bởi cây."],
    "su-co-dien": ["Mất điện cả khu phố từ sáng.", "Dây điện võng thấp qua đường."],
    "su-co-nuoc": ["Vỡ ống nước, nước chảy tràn mặt đường.", "Mất nước sinh hoạt hai ngày nay."],
    "an-ninh-trat-tu": ["Nhóm thanh niên tụ tập gây ồn ào khuya.", "Có người câu trộm điện ở cột điện."],
}


def load_categories() -> dict[str, Category]:
    out = {}
    for g_order, (g_code, g_name, leaves) in enumerate(CATEGORIES):
        group, _ = Category.objects.get_or_create(code=g_code, defaults={"name": g_name, "order": g_order})
        out[g_code] = group
        for order, (code, name, hours, kind, urgent) in enumerate(leaves):
            out[code], _ = Category.objects.get_or_create(code=code, defaults={
                "name": name, "parent": group, "deadline_hours": hours, "deadline_kind": kind,
                "may_be_urgent": urgent, "urgent_deadline_hours": 2, "order": order, "keywords": name.lower(),
            })
    CategoryQuestion.objects.get_or_create(category=out["rac-thai"], code="khoi-luong", defaults={
        "question": "Khối lượng rác ước tính", "datatype": "singlevaluelist", "required": False, "order": 1,
        "values": [{"key": "nho", "name": "Dưới 1 m³"}, {"key": "vua", "name": "1–5 m³"},
                   {"key": "lon", "name": "Trên 5 m³"}],
    })
    CategoryQuestion.objects.get_or_create(category=out["duong-via-he"], code="kich-thuoc", defaults={
        "question": "Chiều rộng hư hỏng (m)", "datatype": "number", "order": 1,
        "datatype_description": "Số mét, ví dụ 1.5",
    })
    return out


def ward_centres(wards) -> list[tuple[object, tuple[float, float]]]:
    """Approximate centres: known ones for inner wards, the rest spread over the outline."""
    rng = random.Random(46)
    minx, miny, maxx, maxy = CITY_OUTLINE.bounds
    centres, used = [], []
    for ward in wards:
        centre = next((c for frag, c in KNOWN_CENTRES.items() if frag.rstrip("_") in ward.codename), None)
        if centre is None or centre in used:
            while True:
                lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
                # keep generated centres out of the inner city, which has real approximations
                if CITY_OUTLINE.contains(Point(lon, lat)) and Point(lon, lat).distance(Point(107.59, 16.46)) > 0.08:
                    centre = (lat, lon)
                    break
        used.append(centre)
        centres.append((ward, centre))
    return centres


def load_boundaries() -> int:
    from units.models import AdministrativeUnit

    wards = list(AdministrativeUnit.objects.filter(parent__code=PROVINCE_CODE, level="commune",
                                                   valid_until__isnull=True).order_by("code"))
    missing = [w for w in wards if not Boundary.objects.filter(unit=w).exists()]
    if not wards or not missing:
        return 0
    centres = ward_centres(wards)
    points = MultiPoint([(lon, lat) for _, (lat, lon) in centres])
    cells = voronoi_polygons(points, extend_to=CITY_OUTLINE.buffer(0.5))
    created = 0
    for ward, (lat, lon) in centres:
        if ward not in missing:
            continue
        cell = next(c for c in cells.geoms if c.contains(Point(lon, lat)))
        shape = cell.intersection(CITY_OUTLINE)
        if shape.is_empty:
            continue
        Boundary.objects.create(name=f"{ward.name} (ranh giới gần đúng)", unit=ward, geometry=mapping(shape),
                                is_approximate=True, source=APPROX_SOURCE)
        created += 1
    return created


def load_rules(cats) -> int:
    from units.models import Agency

    created = 0
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[r[2] for r in RULES])}
    for order, code, agency_code in RULES:
        if agency_code in agencies:
            _, new = RoutingRule.objects.get_or_create(category=cats[code], area_kind="province", defaults={
                "order": order, "agency": agencies[agency_code]})
            created += new
    # Urban order goes to the committee of the ward the pin lies in (by the ward polygon).
    for i, boundary in enumerate(Boundary.objects.filter(unit__isnull=False).select_related("unit")):
        committee = Agency.objects.filter(unit=boundary.unit, kind=Agency.Kind.PEOPLES_COMMITTEE).first()
        if committee:
            _, new = RoutingRule.objects.get_or_create(
                category=cats["trat-tu-do-thi"], area_kind="ward", unit=boundary.unit,
                defaults={"order": 100 + i, "agency": committee})
            created += new
    return created


def load_officers():
    from accounts.models import User

    officers = {}
    for username, code in UTILITY_OFFICERS:  # demo accounts of demo/data.py
        user = User.objects.filter(username=username, memberships__agency__code=code).first()
        if user is not None:
            officers[user.memberships.get(agency__code=code).agency_id] = user
    return officers


def _handler_for(agency, officers):
    from accounts.models import Membership

    if agency.pk in officers:
        return officers[agency.pk]
    membership = Membership.objects.filter(agency=agency, is_active=True,
                                           role__in=["specialist", "counter_officer", "leader"]).first()
    return membership.user if membership else None


# Every demo report's address ends so: it tells a second run the reports are there already.
DEMO_ADDRESS = ", demo"


def load_reports(cats, count: int = 300) -> int:
    from accounts.models import User
    from units.models import Agency

    if Report.objects.filter(address__endswith=DEMO_ADDRESS).exists():
        return 0
    reporter = User.objects.filter(username="046190012345").first()
    operator = User.objects.filter(username="vy").first()
    if reporter is None or operator is None:
        return 0
    officers = load_officers()
    construction = Agency.objects.filter(code=CONSTRUCTION).first()
    rng = random.Random(2025)
    leaves = [c for c in cats.values() if c.parent_id]
    boundaries = list(Boundary.objects.filter(unit__isnull=False))
    inner = [b for b in boundaries if any(f.rstrip("_") in b.unit.codename for f in KNOWN_CENTRES)] or boundaries
    now = timezone.now()
    made = 0
    for n in range(count):
        category = rng.choice(leaves)
        when = now - timedelta(days=rng.uniform(0, 60), hours=rng.uniform(0, 24))
        if rng.random() < 0.85 and inner:  # most reports come from the inner city
            area = shape_of(rng.choice(inner).geometry)
            minx, miny, maxx, maxy = area.bounds
            while True:
                lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
                if area.contains(Point(lon, lat)):
                    break
        else:
            lat, lon = HUE_CENTRE[0] + rng.uniform(-0.03, 0.03), HUE_CENTRE[1] + rng.uniform(-0.03, 0.03)
        key = f"demo:{n}"
        report = actions.submit_report(
            reporter=reporter, category=category, description=rng.choice(TEXTS[category.code]),
            lat=round(lat, 6), long=round(lon, 6), address=f"Gần số {rng.randint(1, 200)}{DEMO_ADDRESS}",
            is_urgent=category.may_be_urgent and rng.random() < 0.15, now=when, idempotency_key=key,
            attributes={"khoi-luong": rng.choice(["nho", "vua", "lon"])} if category.code == "rac-thai" else None,
        )
        made += 1
        fate = rng.random()
        step = when
        def later(hours=6):
            nonlocal step
            step = min(step + timedelta(hours=rng.uniform(0.5, hours)), now)
            return step
        if report.agency_id is None:
            if fate < 0.3 or construction is None:
                continue  # waits in the IOC triage queue
            report = actions.dispatch(report, operator, construction, reason="Điều phối demo", now=later(),
                                      idempotency_key=f"{key}:dispatch")
        handler = _handler_for(report.agency, officers)
        if handler is None or fate < 0.15:
            continue  # dispatched, not yet taken
        report = actions.accept(report, handler, now=later(), idempotency_key=f"{key}:accept")
        if fate < 0.25:
            continue
        report = actions.start(report, handler, now=later(), idempotency_key=f"{key}:start")
        if fate < 0.4:
            continue
        if fate < 0.47:
            actions.reject(report, handler, "Nội dung không thuộc phạm vi xử lý của đơn vị.", now=later(),
                           idempotency_key=f"{key}:reject")
            if fate < 0.44:
                actions.reopen(report, reporter, "Vấn đề vẫn còn, đề nghị xem lại.", now=later(24),
                               idempotency_key=f"{key}:reopen")
            continue
        if fate < 0.52:
            other = Agency.objects.filter(code=ENVIRONMENT).exclude(pk=report.agency_id).first()
            if other:
                actions.transfer(report, handler, other, "Chuyển đơn vị đúng chức năng.", now=later(),
                                 idempotency_key=f"{key}:transfer")
            continue
        report = actions.resolve(report, handler, "Đơn vị đã kiểm tra và xử lý xong. Cảm ơn người dân đã phản ánh.",
                                 now=later(48), idempotency_key=f"{key}:resolve")
        if fate < 0.85:
            actions.rate(report, reporter, rng.choice([3, 4, 4, 5, 5, 5]), "Xử lý nhanh.", now=later(24),
                         idempotency_key=f"{key}:rate")
    return made


def load_fieldreports_demo(reports: int = 300) -> str:
    # Demo reports are not news: nothing is even published while loading them, so no task is
    # queued and nobody is told.
    with outbox.muted(), transaction.atomic():
        cats = load_categories()
        boundaries = load_boundaries()
        rules = load_rules(cats)
        made = load_reports(cats, reports)
    return (f"Field reports: {len(cats)} categories, {boundaries} approximate ward boundaries new, "
            f"{rules} routing rules new, {made} demo reports new.")
