"""Administrative units and the agencies that serve them.

The hierarchy is data, never three hard-coded levels: since 01/07/2025 local government
has two tiers (province, commune) and units keep being merged, so every unit carries the
dates it is valid for and, once replaced, the unit that replaced it.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

# Two-tier local government took effect on this date (Resolution 202/2025/QH15 and the
# Law on Organisation of Local Government 2025).
TWO_TIER_REFORM_DATE = date(2025, 7, 1)

# QCVN 102:2016/BTTTT agency identifier, shape V1V2V3.Z1Z2.Y1Y2.MX1X2 (docs/domain/one-stop.md §3),
# e.g. 000.00.10.H57. The real code list is to be verified, so only the shape is enforced.
AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


def validate_agency_code(value: str) -> None:
    if not AGENCY_CODE_RE.match(value or ""):
        raise ValidationError(
            "Mã định danh cơ quan phải có dạng 000.00.00.H57 (QCVN 102:2016/BTTTT).", code="agency_code"
        )


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        """Rows in force on `day`: valid_from <= day < valid_until (open-ended when null)."""
        return self.filter(valid_from__lte=day).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day))


class AdministrativeUnit(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "Tỉnh, thành phố"
        DISTRICT = "district", "Quận, huyện, thị xã (trước 01/07/2025)"
        COMMUNE = "commune", "Xã, phường, đặc khu"

    code = models.CharField("mã", max_length=10, unique=True, help_text="Mã đơn vị hành chính (TCTK).")
    name = models.CharField("tên", max_length=200)
    division_type = models.CharField("loại đơn vị", max_length=50)
    codename = models.SlugField("tên mã", max_length=100)
    level = models.CharField("cấp", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="đơn vị cấp trên", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField("hiệu lực từ", default=TWO_TIER_REFORM_DATE)
    valid_until = models.DateField("hết hiệu lực từ", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", verbose_name="được thay thế bởi", null=True, blank=True, on_delete=models.PROTECT,
        related_name="replaces",
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "level"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})
        if self.replaced_by_id and not self.valid_until:
            raise ValidationError({"valid_until": "Đơn vị đã được thay thế phải có ngày hết hiệu lực."})

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)

    def successor_on(self, day: date) -> AdministrativeUnit | None:
        """The unit that stands for this one on `day`, following mergers; None if none does."""
        unit: AdministrativeUnit | None = self
        seen: set[int] = set()
        while unit is not None and not unit.is_valid_on(day):
            if unit.pk in seen or (unit.valid_until and day < unit.valid_from):
                return None
            seen.add(unit.pk)
            unit = unit.replaced_by
        return unit


class Agency(models.Model):
    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "committee", "Ủy ban nhân dân"
        DEPARTMENT = "department", "Sở, ban, ngành"
        SERVICE_CENTER = "service_center", "Trung tâm Phục vụ hành chính công"
        OPERATIONS_CENTER = "operations_center", "Trung tâm giám sát, điều hành (IOC)"
        CENTRAL_BRANCH = "central_branch", "Cơ quan trung ương trên địa bàn"
        UTILITY = "utility", "Doanh nghiệp dịch vụ công ích"
        OTHER = "other", "Khác"

    code = models.CharField(
        "mã định danh", max_length=20, unique=True, validators=[validate_agency_code],
        help_text="Theo QCVN 102:2016/BTTTT, ví dụ 000.00.10.H57.",
    )
    name = models.CharField("tên cơ quan", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    kind = models.CharField("loại cơ quan", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="cơ quan cấp trên", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name="địa bàn phục vụ", on_delete=models.PROTECT, related_name="agencies"
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    working_periods = models.CharField(
        "giờ làm việc", max_length=100, blank=True,
        help_text="Các khoảng giờ làm việc trong ngày, ví dụ 07:30-11:30,13:00-17:00. "
        "Để trống để dùng giờ làm việc mặc định.",
    )
    same_day_cutoff = models.TimeField(
        "giờ chốt nhận hồ sơ trong ngày", null=True, blank=True,
        help_text="Hồ sơ giải quyết trong ngày nhận sau giờ này được trả vào ngày làm việc tiếp theo. "
        "Để trống để dùng mặc định (15:00).",
    )
    is_active = models.BooleanField("đang hoạt động", default=True)
    valid_from = models.DateField("hiệu lực từ", default=TWO_TIER_REFORM_DATE)
    valid_until = models.DateField("hết hiệu lực từ", null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.working_periods:
            from workdays.calendar import WorkingCalendar, parse_periods

            try:
                periods = parse_periods(self.working_periods)
            except ValueError as exc:
                raise ValidationError({"working_periods": str(exc)}) from None
            # Step budgets are in hours with 1 working day = 8 working hours (docs/domain/one-stop.md §4),
            # so every agency's day must hold exactly 8 of them.
            hours = WorkingCalendar(periods=periods).day_length().total_seconds() / 3600
            if hours != 8:
                raise ValidationError({"working_periods": f"Tổng giờ làm việc trong ngày phải là 8 giờ "
                                                          f"(đang là {hours:g} giờ).".replace(".", ",")})
