"""Y tế at the Department of Health (Sở Y tế): medical practice, food safety, pharmacy.

Codes, time limits and fee amounts are illustrative.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CERTIFICATE,
    CONFIRMATION,
    FULL,
    HEALTH,
    LICENCE,
    REGISTRATION,
    FieldDef,
    c,
    fee,
    law,
    revise,
    tthc,
)

KCB = FieldDef("kham-benh-chua-benh", "Khám bệnh, chữa bệnh")
ATTP = FieldDef("an-toan-thuc-pham", "An toàn thực phẩm và dinh dưỡng")
DUOC = FieldDef("duoc-pham", "Dược phẩm")

LUAT_KCB = law("15/2023/QH15", "Luật Khám bệnh, chữa bệnh", date(2023, 1, 9))
ND_96 = law("96/2023/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh",
            date(2023, 12, 30))
TT_59 = law("59/2023/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong lĩnh vực "
            "y tế", date(2023, 8, 30))
LUAT_ATTP = law("55/2010/QH12", "Luật An toàn thực phẩm", date(2010, 6, 17))
ND_15 = law("15/2018/NĐ-CP", "Nghị định quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm",
            date(2018, 2, 2))
TT_67 = law("67/2021/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong công tác an "
            "toàn thực phẩm", date(2021, 8, 5))
LUAT_DUOC = law("105/2016/QH13", "Luật Dược", date(2016, 4, 6))
ND_54 = law("54/2017/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Dược",
            date(2017, 5, 8))
KCB_BASES = [LUAT_KCB, ND_96, TT_59]
ATTP_BASES = [LUAT_ATTP, ND_15, TT_67]
DUOC_BASES = [LUAT_DUOC, ND_54]

ANH = c("02 ảnh màu cỡ 4x6 cm, nền trắng, chụp trong thời gian không quá 06 tháng", "2c")
ON_SITE = "Thẩm định hồ sơ, thẩm định thực tế tại cơ sở, lập biên bản thẩm định"

gphn = tthc(
    "1.011981", "Cấp mới giấy phép hành nghề đối với chức danh bác sĩ, y sĩ, điều dưỡng, hộ sinh, kỹ thuật y",
    KCB, at=HEALTH, days=30, online=FULL, result=(LICENCE, "Giấy phép hành nghề khám bệnh, chữa bệnh"),
    components=[
        c("Đơn đề nghị cấp mới giấy phép hành nghề theo Mẫu 01 Phụ lục I Nghị định 96/2023/NĐ-CP"),
        c("Văn bằng chuyên môn phù hợp với chức danh đề nghị cấp", "1s", digitize=True),
        c("Giấy chứng nhận đủ sức khỏe để hành nghề do cơ sở khám bệnh, chữa bệnh cấp trong thời hạn 06 tháng"),
        c("Giấy xác nhận hoàn thành thời gian thực hành", "1s"),
        c("Kết quả kiểm tra đánh giá năng lực hành nghề", "1s", when="Từ thời điểm áp dụng kiểm tra đánh giá năng lực "
          "hành nghề"),
        ANH,
    ],
    fees=[fee("Phí thẩm định cấp giấy phép hành nghề", 360_000)], bases=KCB_BASES,  # [verify] amount
)

gia_han_gphn = tthc(
    "1.011988", "Gia hạn giấy phép hành nghề khám bệnh, chữa bệnh", KCB, at=HEALTH, days=10, online=FULL,
    result=(LICENCE, "Giấy phép hành nghề được gia hạn"),
    components=[
        c("Đơn đề nghị gia hạn giấy phép hành nghề theo mẫu"),
        c("Giấy tờ chứng minh đã cập nhật kiến thức y khoa liên tục", "1p"),
        c("Giấy chứng nhận đủ sức khỏe để hành nghề"),
        ANH,
    ],
    fees=[fee("Phí thẩm định gia hạn giấy phép hành nghề", 250_000)], bases=KCB_BASES,  # [verify]
)

phong_kham_da_khoa = tthc(
    "1.011995", "Cấp mới giấy phép hoạt động đối với phòng khám đa khoa", KCB, at=HEALTH, days=30, who="tc",
    result=(LICENCE, "Giấy phép hoạt động khám bệnh, chữa bệnh"),
    components=[
        c("Đơn đề nghị cấp mới giấy phép hoạt động theo mẫu"),
        c("Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập", "1p", reuse=True),
        c("Danh sách người hành nghề và giấy phép hành nghề của người chịu trách nhiệm chuyên môn", "1p"),
        c("Danh mục thiết bị y tế và bản kê khai cơ sở vật chất"),
        c("Danh mục chuyên môn kỹ thuật đề xuất"),
        c("Giấy tờ chứng minh đáp ứng yêu cầu về phòng cháy, chữa cháy và bảo vệ môi trường", "1p",
          when="Cơ sở thuộc diện phải thẩm duyệt hoặc có giấy phép môi trường"),
    ],
    fees=[fee("Phí thẩm định cấp giấy phép hoạt động đối với phòng khám đa khoa", 5_700_000)],  # [verify]
    bases=KCB_BASES, appraise=ON_SITE,
)

phong_kham_chuyen_khoa = tthc(
    "1.012002", "Cấp mới giấy phép hoạt động đối với phòng khám chuyên khoa", KCB, at=HEALTH, days=30, who="cd+tc",
    result=(LICENCE, "Giấy phép hoạt động khám bệnh, chữa bệnh"),
    components=[
        c("Đơn đề nghị cấp mới giấy phép hoạt động theo mẫu"),
        c("Giấy phép hành nghề của người chịu trách nhiệm chuyên môn kỹ thuật", "1p", reuse=True),
        c("Danh mục thiết bị y tế, bản kê khai cơ sở vật chất và nhân sự"),
        c("Danh mục chuyên môn kỹ thuật đề xuất"),
    ],
    fees=[fee("Phí thẩm định cấp giấy phép hoạt động đối với phòng khám chuyên khoa", 4_300_000)],  # [verify]
    bases=KCB_BASES, appraise=ON_SITE,
)

an_uong = tthc(
    "1.012009", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
    ATTP, at=HEALTH, days=20, who="cd+tc",
    result=(CERTIFICATE, "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"),
    components=[
        c("Đơn đề nghị cấp Giấy chứng nhận theo mẫu"),
        c("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện an toàn thực phẩm"),
        c("Giấy xác nhận đủ sức khỏe hoặc danh sách chủ cơ sở, người trực tiếp chế biến đủ sức khỏe", "1p"),
        c("Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm", "1p"),
    ],
    fees=[fee("Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống", 700_000,
              note="Phục vụ dưới 200 suất ăn; từ 200 suất ăn trở lên 1.000.000 đồng")],
    bases=ATTP_BASES, appraise=ON_SITE,
)

quang_cao_tp = tthc(
    "1.012016", "Cấp Giấy xác nhận nội dung quảng cáo thực phẩm", ATTP, at=HEALTH, days=10, online=FULL, who="tc",
    result=(CONFIRMATION, "Giấy xác nhận nội dung quảng cáo"),
    components=[
        c("Đơn đề nghị xác nhận nội dung quảng cáo theo mẫu"),
        c("Bản công bố sản phẩm và giấy tiếp nhận đăng ký bản công bố", "1p", reuse=True),
        c("Mẫu nội dung dự kiến quảng cáo (ma két, kịch bản, file âm thanh, hình ảnh)"),
        c("Tài liệu khoa học chứng minh công dụng", "1p", when="Nội dung quảng cáo nêu công dụng sản phẩm ngoài "
          "bản công bố"),
    ],
    fees=[fee("Phí thẩm định xác nhận nội dung quảng cáo thực phẩm", 1_100_000)], bases=ATTP_BASES,  # [verify]
)

cong_bo_sp = tthc(
    "1.012023", "Đăng ký bản công bố sản phẩm đối với thực phẩm dinh dưỡng y học, thực phẩm dùng cho chế độ ăn đặc "
    "biệt, sản phẩm dinh dưỡng dùng cho trẻ đến 36 tháng tuổi", ATTP, at=HEALTH, days=7, online=FULL, who="tc",
    result=(REGISTRATION, "Giấy tiếp nhận đăng ký bản công bố sản phẩm"),
    components=[
        c("Bản công bố sản phẩm theo Mẫu số 02 Phụ lục I Nghị định 15/2018/NĐ-CP"),
        c("Phiếu kết quả kiểm nghiệm an toàn thực phẩm trong thời hạn 12 tháng", "1c"),
        c("Bằng chứng khoa học chứng minh công dụng của sản phẩm", "1p"),
        c("Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "1s",
          when="Cơ sở thuộc đối tượng phải cấp Giấy chứng nhận"),
    ],
    fees=[fee("Phí thẩm định hồ sơ đăng ký bản công bố sản phẩm", 1_500_000)], bases=ATTP_BASES,  # [verify]
)

cchn_duoc = tthc(
    "1.012030", "Cấp Chứng chỉ hành nghề dược (cấp lần đầu)", DUOC, at=HEALTH, days=20, online=FULL,
    result=(CERTIFICATE, "Chứng chỉ hành nghề dược"),
    components=[
        c("Đơn đề nghị cấp Chứng chỉ hành nghề dược theo Mẫu số 02 Phụ lục I Nghị định 54/2017/NĐ-CP"),
        c("Văn bằng chuyên môn", "1s", digitize=True),
        c("Giấy chứng nhận đủ sức khỏe để hành nghề dược"),
        c("Giấy xác nhận thời gian thực hành chuyên môn", "1c"),
        ANH,
    ],
    fees=[fee("Phí thẩm định cấp Chứng chỉ hành nghề dược", 500_000)],  # [verify]
    bases=DUOC_BASES,
)

nha_thuoc = tthc(
    "1.012037", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với cơ sở bán lẻ thuốc (nhà thuốc, quầy thuốc)",
    DUOC, at=HEALTH, days=20, who="cd+tc", result=(CERTIFICATE, "Giấy chứng nhận đủ điều kiện kinh doanh dược"),
    components=[
        c("Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược theo mẫu"),
        c("Tài liệu kỹ thuật về địa điểm, khu vực bảo quản, trang thiết bị và nhân sự"),
        c("Chứng chỉ hành nghề dược của người chịu trách nhiệm chuyên môn", "1s", reuse=True),
        c("Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", "1p", reuse=True),
    ],
    fees=[fee("Phí thẩm định điều kiện kinh doanh thuốc", 1_000_000)],  # [verify]
    bases=DUOC_BASES, appraise="Đánh giá thực tế việc đáp ứng Thực hành tốt cơ sở bán lẻ thuốc (GPP)",
)

PROCEDURES = [gphn, gia_han_gphn, phong_kham_da_khoa, phong_kham_chuyen_khoa, an_uong, quang_cao_tp, cong_bo_sp,
              cchn_duoc, nha_thuoc]
# 2026: a reduced fee for online applications [verify].
REVISIONS = [
    revise(gphn, fees=[fee("Phí thẩm định cấp giấy phép hành nghề", 360_000, online=180_000,
                           note="Giảm 50% khi nộp hồ sơ trực tuyến")]),
]
