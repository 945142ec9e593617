"""Demo data for Huế city (province code 46), as plain Python data.

Agency structure after the 2025 reorganisation (two-tier local government from 01/07/2025;
Thừa Thiên Huế became Huế city on 01/01/2025, Resolution 1314/NQ-UBTVQH15; departments
merged under Resolution 18-NQ/TW and Decree 45/2025/NĐ-CP).

Agency codes follow the QCVN 102:2016/BTTTT shape V1V2V3.Z1Z2.Y1Y2.MX1X2 with H57 for Huế
(docs/domain/one-stop.md §3): `000.00.NN.H57` for city-level agencies and `000.NN.50.H57` for the
committees of communes and wards. [verify] The real code list published by Huế city must
replace these numbers before any exchange with the national portal; only the shape is sure.
Addresses, telephone numbers and e-mail addresses are plausible illustrations, not
verified contact details.

Communes and wards are never listed here: their committees are generated from the units
loaded from the `vietnam-provinces` package (see demo/loader.py).
"""

from __future__ import annotations

from accounts.roles import Role

PROVINCE_CODE = "46"  # Huế city in the national statistical list
PROVINCE_NAME = "Thành phố Huế"
AGENCY_CODE_SUFFIX = "H57"  # Huế in QCVN 102:2016/BTTTT
CITY_COMMITTEE_CODE = "000.00.00.H57"

# Committees of communes and wards: Z1Z2 numbers them 01..99 in the order of their
# statistical codes, Y1Y2 is the block reserved for them here. [verify] real list.
COMMUNE_COMMITTEE_BLOCK = "50"

# Working hours per agency (docs/domain/one-stop.md §4): the service centre since 01/09/2022, the
# departments theirs. Agencies without hours use WORKDAYS_DEFAULT_PERIODS.
SERVICE_CENTER_HOURS = "07:30-11:30,13:00-17:00"
DEPARTMENT_HOURS = "08:00-11:30,13:00-17:30"
COMMUNE_HOURS = ""  # default hours

COMMITTEE = "committee"
DEPARTMENT = "department"
SERVICE_CENTER = "service_center"
OPERATIONS_CENTER = "operations_center"
CENTRAL_BRANCH = "central_branch"
UTILITY = "utility"

