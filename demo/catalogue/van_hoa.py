"""Văn hóa, thể thao at the Department of Culture and Sports (Sở Văn hóa và Thể thao) and, for
karaoke, libraries and family services, the commune.

Codes, time limits and fee amounts are illustrative; karaoke and dance-hall fees are
those of Thông tư 01/2021/TT-BTC for centrally run cities.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CERTIFICATE,
    CONFIRMATION,
    CULTURE,
    FULL,
    LICENCE,
    REGISTRATION,
    WARD,
    FieldDef,
    c,
    fee,
    law,
    tthc,
)

VAN_HOA_CO_SO = FieldDef("van-hoa-co-so", "Văn hóa cơ sở")
NGHE_THUAT = FieldDef("nghe-thuat-bieu-dien", "Nghệ thuật biểu diễn")
DI_SAN = FieldDef("di-san-van-hoa", "Di sản văn hóa")
THE_THAO = FieldDef("the-duc-the-thao", "Thể dục thể thao")
QUANG_CAO = FieldDef("quang-cao", "Quảng cáo")
THU_VIEN = FieldDef("thu-vien", "Thư viện")
GIA_DINH = FieldDef("gia-dinh", "Gia đình")

ND_54 = law("54/2019/NĐ-CP", "Nghị định quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường", date(2019, 6, 19))
TT_01 = law("01/2021/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy "
            "phép kinh doanh karaoke, vũ trường", date(2021, 1, 7))
DIEU_KIEN_PCCC = c("Giấy tờ chứng minh đáp ứng điều kiện về phòng cháy, chữa cháy", "1p",
                   when="Cơ sở thuộc danh mục phải thẩm duyệt thiết kế về phòng cháy, chữa cháy")
ON_SITE = "Thẩm định hồ sơ, kiểm tra thực tế điều kiện kinh doanh"

karaoke = tthc(
    "1.001029", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", VAN_HOA_CO_SO, at=WARD, days=5, who="cd+tc",
    result=(LICENCE, "Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke"),
    components=[
        c("Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke theo Mẫu số 01"),
        c("Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", "1p", reuse=True),
        c("Sơ đồ vị trí, diện tích phòng hát (không nhỏ hơn 20 m² mỗi phòng)"),
        DIEU_KIEN_PCCC,
    ],
    fees=[fee("Phí thẩm định cấp giấy phép kinh doanh dịch vụ karaoke", 4_000_000,
              note="Đến 03 phòng; từ 04 đến 05 phòng 6.000.000 đồng; từ 06 phòng trở lên 12.000.000 đồng")],
    bases=[ND_54, TT_01], appraise=ON_SITE,
)

vu_truong = tthc(
    "1.001036", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường", VAN_HOA_CO_SO, at=CULTURE, days=5, who="tc",
    result=(LICENCE, "Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường"),
    components=[
        c("Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường theo Mẫu số 02"),
        c("Bản sao Giấy chứng nhận đăng ký doanh nghiệp", "1p", reuse=True),
        c("Sơ đồ vị trí, diện tích phòng vũ trường (không nhỏ hơn 80 m²), cách trường học, bệnh viện, di tích "
          "từ 200 m"),
        DIEU_KIEN_PCCC,
    ],
    fees=[fee("Phí thẩm định cấp giấy phép kinh doanh dịch vụ vũ trường", 15_000_000)],
    bases=[ND_54, TT_01], appraise=ON_SITE,
)

le_hoi = tthc(
    "1.001043", "Đăng ký tổ chức lễ hội cấp tỉnh", VAN_HOA_CO_SO, at=CULTURE, days=15, who="tc",
    result=(CONFIRMATION, "Văn bản chấp thuận tổ chức lễ hội"),
    components=[
        c("Văn bản đăng ký tổ chức lễ hội nêu rõ tên lễ hội, thời gian, địa điểm, quy mô, nội dung"),
        c("Kế hoạch tổ chức lễ hội, chương trình và các hoạt động trong lễ hội"),
        c("Phương án bảo đảm an ninh, trật tự, an toàn, vệ sinh môi trường, phòng cháy, chữa cháy"),
    ],
    bases=[law("110/2018/NĐ-CP", "Nghị định quy định về quản lý và tổ chức lễ hội", date(2018, 8, 29))],
)

cuoc_thi = tthc(
    "1.001050", "Tổ chức cuộc thi, liên hoan các loại hình nghệ thuật biểu diễn thuộc thẩm quyền của Ủy ban nhân dân "
    "cấp tỉnh", NGHE_THUAT, at=CULTURE, days=5, online=FULL, who="tc",
    result=(CONFIRMATION, "Văn bản chấp thuận tổ chức cuộc thi, liên hoan"),
    components=[
        c("Văn bản đề nghị tổ chức cuộc thi, liên hoan theo Mẫu số 03 Nghị định 144/2020/NĐ-CP"),
        c("Đề án tổ chức cuộc thi, liên hoan (mục đích, thời gian, địa điểm, cơ cấu giải thưởng, thành phần ban giám "
          "khảo)"),
        c("Quy chế tổ chức cuộc thi, liên hoan"),
    ],
    bases=[law("144/2020/NĐ-CP", "Nghị định quy định về hoạt động nghệ thuật biểu diễn", date(2020, 12, 14))],
)

tu_bo_di_tich = tthc(
    "1.001057", "Cấp chứng chỉ hành nghề tu bổ di tích", DI_SAN, at=CULTURE, days=15, online=FULL,
    result=(CERTIFICATE, "Chứng chỉ hành nghề tu bổ di tích"),
    components=[
        c("Đơn đề nghị cấp chứng chỉ hành nghề tu bổ di tích theo mẫu"),
        c("Văn bằng chuyên môn phù hợp", "1s", digitize=True),
        c("Giấy chứng nhận đã qua lớp tập huấn về bảo quản, tu bổ, phục hồi di tích", "1s"),
        c("Bản khai kinh nghiệm nghề nghiệp có xác nhận của cơ quan, tổ chức nơi làm việc"),
        c("02 ảnh màu cỡ 4x6 cm", "2c"),
    ],
    bases=[law("45/2024/QH15", "Luật Di sản văn hóa", date(2024, 11, 23)),
           law("61/2016/NĐ-CP", "Nghị định quy định điều kiện kinh doanh giám định cổ vật và hành nghề bảo quản, tu "
               "bổ, phục hồi di tích", date(2016, 7, 1))],  # [verify] still in force
)

the_thao = tthc(
    "1.001064", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", THE_THAO, at=CULTURE, days=7,
    who="tc", result=(CERTIFICATE, "Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao"),
    components=[
        c("Đơn đề nghị cấp Giấy chứng nhận theo mẫu"),
        c("Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh (cơ sở vật chất, trang thiết bị, nhân viên chuyên "
          "môn)"),
        c("Giấy chứng nhận đăng ký doanh nghiệp", "1p", reuse=True),
        c("Giấy chứng nhận đủ sức khỏe của nhân viên cứu hộ", "1p",
          when="Kinh doanh hoạt động thể thao dưới nước, bơi"),
    ],
    fees=[fee("Phí thẩm định điều kiện kinh doanh hoạt động thể thao", 1_500_000)],  # [verify]
    bases=[law("77/2006/QH11", "Luật Thể dục, thể thao (sửa đổi, bổ sung bởi Luật số 26/2018/QH14)",
               date(2006, 11, 29)),
           law("36/2019/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật sửa đổi, bổ sung một số điều của "
               "Luật Thể dục, thể thao", date(2019, 4, 29))],
    appraise=ON_SITE,
)

bang_quang_cao = tthc(
    "1.001071", "Tiếp nhận thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn", QUANG_CAO, at=CULTURE, days=5,
    online=FULL, who="cd+tc", result=(CONFIRMATION, "Văn bản trả lời về sản phẩm quảng cáo"),
    components=[
        c("Văn bản thông báo sản phẩm quảng cáo ghi rõ nội dung, thời gian, địa điểm, số lượng"),
        c("Maket sản phẩm quảng cáo in màu có chữ ký của tổ chức, cá nhân thông báo"),
        c("Bản sao giấy tờ chứng minh sự hợp chuẩn, hợp quy của sản phẩm, hàng hóa", "1p",
          when="Quảng cáo sản phẩm, hàng hóa, dịch vụ kinh doanh có điều kiện"),
        c("Văn bản đồng ý của chủ sở hữu hoặc người sử dụng hợp pháp công trình đặt bảng quảng cáo", "1p"),
    ],
    bases=[law("16/2012/QH13", "Luật Quảng cáo", date(2012, 6, 21)),
           law("181/2013/NĐ-CP", "Nghị định quy định chi tiết thi hành một số điều của Luật Quảng cáo",
               date(2013, 11, 14))],
)

thu_vien = tthc(
    "1.001078", "Thông báo thành lập thư viện đối với thư viện cộng đồng và thư viện tư nhân có phục vụ cộng đồng",
    THU_VIEN, at=WARD, days=5, online=FULL, who="cd+tc", result=(REGISTRATION, "Văn bản xác nhận thông báo"),
    components=[
        c("Văn bản thông báo thành lập thư viện theo mẫu"),
        c("Danh mục tài nguyên thông tin và bản mô tả cơ sở vật chất của thư viện"),
    ],
    bases=[law("46/2019/QH14", "Luật Thư viện", date(2019, 11, 21)),
           law("93/2020/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Thư viện", date(2020, 8, 18))],
)

bao_luc_gia_dinh = tthc(
    "1.001085", "Đăng ký hoạt động đối với cơ sở trợ giúp nạn nhân bạo lực gia đình", GIA_DINH, at=WARD, days=10,
    who="tc", result=(CERTIFICATE, "Giấy chứng nhận đăng ký hoạt động cơ sở trợ giúp nạn nhân bạo lực gia đình"),
    components=[
        c("Đơn đăng ký hoạt động theo mẫu"),
        c("Giấy tờ chứng minh về địa điểm, cơ sở vật chất bảo đảm cho hoạt động trợ giúp", "1p"),
        c("Danh sách người làm việc tại cơ sở kèm văn bằng, chứng chỉ", "1p"),
    ],
    bases=[law("13/2022/QH15", "Luật Phòng, chống bạo lực gia đình", date(2022, 11, 14)),
           law("76/2023/NĐ-CP", "Nghị định quy định chi tiết Luật Phòng, chống bạo lực gia đình",
               date(2023, 11, 1))],  # [verify] date
)

PROCEDURES = [karaoke, vu_truong, le_hoi, cuoc_thi, tu_bo_di_tich, the_thao, bang_quang_cao, thu_vien,
              bao_luc_gia_dinh]
