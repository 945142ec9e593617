"""Tư pháp at the Department of Justice (Sở Tư pháp): judicial records, notaries, lawyers, legal
aid, nationality; domestic adoption at the commune.

Codes and several fee amounts are illustrative.
"""

from __future__ import annotations

from datetime import date

from demo import data
from demo.catalogue._common import (
    CERTIFICATE,
    CONFIRMATION,
    DECISION,
    FULL,
    JUSTICE,
    NONE,
    OTHER,
    POLICE,
    REGISTRATION,
    WARD,
    FieldDef,
    Linked,
    c,
    fee,
    law,
    revise,
    tthc,
)

LLTP = FieldDef("ly-lich-tu-phap", "Lý lịch tư pháp")
CONG_CHUNG = FieldDef("cong-chung", "Công chứng")
LUAT_SU = FieldDef("luat-su", "Luật sư")
NUOI_CON_NUOI = FieldDef("nuoi-con-nuoi", "Nuôi con nuôi")
TRO_GIUP = FieldDef("tro-giup-phap-ly", "Trợ giúp pháp lý")
QUOC_TICH = FieldDef("quoc-tich", "Quốc tịch")

LUAT_LLTP = law("28/2009/QH12", "Luật Lý lịch tư pháp", date(2009, 6, 17))
ND_111 = law("111/2010/NĐ-CP", "Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư "
             "pháp", date(2010, 11, 23))
TT_244 = law("244/2016/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông "
             "tin lý lịch tư pháp", date(2016, 11, 11))
LUAT_CC = law("46/2024/QH15", "Luật Công chứng", date(2024, 11, 26))
ND_CC = law("104/2025/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Công chứng",
            date(2025, 5, 15))  # [verify] number and date
LUAT_LS = law("65/2006/QH11", "Luật Luật sư (sửa đổi, bổ sung bởi Luật số 20/2012/QH13)", date(2006, 6, 29))
LLTP_BASES = [LUAT_LLTP, ND_111, TT_244]
POLICE_CHECK = Linked(POLICE, "Công an thành phố tra cứu, xác minh thông tin án tích và cung cấp kết quả", 0.3)
LLTP_FEE = "Phí cung cấp thông tin lý lịch tư pháp"

phieu_lltp = tthc(
    "1.001632", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", LLTP,
    at=JUSTICE, days=10, online=FULL,
    time_note="10 ngày làm việc; trường hợp phải xác minh về điều kiện đương nhiên được xóa án tích thì không quá 15 "
    "ngày.", result=(CERTIFICATE, "Phiếu lý lịch tư pháp số 1 hoặc số 2 (bản giấy hoặc bản điện tử)"),
    components=[
        c("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu"),
        c("Bản chụp giấy tờ tùy thân (Căn cước công dân, Căn cước hoặc Hộ chiếu)", "1p", reuse=True),
        c("Bản chụp thẻ thường trú hoặc thẻ tạm trú", "1p",
          when="Người yêu cầu là người nước ngoài cư trú tại Việt Nam"),
        c("Văn bản ủy quyền có công chứng, chứng thực", when="Ủy quyền làm thủ tục yêu cầu Phiếu số 1"),
        c("Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí", "1p",
          when="Người yêu cầu là sinh viên, người có công, thân nhân liệt sĩ, người thuộc hộ nghèo"),
    ],
    linked=(POLICE_CHECK,),
    fees=[fee(LLTP_FEE, 200_000, note="Sinh viên, người có công, thân nhân liệt sĩ: 100.000 đồng/lần; miễn đối với "
              "trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo"),
          fee("Phí cấp thêm Phiếu lý lịch tư pháp (từ Phiếu thứ 3 trở đi)", 5_000)],
    bases=LLTP_BASES,
)

lltp_co_quan = tthc(
    "1.001639", "Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội",
    LLTP, at=JUSTICE, days=10, who="tc", result=(CERTIFICATE, "Phiếu lý lịch tư pháp số 1"),
    components=[
        c("Văn bản yêu cầu cấp Phiếu lý lịch tư pháp ghi rõ mục đích sử dụng và thông tin về người được yêu cầu"),
        c("Bản chụp giấy tờ tùy thân của người được yêu cầu cấp Phiếu", "1p", reuse=True,
          when="Cơ quan yêu cầu có giấy tờ tùy thân của người được yêu cầu"),
    ],
    linked=(POLICE_CHECK,), bases=LLTP_BASES,
    fee_note="Không thu phí đối với cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội.",
)

