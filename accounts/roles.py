from django.db import models


class Role(models.TextChoices):
    """Roles a staff member holds in an agency (one membership row per agency and role)."""

    COUNTER_OFFICER = "counter_officer", "Cán bộ một cửa"
    SPECIALIST = "specialist", "Chuyên viên"
    LEADER = "leader", "Lãnh đạo"
    AGENCY_ADMIN = "agency_admin", "Quản trị cơ quan"
    OPERATOR = "operator", "Điều hành viên IOC"
    # A member of the province's PAR INDEX appraisal council, held in the agency that runs it
    # (the Department of Home Affairs): appraises and locks the agencies' self-assessments
    # (parindex/, Decision 876/QĐ-BNV).
    APPRAISER = "appraiser", "Thành viên Hội đồng thẩm định Chỉ số CCHC"


# Roles that are not tied to an agency: derived from the user record itself.
CITIZEN = "citizen"  # a citizen or organisation account (User.kind)
SYSTEM_ADMIN = "system_admin"  # User.is_superuser
# Roles on one object rather than in an agency: the account the object belongs to (a
# dossier's online applicant, a field report's reporter) holds OWNER on it.
OWNER = "owner"
# The platform acting by itself (deadline sweeps, escalation, routing): workflow.actors.SYSTEM.
SYSTEM = "system"
# A partner application calling the API with its key (Open311 clients).
PARTNER = "partner"