# City-level agencies, parents listed before their children. `parent` is an agency code.
CITY_AGENCIES: tuple[dict, ...] = (
    {
        "code": CITY_COMMITTEE_CODE, "name": "Ủy ban nhân dân thành phố Huế", "short_name": "UBND thành phố Huế",
        "kind": COMMITTEE, "parent": None, "address": "16 Lê Lợi, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 051", "email": "ubnd@hue.gov.vn",
    },
    {
        "code": "000.00.01.H57", "name": "Văn phòng Ủy ban nhân dân thành phố Huế", "short_name": "Văn phòng UBND",
        "kind": DEPARTMENT, "parent": CITY_COMMITTEE_CODE,
        "address": "16 Lê Lợi, phường Thuận Hóa, thành phố Huế", "phone": "0234 3822 512",
        "email": "vpubnd@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.02.H57", "name": "Sở Nội vụ", "short_name": "Sở NV", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "96 Đống Đa, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 414", "email": "snv@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.03.H57", "name": "Sở Tư pháp", "short_name": "Sở TP", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "18 Nguyễn Văn Cừ, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 306", "email": "stp@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.04.H57", "name": "Sở Tài chính", "short_name": "Sở TC", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "07 Tôn Đức Thắng, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 218", "email": "stc@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.05.H57", "name": "Sở Xây dựng", "short_name": "Sở XD", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "04 Hoàng Hoa Thám, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 345", "email": "sxd@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.06.H57", "name": "Sở Nông nghiệp và Môi trường", "short_name": "Sở NN&MT",
        "kind": DEPARTMENT, "parent": CITY_COMMITTEE_CODE,
        "address": "15 Tôn Đức Thắng, phường Thuận Hóa, thành phố Huế", "phone": "0234 3822 165",
        "email": "snnmt@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.07.H57", "name": "Sở Công Thương", "short_name": "Sở CT", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "06 Lê Lợi, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 324", "email": "sct@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.08.H57", "name": "Sở Khoa học và Công nghệ", "short_name": "Sở KH&CN", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "26 Hà Nội, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3830 120", "email": "skhcn@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.09.H57", "name": "Sở Văn hóa và Thể thao", "short_name": "Sở VH&TT", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "01 Điện Biên Phủ, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 455", "email": "svhtt@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        # Decree 118/2025/NĐ-CP: the provincial service centre belongs to the Office of the
        # provincial People's Committee and takes dossiers from anywhere in the province.
        "code": "000.00.10.H57", "name": "Trung tâm Phục vụ hành chính công thành phố Huế",
        "short_name": "Trung tâm PVHCC", "kind": SERVICE_CENTER, "parent": "000.00.01.H57",
        "address": "01 Lê Lai, phường Thuận Hóa, thành phố Huế", "phone": "0234 3999 111",
        "email": "tthcc@hue.gov.vn", "working_periods": SERVICE_CENTER_HOURS, "same_day_cutoff": "15:00",
    },
    {
        "code": "000.00.11.H57", "name": "Sở Du lịch", "short_name": "Sở DL", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "09 Ngô Quyền, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 355", "email": "sdl@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.12.H57", "name": "Sở Giáo dục và Đào tạo", "short_name": "Sở GD&ĐT", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "22 Lê Lợi, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3823 796", "email": "sgddt@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.13.H57", "name": "Sở Y tế", "short_name": "Sở YT", "kind": DEPARTMENT,
        "parent": CITY_COMMITTEE_CODE, "address": "28 Lê Lợi, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 121", "email": "syt@hue.gov.vn", "working_periods": DEPARTMENT_HOURS,
    },
    {
        "code": "000.00.14.H57", "name": "Thanh tra thành phố Huế", "short_name": "Thanh tra thành phố",
        "kind": DEPARTMENT, "parent": CITY_COMMITTEE_CODE,
        "address": "06 Tôn Đức Thắng, phường Thuận Hóa, thành phố Huế", "phone": "0234 3822 207",
        "email": "thanhtra@hue.gov.vn",
    },
    {
        "code": "000.00.15.H57", "name": "Ban Quản lý Khu kinh tế, công nghiệp Huế", "short_name": "BQL KKT, CN",
        "kind": DEPARTMENT, "parent": CITY_COMMITTEE_CODE,
        "address": "48 Hùng Vương, phường Thuận Hóa, thành phố Huế", "phone": "0234 3938 555",
        "email": "bqlkkt@hue.gov.vn",
    },
    {
        # Hue-S, the smart-city operations centre; under the Department of Science and
        # Technology since the Department of Information and Communications merged into it.
        "code": "000.00.16.H57", "name": "Trung tâm Giám sát, điều hành đô thị thông minh thành phố Huế",
        "short_name": "IOC Huế", "kind": OPERATIONS_CENTER, "parent": "000.00.08.H57",
        "address": "01 Lê Lai, phường Thuận Hóa, thành phố Huế", "phone": "0234 3999 333",
        "email": "ioc@hue.gov.vn",
    },
    # Central agencies with a branch in the city: they receive dossiers through the
    # service centre but are not subordinate to the city committee.
    {
        "code": "000.00.21.H57", "name": "Công an thành phố Huế", "short_name": "Công an thành phố",
        "kind": CENTRAL_BRANCH, "parent": None, "address": "50 Hàn Thuyên, phường Phú Xuân, thành phố Huế",
        "phone": "069 4280 100", "email": "congan@hue.gov.vn",
    },
    {
        "code": "000.00.22.H57", "name": "Bảo hiểm xã hội thành phố Huế", "short_name": "BHXH thành phố",
        "kind": CENTRAL_BRANCH, "parent": None, "address": "29 Nguyễn Huệ, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 679", "email": "bhxh@hue.gov.vn",
    },
    {
        "code": "000.00.23.H57", "name": "Thuế thành phố Huế", "short_name": "Thuế thành phố",
        "kind": CENTRAL_BRANCH, "parent": None, "address": "09 Tôn Đức Thắng, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 436", "email": "thue@hue.gov.vn",
    },
    # Utilities that take part in linked procedures (water, electricity, waste collection).
    {
        "code": "000.00.31.H57", "name": "Công ty Cổ phần Cấp nước Huế", "short_name": "HUEWACO",
        "kind": UTILITY, "parent": None, "address": "103 Bùi Thị Xuân, phường Thủy Xuân, thành phố Huế",
        "phone": "0234 3826 021", "email": "info@huewaco.vn",
    },
    {
        "code": "000.00.32.H57", "name": "Công ty Điện lực Huế", "short_name": "PC Huế", "kind": UTILITY,
        "parent": None, "address": "23 Ngô Quyền, phường Thuận Hóa, thành phố Huế", "phone": "1900 1909",
        "email": "pchue@cpc.vn",
    },
    {
        "code": "000.00.33.H57", "name": "Công ty Cổ phần Môi trường và Công trình đô thị Huế",
        "short_name": "HEPCO", "kind": UTILITY, "parent": None,
        "address": "46 Trần Phú, phường Thuận Hóa, thành phố Huế", "phone": "0234 3823 498",
        "email": "info@hepco.com.vn",
    },
)

