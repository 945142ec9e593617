"""Chứng thực (certification), done by the People's Committee of the commune or ward.

Codes are illustrative. Fees follow Thông tư 226/2016/TT-BTC.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import CERTIFICATE, CONFIRMATION, NONE, PARTIAL, WARD, FieldDef, c, fee, law, tthc

CHUNG_THUC = FieldDef("chung-thuc", "Chứng thực")

BASES = [
    law("23/2015/NĐ-CP", "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và "
        "chứng thực hợp đồng, giao dịch", date(2015, 2, 16)),
    law("01/2020/TT-BTP", "Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định 23/2015/NĐ-CP",
        date(2020, 3, 3)),
    law("226/2016/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực",
        date(2016, 11, 11)),
]
BAN_SAO_FEE = fee("Phí chứng thực bản sao từ bản chính", 2_000,
                  note="2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản")
HOP_DONG_FEE = fee("Phí chứng thực hợp đồng, giao dịch", 50_000, note="50.000 đồng/hợp đồng, giao dịch")
TUY_THAN = c("Bản sao Căn cước công dân, Căn cước hoặc Hộ chiếu còn giá trị sử dụng của người yêu cầu", "1p",
             reuse=True)
TUY_THAN_XUAT_TRINH = c("Căn cước công dân, Căn cước hoặc Hộ chiếu còn giá trị sử dụng (xuất trình)", reuse=True)
SAME_DAY = "Trong ngày tiếp nhận hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ."

ban_sao = tthc(
    "1.003512", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp "
    "hoặc chứng nhận", CHUNG_THUC, at=WARD, same_day=True, online=NONE, who="cd+tc", time_note=SAME_DAY,
    result=(CERTIFICATE, "Bản sao được chứng thực từ bản chính"),
    components=[
        c("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"),
        c("Bản sao cần chứng thực", "1p", when="Người yêu cầu tự chuẩn bị bản chụp; nếu không thì cơ quan chụp từ bản "
          "chính"),
    ],
    fees=[BAN_SAO_FEE], bases=BASES,
)

ban_sao_dien_tu = tthc(
    "1.003519", "Cấp bản sao điện tử được chứng thực từ bản chính", CHUNG_THUC, at=WARD, same_day=True,
    online=PARTIAL, who="cd+tc", time_note=SAME_DAY,
    result=(CERTIFICATE, "Bản sao điện tử được chứng thực từ bản chính, ký số của cơ quan chứng thực"),
    components=[
        c("Bản chính giấy tờ, văn bản cần chứng thực (xuất trình khi nhận kết quả)", digitize=True),
        c("Phiếu yêu cầu chứng thực bản sao điện tử trên Cổng Dịch vụ công"),
    ],
    fees=[BAN_SAO_FEE], bases=[*BASES, law("45/2020/NĐ-CP", "Nghị định về thực hiện thủ tục hành chính trên môi "
                                           "trường điện tử", date(2020, 4, 8))],
)

chu_ky = tthc(
    "1.003526", "Chứng thực chữ ký trong các giấy tờ, văn bản", CHUNG_THUC, at=WARD, same_day=True, online=NONE,
    time_note=SAME_DAY, result=(CONFIRMATION, "Giấy tờ, văn bản có lời chứng chứng thực chữ ký"),
    components=[
        TUY_THAN_XUAT_TRINH,
        c("Giấy tờ, văn bản sẽ ký (người yêu cầu ký trước mặt người thực hiện chứng thực)"),
    ],
    fees=[fee("Phí chứng thực chữ ký", 10_000, note="10.000 đồng/trường hợp")], bases=BASES,
)

chu_ky_nguoi_dich = tthc(
    "1.003533", "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của cơ quan thực hiện chứng "
    "thực", CHUNG_THUC, at=WARD, same_day=True, online=NONE, time_note=SAME_DAY,
    result=(CONFIRMATION, "Bản dịch có lời chứng chứng thực chữ ký người dịch"),
    components=[
        c("Bản dịch đính kèm bản gốc giấy tờ, văn bản cần dịch", "1c1p"),
        c("Thẻ cộng tác viên dịch thuật hoặc quyết định công nhận cộng tác viên (xuất trình)"),
    ],
    fees=[fee("Phí chứng thực chữ ký người dịch", 10_000, note="10.000 đồng/trường hợp")], bases=BASES,
)

hop_dong_dong_san = tthc(
    "1.003540", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", CHUNG_THUC, at=WARD, days=2,
    online=NONE, who="cd+tc", result=(CONFIRMATION, "Hợp đồng, giao dịch được chứng thực"),
    components=[
        c("Dự thảo hợp đồng, giao dịch", "2c"),
        TUY_THAN,
        c("Bản sao giấy chứng nhận quyền sở hữu hoặc giấy tờ thay thế đối với động sản phải đăng ký", "1p",
          digitize=True),
    ],
    fees=[HOP_DONG_FEE], bases=BASES,
)

hop_dong_dat = tthc(
    "1.003547", "Chứng thực hợp đồng, giao dịch liên quan đến thực hiện các quyền của người sử dụng đất theo quy định "
    "của Luật Đất đai", CHUNG_THUC, at=WARD, days=2, online=NONE, who="cd+tc",
    result=(CONFIRMATION, "Hợp đồng chuyển nhượng, tặng cho, thế chấp quyền sử dụng đất được chứng thực"),
    components=[
        c("Dự thảo hợp đồng chuyển nhượng, tặng cho, thế chấp hoặc góp vốn bằng quyền sử dụng đất", "3c"),
        TUY_THAN,
        c("Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "1p", digitize=True,
          reuse=True),
        c("Văn bản thỏa thuận tài sản chung của vợ chồng hoặc giấy xác nhận tình trạng hôn nhân", "1p",
          when="Quyền sử dụng đất là tài sản riêng của một bên vợ hoặc chồng"),
    ],
    fees=[HOP_DONG_FEE], bases=BASES,
)

phan_chia_di_san = tthc(
    "1.003554", "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
    CHUNG_THUC, at=WARD, days=2, online=NONE,
    result=(CONFIRMATION, "Văn bản thỏa thuận phân chia di sản được chứng thực"),
    components=[
        c("Dự thảo văn bản thỏa thuận phân chia di sản"),
        TUY_THAN,
        c("Trích lục khai tử hoặc giấy tờ chứng minh người để lại di sản đã chết", "1p", reuse=True),
        c("Giấy tờ chứng minh quan hệ giữa người để lại di sản và người được hưởng di sản", "1p"),
        c("Bản sao giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở", "1p",
          when="Di sản là quyền sử dụng đất, nhà ở"),
    ],
    fees=[HOP_DONG_FEE], bases=BASES,
    requirements="Những người hưởng di sản có mặt ký trước mặt người thực hiện chứng thực; niêm yết 15 ngày khi "
    "thỏa thuận phân chia quyền sử dụng đất, nhà ở.",
)

sua_doi_hop_dong = tthc(
    "1.003561", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", CHUNG_THUC, at=WARD, days=2,
    online=NONE, who="cd+tc", result=(CONFIRMATION, "Văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng được chứng thực"),
    components=[
        c("Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "2c"),
        c("Hợp đồng, giao dịch đã được chứng thực", "1c", reuse=True),
        TUY_THAN,
    ],
    fees=[fee("Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", 30_000)], bases=BASES,
)

sua_loi = tthc(
    "1.003568", "Sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực", CHUNG_THUC, at=WARD, same_day=True,
    online=NONE, who="cd+tc", time_note=SAME_DAY, result=(CONFIRMATION, "Hợp đồng, giao dịch đã được sửa lỗi sai sót"),
    components=[
        c("Hợp đồng, giao dịch đã được chứng thực có lỗi sai sót"),
        c("Văn bản đề nghị sửa lỗi có chữ ký của các bên tham gia", when="Không phải tất cả các bên có mặt"),
    ],
    fees=[fee("Phí sửa lỗi sai sót trong hợp đồng, giao dịch", 25_000)], bases=BASES,
)

di_chuc = tthc(
    "1.003575", "Chứng thực di chúc", CHUNG_THUC, at=WARD, days=2, online=NONE,
    result=(CONFIRMATION, "Di chúc được chứng thực"),
    components=[
        c("Dự thảo di chúc (người lập di chúc ký trước mặt người thực hiện chứng thực)"),
        TUY_THAN,
        c("Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản định đoạt trong di chúc", "1p",
          when="Di chúc định đoạt tài sản phải đăng ký quyền sở hữu, quyền sử dụng"),
    ],
    fees=[HOP_DONG_FEE], bases=BASES,
    requirements="Người lập di chúc minh mẫn, tự nguyện; không bị lừa dối, đe dọa hoặc cưỡng ép.",
)

PROCEDURES = [
    ban_sao, ban_sao_dien_tu, chu_ky, chu_ky_nguoi_dich, hop_dong_dong_san, hop_dong_dat, phan_chia_di_san,
    sua_doi_hop_dong, sua_loi, di_chuc,
]
