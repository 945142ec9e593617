"""Môi trường, Tài nguyên nước and agricultural food quality at the Department of Agriculture and
Environment (Sở Nông nghiệp và Môi trường) and, for small projects, the commune.

Codes, time limits and fee amounts are illustrative; environmental appraisal fees are
set by the city People's Council.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    AGRI_ENV,
    CERTIFICATE,
    CONFIRMATION,
    FULL,
    LICENCE,
    LOCAL_FEES,
    REGISTRATION,
    WARD,
    FieldDef,
    c,
    fee,
    law,
    tthc,
)

MOI_TRUONG = FieldDef("moi-truong", "Môi trường")
TAI_NGUYEN_NUOC = FieldDef("tai-nguyen-nuoc", "Tài nguyên nước")
NONG_LAM_THUY_SAN = FieldDef("chat-luong-nong-lam-thuy-san", "Quản lý chất lượng nông lâm sản và thủy sản")

LUAT_BVMT = law("72/2020/QH14", "Luật Bảo vệ môi trường", date(2020, 11, 17))
ND_08 = law("08/2022/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Bảo vệ môi trường", date(2022, 1, 10))
ND_05 = law("05/2025/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 08/2022/NĐ-CP", date(2025, 1, 6))
TT_02 = law("02/2022/TT-BTNMT", "Thông tư quy định chi tiết thi hành một số điều của Luật Bảo vệ môi trường",
            date(2022, 1, 10))
LUAT_TNN = law("28/2023/QH15", "Luật Tài nguyên nước", date(2023, 11, 27))
ND_54 = law("54/2024/NĐ-CP", "Nghị định quy định việc hành nghề khoan nước dưới đất, kê khai, đăng ký, cấp phép, dịch "
            "vụ tài nguyên nước và tiền cấp quyền khai thác tài nguyên nước", date(2024, 5, 16))
BVMT = [LUAT_BVMT, ND_08, ND_05, TT_02]
TNN = [LUAT_TNN, ND_54]
GPMT = "Giấy phép môi trường"
DON_GPMT = c("Văn bản đề nghị cấp giấy phép môi trường theo mẫu Phụ lục XIII Nghị định 08/2022/NĐ-CP")
BAO_CAO_GPMT = c("Báo cáo đề xuất cấp giấy phép môi trường", digitize=True)

gpmt_tinh = tthc(
    "1.010725", "Cấp giấy phép môi trường đối với dự án đầu tư, cơ sở thuộc thẩm quyền của Ủy ban nhân dân cấp tỉnh",
    MOI_TRUONG, at=AGRI_ENV, days=30, online=FULL, who="tc",
    time_note="30 ngày; 20 ngày đối với dự án, cơ sở không phải vận hành thử nghiệm công trình xử lý chất thải.",
    result=(LICENCE, GPMT),
    components=[
        DON_GPMT,
        BAO_CAO_GPMT,
        c("Bản sao báo cáo nghiên cứu khả thi hoặc tài liệu tương đương", "1p",
          when="Dự án đầu tư không thuộc đối tượng phải đánh giá tác động môi trường"),
    ],
    fees=[fee("Phí thẩm định cấp giấy phép môi trường", 10_000_000, note="Theo Nghị quyết của Hội đồng nhân dân "
              "thành phố")],
    bases=[*BVMT, law(*LOCAL_FEES)],
    appraise="Thẩm định hồ sơ, tổ chức hội đồng thẩm định hoặc đoàn kiểm tra thực tế",
)

dtm = tthc(
    "1.010732", "Thẩm định báo cáo đánh giá tác động môi trường", MOI_TRUONG, at=AGRI_ENV, days=30, online=FULL,
    who="tc", result=(CONFIRMATION, "Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường"),
    components=[
        c("Văn bản đề nghị thẩm định báo cáo đánh giá tác động môi trường theo mẫu"),
        c("Báo cáo đánh giá tác động môi trường", digitize=True),
        c("Báo cáo nghiên cứu khả thi hoặc tài liệu tương đương của dự án", "1p"),
    ],
    fee_note="Phí thẩm định báo cáo đánh giá tác động môi trường theo Nghị quyết của Hội đồng nhân dân thành phố, tính "
    "theo tổng vốn đầu tư.",
    bases=BVMT, appraise="Tổ chức hội đồng thẩm định, khảo sát thực tế, lấy ý kiến cộng đồng dân cư",
)

gpmt_xa = tthc(
    "1.010739", "Cấp giấy phép môi trường đối với dự án đầu tư, cơ sở thuộc thẩm quyền của Ủy ban nhân dân cấp xã",
    MOI_TRUONG, at=WARD, days=15, who="cd+tc", result=(LICENCE, GPMT),
    components=[DON_GPMT, BAO_CAO_GPMT],
    fees=[fee("Phí thẩm định cấp giấy phép môi trường", 2_000_000)],  # [verify]
    bases=[*BVMT, law(*LOCAL_FEES)],
)

dang_ky_mt = tthc(
    "1.010746", "Đăng ký môi trường", MOI_TRUONG, at=WARD, same_day=True, online=FULL, who="cd+tc",
    time_note="Tiếp nhận và vào sổ đăng ký ngay khi nhận hồ sơ; không yêu cầu văn bản trả lời.",
    result=(REGISTRATION, "Xác nhận đã tiếp nhận đăng ký môi trường"),
    components=[
        c("Văn bản đăng ký môi trường theo Mẫu số 47 Phụ lục II Thông tư 02/2022/TT-BTNMT"),
        c("Văn bản ủy quyền cho người nộp hồ sơ", when="Người nộp hồ sơ không phải chủ dự án, chủ cơ sở"),
    ],
    bases=BVMT,
)

khai_thac_ndd = tthc(
    "1.010753", "Cấp giấy phép khai thác nước dưới đất đối với công trình có lưu lượng dưới 3.000 m³/ngày đêm",
    TAI_NGUYEN_NUOC, at=AGRI_ENV, days=25, who="cd+tc", result=(LICENCE, "Giấy phép khai thác nước dưới đất"),
    components=[
        c("Đơn đề nghị cấp giấy phép khai thác nước dưới đất theo mẫu"),
        c("Báo cáo kết quả thăm dò đánh giá trữ lượng nước dưới đất kèm kết quả phân tích chất lượng nước trong thời "
          "hạn 06 tháng", digitize=True),
        c("Sơ đồ khu vực và vị trí công trình khai thác nước dưới đất"),
    ],
    fees=[fee("Phí thẩm định đề án, báo cáo khai thác, sử dụng nước dưới đất", 1_500_000)],  # [verify]
    bases=[*TNN, law(*LOCAL_FEES)], appraise="Thẩm định hồ sơ, kiểm tra thực tế tại hiện trường",
)

ke_khai_ndd = tthc(
    "1.010760", "Kê khai, đăng ký khai thác nước dưới đất", TAI_NGUYEN_NUOC, at=WARD, days=10, online=FULL,
    who="cd+tc", result=(REGISTRATION, "Tờ khai đăng ký khai thác nước dưới đất có xác nhận"),
    components=[
        c("Tờ khai đăng ký khai thác nước dưới đất theo mẫu"),
        c("Sơ đồ vị trí giếng khoan khai thác", when="Công trình khai thác phục vụ sản xuất, kinh doanh, dịch vụ"),
    ],
    bases=TNN,
)

khoan_nuoc = tthc(
    "1.010767", "Cấp giấy phép hành nghề khoan nước dưới đất quy mô vừa và nhỏ", TAI_NGUYEN_NUOC, at=AGRI_ENV, days=10,
    who="cd+tc", result=(LICENCE, "Giấy phép hành nghề khoan nước dưới đất"),
    components=[
        c("Đơn đề nghị cấp giấy phép hành nghề khoan nước dưới đất theo mẫu"),
        c("Văn bằng, chứng chỉ chuyên môn của người chịu trách nhiệm chính về kỹ thuật", "1s"),
        c("Bản khai kinh nghiệm chuyên môn trong hoạt động khoan nước dưới đất"),
    ],
    fees=[fee("Phí thẩm định cấp giấy phép hành nghề khoan nước dưới đất", 1_000_000)],  # [verify]
    bases=[*TNN, law(*LOCAL_FEES)],
)

attp_nong_san = tthc(
    "1.010774", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh nông, "
    "lâm, thủy sản", NONG_LAM_THUY_SAN, at=AGRI_ENV, days=15, who="cd+tc",
    result=(CERTIFICATE, "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"),
    components=[
        c("Đơn đề nghị cấp Giấy chứng nhận theo mẫu"),
        c("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ sản xuất, kinh doanh"),
        c("Giấy xác nhận đủ sức khỏe và đã được tập huấn kiến thức an toàn thực phẩm của chủ cơ sở và người lao động",
          "1p"),
    ],
    fees=[fee("Phí thẩm định cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 700_000)],  # [verify]
    bases=[law("55/2010/QH12", "Luật An toàn thực phẩm", date(2010, 6, 17)),
           law("17/2018/TT-BNNPTNT", "Thông tư quy định phương thức quản lý điều kiện bảo đảm an toàn thực phẩm "
               "đối với cơ sở sản xuất, kinh doanh nông lâm thủy sản", date(2018, 11, 15))],  # [verify]
    appraise="Thẩm định hồ sơ, đánh giá thực tế điều kiện an toàn thực phẩm tại cơ sở",
)

PROCEDURES = [gpmt_tinh, dtm, gpmt_xa, dang_ky_mt, khai_thac_ndd, ke_khai_ndd, khoan_nuoc, attp_nong_san]
