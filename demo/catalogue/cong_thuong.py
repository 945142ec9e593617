"""Công thương at the Department of Industry and Trade (Sở Công Thương) and, for retail alcohol
and tobacco and craft alcohol production, the commune.

Codes, time limits and fee amounts are illustrative; appraisal fees for conditional
trade follow Thông tư 168/2016/TT-BTC for centrally run cities.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CERTIFICATE,
    CONFIRMATION,
    FULL,
    INDUSTRY_TRADE,
    LICENCE,
    WARD,
    FieldDef,
    c,
    fee,
    law,
    tthc,
)

LUU_THONG = FieldDef("luu-thong-hang-hoa", "Lưu thông hàng hóa trong nước")
XUC_TIEN = FieldDef("xuc-tien-thuong-mai", "Xúc tiến thương mại")
HOA_CHAT = FieldDef("hoa-chat", "Hóa chất")

ND_105 = law("105/2017/NĐ-CP", "Nghị định về kinh doanh rượu", date(2017, 9, 14))
ND_17 = law("17/2020/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của các Nghị định liên quan đến điều kiện đầu "
            "tư kinh doanh thuộc lĩnh vực quản lý nhà nước của Bộ Công Thương", date(2020, 2, 5))
TT_168 = law("168/2016/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định kinh "
             "doanh thương mại có điều kiện thuộc lĩnh vực thương mại", date(2016, 10, 26))
ND_81 = law("81/2018/NĐ-CP", "Nghị định quy định chi tiết Luật Thương mại về hoạt động xúc tiến thương mại",
            date(2018, 5, 22))
ND_128 = law("128/2024/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 81/2018/NĐ-CP",
             date(2024, 10, 10))
RUOU = [ND_105, ND_17, TT_168]
GCN_KD = c("Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", "1p", reuse=True)
DIA_DIEM = c("Bản sao giấy tờ chứng minh quyền sử dụng hợp pháp địa điểm kinh doanh (sở hữu hoặc thuê)", "1p")
ON_SITE = "Thẩm định hồ sơ, kiểm tra thực tế điều kiện kinh doanh tại địa điểm"

ban_le_ruou = tthc(
    "1.001221", "Cấp Giấy phép bán lẻ rượu", LUU_THONG, at=WARD, days=10, online=FULL, who="cd+tc",
    result=(LICENCE, "Giấy phép bán lẻ rượu"),
    components=[
        c("Đơn đề nghị cấp Giấy phép bán lẻ rượu theo Mẫu số 01 Nghị định 105/2017/NĐ-CP"),
        GCN_KD,
        DIA_DIEM,
        c("Bản sao văn bản giới thiệu hoặc hợp đồng nguyên tắc của thương nhân sản xuất rượu, phân phối hoặc bán buôn "
          "rượu", "1p"),
    ],
    fees=[fee("Phí thẩm định cấp Giấy phép bán lẻ rượu", 1_200_000)], bases=RUOU,
)

ban_le_thuoc_la = tthc(
    "1.001228", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá", LUU_THONG, at=WARD, days=15, who="cd+tc",
    result=(LICENCE, "Giấy phép bán lẻ sản phẩm thuốc lá"),
    components=[
        c("Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm thuốc lá theo mẫu"),
        GCN_KD,
        DIA_DIEM,
        c("Bản sao văn bản giới thiệu của thương nhân phân phối hoặc bán buôn sản phẩm thuốc lá", "1p"),
    ],
    fees=[fee("Phí thẩm định cấp Giấy phép bán lẻ sản phẩm thuốc lá", 1_100_000)],  # [verify]
    bases=[law("67/2013/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, chống tác "
               "hại của thuốc lá về kinh doanh thuốc lá", date(2013, 6, 27)), ND_17, TT_168],
)

ruou_thu_cong = tthc(
    "1.001235", "Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh", LUU_THONG, at=WARD, days=10,
    result=(LICENCE, "Giấy phép sản xuất rượu thủ công"),
    components=[
        c("Đơn đề nghị cấp Giấy phép sản xuất rượu thủ công theo mẫu"),
        GCN_KD,
        c("Bản công bố sản phẩm rượu hoặc bản tự công bố sản phẩm", "1p"),
        c("Bản sao Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "1p", reuse=True,
          when="Cơ sở thuộc diện phải cấp Giấy chứng nhận"),
    ],
    fees=[fee("Phí thẩm định cấp Giấy phép sản xuất rượu thủ công", 400_000)],  # [verify]
    bases=RUOU,
)

ban_buon_ruou = tthc(
    "1.001242", "Cấp Giấy phép bán buôn rượu", LUU_THONG, at=INDUSTRY_TRADE, days=15, online=FULL, who="tc",
    result=(LICENCE, "Giấy phép bán buôn rượu"),
    components=[
        c("Đơn đề nghị cấp Giấy phép bán buôn rượu theo mẫu"),
        GCN_KD,
        c("Bản sao hợp đồng thuê hoặc giấy tờ chứng minh quyền sử dụng kho hàng có diện tích từ 50 m² trở lên", "1p"),
        c("Bản sao văn bản giới thiệu hoặc hợp đồng nguyên tắc với thương nhân sản xuất, phân phối rượu", "1p"),
        c("Hồ sơ về hệ thống bán buôn rượu trên địa bàn tỉnh (bản sao hợp đồng với tối thiểu 01 thương nhân bán lẻ)",
          "1p"),
    ],
    fees=[fee("Phí thẩm định cấp Giấy phép bán buôn rượu", 2_200_000)], bases=RUOU, appraise=ON_SITE,
)

xang_dau = tthc(
    "1.001249", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", LUU_THONG, at=INDUSTRY_TRADE, days=15,
    who="tc", result=(CERTIFICATE, "Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu"),
    components=[
        c("Đơn đề nghị cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu theo mẫu"),
        GCN_KD,
        c("Bản sao văn bản nghiệm thu về phòng cháy, chữa cháy của cơ quan có thẩm quyền", "1p"),
        c("Bản sao giấy tờ chứng minh cửa hàng thuộc sở hữu hoặc đồng sở hữu, hoặc hợp đồng thuê từ 05 năm trở lên",
          "1p"),
        c("Bản sao giấy chứng nhận bồi dưỡng nghiệp vụ phòng cháy, chữa cháy và bảo vệ môi trường của nhân viên", "1p"),
    ],
    fees=[fee("Phí thẩm định điều kiện kinh doanh bán lẻ xăng dầu", 1_200_000)],  # [verify]
    bases=[law("83/2014/NĐ-CP", "Nghị định về kinh doanh xăng dầu", date(2014, 9, 3)),
           law("80/2023/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 83/2014/NĐ-CP và Nghị định "
               "95/2021/NĐ-CP về kinh doanh xăng dầu", date(2023, 11, 17)), TT_168],
    appraise=ON_SITE,
)

lpg = tthc(
    "1.001256", "Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai", LUU_THONG, at=INDUSTRY_TRADE, days=15,
    who="cd+tc", result=(CERTIFICATE, "Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai"),
    components=[
        c("Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai theo mẫu"),
        GCN_KD,
        c("Bản sao tài liệu chứng minh đáp ứng điều kiện về phòng cháy, chữa cháy", "1p"),
        c("Bản sao hợp đồng đại lý hoặc văn bản của thương nhân cung cấp LPG chai", "1p"),
    ],
    fees=[fee("Phí thẩm định điều kiện cửa hàng bán lẻ LPG chai", 1_200_000)],  # [verify]
    bases=[law("87/2018/NĐ-CP", "Nghị định về kinh doanh khí", date(2018, 6, 15)), TT_168], appraise=ON_SITE,
)

khuyen_mai = tthc(
    "1.001263", "Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi thực hiện trên địa bàn một tỉnh, thành "
    "phố trực thuộc trung ương", XUC_TIEN, at=INDUSTRY_TRADE, days=5, online=FULL, who="tc",
    result=(CONFIRMATION, "Văn bản xác nhận đăng ký thực hiện khuyến mại"),
    components=[
        c("Đơn đề nghị đăng ký thực hiện khuyến mại theo Mẫu số 02 Phụ lục Nghị định 81/2018/NĐ-CP"),
        c("Thể lệ chương trình khuyến mại"),
        c("Mẫu vé số dự thưởng", when="Chương trình khuyến mại có phát hành vé số dự thưởng"),
        c("Bản sao giấy tờ về chất lượng của hàng hóa khuyến mại", "1p",
          when="Hàng hóa khuyến mại phải có chứng nhận hợp quy"),
    ],
    bases=[law("36/2005/QH11", "Luật Thương mại", date(2005, 6, 14)), ND_81, ND_128],
)

hoi_cho = tthc(
    "1.001270", "Đăng ký tổ chức hội chợ, triển lãm thương mại tại Việt Nam", XUC_TIEN, at=INDUSTRY_TRADE, days=7,
    online=FULL, who="tc", result=(CONFIRMATION, "Văn bản xác nhận đăng ký tổ chức hội chợ, triển lãm thương mại"),
    components=[
        c("Đơn đăng ký tổ chức hội chợ, triển lãm thương mại theo mẫu"),
        c("Kế hoạch tổ chức: tên, chủ đề, thời gian, địa điểm, quy mô dự kiến"),
    ],
    bases=[ND_81, ND_128],
)

hoa_chat = tthc(
    "1.001277", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh hóa chất sản xuất, kinh doanh có điều kiện trong lĩnh vực "
    "công nghiệp", HOA_CHAT, at=INDUSTRY_TRADE, days=12, online=FULL, who="tc",
    result=(CERTIFICATE, "Giấy chứng nhận đủ điều kiện kinh doanh hóa chất"),
    components=[
        c("Văn bản đề nghị cấp Giấy chứng nhận theo mẫu"),
        GCN_KD,
        c("Bản kê khai địa điểm kinh doanh, kho chứa và trang thiết bị bảo đảm an toàn"),
        c("Bản sao văn bằng, chứng chỉ chuyên ngành hóa chất của người phụ trách an toàn hóa chất", "1p"),
        c("Phiếu an toàn hóa chất của các hóa chất kinh doanh"),
        c("Bản sao quyết định phê duyệt kế hoạch phòng ngừa, ứng phó sự cố hóa chất", "1p",
          when="Kinh doanh hóa chất thuộc danh mục phải xây dựng kế hoạch"),
    ],
    fees=[fee("Phí thẩm định điều kiện kinh doanh hóa chất", 1_200_000)],  # [verify]
    bases=[law("06/2007/QH12", "Luật Hóa chất", date(2007, 11, 21)),
           law("113/2017/NĐ-CP", "Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Hóa chất",
               date(2017, 10, 9))],
    appraise=ON_SITE,
)

PROCEDURES = [ban_le_ruou, ban_le_thuoc_la, ruou_thu_cong, ban_buon_ruou, xang_dau, lpg, khuyen_mai, hoi_cho, hoa_chat]