SERVICE_CENTER_CODE = "000.00.10.H57"
CONSTRUCTION_CODE = "000.00.05.H57"
JUSTICE_CODE = "000.00.03.H57"
IOC_CODE = "000.00.16.H57"
WATER_COMPANY_CODE = "000.00.31.H57"
POWER_COMPANY_CODE = "000.00.32.H57"
ENVIRONMENT_COMPANY_CODE = "000.00.33.H57"
# The ward whose committee gets demo staff: Phường Thuận Hóa (statistical code 19786).
DEMO_WARD_UNIT_CODE = "19786"

# One password for every demo account, set only when the account is created.
DEMO_PASSWORD = "motcua@2025"

# Demo accounts. A role's agency is either {"agency": <agency code>} or
# {"committee_of": <unit code>} for the People's Committee of a commune or ward.
# Staff names follow the personas of the test suite (tests/conftest.py).
DEMO_ACCOUNTS: tuple[dict, ...] = (
    {
        "username": "admin", "full_name": "Bùi Thanh Sơn", "kind": "staff", "superuser": True,
        "label_vi": "Quản trị hệ thống", "label_en": "System administrator", "roles": (),
    },
    {
        "username": "hoa", "full_name": "Trần Thị Hòa", "kind": "staff", "phone": "0905111201",
        "roles": ({"agency": SERVICE_CENTER_CODE, "role": Role.COUNTER_OFFICER},),
    },
    {
        "username": "minh", "full_name": "Lê Văn Minh", "kind": "staff", "phone": "0905111202",
        "roles": ({"agency": CONSTRUCTION_CODE, "role": Role.SPECIALIST},),
    },
    {
        "username": "dung", "full_name": "Phạm Quốc Dũng", "kind": "staff", "phone": "0905111203",
        "roles": ({"agency": CONSTRUCTION_CODE, "role": Role.LEADER},),
    },
    {
        "username": "quan", "full_name": "Hoàng Minh Quân", "kind": "staff", "phone": "0905111204",
        "roles": ({"agency": CONSTRUCTION_CODE, "role": Role.AGENCY_ADMIN},),
    },
    {
        "username": "tu", "full_name": "Võ Anh Tú", "kind": "staff", "phone": "0905111205",
        "roles": ({"agency": JUSTICE_CODE, "role": Role.SPECIALIST},),
    },
    {
        "username": "thao", "full_name": "Nguyễn Thị Thảo", "kind": "staff", "phone": "0905111206",
        "roles": ({"committee_of": DEMO_WARD_UNIT_CODE, "role": Role.COUNTER_OFFICER},),
    },
    {
        "username": "hung", "full_name": "Trần Văn Hùng", "kind": "staff", "phone": "0905111207",
        "roles": ({"committee_of": DEMO_WARD_UNIT_CODE, "role": Role.LEADER},),
    },
    {
        "username": "vy", "full_name": "Đặng Thảo Vy", "kind": "staff", "phone": "0905111208",
        "roles": ({"agency": IOC_CODE, "role": Role.OPERATOR},),
    },
    # Officers of the utility companies, who handle field reports routed to them.
    {
        "username": "hepco", "full_name": "Lê Thị Hà", "kind": "staff",
        "roles": ({"agency": ENVIRONMENT_COMPANY_CODE, "role": Role.SPECIALIST},),
    },
    {
        "username": "pchue", "full_name": "Nguyễn Văn Điện", "kind": "staff",
        "roles": ({"agency": POWER_COMPANY_CODE, "role": Role.SPECIALIST},),
    },
    {
        "username": "huewaco", "full_name": "Trần Thị Thủy", "kind": "staff",
        "roles": ({"agency": WATER_COMPANY_CODE, "role": Role.SPECIALIST},),
    },
    {
        # 046: birth registered in (Thừa Thiên) Huế; 1: female born 1900–1999; 90: 1990.
        "username": "046190012345", "full_name": "Nguyễn Thị Lan", "kind": "citizen",
        "citizen_id": "046190012345", "phone": "0914222301", "email": "lan.nguyen@example.vn",
        "label_vi": "Công dân", "label_en": "Citizen", "roles": (),
    },
    {
        # Enterprise tax codes registered in Huế begin with 33 (10 digits).
        "username": "3301234567", "full_name": "Công ty TNHH Xây dựng Hương Giang", "kind": "organisation",
        "tax_code": "3301234567", "phone": "0234 3811 222", "email": "lienhe@huonggiang-xd.example.vn",
        "label_vi": "Tổ chức, doanh nghiệp", "label_en": "Organisation", "roles": (),
    },
)

