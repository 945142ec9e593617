"""Agency identifiers must have the QCVN 102:2016/BTTTT shape."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from units.models import Agency

pytestmark = pytest.mark.django_db
MESSAGE = "Mã định danh cơ quan phải có dạng 000.00.00.H57 (QCVN 102:2016/BTTTT)."


BAD_CODES = ["H57.00.10.000", "000.00.10.h57", "000.0.10.H57", "000.00.10.H5", "000-00-10-H57", ""]


@pytest.mark.parametrize("code", BAD_CODES)
def test_bad_code_is_rejected_with_a_vietnamese_message(province, code):
    agency = Agency(code=code, name="Sở Xây dựng", kind=Agency.Kind.DEPARTMENT, unit=province)
    with pytest.raises(ValidationError) as excinfo:
        agency.full_clean()
    if code:
        assert excinfo.value.message_dict["code"] == [MESSAGE]
    else:
        assert "code" in excinfo.value.message_dict  # blank: Django's own "required" message


@pytest.mark.parametrize("code", ["000.00.10.H57", "000.01.50.H57", "000.00.00.H57"])
def test_good_code_passes(province, code):
    Agency(code=code, name="Sở Xây dựng", kind=Agency.Kind.DEPARTMENT, unit=province).full_clean()
