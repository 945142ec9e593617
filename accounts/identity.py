"""Validation of Vietnamese personal and organisation identifiers (pure, no database).

Citizen ID numbers (số định danh cá nhân / CCCD) have 12 digits: a 3-digit code of the
province where the birth was registered, a digit for sex and century, two digits of the
birth year and six random digits (Decree 137/2015/NĐ-CP Art. 7; Circular 07/2016/TT-BCA
Art. 7 and its appendix of province codes). Numbers issued before the 2025 merger keep the
old 63 province codes, so the prefix is checked against those 63.
"""

from __future__ import annotations

import re

# Province codes of Circular 07/2016/TT-BCA (the 63 provinces before 01/07/2025).
LEGACY_PROVINCE_CODES = frozenset(
    f"{n:03d}"
    for n in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36,
        37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74,
        75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    )
)

# Enterprise/organisation tax code: 10 digits, or 13 for a branch ("0101234567-001").
# Since 01/07/2025 individuals use their 12-digit personal ID number as tax code
# (Circular 86/2024/TT-BTC Art. 5). The check digit rule is [verify], so not enforced.
_TAX_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$|^\d{12}$")


def citizen_id_error(value: str) -> str | None:
    """The Vietnamese reason a citizen ID number is invalid, or None when it is valid."""
    if value is None or value == "":
        return "Vui lòng nhập số định danh cá nhân (12 chữ số)."
    if not value.isascii() or not value.isdigit():
        return "Số định danh cá nhân chỉ gồm chữ số."
    if len(value) != 12:
        return f"Số định danh cá nhân phải có đúng 12 chữ số (đang có {len(value)})."
    if value[:3] not in LEGACY_PROVINCE_CODES:
        return f"Ba chữ số đầu ({value[:3]}) không phải mã tỉnh, thành phố hợp lệ."
    return None


def tax_code_error(value: str) -> str | None:
    if not value:
        return "Vui lòng nhập mã số thuế."
    if not _TAX_CODE_RE.match(value):
        return "Mã số thuế phải gồm 10 chữ số, 10 chữ số kèm '-' và 3 chữ số của chi nhánh, hoặc 12 chữ số."
    return None
