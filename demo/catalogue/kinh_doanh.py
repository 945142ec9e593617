"""Đăng ký kinh doanh: enterprises and cooperatives at the Business Registration Office of the
Department of Finance (Sở Tài chính, since the 2025 merger), household businesses at the commune.

Codes and local fee amounts are illustrative. Enterprise registration fees follow
Thông tư 47/2019/TT-BTC (free when registered online).
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CERTIFICATE,
    CONFIRMATION,
    FINANCE,
    FULL,
    LOCAL_FEES,
    REGISTRATION,
    TAX,
    WARD,
    FieldDef,
    Linked,
    c,
    fee,
    law,
    revise,
    tthc,
)

DOANH_NGHIEP = FieldDef("thanh-lap-doanh-nghiep", "Thành lập và hoạt động doanh nghiệp")
HO_KINH_DOANH = FieldDef("ho-kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh")
HOP_TAC_XA = FieldDef("hop-tac-xa", "Thành lập và hoạt động của hợp tác xã")

LUAT = law("59/2020/QH14", "Luật Doanh nghiệp", date(2020, 6, 17))
ND_168 = law("168/2025/NĐ-CP", "Nghị định về đăng ký doanh nghiệp", date(2025, 6, 30))  # [verify] date
TT_47 = law("47/2019/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông "
            "tin doanh nghiệp, lệ phí đăng ký doanh nghiệp", date(2019, 8, 5))
BASES = [LUAT, ND_168, TT_47]

LE_PHI_DN = fee("Lệ phí đăng ký doanh nghiệp", 50_000, online=0, note="Miễn lệ phí khi đăng ký qua mạng điện tử")
CONG_BO = fee("Phí công bố nội dung đăng ký doanh nghiệp", 100_000)
GIAY_TO_PHAP_LY = "Bản sao giấy tờ pháp lý của cá nhân đối với {}"
UY_QUYEN = c("Văn bản ủy quyền cho người nộp hồ sơ kèm bản sao giấy tờ pháp lý của người được ủy quyền", "1p",
             when="Người nộp hồ sơ không phải người đại diện theo pháp luật")
NHA_DAU_TU_NN = c("Giấy chứng nhận đăng ký đầu tư", "1s",
                  when="Có nhà đầu tư nước ngoài góp vốn thành lập doanh nghiệp")
BA_NGAY = "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ."
GCN_DN = (CERTIFICATE, "Giấy chứng nhận đăng ký doanh nghiệp")
CHECK = "Kiểm tra tính hợp lệ của hồ sơ trên Hệ thống thông tin quốc gia về đăng ký doanh nghiệp"

tnhh_1tv = tthc(
    "1.010521", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", DOANH_NGHIEP, at=FINANCE, days=3,
    online=FULL, who="cd+tc", time_note=BA_NGAY, result=GCN_DN, appraise=CHECK,
    components=[
        c("Giấy đề nghị đăng ký doanh nghiệp theo mẫu"),
        c("Điều lệ công ty"),
        c(GIAY_TO_PHAP_LY.format("chủ sở hữu là cá nhân hoặc giấy tờ pháp lý của tổ chức đối với chủ sở hữu là tổ "
                                  "chức"), "1p", reuse=True),
        c("Văn bản cử người đại diện theo ủy quyền và giấy tờ pháp lý của người đó", "1p",
          when="Chủ sở hữu công ty là tổ chức"),
        NHA_DAU_TU_NN,
        UY_QUYEN,
    ],
    fees=[LE_PHI_DN, CONG_BO], bases=BASES,
)

co_phan = tthc(
    "1.010528", "Đăng ký thành lập công ty cổ phần", DOANH_NGHIEP, at=FINANCE, days=3, online=FULL, who="cd+tc",
    time_note=BA_NGAY, result=GCN_DN, appraise=CHECK,
    components=[
        c("Giấy đề nghị đăng ký doanh nghiệp theo mẫu"),
        c("Điều lệ công ty"),
        c("Danh sách cổ đông sáng lập; danh sách cổ đông là nhà đầu tư nước ngoài (nếu có)"),
        c(GIAY_TO_PHAP_LY.format("cổ đông sáng lập, người đại diện theo pháp luật"), "1p", reuse=True),
        NHA_DAU_TU_NN,
        UY_QUYEN,
    ],
    fees=[LE_PHI_DN, CONG_BO], bases=BASES,
)

tu_nhan = tthc(
    "1.010535", "Đăng ký thành lập doanh nghiệp tư nhân", DOANH_NGHIEP, at=FINANCE, days=3, online=FULL,
    time_note=BA_NGAY, result=GCN_DN, appraise=CHECK,
    components=[
        c("Giấy đề nghị đăng ký doanh nghiệp tư nhân theo mẫu"),
        c(GIAY_TO_PHAP_LY.format("chủ doanh nghiệp tư nhân"), "1p", reuse=True),
        UY_QUYEN,
    ],
    fees=[LE_PHI_DN, CONG_BO], bases=BASES,
    requirements="Mỗi cá nhân chỉ được quyền thành lập một doanh nghiệp tư nhân.",
)

doi_dai_dien = tthc(
    "1.010542", "Đăng ký thay đổi người đại diện theo pháp luật của công ty trách nhiệm hữu hạn, công ty cổ phần",
    DOANH_NGHIEP, at=FINANCE, days=3, online=FULL, who="tc", time_note=BA_NGAY, appraise=CHECK,
    result=(CERTIFICATE, "Giấy chứng nhận đăng ký doanh nghiệp (đăng ký thay đổi)"),
    components=[
        c("Thông báo thay đổi nội dung đăng ký doanh nghiệp do người đại diện theo pháp luật ký"),
        c("Nghị quyết, quyết định và biên bản họp của Hội đồng thành viên, Đại hội đồng cổ đông hoặc Hội đồng quản trị "
          "về việc thay đổi"),
        c("Bản sao giấy tờ pháp lý của người đại diện theo pháp luật mới", "1p", reuse=True),
        UY_QUYEN,
    ],
    fees=[LE_PHI_DN, CONG_BO], bases=BASES,
)

doi_tru_so = tthc(
    "1.010549", "Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp", DOANH_NGHIEP, at=FINANCE, days=3,
    online=FULL, who="tc", time_note=BA_NGAY, appraise=CHECK,
    result=(CERTIFICATE, "Giấy chứng nhận đăng ký doanh nghiệp (đăng ký thay đổi)"),
    components=[
        c("Thông báo thay đổi nội dung đăng ký doanh nghiệp"),
        c("Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên hoặc Đại hội đồng cổ đông về việc chuyển trụ sở"),
        c("Văn bản xác nhận của cơ quan thuế về việc hoàn thành thủ tục chuyển địa điểm", when="Chuyển trụ sở sang "
          "tỉnh, thành phố khác"),
        UY_QUYEN,
    ],
    fees=[LE_PHI_DN, CONG_BO], bases=BASES,
)

tam_ngung = tthc(
    "1.010556", "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của doanh nghiệp",
    DOANH_NGHIEP, at=FINANCE, days=3, online=FULL, who="tc", time_note=BA_NGAY, appraise=CHECK,
    result=(CONFIRMATION, "Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh"),
    components=[
        c("Thông báo tạm ngừng kinh doanh hoặc tiếp tục kinh doanh trước thời hạn"),
        c("Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên hoặc Hội đồng quản trị", when="Công ty trách "
          "nhiệm hữu hạn, công ty cổ phần, công ty hợp danh"),
        UY_QUYEN,
    ],
    bases=BASES, fee_note="Không thu lệ phí.",
)

giai_the = tthc(
    "1.010563", "Đăng ký giải thể doanh nghiệp", DOANH_NGHIEP, at=FINANCE, days=5, online=FULL, who="tc",
    result=(REGISTRATION, "Tình trạng pháp lý của doanh nghiệp được cập nhật là đã giải thể"),
    components=[
        c("Thông báo về giải thể doanh nghiệp"),
        c("Báo cáo thanh lý tài sản doanh nghiệp; danh sách chủ nợ và số nợ đã thanh toán"),
        c("Nghị quyết, quyết định và biên bản họp về việc giải thể"),
        c("Văn bản của cơ quan thuế về việc đóng mã số thuế", when="Cơ quan thuế đã có văn bản trước khi nộp hồ sơ"),
    ],
    linked=(Linked(TAX, "Cơ quan thuế xác nhận hoàn thành nghĩa vụ thuế và chấm dứt hiệu lực mã số thuế", 0.3),),
    bases=BASES, fee_note="Không thu lệ phí.",
)

HKD_BASES = [ND_168, law(*LOCAL_FEES)]
HKD_FEE = "Lệ phí đăng ký hộ kinh doanh"

ho_kinh_doanh = tthc(
    "1.010570", "Đăng ký thành lập hộ kinh doanh", HO_KINH_DOANH, at=WARD, days=3, online=FULL, time_note=BA_NGAY,
    result=(CERTIFICATE, "Giấy chứng nhận đăng ký hộ kinh doanh"),
    components=[
        c("Giấy đề nghị đăng ký hộ kinh doanh theo mẫu"),
        c("Bản sao giấy tờ pháp lý của chủ hộ kinh doanh và các thành viên hộ gia đình đăng ký hộ kinh doanh", "1p",
          reuse=True),
        c("Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh",
          when="Các thành viên hộ gia đình cùng đăng ký hộ kinh doanh"),
        c("Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh",
          when="Các thành viên hộ gia đình cùng đăng ký hộ kinh doanh"),
        c("Bản sao hợp đồng thuê địa điểm kinh doanh", "1p", when="Địa điểm kinh doanh là nhà, đất thuê"),
    ],
    fees=[fee(HKD_FEE, 100_000, online=50_000)], bases=HKD_BASES,  # [verify] Huế amounts
    appraise="Kiểm tra tính hợp lệ của hồ sơ, tên hộ kinh doanh và ngành, nghề đăng ký",
)

hkd_thay_doi = tthc(
    "1.010577", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", HO_KINH_DOANH, at=WARD, days=3, online=FULL,
    time_note=BA_NGAY, result=(CERTIFICATE, "Giấy chứng nhận đăng ký hộ kinh doanh (đăng ký thay đổi)"),
    components=[
        c("Thông báo thay đổi nội dung đăng ký hộ kinh doanh"),
        c("Giấy chứng nhận đăng ký hộ kinh doanh đã cấp", reuse=True),
        c("Biên bản họp thành viên hộ gia đình về việc thay đổi chủ hộ kinh doanh", when="Thay đổi chủ hộ kinh doanh"),
        c("Bản sao hợp đồng tặng cho hoặc văn bản thừa kế hộ kinh doanh", "1s",
          when="Thay đổi chủ hộ do tặng cho, thừa kế"),
    ],
    fees=[fee(HKD_FEE, 50_000, online=25_000)], bases=HKD_BASES,
)

hkd_tam_ngung = tthc(
    "1.010584", "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
    HO_KINH_DOANH, at=WARD, days=3, online=FULL, time_note=BA_NGAY,
    result=(CONFIRMATION, "Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh"),
    components=[
        c("Thông báo tạm ngừng kinh doanh hoặc tiếp tục kinh doanh trước thời hạn"),
        c("Văn bản ủy quyền cho người nộp hồ sơ", when="Người nộp không phải chủ hộ kinh doanh"),
    ],
    bases=HKD_BASES, fee_note="Không thu lệ phí.",
)

hkd_cham_dut = tthc(
    "1.010591", "Chấm dứt hoạt động hộ kinh doanh", HO_KINH_DOANH, at=WARD, days=3, online=FULL, time_note=BA_NGAY,
    result=(CONFIRMATION, "Thông báo về việc chấm dứt hoạt động hộ kinh doanh"),
    components=[
        c("Thông báo về việc chấm dứt hoạt động hộ kinh doanh"),
        c("Giấy chứng nhận đăng ký hộ kinh doanh đã cấp", reuse=True),
        c("Thông báo của cơ quan thuế về việc chấm dứt hiệu lực mã số thuế", when="Đã có trước khi nộp hồ sơ"),
    ],
    linked=(Linked(TAX, "Cơ quan thuế xác nhận hộ kinh doanh đã hoàn thành nghĩa vụ thuế", 0.3),),
    bases=HKD_BASES, fee_note="Không thu lệ phí.",
)

hop_tac_xa = tthc(
    "1.010598", "Đăng ký thành lập hợp tác xã", HOP_TAC_XA, at=FINANCE, days=3, online=FULL, who="cd+tc",
    time_note=BA_NGAY, result=(CERTIFICATE, "Giấy chứng nhận đăng ký hợp tác xã"),
    components=[
        c("Giấy đề nghị đăng ký hợp tác xã theo mẫu"),
        c("Điều lệ hợp tác xã"),
        c("Phương án sản xuất, kinh doanh"),
        c("Danh sách thành viên chính thức, thành viên liên kết góp vốn; danh sách Hội đồng quản trị, Giám đốc, Ban "
          "kiểm soát hoặc kiểm soát viên"),
        c("Nghị quyết hội nghị thành lập hợp tác xã"),
    ],
    fees=[fee("Lệ phí đăng ký hợp tác xã", 100_000, online=0)],  # [verify]
    bases=[law("17/2023/QH15", "Luật Hợp tác xã", date(2023, 6, 20)),
           law("92/2024/NĐ-CP", "Nghị định về đăng ký hộ kinh doanh, tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã",
               date(2024, 7, 18)), law(*LOCAL_FEES)],  # [verify] title
)

PROCEDURES = [tnhh_1tv, co_phan, tu_nhan, doi_dai_dien, doi_tru_so, tam_ngung, giai_the, ho_kinh_doanh,
              hkd_thay_doi, hkd_tam_ngung, hkd_cham_dut, hop_tac_xa]
# 2026: registering a household business online becomes free [verify].
REVISIONS = [
    revise(ho_kinh_doanh, fees=[fee(HKD_FEE, 100_000, online=0, note="Miễn lệ phí khi đăng ký qua mạng điện tử")],
           fee_note="Miễn lệ phí khi đăng ký hộ kinh doanh trực tuyến từ 01/01/2026."),
]
