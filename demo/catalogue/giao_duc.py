"""Giáo dục và Đào tạo and Giáo dục nghề nghiệp: the Department of Education and Training
(which took over vocational education in 2025) and, for pre-school and lower-secondary matters,
the commune.

Codes and time limits are illustrative.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CERTIFICATE,
    CONFIRMATION,
    DECISION,
    EDUCATION,
    FULL,
    WARD,
    FieldDef,
    c,
    law,
    tthc,
)

GIAO_DUC = FieldDef("giao-duc-dao-tao", "Giáo dục và Đào tạo")
NGHE_NGHIEP = FieldDef("giao-duc-nghe-nghiep", "Giáo dục nghề nghiệp")

LUAT = law("43/2019/QH14", "Luật Giáo dục", date(2019, 6, 14))
TT_21 = law("21/2019/TT-BGDĐT", "Thông tư ban hành Quy chế quản lý bằng tốt nghiệp trung học cơ sở, bằng tốt nghiệp "
            "trung học phổ thông, văn bằng giáo dục đại học và chứng chỉ của hệ thống giáo dục quốc dân",
            date(2019, 11, 29))
ND_125 = law("125/2024/NĐ-CP", "Nghị định quy định về điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục",
             date(2024, 10, 5))
VAN_BANG = [LUAT, TT_21]
CHUYEN_TRUONG = "Chuyển trường đối với học sinh {}"

ban_sao_van_bang = tthc(
    "1.005088", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", GIAO_DUC, at=EDUCATION, same_day=True, online=FULL,
    time_note="Ngay trong ngày nhận yêu cầu; trường hợp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo.",
    result=(CERTIFICATE, "Bản sao văn bằng, chứng chỉ từ sổ gốc"),
    components=[
        c("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc"),
        c("Giấy tờ tùy thân hoặc văn bản ủy quyền (xuất trình)", reuse=True),
    ],
    bases=[*VAN_BANG, law("23/2015/NĐ-CP", "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng "
                          "thực chữ ký và chứng thực hợp đồng, giao dịch", date(2015, 2, 16))],
)

chinh_sua_van_bang = tthc(
    "1.005095", "Chỉnh sửa nội dung văn bằng, chứng chỉ", GIAO_DUC, at=EDUCATION, days=5,
    result=(DECISION, "Quyết định chỉnh sửa văn bằng, chứng chỉ"),
    components=[
        c("Đơn đề nghị chỉnh sửa văn bằng, chứng chỉ"),
        c("Văn bằng, chứng chỉ đề nghị chỉnh sửa"),
        c("Trích lục hoặc quyết định thay đổi, cải chính hộ tịch", "1s", reuse=True,
          when="Chỉnh sửa do thay đổi, cải chính hộ tịch"),
        c("Giấy khai sinh", "1s", when="Chỉnh sửa do bổ sung, cải chính ngày tháng năm sinh"),
    ],
    bases=VAN_BANG,
)

cong_nhan_van_bang = tthc(
    "1.005102", "Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở giáo dục nước ngoài cấp", GIAO_DUC,
    at=EDUCATION, days=20, time_note="20 ngày làm việc; trường hợp cần xác minh thì không quá 45 ngày.",
    result=(CONFIRMATION, "Giấy công nhận văn bằng"),
    components=[
        c("Đơn đề nghị công nhận văn bằng theo mẫu"),
        c("Bản sao văn bằng đề nghị công nhận kèm bản dịch tiếng Việt được chứng thực", "1s"),
        c("Bản sao học bạ hoặc phụ lục văn bằng kèm bản dịch được chứng thực", "1s"),
        c("Văn bản ủy quyền xác minh thông tin về văn bằng", when="Cơ quan công nhận cần xác minh với cơ sở cấp"),
    ],
    bases=[LUAT, law("13/2021/TT-BGDĐT", "Thông tư quy định về điều kiện, trình tự, thủ tục công nhận văn bằng do "
                     "cơ sở giáo dục nước ngoài cấp", date(2021, 4, 15))],  # [verify] date
)

thpt_hoat_dong = tthc(
    "1.005109", "Cho phép trường trung học phổ thông hoạt động giáo dục", GIAO_DUC, at=EDUCATION, days=20, who="tc",
    result=(DECISION, "Quyết định cho phép hoạt động giáo dục"),
    components=[
        c("Tờ trình đề nghị cho phép hoạt động giáo dục"),
        c("Quyết định thành lập hoặc cho phép thành lập trường", "1s", reuse=True),
        c("Danh sách cán bộ quản lý, giáo viên, nhân viên kèm văn bằng, chứng chỉ", "1p"),
        c("Quy chế tổ chức và hoạt động, kế hoạch giáo dục năm học đầu tiên"),
        c("Giấy tờ chứng minh quyền sử dụng đất, cơ sở vật chất và thiết bị dạy học", "1s"),
    ],
    bases=[LUAT, ND_125], appraise="Thẩm định hồ sơ và kiểm tra thực tế cơ sở vật chất, đội ngũ",
)

nhom_tre = tthc(
    "1.005116", "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục", GIAO_DUC, at=WARD, days=15,
    who="cd+tc", result=(DECISION, "Quyết định cho phép hoạt động giáo dục của nhóm trẻ, lớp mẫu giáo độc lập"),
    components=[
        c("Tờ trình đề nghị cho phép hoạt động giáo dục"),
        c("Quyết định cho phép thành lập nhóm trẻ, lớp mẫu giáo độc lập", "1s", reuse=True),
        c("Danh sách giáo viên, nhân viên kèm bản sao văn bằng, chứng chỉ", "1p"),
        c("Giấy tờ chứng minh quyền sử dụng hợp pháp diện tích đất, phòng học", "1s"),
        c("Giấy chứng nhận thẩm duyệt hoặc biên bản kiểm tra về phòng cháy, chữa cháy", "1s",
          when="Nhóm trẻ, lớp mẫu giáo có từ 50 trẻ trở lên"),
    ],
    bases=[LUAT, ND_125], appraise="Kiểm tra hồ sơ và thực tế cơ sở vật chất",
)

chuyen_thcs = tthc(
    "1.005123", CHUYEN_TRUONG.format("trung học cơ sở"), GIAO_DUC, at=WARD, days=3, online=FULL,
    result=(CONFIRMATION, "Giấy giới thiệu chuyển trường"),
    components=[
        c("Đơn xin chuyển trường của cha mẹ hoặc người giám hộ học sinh"),
        c("Học bạ (bản chính)", digitize=True),
        c("Giấy xác nhận chuyển đến nơi cư trú mới", when="Chuyển trường do thay đổi nơi cư trú"),
    ],
    bases=[LUAT, law("50/2021/TT-BGDĐT", "Thông tư sửa đổi, bổ sung Quy định chuyển trường và tiếp nhận học sinh học "
                     "tại trường trung học cơ sở và trung học phổ thông", date(2021, 12, 31))],  # [verify]
)

chuyen_thpt = tthc(
    "1.005130", CHUYEN_TRUONG.format("trung học phổ thông"), GIAO_DUC, at=EDUCATION, days=3, online=FULL,
    result=(CONFIRMATION, "Giấy giới thiệu chuyển trường"),
    components=[
        c("Đơn xin chuyển trường của cha mẹ hoặc người giám hộ học sinh"),
        c("Học bạ (bản chính)", digitize=True),
        c("Giấy chứng nhận trúng tuyển vào lớp 10", when="Học sinh chuyển trường ở lớp 10"),
    ],
    bases=[LUAT],
)

gdnn = tthc(
    "1.005137", "Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp đối với trung tâm giáo dục nghề nghiệp, "
    "trường trung cấp, doanh nghiệp", NGHE_NGHIEP, at=EDUCATION, days=10, who="tc",
    result=(CERTIFICATE, "Giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp"),
    components=[
        c("Văn bản đề nghị cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp theo mẫu"),
        c("Quyết định thành lập hoặc Giấy chứng nhận đăng ký doanh nghiệp", "1p", reuse=True),
        c("Chương trình đào tạo, giáo trình các ngành, nghề đăng ký"),
        c("Danh sách nhà giáo kèm văn bằng, chứng chỉ", "1p"),
        c("Giấy tờ chứng minh cơ sở vật chất, thiết bị đào tạo", "1p"),
    ],
    bases=[law("74/2014/QH13", "Luật Giáo dục nghề nghiệp", date(2014, 11, 27)),
           law("143/2016/NĐ-CP", "Nghị định quy định điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục nghề "
               "nghiệp", date(2016, 10, 14))],
)

PROCEDURES = [ban_sao_van_bang, chinh_sua_van_bang, cong_nhan_van_bang, thpt_hoat_dong, nhom_tre, chuyen_thcs,
              chuyen_thpt, gdnn]
