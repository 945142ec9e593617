"""Du lịch at the Department of Tourism (Sở Du lịch, which Huế kept as a department of its own).

Codes, time limits and fee amounts are illustrative; appraisal fees for travel
business licences and guide cards follow Thông tư 33/2018/TT-BTC.
"""

from __future__ import annotations

from datetime import date

from demo import data
from demo.catalogue._common import (
    CERTIFICATE,
    DECISION,
    FULL,
    LICENCE,
    TOURISM,
    FieldDef,
    Linked,
    c,
    fee,
    law,
    tthc,
)

LU_HANH = FieldDef("lu-hanh", "Lữ hành")
HUONG_DAN = FieldDef("huong-dan-du-lich", "Hướng dẫn du lịch")
DU_LICH = FieldDef("du-lich", "Du lịch")

LUAT = law("09/2017/QH14", "Luật Du lịch", date(2017, 6, 19))
ND_168 = law("168/2017/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Du lịch", date(2017, 12, 31))
ND_94 = law("94/2021/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 168/2017/NĐ-CP",
            date(2021, 10, 28))
TT_06 = law("06/2017/TT-BVHTTDL", "Thông tư quy định chi tiết một số điều của Luật Du lịch", date(2017, 12, 15))
TT_33 = law("33/2018/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy "
            "phép kinh doanh dịch vụ lữ hành, phí thẩm định cấp thẻ hướng dẫn viên du lịch", date(2018, 3, 30))
BASES = [LUAT, ND_168, TT_06]
ANH = c("02 ảnh chân dung màu cỡ 3x4 cm", "2c")
SUC_KHOE = c("Giấy chứng nhận sức khỏe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp trong thời hạn 06 tháng")
THE_HDV = "Phí thẩm định cấp thẻ hướng dẫn viên du lịch"

lu_hanh_noi_dia = tthc(
    "1.004551", "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa", LU_HANH, at=TOURISM, days=10, online=FULL,
    who="tc", result=(LICENCE, "Giấy phép kinh doanh dịch vụ lữ hành nội địa"),
    components=[
        c("Đơn đề nghị cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa theo mẫu"),
        c("Bản sao Giấy chứng nhận đăng ký doanh nghiệp", "1p", reuse=True),
        c("Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành nội địa (100.000.000 đồng)"),
        c("Quyết định bổ nhiệm hoặc hợp đồng lao động của người phụ trách kinh doanh dịch vụ lữ hành", "1s"),
        c("Văn bằng, chứng chỉ chuyên ngành lữ hành của người phụ trách kinh doanh dịch vụ lữ hành", "1s"),
    ],
    fees=[fee("Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", 3_000_000)],
    bases=[*BASES, ND_94, TT_33],
)

doi_lu_hanh = tthc(
    "1.004558", "Cấp đổi Giấy phép kinh doanh dịch vụ lữ hành nội địa", LU_HANH, at=TOURISM, days=5, online=FULL,
    who="tc", result=(LICENCE, "Giấy phép kinh doanh dịch vụ lữ hành nội địa (cấp đổi)"),
    components=[
        c("Đơn đề nghị cấp đổi Giấy phép kinh doanh dịch vụ lữ hành theo mẫu"),
        c("Giấy phép kinh doanh dịch vụ lữ hành đã được cấp", reuse=True),
        c("Giấy tờ liên quan đến nội dung thay đổi (người phụ trách, tên, địa chỉ trụ sở)", "1s"),
    ],
    fees=[fee("Phí thẩm định cấp đổi giấy phép kinh doanh dịch vụ lữ hành", 2_000_000)], bases=[*BASES, TT_33],
)

hdv_quoc_te = tthc(
    "1.004565", "Cấp thẻ hướng dẫn viên du lịch quốc tế", HUONG_DAN, at=TOURISM, days=10, online=FULL,
    result=(CERTIFICATE, "Thẻ hướng dẫn viên du lịch quốc tế"),
    components=[
        c("Đơn đề nghị cấp thẻ hướng dẫn viên du lịch theo mẫu"),
        c("Sơ yếu lý lịch có xác nhận của cơ quan có thẩm quyền"),
        c("Bằng cao đẳng trở lên chuyên ngành hướng dẫn du lịch hoặc chứng chỉ nghiệp vụ hướng dẫn du lịch quốc tế",
          "1s", digitize=True),
        c("Giấy chứng nhận sử dụng thành thạo ngoại ngữ đăng ký hành nghề", "1s"),
        SUC_KHOE,
        ANH,
    ],
    fees=[fee(THE_HDV, 650_000)], bases=[*BASES, TT_33],
)