# English names, shown next to the Vietnamese ones in `manage.py demo_accounts`.
AGENCY_NAMES_EN: dict[str, str] = {
    CITY_COMMITTEE_CODE: "People's Committee of Huế city",
    "000.00.01.H57": "Office of the City People's Committee",
    "000.00.02.H57": "Department of Home Affairs",
    "000.00.03.H57": "Department of Justice",
    "000.00.04.H57": "Department of Finance",
    "000.00.05.H57": "Department of Construction",
    "000.00.06.H57": "Department of Agriculture and Environment",
    "000.00.07.H57": "Department of Industry and Trade",
    "000.00.08.H57": "Department of Science and Technology",
    "000.00.09.H57": "Department of Culture and Sports",
    "000.00.10.H57": "Public Administrative Service Centre",
    "000.00.11.H57": "Department of Tourism",
    "000.00.12.H57": "Department of Education and Training",
    "000.00.13.H57": "Department of Health",
    "000.00.14.H57": "City Inspectorate",
    "000.00.15.H57": "Economic Zone and Industrial Park Authority",
    "000.00.16.H57": "Smart City Operations Centre, IOC",
    "000.00.21.H57": "Huế City Police",
    "000.00.22.H57": "Huế City Social Insurance",
    "000.00.23.H57": "Huế City Tax Office",
    "000.00.31.H57": "Huế Water Supply JSC",
    "000.00.32.H57": "Huế Power Company",
    "000.00.33.H57": "Huế Environment and Urban Works JSC",
}

ROLE_NAMES_EN: dict[str, str] = {
    Role.COUNTER_OFFICER: "Counter officer",
    Role.SPECIALIST: "Specialist",
    Role.LEADER: "Leader",
    Role.AGENCY_ADMIN: "Agency administrator",
    Role.OPERATOR: "Operations-centre operator",
}
