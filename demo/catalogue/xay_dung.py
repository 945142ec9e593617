"""Hoạt động xây dựng and Nhà ở: building permits for houses at the commune (since 01/07/2025),
larger works and practising certificates at the Department of Construction (Sở Xây dựng).

Codes and fee amounts are illustrative; building-permit fees are set by the city
People's Council.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CERTIFICATE,
    CONFIRMATION,
    CONSTRUCTION,
    FULL,
    LICENCE,
    LOCAL_FEES,
    NONE,
    OTHER,
    WARD,
    FieldDef,
    c,
    fee,
    law,
    revise,
    tthc,
)

XAY_DUNG = FieldDef("hoat-dong-xay-dung", "Hoạt động xây dựng")
NHA_O = FieldDef("nha-o", "Nhà ở")

LUAT = law("50/2014/QH13", "Luật Xây dựng", date(2014, 6, 18))
LUAT_SUA = law("62/2020/QH14", "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng", date(2020, 6, 17))
ND_175 = law("175/2024/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về "
             "quản lý hoạt động xây dựng", date(2024, 12, 30))
ND_140 = law("140/2025/NĐ-CP", "Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 2 cấp trong "
             "lĩnh vực quản lý nhà nước của Bộ Xây dựng", date(2025, 6, 12))  # [verify] number and date
TT_38 = law("38/2022/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp "
            "chứng chỉ hành nghề, chứng chỉ năng lực hoạt động xây dựng", date(2022, 6, 24))  # [verify] date
BASES = [LUAT, LUAT_SUA, ND_175, ND_140]

DON_GPXD = "Đơn đề nghị cấp giấy phép xây dựng theo Mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP"
QUYEN_SDD = c("Giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai", "1s", digitize=True,
              reuse=True)
GPXD_FEE = "Lệ phí cấp giấy phép xây dựng"
CHECK = "Kiểm tra hồ sơ, kiểm tra thực địa, đối chiếu quy hoạch và dự thảo giấy phép"

gpxd_nha_o = tthc(
    "1.009794", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", XAY_DUNG, at=WARD, days=15,
    result=(LICENCE, "Giấy phép xây dựng kèm bản vẽ thiết kế được đóng dấu"),
    components=[
        c(DON_GPXD),
        QUYEN_SDD,
        c("Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất, mặt bằng, mặt cắt, mặt đứng, mặt bằng móng, "
          "sơ đồ đấu nối hạ tầng kỹ thuật", "2c"),
        c("Bản cam kết bảo đảm an toàn đối với công trình liền kề",
          when="Công trình xây dựng có công trình liền kề hoặc có tầng hầm"),
        c("Báo cáo kết quả thẩm tra thiết kế của tổ chức, cá nhân có đủ năng lực",
          when="Nhà ở từ 07 tầng trở lên hoặc có tầng hầm"),
    ],
    fees=[fee(GPXD_FEE, 75_000, online=50_000)],  # [verify] Huế amounts
    bases=[*BASES, law(*LOCAL_FEES)], appraise=CHECK,
    requirements="Phù hợp quy hoạch chi tiết xây dựng hoặc thiết kế đô thị; bảo đảm an toàn cho công trình liền kề.",
)

gpxd_sua_chua = tthc(
    "1.009795", "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà ở riêng lẻ", XAY_DUNG, at=WARD, days=15,
    result=(LICENCE, "Giấy phép sửa chữa, cải tạo công trình"),
    components=[
        c("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo công trình theo Mẫu số 01"),
        QUYEN_SDD,
        c("Bản vẽ hiện trạng của các bộ phận công trình dự kiến sửa chữa, cải tạo kèm ảnh chụp hiện trạng", "2c"),
        c("Bản vẽ thiết kế sửa chữa, cải tạo", "2c"),
        c("Văn bản chấp thuận của cơ quan quản lý di tích",
          when="Công trình nằm trong khu vực bảo vệ di tích Cố đô Huế"),
    ],
    fees=[fee(GPXD_FEE, 75_000, online=50_000)], bases=[*BASES, law(*LOCAL_FEES)], appraise=CHECK,
)

gia_han = tthc(
    "1.009796", "Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ", XAY_DUNG, at=WARD, days=5, online=FULL,
    result=(LICENCE, "Giấy phép xây dựng được gia hạn"),
    components=[
        c("Đơn đề nghị gia hạn giấy phép xây dựng theo Mẫu số 02"),
        c("Giấy phép xây dựng đã được cấp", reuse=True),
    ],
    fees=[fee("Lệ phí gia hạn giấy phép xây dựng", 15_000)], bases=[*BASES, law(*LOCAL_FEES)],  # [verify]
)

cap_lai_gpxd = tthc(
    "1.009797", "Cấp lại giấy phép xây dựng đối với nhà ở riêng lẻ", XAY_DUNG, at=WARD, days=5, online=FULL,
    result=(LICENCE, "Giấy phép xây dựng (cấp lại)"),
    components=[
        c("Đơn đề nghị cấp lại giấy phép xây dựng, nêu rõ lý do"),
        c("Bản chính giấy phép xây dựng đã được cấp", when="Giấy phép bị rách, nát"),
    ],
    fees=[fee("Lệ phí cấp lại giấy phép xây dựng", 15_000)], bases=[*BASES, law(*LOCAL_FEES)],
)

gpxd_cong_trinh = tthc(
    "1.009798", "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II (công trình không theo tuyến)", XAY_DUNG,
    at=CONSTRUCTION, days=20, who="tc", result=(LICENCE, "Giấy phép xây dựng kèm hồ sơ thiết kế được đóng dấu"),
    components=[
        c(DON_GPXD),
        QUYEN_SDD,
        c("Quyết định phê duyệt dự án và văn bản thông báo kết quả thẩm định của cơ quan chuyên môn về xây dựng", "1s"),
        c("Văn bản thẩm duyệt thiết kế về phòng cháy, chữa cháy", "1s", when="Công trình thuộc diện phải thẩm duyệt"),
        c("Bản vẽ thiết kế xây dựng triển khai sau thiết kế cơ sở", "2c"),
        c("Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường hoặc giấy phép môi trường",
          "1s", when="Dự án thuộc đối tượng phải đánh giá tác động môi trường"),
    ],
    fees=[fee(GPXD_FEE, 150_000)], bases=[*BASES, law(*LOCAL_FEES)], appraise=CHECK,
)

tham_dinh_bcnckt = tthc(
    "1.009799", "Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng, thẩm định điều chỉnh Báo cáo nghiên cứu khả "
    "thi tại cơ quan chuyên môn về xây dựng", XAY_DUNG, at=CONSTRUCTION, days=30, online=FULL, who="tc",
    time_note="Không quá 30 ngày đối với dự án nhóm B, 20 ngày đối với dự án nhóm C.",
    result=(OTHER, "Văn bản thông báo kết quả thẩm định Báo cáo nghiên cứu khả thi"),
    components=[
        c("Tờ trình thẩm định Báo cáo nghiên cứu khả thi theo Mẫu số 01 Phụ lục I"),
        c("Báo cáo nghiên cứu khả thi và thiết kế cơ sở", "1c", digitize=True),
        c("Văn bản về chủ trương đầu tư hoặc quyết định chấp thuận chủ trương đầu tư", "1s"),
        c("Hồ sơ khảo sát xây dựng phục vụ lập dự án", "1c"),
        c("Danh sách nhà thầu, chứng chỉ năng lực của tổ chức lập dự án, thiết kế", "1p"),
    ],
    fee_note="Phí thẩm định dự án đầu tư xây dựng tính theo tỷ lệ phần trăm tổng mức đầu tư theo Thông tư "
    "28/2023/TT-BTC.",
    bases=BASES, appraise="Thẩm định hồ sơ, lấy ý kiến cơ quan, tổ chức liên quan, lập văn bản thông báo kết quả",
)

cchn = tthc(
    "1.009800", "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III (cấp lần đầu, điều chỉnh hạng)", XAY_DUNG,
    at=CONSTRUCTION, days=20, online=FULL,
    result=(CERTIFICATE, "Chứng chỉ hành nghề hoạt động xây dựng (bản điện tử)"),
    components=[
        c("Đơn đề nghị cấp chứng chỉ hành nghề theo Mẫu số 01 Phụ lục IV Nghị định 175/2024/NĐ-CP"),
        c("Ảnh màu cỡ 4x6 cm, nền trắng, chụp trong thời hạn 06 tháng", "2c"),
        c("Văn bằng do cơ sở đào tạo hợp pháp cấp phù hợp với chuyên môn đề nghị cấp chứng chỉ", "1s", digitize=True),
        c("Bản kê khai kinh nghiệm làm việc và các hợp đồng, quyết định giao việc làm chứng cứ", "1p"),
        c("Kết quả sát hạch đạt yêu cầu", when="Đã sát hạch tại tổ chức khác"),
    ],
    fees=[fee("Phí thẩm định cấp chứng chỉ hành nghề hoạt động xây dựng", 300_000,
              note="150.000 đồng đối với cấp lại")],
    bases=[*BASES, TT_38],
)

ccnl = tthc(
    "1.009801", "Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III", XAY_DUNG, at=CONSTRUCTION, days=20,
    online=FULL, who="tc", result=(CERTIFICATE, "Chứng chỉ năng lực hoạt động xây dựng (bản điện tử)"),
    components=[
        c("Đơn đề nghị cấp chứng chỉ năng lực theo Mẫu số 04 Phụ lục IV"),
        c("Quyết định thành lập hoặc Giấy chứng nhận đăng ký doanh nghiệp", "1p", reuse=True),
        c("Danh sách và chứng chỉ hành nghề của các chức danh chủ chốt", "1p"),
        c("Bản kê khai kinh nghiệm thực hiện công việc của tổ chức kèm hợp đồng, biên bản nghiệm thu", "1p"),
        c("Danh sách máy móc, thiết bị chủ yếu", when="Đề nghị cấp chứng chỉ năng lực thi công xây dựng"),
    ],
    fees=[fee("Phí thẩm định cấp chứng chỉ năng lực hoạt động xây dựng", 1_000_000)], bases=[*BASES, TT_38],
)

nha_o_xa_hoi = tthc(
    "1.009802", "Xác nhận đối tượng, điều kiện về nhà ở và thu nhập để mua, thuê mua nhà ở xã hội", NHA_O, at=WARD,
    days=7, online=NONE,
    result=(CONFIRMATION, "Giấy xác nhận đối tượng và điều kiện để hưởng chính sách hỗ trợ nhà ở xã hội"),
    components=[
        c("Đơn đề nghị xác nhận theo mẫu ban hành kèm Thông tư 05/2024/TT-BXD"),
        c("Giấy xác nhận về thực trạng nhà ở của hộ gia đình, cá nhân", when="Có nhà ở thuộc sở hữu nhưng diện tích "
          "bình quân dưới mức tối thiểu"),
        c("Giấy xác nhận thu nhập của cơ quan, đơn vị nơi làm việc", when="Người có hợp đồng lao động"),
    ],
    bases=[law("27/2023/QH15", "Luật Nhà ở", date(2023, 11, 27)),
           law("100/2024/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Nhà ở về phát triển và quản lý nhà "
               "ở xã hội", date(2024, 7, 26))],
)

PROCEDURES = [gpxd_nha_o, gpxd_sua_chua, gia_han, cap_lai_gpxd, gpxd_cong_trinh, tham_dinh_bcnckt, cchn, ccnl,
              nha_o_xa_hoi]
# From 2026 the city People's Council raises the fee at the counter and waives it online [verify].
REVISIONS = [
    revise(gpxd_nha_o, fees=[fee(GPXD_FEE, 100_000, online=0, note="Miễn lệ phí khi nộp hồ sơ trực tuyến")],
           fee_note="Miễn lệ phí khi nộp hồ sơ trực tuyến toàn trình từ 01/01/2026."),
    revise(gpxd_sua_chua, fees=[fee(GPXD_FEE, 100_000, online=0, note="Miễn lệ phí khi nộp hồ sơ trực tuyến")]),
]