the_cong_chung_vien = tthc(
    "1.001646", "Đăng ký hành nghề và cấp Thẻ công chứng viên", CONG_CHUNG, at=JUSTICE, days=10, online=FULL,
    result=(CERTIFICATE, "Thẻ công chứng viên"),
    components=[
        c("Giấy đề nghị đăng ký hành nghề và cấp Thẻ công chứng viên của tổ chức hành nghề công chứng"),
        c("Quyết định bổ nhiệm công chứng viên", "1s", reuse=True),
        c("Giấy tờ chứng minh công chứng viên đã tham gia bảo hiểm trách nhiệm nghề nghiệp", "1p"),
        c("01 ảnh chân dung cỡ 2x3 cm"),
    ],
    fees=[fee("Phí thẩm định điều kiện hành nghề công chứng", 1_000_000)],  # [verify]
    bases=[LUAT_CC, ND_CC],
)

van_phong_cong_chung = tthc(
    "1.001653", "Thành lập Văn phòng công chứng", CONG_CHUNG, at=JUSTICE, days=20, online=NONE, who="tc",
    result=(DECISION, "Quyết định cho phép thành lập Văn phòng công chứng của Chủ tịch Ủy ban nhân dân thành phố"),
    components=[
        c("Đơn đề nghị thành lập Văn phòng công chứng theo mẫu"),
        c("Đề án thành lập Văn phòng công chứng nêu rõ sự cần thiết, dự kiến tổ chức, tên gọi, nhân sự, địa điểm, "
          "điều kiện vật chất và kế hoạch triển khai"),
        c("Quyết định bổ nhiệm công chứng viên của các công chứng viên hợp danh", "1s"),
        c("Giấy tờ chứng minh về trụ sở của Văn phòng công chứng", "1s"),
    ],
    linked=(Linked(data.CITY_COMMITTEE_CODE, "Ủy ban nhân dân thành phố xem xét, quyết định cho phép thành lập", 0.3,
                   after_approval=True),),
    fees=[fee("Phí thẩm định điều kiện thành lập Văn phòng công chứng", 1_000_000)],  # [verify]
    bases=[LUAT_CC, ND_CC],
)

dang_ky_vpcc = tthc(
    "1.001660", "Đăng ký hoạt động Văn phòng công chứng", CONG_CHUNG, at=JUSTICE, days=10, who="tc",
    result=(REGISTRATION, "Giấy đăng ký hoạt động Văn phòng công chứng"),
    components=[
        c("Đơn đăng ký hoạt động Văn phòng công chứng theo mẫu"),
        c("Quyết định cho phép thành lập Văn phòng công chứng", "1s", reuse=True),
        c("Giấy tờ chứng minh trụ sở đáp ứng điều kiện theo quy định", "1s"),
        c("Hồ sơ đăng ký hành nghề của công chứng viên hợp danh và công chứng viên làm việc theo chế độ hợp đồng"),
    ],
    fees=[fee("Phí thẩm định điều kiện hoạt động Văn phòng công chứng", 1_000_000)],  # [verify]
    bases=[LUAT_CC, ND_CC],
)

to_chuc_luat_su = tthc(
    "1.001667", "Đăng ký hoạt động của tổ chức hành nghề luật sư", LUAT_SU, at=JUSTICE, days=10, who="tc",
    result=(REGISTRATION, "Giấy đăng ký hoạt động của tổ chức hành nghề luật sư"),
    components=[
        c("Giấy đề nghị đăng ký hoạt động theo mẫu"),
        c("Dự thảo Điều lệ của công ty luật", when="Tổ chức hành nghề luật sư là công ty luật"),
        c("Chứng chỉ hành nghề luật sư và Thẻ luật sư của luật sư thành lập, tham gia thành lập", "1s", reuse=True),
        c("Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư", "1s"),
    ],
    fees=[fee("Lệ phí đăng ký hoạt động tổ chức hành nghề luật sư", 100_000)],  # [verify]
    bases=[LUAT_LS, law("123/2013/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Luật sư",
                        date(2013, 10, 14))],
)