hdv_noi_dia = tthc(
    "1.004572", "Cấp thẻ hướng dẫn viên du lịch nội địa", HUONG_DAN, at=TOURISM, days=10, online=FULL,
    result=(CERTIFICATE, "Thẻ hướng dẫn viên du lịch nội địa"),
    components=[
        c("Đơn đề nghị cấp thẻ hướng dẫn viên du lịch theo mẫu"),
        c("Sơ yếu lý lịch có xác nhận của cơ quan có thẩm quyền"),
        c("Bằng trung cấp trở lên chuyên ngành hướng dẫn du lịch hoặc chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa",
          "1s", digitize=True),
        SUC_KHOE,
        ANH,
    ],
    fees=[fee(THE_HDV, 650_000)], bases=[*BASES, TT_33],
)

hdv_tai_diem = tthc(
    "1.004579", "Cấp thẻ hướng dẫn viên du lịch tại điểm", HUONG_DAN, at=TOURISM, days=10, online=FULL,
    result=(CERTIFICATE, "Thẻ hướng dẫn viên du lịch tại điểm"),
    components=[
        c("Đơn đề nghị cấp thẻ hướng dẫn viên du lịch tại điểm theo mẫu"),
        c("Giấy chứng nhận đạt yêu cầu kiểm tra nghiệp vụ hướng dẫn du lịch tại điểm", "1s"),
        SUC_KHOE,
        ANH,
    ],
    fees=[fee(THE_HDV, 200_000)], bases=[*BASES, TT_33],
    requirements="Hướng dẫn tại khu du lịch, điểm du lịch trên địa bàn thành phố Huế (Quần thể di tích Cố đô Huế…).",
)

cong_nhan_hang = tthc(
    "1.004586", "Công nhận hạng cơ sở lưu trú du lịch: hạng 1 sao, 2 sao, 3 sao đối với khách sạn, biệt thự du lịch, "
    "căn hộ du lịch, tàu thủy lưu trú du lịch", DU_LICH, at=TOURISM, days=30, who="cd+tc",
    result=(DECISION, "Quyết định công nhận hạng cơ sở lưu trú du lịch và biển hiệu"),
    components=[
        c("Đơn đề nghị công nhận hạng cơ sở lưu trú du lịch theo mẫu"),
        c("Bản tự đánh giá chất lượng cơ sở lưu trú du lịch theo tiêu chuẩn quốc gia"),
        c("Danh sách người quản lý và nhân viên kèm văn bằng, chứng chỉ", "1p"),
        c("Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", "1p", reuse=True),
    ],
    fees=[fee("Phí thẩm định công nhận hạng cơ sở lưu trú du lịch", 1_500_000,
              note="Hạng 1 sao, 2 sao; hạng 3 sao 2.000.000 đồng")],
    bases=BASES, appraise="Thẩm định hồ sơ và thẩm định thực tế cơ sở lưu trú theo tiêu chuẩn quốc gia",
)

an_uong_du_lich = tthc(
    "1.004593", "Công nhận cơ sở kinh doanh dịch vụ ăn uống đạt tiêu chuẩn phục vụ khách du lịch", DU_LICH,
    at=TOURISM, days=15, who="cd+tc",
    result=(CERTIFICATE, "Quyết định công nhận và biển hiệu đạt tiêu chuẩn phục vụ khách du lịch"),
    components=[
        c("Đơn đề nghị công nhận theo mẫu"),
        c("Bản tự đánh giá đáp ứng tiêu chuẩn phục vụ khách du lịch"),
        c("Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "1p", reuse=True),
    ],
    bases=BASES, appraise="Thẩm định hồ sơ, kiểm tra thực tế tại cơ sở",
    fee_note="Không thu phí.",
)

diem_du_lich = tthc(
    "1.004600", "Công nhận điểm du lịch", DU_LICH, at=TOURISM, days=30, online=FULL, who="tc",
    result=(DECISION, "Quyết định công nhận điểm du lịch của Ủy ban nhân dân thành phố"),
    components=[
        c("Đơn đề nghị công nhận điểm du lịch theo mẫu"),
        c("Bản thuyết minh về điểm du lịch đáp ứng điều kiện công nhận"),
        c("Giấy tờ về quyền quản lý, khai thác điểm du lịch", "1p"),
    ],
    linked=(Linked(data.CITY_COMMITTEE_CODE, "Ủy ban nhân dân thành phố xem xét, quyết định công nhận", 0.3,
                   after_approval=True),),
    bases=BASES,
)

PROCEDURES = [lu_hanh_noi_dia, doi_lu_hanh, hdv_quoc_te, hdv_noi_dia, hdv_tai_diem, cong_nhan_hang, an_uong_du_lich,
              diem_du_lich]
