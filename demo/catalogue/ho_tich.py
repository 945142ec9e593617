"""Hộ tịch (civil status), done by the People's Committee of the commune or ward.

Codes are illustrative. Fees: civil-status fees are set by the city People's Council
(Thông tư 85/2019/TT-BTC); the amounts here are plausible examples; registrations of
birth and death on time, marriage and guardianship are free (Luật Hộ tịch Art. 11).
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CERTIFICATE,
    CONFIRMATION,
    FULL,
    LOCAL_FEES,
    NONE,
    OTHER,
    POLICE,
    REGISTRATION,
    SOCIAL_INSURANCE,
    WARD,
    FieldDef,
    Linked,
    c,
    fee,
    law,
    revise,
    tthc,
)

HO_TICH = FieldDef("ho-tich", "Hộ tịch")

LUAT = law("60/2014/QH13", "Luật Hộ tịch", date(2014, 11, 20))
ND_123 = law("123/2015/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
             date(2015, 11, 15))
TT_04 = law("04/2020/TT-BTP", "Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định "
            "123/2015/NĐ-CP", date(2020, 5, 28))
TT_281 = law("281/2016/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, "
             "sử dụng thông tin trong cơ sở dữ liệu hộ tịch", date(2016, 11, 14))
ND_63 = law("63/2024/NĐ-CP", "Nghị định quy định thực hiện liên thông điện tử hai nhóm thủ tục hành chính: đăng ký "
            "khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi; đăng ký khai tử, xóa đăng "
            "ký thường trú, giải quyết mai táng phí, tử tuất", date(2024, 6, 10))  # [verify] date
BASES = [LUAT, ND_123, TT_04]

TO_KHAI = "Tờ khai {} theo mẫu ban hành kèm theo Thông tư 04/2020/TT-BTP"
UY_QUYEN = c("Văn bản ủy quyền có chứng thực", when="Người đi đăng ký được ủy quyền (trừ ông, bà, anh, chị, em ruột)")
GIAY_TO_TUY_THAN = c("Hộ chiếu, Căn cước công dân hoặc giấy tờ tùy thân có ảnh của người yêu cầu (xuất trình để đối "
                     "chiếu)", reuse=True)
LE_PHI = "Lệ phí hộ tịch"

khai_sinh = tthc(
    "1.004412", "Đăng ký khai sinh", HO_TICH, at=WARD, same_day=True, online=FULL,
    result=(REGISTRATION, "Giấy khai sinh (bản chính) và bản sao trích lục khai sinh nếu có yêu cầu"),
    components=[
        c(TO_KHAI.format("đăng ký khai sinh")),
        c("Giấy chứng sinh do cơ sở y tế cấp", digitize=True),
        c("Văn bản của người làm chứng xác nhận về việc sinh hoặc giấy cam đoan về việc sinh",
          when="Không có Giấy chứng sinh"),
        c("Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập", when="Trẻ em bị bỏ rơi"),
        UY_QUYEN,
        GIAY_TO_TUY_THAN,
    ],
    bases=[*BASES, law("87/2020/NĐ-CP", "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực "
                       "tuyến", date(2020, 7, 28))],
    fee_note="Miễn lệ phí đăng ký khai sinh đúng hạn (Luật Hộ tịch Điều 11).",
)

ket_hon = tthc(
    "1.004417", "Đăng ký kết hôn", HO_TICH, at=WARD, same_day=True,
    time_note="Ngay trong ngày tiếp nhận; trường hợp cần xác minh thì không quá 05 ngày làm việc.",
    result=(REGISTRATION, "Giấy chứng nhận kết hôn (01 bản chính cho mỗi bên)"),
    components=[
        c(TO_KHAI.format("đăng ký kết hôn")),
        c("Giấy xác nhận tình trạng hôn nhân", when="Bên nam hoặc bên nữ không thường trú tại xã, phường nơi đăng ký",
          reuse=True),
        c("Trích lục ghi chú ly hôn hoặc bản án, quyết định ly hôn đã có hiệu lực pháp luật", "1s",
          when="Một hoặc hai bên đã từng kết hôn và ly hôn"),
        GIAY_TO_TUY_THAN,
    ],
    bases=BASES,
    requirements="Hai bên nam, nữ có mặt khi đăng ký; đủ điều kiện kết hôn theo Luật Hôn nhân và gia đình.",
    fee_note="Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước.",
)

khai_tu = tthc(
    "1.004421", "Đăng ký khai tử", HO_TICH, at=WARD, same_day=True, online=FULL,
    time_note="Ngay trong ngày tiếp nhận; trường hợp cần xác minh thì không quá 03 ngày làm việc.",
    result=(REGISTRATION, "Trích lục khai tử (bản chính)"),
    components=[
        c(TO_KHAI.format("đăng ký khai tử")),
        c("Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp", digitize=True),
        UY_QUYEN,
    ],
    bases=BASES, fee_note="Miễn lệ phí đăng ký khai tử đúng hạn.",
)

lien_thong_khai_sinh = tthc(
    "1.004438", "Liên thông các thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế "
    "cho trẻ em dưới 6 tuổi", HO_TICH, at=WARD, days=5, online=FULL,
    result=(OTHER, "Giấy khai sinh, thông tin đăng ký thường trú được cập nhật và thẻ bảo hiểm y tế của trẻ em"),
    components=[
        c("Tờ khai điện tử liên thông (khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế)"),
        c("Giấy chứng sinh do cơ sở y tế cấp", digitize=True),
        c("Ý kiến đồng ý của chủ hộ hoặc chủ sở hữu chỗ ở hợp pháp",
          when="Trẻ em đăng ký thường trú tại chỗ ở không thuộc sở hữu của cha, mẹ"),
        UY_QUYEN,
    ],
    linked=(Linked(POLICE, "Công an cấp xã đăng ký thường trú cho trẻ em", 0.25, after_approval=True),
            Linked(SOCIAL_INSURANCE, "Bảo hiểm xã hội cấp thẻ bảo hiểm y tế cho trẻ em", 0.2, after_approval=True)),
    bases=[*BASES, ND_63], fee_note="Miễn lệ phí đăng ký khai sinh đúng hạn và lệ phí đăng ký thường trú.",
)

lien_thong_khai_tu = tthc(
    "1.004445", "Liên thông các thủ tục hành chính: đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, "
    "tử tuất", HO_TICH, at=WARD, days=7, online=FULL,
    time_note="Tổng thời hạn giải quyết các thủ tục liên thông.",  # [verify] the combined limit
    result=(OTHER, "Trích lục khai tử, thông tin xóa đăng ký thường trú và quyết định hưởng mai táng phí, tử tuất"),
    components=[
        c("Tờ khai điện tử liên thông (khai tử, xóa đăng ký thường trú, mai táng phí, tử tuất)"),
        c("Giấy báo tử hoặc giấy tờ thay Giấy báo tử", digitize=True),
        c("Giấy tờ chứng minh người chết thuộc diện hưởng mai táng phí, tử tuất", "1s",
          when="Người chết thuộc diện hưởng chế độ bảo hiểm xã hội hoặc chính sách người có công"),
    ],
    linked=(Linked(POLICE, "Công an cấp xã xóa đăng ký thường trú", 0.15, after_approval=True),
            Linked(SOCIAL_INSURANCE, "Bảo hiểm xã hội giải quyết mai táng phí, trợ cấp tử tuất", 0.3,
                   after_approval=True)),
    bases=[*BASES, ND_63], fee_note="Miễn lệ phí đăng ký khai tử đúng hạn.",
)

nhan_cha_me_con = tthc(
    "1.004452", "Đăng ký nhận cha, mẹ, con", HO_TICH, at=WARD, days=3,
    time_note="03 ngày làm việc; trường hợp cần xác minh thì kéo dài thêm không quá 05 ngày làm việc.",
    result=(REGISTRATION, "Trích lục đăng ký nhận cha, mẹ, con"),
    components=[
        c(TO_KHAI.format("đăng ký nhận cha, mẹ, con")),
        c("Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền xác nhận quan hệ cha con, mẹ con",
          digitize=True),
        c("Thư từ, phim ảnh, băng đĩa, đồ dùng hoặc chứng cứ khác chứng minh quan hệ cha, mẹ, con", "1p",
          when="Không có văn bản giám định xác nhận quan hệ"),
        GIAY_TO_TUY_THAN,
    ],
    fees=[fee(LE_PHI, 15_000)], bases=[*BASES, law(*LOCAL_FEES)],
    requirements="Bên nhận và bên được nhận có mặt; việc nhận không có tranh chấp.",
)

cai_chinh = tthc(
    "1.004459", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc", HO_TICH, at=WARD,
    days=3, time_note="03 ngày làm việc; trường hợp cần xác minh thì kéo dài thêm không quá 03 ngày làm việc.",
    result=(REGISTRATION, "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch"),
    components=[
        c(TO_KHAI.format("đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch")),
        c("Giấy khai sinh hoặc giấy tờ hộ tịch cần thay đổi, cải chính", reuse=True),
        c("Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung", "1s", digitize=True),
        c("Văn bản đồng ý của cha, mẹ hoặc người giám hộ", when="Thay đổi họ, chữ đệm, tên của người dưới 18 tuổi"),
    ],
    fees=[fee(LE_PHI, 15_000)], bases=[*BASES, law(*LOCAL_FEES)],
)

tinh_trang_hon_nhan = tthc(
    "1.004466", "Cấp Giấy xác nhận tình trạng hôn nhân", HO_TICH, at=WARD, days=3, online=FULL,
    result=(CONFIRMATION, "Giấy xác nhận tình trạng hôn nhân"),
    components=[
        c("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu"),
        c("Bản án, quyết định ly hôn đã có hiệu lực pháp luật hoặc trích lục khai tử của vợ, chồng", "1s",
          when="Người yêu cầu đã có vợ, chồng nhưng đã ly hôn hoặc người vợ, chồng đã chết"),
        c("Giấy xác nhận tình trạng hôn nhân đã cấp trước đây", when="Xin cấp lại để sử dụng vào mục đích khác"),
    ],
    fees=[fee(LE_PHI, 10_000, online=5_000)], bases=[*BASES, law(*LOCAL_FEES)],
)

giam_ho = tthc(
    "1.004473", "Đăng ký giám hộ", HO_TICH, at=WARD, days=3,
    result=(REGISTRATION, "Trích lục đăng ký giám hộ"),
    components=[
        c(TO_KHAI.format("đăng ký giám hộ")),
        c("Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự", when="Giám hộ cử"),
        c("Giấy tờ chứng minh điều kiện làm người giám hộ đương nhiên", "1s", when="Giám hộ đương nhiên có nhiều người "
          "đủ điều kiện"),
    ],
    bases=BASES, fee_note="Miễn lệ phí đăng ký giám hộ.",
)

cham_dut_giam_ho = tthc(
    "1.004480", "Đăng ký chấm dứt giám hộ", HO_TICH, at=WARD, days=2,
    result=(REGISTRATION, "Trích lục đăng ký chấm dứt giám hộ"),
    components=[
        c(TO_KHAI.format("đăng ký chấm dứt giám hộ")),
        c("Giấy tờ làm căn cứ chấm dứt giám hộ theo Bộ luật Dân sự", "1s"),
    ],
    bases=BASES, fee_note="Miễn lệ phí.",
)

khai_sinh_lai = tthc(
    "1.004487", "Đăng ký lại khai sinh", HO_TICH, at=WARD, days=5,
    time_note="05 ngày làm việc; trường hợp cần xác minh thì không quá 10 ngày làm việc.",
    result=(REGISTRATION, "Giấy khai sinh (bản chính) có ghi chú đăng ký lại"),
    components=[
        c("Tờ khai đăng ký lại khai sinh theo mẫu"),
        c("Bản sao Giấy khai sinh trước đây hoặc giấy tờ có thông tin về họ tên, ngày sinh, nơi sinh", "1p",
          digitize=True),
        c("Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không lưu giữ được bản chính", when="Không còn bản sao "
          "Giấy khai sinh"),
        UY_QUYEN,
    ],
    fees=[fee(LE_PHI, 10_000)], bases=[*BASES, law(*LOCAL_FEES)],
)

trich_luc = tthc(
    "1.004494", "Cấp bản sao trích lục hộ tịch", HO_TICH, at=WARD, same_day=True, online=FULL,
    result=(CERTIFICATE, "Bản sao trích lục hộ tịch"),
    components=[
        c("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu"),
        c("Văn bản ủy quyền", when="Người yêu cầu không phải người có thông tin hộ tịch hoặc người thân thích"),
    ],
    fees=[fee("Phí cấp bản sao trích lục hộ tịch (mỗi bản)", 8_000, online=4_000)],  # online amount [verify]
    bases=[*BASES, TT_281],
)

lai_ket_hon = tthc(
    "1.004501", "Đăng ký lại kết hôn", HO_TICH, at=WARD, days=5, online=NONE,
    result=(REGISTRATION, "Giấy chứng nhận kết hôn có ghi chú đăng ký lại"),
    components=[
        c("Tờ khai đăng ký lại kết hôn theo mẫu"),
        c("Bản sao Giấy chứng nhận kết hôn được cấp trước đây", "1p",
          when="Còn giữ bản sao; nếu không có thì nộp giấy tờ có nội dung liên quan"),
        GIAY_TO_TUY_THAN,
    ],
    fees=[fee(LE_PHI, 10_000)], bases=[*BASES, law(*LOCAL_FEES)],
    requirements="Hai bên nam, nữ có mặt; việc kết hôn đã được đăng ký nhưng sổ hộ tịch và bản chính giấy tờ bị mất.",
)

PROCEDURES = [
    khai_sinh, ket_hon, khai_tu, lien_thong_khai_sinh, lien_thong_khai_tu, nhan_cha_me_con, cai_chinh,
    tinh_trang_hon_nhan, giam_ho, cham_dut_giam_ho, khai_sinh_lai, trich_luc, lai_ket_hon,
]
# 2026: the city People's Council lowers the fee for online requests [verify] (illustrates versioning).
REVISIONS = [
    revise(tinh_trang_hon_nhan, fees=[fee(LE_PHI, 10_000, online=0, note="Miễn khi nộp trực tuyến")],
           fee_note="Miễn lệ phí khi nộp hồ sơ trực tuyến từ 01/01/2026."),
]