con_nuoi = tthc(
    "1.001674", "Đăng ký việc nuôi con nuôi trong nước", NUOI_CON_NUOI, at=WARD, days=30, online=NONE,
    time_note="30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
    result=(REGISTRATION, "Giấy chứng nhận nuôi con nuôi"),
    components=[
        c("Đơn xin nhận con nuôi theo mẫu"),
        c("Phiếu lý lịch tư pháp của người nhận con nuôi", reuse=True),
        c("Văn bản xác nhận tình trạng hôn nhân của người nhận con nuôi", reuse=True),
        c("Giấy khám sức khỏe do cơ quan y tế cấp huyện trở lên cấp"),
        c("Giấy khai sinh và hai ảnh của người được nhận làm con nuôi", "1s2c"),
        c("Biên bản xác nhận do cơ quan có thẩm quyền lập", when="Trẻ em bị bỏ rơi"),
    ],
    fees=[fee("Lệ phí đăng ký nuôi con nuôi trong nước", 400_000,
              note="Miễn đối với cha dượng, mẹ kế nhận con riêng của vợ, chồng; cô, cậu, dì, chú, bác ruột nhận cháu")],
    bases=[law("52/2010/QH12", "Luật Nuôi con nuôi", date(2010, 6, 17)),
           law("19/2011/NĐ-CP", "Nghị định quy định chi tiết thi hành một số điều của Luật Nuôi con nuôi",
               date(2011, 3, 21))],
    appraise="Kiểm tra hồ sơ, lấy ý kiến của những người liên quan",
)

tro_giup = tthc(
    "1.001681", "Thủ tục yêu cầu trợ giúp pháp lý", TRO_GIUP, at=JUSTICE, same_day=True, online=FULL,
    time_note="Thụ lý ngay khi nhận đủ hồ sơ; trường hợp chưa đủ giấy tờ thì hướng dẫn bổ sung trong 05 ngày làm việc.",
    result=(OTHER, "Văn bản thụ lý và cử người thực hiện trợ giúp pháp lý"),
    components=[
        c("Đơn yêu cầu trợ giúp pháp lý theo mẫu"),
        c("Giấy tờ chứng minh là người được trợ giúp pháp lý", "1p", reuse=True),
        c("Giấy tờ, tài liệu liên quan đến vụ việc", "1p", when="Có giấy tờ liên quan"),
    ],
    bases=[law("11/2017/QH14", "Luật Trợ giúp pháp lý", date(2017, 6, 20))],
)

quoc_tich = tthc(
    "1.001688", "Cấp Giấy xác nhận có quốc tịch Việt Nam ở trong nước", QUOC_TICH, at=JUSTICE, days=20, online=NONE,
    time_note="20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    result=(CONFIRMATION, "Giấy xác nhận có quốc tịch Việt Nam"),
    components=[
        c("Tờ khai đề nghị xác nhận có quốc tịch Việt Nam theo mẫu"),
        c("Bản sao giấy tờ tùy thân, Giấy khai sinh hoặc giấy tờ khác chứng minh quốc tịch", "1s"),
        c("02 ảnh chân dung cỡ 4x6 cm", "2c"),
    ],
    linked=(Linked(POLICE, "Công an thành phố xác minh về nhân thân của người đề nghị", 0.3),),
    fees=[fee("Lệ phí cấp Giấy xác nhận có quốc tịch Việt Nam", 100_000)],  # [verify]
    bases=[law("24/2008/QH12", "Luật Quốc tịch Việt Nam", date(2008, 11, 13)),
           law("16/2020/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Quốc tịch Việt Nam",
               date(2020, 2, 3))],
)

PROCEDURES = [phieu_lltp, lltp_co_quan, the_cong_chung_vien, van_phong_cong_chung, dang_ky_vpcc, to_chuc_luat_su,
              con_nuoi, tro_giup, quoc_tich]
# 2026: a reduced fee for requests submitted online, including through VNeID [verify].
REVISIONS = [
    revise(phieu_lltp, fees=[
        fee(LLTP_FEE, 200_000, online=100_000, note="Giảm khi nộp trực tuyến; sinh viên, người có công, thân nhân "
            "liệt sĩ: 100.000 đồng/lần"),
        fee("Phí cấp thêm Phiếu lý lịch tư pháp (từ Phiếu thứ 3 trở đi)", 5_000),
    ]),
]
