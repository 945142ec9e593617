"""Đường bộ (road transport): driving licences at the city police since 01/03/2025; transport
business, cross-border permits and road works at the Department of Construction, which took
over the Department of Transport in 2025.

Codes, time limits and some fee amounts are illustrative.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CONFIRMATION,
    CONSTRUCTION,
    FULL,
    LICENCE,
    POLICE,
    FieldDef,
    c,
    fee,
    law,
    tthc,
)

DUONG_BO = FieldDef("duong-bo", "Đường bộ")

LUAT_TTATGT = law("36/2024/QH15", "Luật Trật tự, an toàn giao thông đường bộ", date(2024, 6, 27))
LUAT_DB = law("35/2024/QH15", "Luật Đường bộ", date(2024, 6, 27))
TT_GPLX = law("12/2025/TT-BCA", "Thông tư quy định về sát hạch, cấp giấy phép lái xe; cấp, sử dụng giấy phép lái "
              "xe quốc tế", date(2025, 2, 28))  # [verify]
TT_37 = law("37/2023/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí sát hạch lái xe; "
            "lệ phí cấp bằng, chứng chỉ được hoạt động trên các loại phương tiện", date(2023, 6, 7))
ND_158 = law("158/2024/NĐ-CP", "Nghị định quy định về hoạt động vận tải đường bộ", date(2024, 12, 18))
GPLX_BASES = [LUAT_TTATGT, TT_GPLX, TT_37]
GPLX_FEE = fee("Lệ phí cấp giấy phép lái xe", 135_000, online=115_000)
SUC_KHOE = "Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp"

doi_gplx = tthc(
    "1.002809", "Cấp đổi giấy phép lái xe", DUONG_BO, at=POLICE, days=5, online=FULL,
    result=(LICENCE, "Giấy phép lái xe (cấp đổi)"),
    components=[
        c("Đơn đề nghị đổi giấy phép lái xe theo mẫu"),
        c(SUC_KHOE, digitize=True, when="Đổi giấy phép lái xe hạng C1, C, D1, D2, D, BE, C1E, CE, D1E, D2E, DE hoặc "
          "giấy phép hết hạn"),
        c("Bản sao giấy phép lái xe", "1p", reuse=True),
        c("Bản dịch giấy phép lái xe nước ngoài được chứng thực", "1s",
          when="Đổi giấy phép lái xe do nước ngoài cấp"),
    ],
    fees=[GPLX_FEE], bases=GPLX_BASES,
)

cap_lai_gplx = tthc(
    "1.002816", "Cấp lại giấy phép lái xe", DUONG_BO, at=POLICE, days=5, online=FULL,
    result=(LICENCE, "Giấy phép lái xe (cấp lại)"),
    components=[
        c("Đơn đề nghị cấp lại giấy phép lái xe theo mẫu"),
        c(SUC_KHOE, digitize=True),
        c("Hồ sơ gốc của giấy phép lái xe", when="Có hồ sơ gốc đang lưu giữ"),
    ],
    fees=[GPLX_FEE], bases=GPLX_BASES,
    requirements="Giấy phép lái xe bị mất còn thời hạn sử dụng hoặc quá hạn dưới 01 năm; không bị tạm giữ, thu hồi.",
)

gplx_quoc_te = tthc(
    "1.002823", "Cấp giấy phép lái xe quốc tế", DUONG_BO, at=POLICE, days=5, online=FULL,
    result=(LICENCE, "Giấy phép lái xe quốc tế (mẫu theo Công ước Viên 1968)"),
    components=[
        c("Tờ khai đề nghị cấp giấy phép lái xe quốc tế theo mẫu"),
        c("Giấy phép lái xe quốc gia còn giá trị sử dụng", "1p", reuse=True),
        c("Ảnh chân dung cỡ 3x4 cm, chụp không quá 06 tháng", "1c"),
    ],
    fees=[GPLX_FEE], bases=GPLX_BASES,
)

kinh_doanh_van_tai = tthc(
    "1.002830", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", DUONG_BO, at=CONSTRUCTION, days=5, online=FULL,
    who="cd+tc", result=(LICENCE, "Giấy phép kinh doanh vận tải bằng xe ô tô"),
    components=[
        c("Giấy đề nghị cấp Giấy phép kinh doanh vận tải bằng xe ô tô theo mẫu"),
        c("Văn bằng, chứng chỉ của người trực tiếp điều hành hoạt động vận tải", "1p"),
        c("Quyết định thành lập và quy định chức năng, nhiệm vụ của bộ phận quản lý, theo dõi các điều kiện về an toàn "
          "giao thông", when="Doanh nghiệp, hợp tác xã kinh doanh vận tải hành khách, hàng hóa bằng công-te-nơ"),
        c("Phương án kinh doanh vận tải bằng xe ô tô"),
    ],
    fees=[fee("Lệ phí cấp Giấy phép kinh doanh vận tải bằng xe ô tô", 200_000)],  # [verify]
    bases=[LUAT_DB, ND_158],
)

phu_hieu = tthc(
    "1.002837", "Cấp phù hiệu xe ô tô kinh doanh vận tải", DUONG_BO, at=CONSTRUCTION, days=2, online=FULL, who="cd+tc",
    result=(CONFIRMATION, "Phù hiệu xe ô tô kinh doanh vận tải"),
    components=[
        c("Giấy đề nghị cấp phù hiệu theo mẫu"),
        c("Bản sao Giấy chứng nhận đăng ký xe hoặc giấy hẹn cấp giấy chứng nhận đăng ký xe", "1p", reuse=True),
        c("Hợp đồng thuê phương tiện hoặc hợp đồng dịch vụ giữa thành viên và hợp tác xã", "1p",
          when="Phương tiện không thuộc quyền sở hữu của đơn vị kinh doanh vận tải"),
    ],
    fees=[fee("Lệ phí cấp phù hiệu", 50_000)],  # [verify]
    bases=[LUAT_DB, ND_158],
)

lien_van_lao = tthc(
    "1.002844", "Cấp Giấy phép liên vận Việt Nam – Lào cho phương tiện", DUONG_BO, at=CONSTRUCTION, days=2, online=FULL,
    who="cd+tc", result=(LICENCE, "Giấy phép liên vận Việt – Lào"),
    components=[
        c("Đơn đề nghị cấp Giấy phép liên vận Việt – Lào cho phương tiện theo mẫu"),
        c("Bản sao Giấy chứng nhận đăng ký xe", "1p", reuse=True),
        c("Hợp đồng thuê phương tiện", "1p", when="Phương tiện không thuộc sở hữu của tổ chức, cá nhân đề nghị"),
        c("Văn bản chấp thuận khai thác tuyến", "1p",
          when="Phương tiện kinh doanh vận tải hành khách theo tuyến cố định"),
    ],
    fees=[fee("Lệ phí cấp Giấy phép liên vận", 50_000)],  # [verify]
    bases=[LUAT_DB, law("119/2021/NĐ-CP", "Nghị định quy định về trình tự, thủ tục cấp, cấp lại, thu hồi giấy phép vận "
                        "tải đường bộ qua biên giới", date(2021, 12, 24))],
)

cong_trinh_thiet_yeu = tthc(
    "1.002851", "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ "
    "của đường tỉnh đang khai thác", DUONG_BO, at=CONSTRUCTION, days=7, online=FULL, who="tc",
    result=(CONFIRMATION, "Văn bản chấp thuận xây dựng công trình thiết yếu"),
    components=[
        c("Văn bản đề nghị chấp thuận theo mẫu"),
        c("Hồ sơ thiết kế có thể hiện phạm vi, kích thước công trình trong phạm vi bảo vệ đường bộ", "2c"),
        c("Phương án tổ chức giao thông bảo đảm an toàn trong thời gian thi công"),
    ],
    bases=[LUAT_DB, law("165/2024/NĐ-CP", "Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật "
                        "Đường bộ", date(2024, 12, 26))],
)

qua_tai = tthc(
    "1.002858", "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn, xe bánh xích trên đường bộ", DUONG_BO,
    at=CONSTRUCTION, days=2, online=FULL, who="cd+tc",
    result=(LICENCE, "Giấy phép lưu hành xe quá tải trọng, quá khổ giới hạn"),
    components=[
        c("Đơn đề nghị cấp giấy phép lưu hành xe theo mẫu"),
        c("Bản sao Giấy chứng nhận đăng ký xe và Giấy chứng nhận kiểm định an toàn kỹ thuật", "1p", reuse=True),
        c("Phương án vận chuyển và sơ đồ xe thể hiện kích thước hàng hóa", when="Chở hàng siêu trường, siêu trọng"),
        c("Phương án gia cường đường bộ", when="Tuyến đường phải gia cường mới bảo đảm an toàn"),
    ],
    bases=[LUAT_DB, LUAT_TTATGT],
)

PROCEDURES = [doi_gplx, cap_lai_gplx, gplx_quoc_te, kinh_doanh_van_tai, phu_hieu, lien_van_lao,
              cong_trinh_thiet_yeu, qua_tai]
