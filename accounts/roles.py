from django.db import models


class Role(models.TextChoices):
    """Roles a staff member holds in an agency (one membership row per agency and role)."""

    COUNTER_OFFICER = "counter_officer", "Cán bộ một cửa"
    SPECIALIST = "specialist", "Chuyên viên"
    LEADER = "leader", "Lãnh đạo"
    AGENCY_ADMIN = "agency_admin", "Quản trị cơ quan"
    OPERATOR = "operator", "Điều hành viên IOC"


# Roles that are not tied to an agency: derived from the user record itself.
CITIZEN = "citizen"  # a citizen or organisation account (User.kind)
SYSTEM_ADMIN = "system_admin"  # User.is_superuser
