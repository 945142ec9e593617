"""Người có công (Department of Home Affairs, received at the commune), Bảo trợ xã hội and Trẻ em
(the commune and the Department of Health, which took over social protection in 2025).

Codes and several time limits are illustrative.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CONFIRMATION,
    DECISION,
    FULL,
    HEALTH,
    HOME_AFFAIRS,
    LICENCE,
    NONE,
    OTHER,
    WARD,
    FieldDef,
    Linked,
    c,
    law,
    tthc,
)

NGUOI_CO_CONG = FieldDef("nguoi-co-cong", "Người có công")
BAO_TRO = FieldDef("bao-tro-xa-hoi", "Bảo trợ xã hội")
TRE_EM = FieldDef("tre-em", "Trẻ em")

PHAP_LENH = law("02/2020/UBTVQH14", "Pháp lệnh Ưu đãi người có công với cách mạng", date(2020, 12, 9))
ND_131 = law("131/2021/NĐ-CP", "Nghị định quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với "
             "cách mạng", date(2021, 12, 30))
ND_55 = law("55/2023/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 131/2021/NĐ-CP", date(2023, 7, 21))
ND_20 = law("20/2021/NĐ-CP", "Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội",
            date(2021, 3, 15))
ND_76 = law("76/2024/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 20/2021/NĐ-CP", date(2024, 7, 1))
NCC_BASES = [PHAP_LENH, ND_131, ND_55]
BTXH_BASES = [ND_20, ND_76]
NCC = "tinh+xa"  # received and verified at the commune, decided by the department
XAC_NHAN_XA = "Ủy ban nhân dân cấp xã tiếp nhận, xác nhận và chuyển hồ sơ"

tho_cung = tthc(
    "1.010801", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", NGUOI_CO_CONG, at=HOME_AFFAIRS, receive_at=WARD,
    level=NCC, days=12, time_note="12 ngày làm việc, gồm thời gian xác nhận tại cấp xã.",
    result=(DECISION, "Quyết định trợ cấp thờ cúng liệt sĩ"),
    components=[
        c("Bản khai đề nghị giải quyết chế độ thờ cúng liệt sĩ theo Mẫu số 08 Phụ lục I Nghị định 131/2021/NĐ-CP"),
        c("Văn bản ủy quyền của các thân nhân liệt sĩ cho người thờ cúng", when="Liệt sĩ có nhiều thân nhân"),
        c("Bằng Tổ quốc ghi công", "1p", reuse=True),
    ],
    bases=NCC_BASES, appraise="Thẩm định hồ sơ, đối chiếu hồ sơ liệt sĩ đang quản lý",
)

mai_tang_ncc = tthc(
    "1.010808", "Giải quyết chế độ mai táng phí, trợ cấp một lần khi người có công với cách mạng từ trần",
    NGUOI_CO_CONG, at=HOME_AFFAIRS, receive_at=WARD, level=NCC, days=12, online=FULL,
    result=(DECISION, "Quyết định trợ cấp mai táng phí và trợ cấp một lần"),
    components=[
        c("Bản khai của thân nhân theo Mẫu số 10 Phụ lục I Nghị định 131/2021/NĐ-CP"),
        c("Trích lục khai tử", "1p", reuse=True),
        c("Văn bản ủy quyền của các thân nhân", when="Có nhiều thân nhân đủ điều kiện nhận trợ cấp"),
    ],
    bases=NCC_BASES,
)

chat_doc_hoa_hoc = tthc(
    "1.010815", "Giải quyết chế độ ưu đãi đối với người hoạt động kháng chiến bị nhiễm chất độc hóa học",
    NGUOI_CO_CONG, at=HOME_AFFAIRS, receive_at=WARD, level=NCC, days=40, online=NONE,
    time_note="40 ngày làm việc, không kể thời gian giám định y khoa.",
    result=(DECISION, "Quyết định trợ cấp, phụ cấp ưu đãi"),
    components=[
        c("Bản khai cá nhân theo Mẫu số 06 Phụ lục I Nghị định 131/2021/NĐ-CP"),
        c("Giấy tờ chứng minh thời gian hoạt động kháng chiến tại vùng quân đội Mỹ sử dụng chất độc hóa học", "1s"),
        c("Giấy chứng nhận mắc bệnh, tật, dị dạng, dị tật có liên quan đến phơi nhiễm chất độc hóa học", "1s",
          digitize=True),
    ],
    linked=(Linked(HEALTH, "Hội đồng giám định y khoa thành phố giám định tỷ lệ tổn thương cơ thể", 0.35),),
    bases=NCC_BASES,
)

di_chuyen_ho_so = tthc(
    "1.010822", "Di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú", NGUOI_CO_CONG,
    at=HOME_AFFAIRS, days=5, online=FULL, result=(OTHER, "Phiếu báo di chuyển hồ sơ và hồ sơ người có công"),
    components=[
        c("Đơn đề nghị di chuyển hồ sơ theo Mẫu số 40 Phụ lục I Nghị định 131/2021/NĐ-CP"),
        c("Thông tin về nơi thường trú mới trong Cơ sở dữ liệu quốc gia về dân cư (cơ quan tự khai thác)",
          reuse=True),
    ],
    bases=NCC_BASES,
)

tro_cap_hang_thang = tthc(
    "1.010829", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng "
    "hằng tháng", BAO_TRO, at=WARD, days=15, online=FULL,
    time_note="15 ngày làm việc, gồm 02 ngày niêm yết công khai kết quả xét duyệt.",
    result=(DECISION, "Quyết định trợ cấp xã hội hằng tháng của Chủ tịch Ủy ban nhân dân cấp xã"),
    components=[
        c("Tờ khai đề nghị trợ giúp xã hội theo mẫu ban hành kèm Nghị định 20/2021/NĐ-CP"),
        c("Giấy xác nhận khuyết tật", "1p", reuse=True, when="Đối tượng là người khuyết tật"),
        c("Giấy tờ chứng minh thuộc hộ nghèo, hộ cận nghèo", "1p", reuse=True,
          when="Đối tượng xác định theo điều kiện hộ nghèo, hộ cận nghèo"),
        c("Tờ khai nhận chăm sóc, nuôi dưỡng", when="Đề nghị hỗ trợ kinh phí chăm sóc, nuôi dưỡng"),
    ],
    bases=BTXH_BASES, appraise="Hội đồng xét duyệt trợ giúp xã hội cấp xã họp xét duyệt, niêm yết công khai",
)

khuyet_tat = tthc(
    "1.010836", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", BAO_TRO, at=WARD, days=25,
    result=(CONFIRMATION, "Giấy xác nhận khuyết tật"),
    components=[
        c("Đơn đề nghị xác định, xác định lại mức độ khuyết tật theo mẫu"),
        c("Bản sao các giấy tờ y tế chứng minh về khuyết tật: bệnh án, giấy tờ khám, điều trị, phẫu thuật", "1p",
          digitize=True),
        c("Bản sao kết luận của Hội đồng giám định y khoa", "1p", when="Đã được Hội đồng giám định y khoa xác định "
          "khả năng tự phục vụ, mức độ suy giảm khả năng lao động"),
    ],
    bases=[law("51/2010/QH12", "Luật Người khuyết tật", date(2010, 6, 17)),
           law("28/2012/NĐ-CP", "Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Người khuyết "
               "tật", date(2012, 4, 10))],
    appraise="Hội đồng xác định mức độ khuyết tật quan sát, phỏng vấn và đánh giá theo bộ công cụ",
)

mai_tang_btxh = tthc(
    "1.010843", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", BAO_TRO, at=WARD, days=3, online=FULL,
    result=(DECISION, "Quyết định hỗ trợ chi phí mai táng"),
    components=[
        c("Tờ khai đề nghị hỗ trợ chi phí mai táng theo mẫu"),
        c("Trích lục khai tử", "1p", reuse=True),
    ],
    bases=BTXH_BASES,
)

tiep_nhan_co_so = tthc(
    "1.010850", "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội cấp tỉnh",
    BAO_TRO, at=HEALTH, days=10, online=NONE,
    result=(DECISION, "Quyết định tiếp nhận đối tượng vào cơ sở trợ giúp xã hội"),
    components=[
        c("Tờ khai đề nghị tiếp nhận vào chăm sóc, nuôi dưỡng tại cơ sở trợ giúp xã hội"),
        c("Giấy khám sức khỏe"),
        c("Biên bản về việc tự nguyện vào sống tại cơ sở trợ giúp xã hội", when="Người cao tuổi tự nguyện vào cơ sở"),
        c("Văn bản đề nghị của Ủy ban nhân dân cấp xã nơi đối tượng cư trú"),
    ],
    bases=BTXH_BASES,
)

co_so_tro_giup = tthc(
    "1.010857", "Cấp giấy phép hoạt động đối với cơ sở trợ giúp xã hội thuộc thẩm quyền của Sở Y tế", BAO_TRO,
    at=HEALTH, days=15, who="tc", result=(LICENCE, "Giấy phép hoạt động của cơ sở trợ giúp xã hội"),
    components=[
        c("Tờ khai đề nghị cấp giấy phép hoạt động theo mẫu"),
        c("Quyết định thành lập hoặc giấy chứng nhận đăng ký thành lập cơ sở", "1p", reuse=True),
        c("Quy chế hoạt động, danh sách nhân viên và bảng giá dịch vụ (đối với cơ sở ngoài công lập)"),
        c("Giấy tờ chứng minh cơ sở vật chất, trang thiết bị đáp ứng tiêu chuẩn", "1p"),
    ],
    bases=[law("103/2017/NĐ-CP", "Nghị định quy định về thành lập, tổ chức, hoạt động, giải thể và quản lý các cơ sở "
               "trợ giúp xã hội", date(2017, 9, 12))],
    appraise="Thẩm định hồ sơ, kiểm tra thực tế cơ sở",
)

can_thiep_tre_em = tthc(
    "1.010864", "Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây "
    "tổn hại cho trẻ em", TRE_EM, at=WARD, hours=12, online=NONE,
    time_note="12 giờ kể từ khi nhận được thông báo, tin báo về trẻ em có nguy cơ hoặc bị xâm hại.",
    result=(DECISION, "Quyết định tạm thời cách ly trẻ em và kế hoạch hỗ trợ, can thiệp"),
    components=[
        c("Thông báo, tin báo hoặc tố giác về việc trẻ em có nguy cơ hoặc đang bị xâm hại"),
        c("Biên bản đánh giá nguy cơ đối với trẻ em của người làm công tác bảo vệ trẻ em"),
        c("Văn bản đề nghị của cơ quan công an", when="Trường hợp có dấu hiệu tội phạm"),
    ],
    bases=[law("102/2016/QH13", "Luật Trẻ em", date(2016, 4, 5)),
           law("56/2017/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Trẻ em", date(2017, 5, 9))],
    fee_note="Không thu phí.", appraise="Đánh giá nguy cơ, lập kế hoạch can thiệp khẩn cấp",
)

PROCEDURES = [tho_cung, mai_tang_ncc, chat_doc_hoa_hoc, di_chuyen_ho_so, tro_cap_hang_thang, khuyet_tat,
              mai_tang_btxh, tiep_nhan_co_so, co_so_tro_giup, can_thiep_tre_em]
