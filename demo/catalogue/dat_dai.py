"""Đất đai (land): first registration and conversions at the commune since 01/07/2025; changes,
reissues and mortgages at the Land Registration Office of the Department of Agriculture and
Environment (Sở Nông nghiệp và Môi trường), received by the Service Center.

Codes, time limits and fee amounts are illustrative; fees for certificates are set by
the city People's Council.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    AGRI_ENV,
    CERTIFICATE,
    CONFIRMATION,
    DECISION,
    LOCAL_FEES,
    NONE,
    OTHER,
    PARTIAL,
    REGISTRATION,
    TAX,
    WARD,
    FieldDef,
    Linked,
    c,
    fee,
    law,
    tthc,
)

DAT_DAI = FieldDef("dat-dai", "Đất đai")

LUAT = law("31/2024/QH15", "Luật Đất đai", date(2024, 1, 18))
ND_101 = law("101/2024/NĐ-CP", "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền "
             "sử dụng đất, quyền sở hữu tài sản gắn liền với đất và hệ thống thông tin đất đai", date(2024, 7, 29))
ND_102 = law("102/2024/NĐ-CP", "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai", date(2024, 7, 30))
ND_151 = law("151/2025/NĐ-CP", "Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 2 cấp, phân "
             "quyền, phân cấp trong lĩnh vực đất đai", date(2025, 6, 12))  # [verify] date
ND_99 = law("99/2022/NĐ-CP", "Nghị định về đăng ký biện pháp bảo đảm", date(2022, 11, 30))
BASES = [LUAT, ND_101, ND_151]

DON_BIEN_DONG = c("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 11/ĐK")
GCN = c("Giấy chứng nhận đã cấp (bản gốc)", digitize=True, reuse=True)
GCN_FEE = "Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"
THAM_DINH_FEE = "Phí thẩm định hồ sơ cấp Giấy chứng nhận"
TAX_STEP = Linked(TAX, "Cơ quan thuế xác định và thông báo nghĩa vụ tài chính về đất đai", 0.25)

cap_lan_dau = tthc(
    "1.012751", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu "
    "tài sản gắn liền với đất lần đầu đối với cá nhân, cộng đồng dân cư", DAT_DAI, at=WARD, days=20,
    time_note="Không quá 20 ngày làm việc, không kể thời gian thực hiện nghĩa vụ tài chính và niêm yết công khai.",
    result=(CERTIFICATE, "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
    components=[
        c("Đơn đăng ký đất đai, tài sản gắn liền với đất theo Mẫu số 04/ĐK"),
        c("Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai", "1s", digitize=True,
          when="Người sử dụng đất có giấy tờ về quyền sử dụng đất"),
        c("Giấy tờ về tài sản gắn liền với đất", "1s", when="Đề nghị chứng nhận quyền sở hữu tài sản gắn liền với đất"),
        c("Mảnh trích đo bản đồ địa chính thửa đất", when="Thửa đất chưa có bản đồ địa chính"),
        c("Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ về miễn, giảm nghĩa vụ tài chính", "1p",
          when="Có nghĩa vụ tài chính đã thực hiện trước khi nộp hồ sơ"),
    ],
    linked=(TAX_STEP,), appraise="Kiểm tra hồ sơ, xác minh thực địa, niêm yết công khai và lấy ý kiến khu dân cư",
    fees=[fee(GCN_FEE, 100_000, note="25.000 đồng nếu chỉ chứng nhận quyền sử dụng đất"),
          fee(THAM_DINH_FEE, 300_000)],
    bases=[*BASES, ND_102, law(*LOCAL_FEES)],
)

chuyen_muc_dich = tthc(
    "1.012758", "Chuyển mục đích sử dụng đất phải được cơ quan nhà nước có thẩm quyền cho phép đối với cá nhân",
    DAT_DAI, at=WARD, days=15,
    time_note="Không quá 15 ngày, không kể thời gian thực hiện nghĩa vụ tài chính.",
    result=(DECISION, "Quyết định cho phép chuyển mục đích sử dụng đất"),
    components=[
        c("Đơn xin chuyển mục đích sử dụng đất theo Mẫu số 02c"),
        GCN,
        c("Văn bản ủy quyền", when="Người nộp hồ sơ không phải người sử dụng đất"),
    ],
    linked=(TAX_STEP,), appraise="Thẩm tra hồ sơ, xác minh thực địa, đối chiếu quy hoạch sử dụng đất",
    fees=[fee(THAM_DINH_FEE, 300_000, note="Theo Nghị quyết của Hội đồng nhân dân thành phố")],
    bases=[*BASES, ND_102, law("103/2024/NĐ-CP", "Nghị định quy định về tiền sử dụng đất, tiền thuê đất",
                               date(2024, 7, 30))],
    requirements="Phù hợp quy hoạch sử dụng đất cấp xã hoặc quy hoạch chung đã được phê duyệt.",
)

hoa_giai = tthc(
    "1.012765", "Hòa giải tranh chấp đất đai tại Ủy ban nhân dân cấp xã", DAT_DAI, at=WARD, days=30, online=NONE,
    who="cd+tc", time_note="Không quá 30 ngày kể từ ngày nhận đơn.",
    result=(OTHER, "Biên bản hòa giải thành hoặc hòa giải không thành"),
    components=[
        c("Đơn yêu cầu hòa giải tranh chấp đất đai"),
        c("Giấy tờ, tài liệu liên quan đến thửa đất tranh chấp", "1p"),
    ],
    appraise="Thẩm tra, xác minh nguyên nhân tranh chấp; tổ chức cuộc họp hòa giải", bases=BASES,
)

bien_dong = tthc(
    "1.012772", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển đổi, chuyển "
    "nhượng, thừa kế, tặng cho, góp vốn", DAT_DAI, at=AGRI_ENV, days=10, who="cd+tc",
    time_note="Không quá 10 ngày làm việc, không kể thời gian thực hiện nghĩa vụ tài chính.",
    result=(REGISTRATION, "Giấy chứng nhận mới hoặc Giấy chứng nhận đã cấp được xác nhận thay đổi"),
    components=[
        DON_BIEN_DONG,
        c("Hợp đồng, văn bản về chuyển quyền đã được công chứng, chứng thực", reuse=True),
        GCN,
        c("Tờ khai lệ phí trước bạ và tờ khai thuế thu nhập cá nhân", when="Có nghĩa vụ tài chính"),
        c("Giấy tờ chứng minh thuộc đối tượng miễn, giảm nghĩa vụ tài chính", "1s",
          when="Người đề nghị thuộc diện được miễn, giảm"),
    ],
    linked=(TAX_STEP,), fees=[fee(GCN_FEE, 50_000, online=25_000)],  # online amount [verify]
    bases=[*BASES, law(*LOCAL_FEES)],
)

cap_doi = tthc(
    "1.012779", "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", DAT_DAI,
    at=AGRI_ENV, days=7, who="cd+tc",
    result=(CERTIFICATE, "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp đổi)"),
    components=[
        DON_BIEN_DONG,
        GCN,
        c("Mảnh trích đo bản đồ địa chính", when="Cấp đổi do đo đạc lại diện tích thửa đất"),
    ],
    fees=[fee(GCN_FEE, 50_000)], bases=[*BASES, law(*LOCAL_FEES)],
)

cap_lai = tthc(
    "1.012786", "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất", DAT_DAI,
    at=AGRI_ENV, days=10, who="cd+tc",
    time_note="Không quá 10 ngày làm việc, không kể 15 ngày niêm yết thông báo mất Giấy chứng nhận.",
    result=(CERTIFICATE, "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp lại)"),
    components=[
        DON_BIEN_DONG,
        c("Giấy xác nhận của Ủy ban nhân dân cấp xã về việc đã niêm yết thông báo mất Giấy chứng nhận"),
        c("Giấy tờ xác nhận mất do thiên tai, hỏa hoạn", when="Giấy chứng nhận bị mất do thiên tai, hỏa hoạn"),
    ],
    fees=[fee(GCN_FEE, 50_000)], bases=[*BASES, law(*LOCAL_FEES)],
)

dinh_chinh = tthc(
    "1.012793", "Đính chính Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất đã cấp", DAT_DAI,
    at=AGRI_ENV, days=5, who="cd+tc", result=(CERTIFICATE, "Giấy chứng nhận đã được đính chính"),
    components=[
        c("Đơn đề nghị đính chính Giấy chứng nhận đã cấp"),
        GCN,
        c("Giấy tờ chứng minh thông tin đúng (căn cước, giấy tờ pháp nhân…)", "1p", reuse=True),
    ],
    bases=BASES, fee_note="Không thu lệ phí khi sai sót do cơ quan cấp Giấy chứng nhận.",
)

the_chap = tthc(
    "1.012800", "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", DAT_DAI, at=AGRI_ENV, same_day=True,
    who="cd+tc", time_note="Trong ngày làm việc; trường hợp nhận sau 15 giờ hoặc cần xác minh thì không quá 03 ngày "
    "làm việc.", result=(REGISTRATION, "Giấy chứng nhận được ghi nội dung đăng ký thế chấp"),
    components=[
        c("Phiếu yêu cầu đăng ký thế chấp theo Mẫu số 01a ban hành kèm Nghị định 99/2022/NĐ-CP"),
        c("Hợp đồng thế chấp đã được công chứng hoặc chứng thực", "1c1s"),
        GCN,
    ],
    fees=[fee("Lệ phí đăng ký biện pháp bảo đảm", 80_000, online=40_000)],  # [verify]
    bases=[ND_99, LUAT, law(*LOCAL_FEES)],
)

xoa_the_chap = tthc(
    "1.012807", "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", DAT_DAI, at=AGRI_ENV,
    same_day=True, online=PARTIAL, who="cd+tc",
    result=(REGISTRATION, "Giấy chứng nhận được xác nhận xóa đăng ký thế chấp"),
    components=[
        c("Phiếu yêu cầu xóa đăng ký thế chấp theo Mẫu số 03a"),
        GCN,
        c("Văn bản đồng ý xóa đăng ký của bên nhận thế chấp", when="Người yêu cầu là bên thế chấp"),
    ],
    fees=[fee("Lệ phí xóa đăng ký biện pháp bảo đảm", 20_000)], bases=[ND_99, LUAT],
)

thong_tin = tthc(
    "1.012814", "Cung cấp thông tin, dữ liệu đất đai", DAT_DAI, at=AGRI_ENV, hours=16, online=NONE, who="cd+tc",
    time_note="Không quá 02 ngày làm việc; trường hợp cần tổng hợp thông tin thì theo thỏa thuận.",
    result=(CONFIRMATION, "Thông tin, dữ liệu đất đai (bản giấy hoặc bản điện tử)"),
    components=[
        c("Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai theo Mẫu số 13/ĐK"),
        c("Văn bản ủy quyền", when="Người yêu cầu không phải người sử dụng đất"),
    ],
    fees=[fee("Phí khai thác và sử dụng tài liệu đất đai", 30_000, note="Theo Nghị quyết của Hội đồng nhân dân "
              "thành phố")],
    bases=[LUAT, ND_101, law(*LOCAL_FEES)],
)

PROCEDURES = [cap_lan_dau, chuyen_muc_dich, hoa_giai, bien_dong, cap_doi, cap_lai, dinh_chinh, the_chap,
              xoa_the_chap, thong_tin]
