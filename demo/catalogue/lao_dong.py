"""Lao động and Việc làm at the Department of Home Affairs (Sở Nội vụ, which took over labour
and employment in 2025) and its Employment Service Centre.

Codes and fee amounts are illustrative.
"""

from __future__ import annotations

from datetime import date

from demo.catalogue._common import (
    CONFIRMATION,
    DECISION,
    FULL,
    HOME_AFFAIRS,
    LICENCE,
    LOCAL_FEES,
    NONE,
    SOCIAL_INSURANCE,
    FieldDef,
    Linked,
    c,
    fee,
    law,
    tthc,
)

LAO_DONG = FieldDef("lao-dong", "Lao động")
VIEC_LAM = FieldDef("viec-lam", "Việc làm")

BLLD = law("45/2019/QH14", "Bộ luật Lao động", date(2019, 11, 20))
ND_152 = law("152/2020/NĐ-CP", "Nghị định quy định về người lao động nước ngoài làm việc tại Việt Nam và tuyển "
             "dụng, quản lý người lao động Việt Nam làm việc cho tổ chức, cá nhân nước ngoài tại Việt Nam",
             date(2020, 12, 30))
ND_70 = law("70/2023/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 152/2020/NĐ-CP", date(2023, 9, 18))
LUAT_VL = law("38/2013/QH13", "Luật Việc làm", date(2013, 11, 16))
ND_28 = law("28/2015/NĐ-CP", "Nghị định quy định chi tiết thi hành một số điều của Luật Việc làm về bảo hiểm "
            "thất nghiệp", date(2015, 3, 12))
FOREIGN = [BLLD, ND_152, ND_70]
BHTN = [LUAT_VL, ND_28]

ANH = c("02 ảnh màu cỡ 4x6 cm, phông nền trắng, chụp không quá 06 tháng", "2c")
HO_CHIEU = c("Bản sao hộ chiếu còn giá trị sử dụng", "1s", reuse=True)
SO_BHXH = c("Sổ bảo hiểm xã hội (hoặc xác nhận thời gian đóng bảo hiểm thất nghiệp)", reuse=True)

giay_phep_ld = tthc(
    "1.000105", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", LAO_DONG,
    at=HOME_AFFAIRS, days=5, online=FULL, who="tc", result=(LICENCE, "Giấy phép lao động"),
    components=[
        c("Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động theo Mẫu số 11/PLI"),
        c("Giấy chứng nhận sức khỏe do cơ sở y tế có thẩm quyền cấp trong thời hạn 12 tháng", digitize=True),
        c("Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải là người phạm tội do nước ngoài cấp, đã hợp pháp hóa "
          "lãnh sự", "1s"),
        c("Văn bản chứng minh là nhà quản lý, giám đốc điều hành, chuyên gia hoặc lao động kỹ thuật", "1s"),
        ANH,
        HO_CHIEU,
    ],
    fees=[fee("Lệ phí cấp giấy phép lao động", 600_000)], bases=[*FOREIGN, law(*LOCAL_FEES)],  # [verify] amount
    requirements="Người sử dụng lao động đã được chấp thuận nhu cầu sử dụng người lao động nước ngoài.",
)

mien_giay_phep = tthc(
    "1.000112", "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", LAO_DONG,
    at=HOME_AFFAIRS, days=3, online=FULL, who="tc",
    result=(CONFIRMATION, "Văn bản xác nhận không thuộc diện cấp giấy phép lao động"),
    components=[
        c("Văn bản đề nghị xác nhận theo Mẫu số 09/PLI"),
        c("Giấy chứng nhận sức khỏe", digitize=True),
        c("Giấy tờ chứng minh người lao động nước ngoài thuộc trường hợp không thuộc diện cấp giấy phép lao động",
          "1s"),
        HO_CHIEU,
    ],
    bases=FOREIGN,
)

nhu_cau_nn = tthc(
    "1.000119", "Chấp thuận nhu cầu sử dụng người lao động nước ngoài", LAO_DONG, at=HOME_AFFAIRS, days=10,
    online=FULL, who="tc", result=(CONFIRMATION, "Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài"),
    components=[
        c("Báo cáo giải trình nhu cầu, thay đổi nhu cầu sử dụng người lao động nước ngoài theo Mẫu số 01/PLI"),
        c("Văn bản thông báo tuyển dụng người lao động Việt Nam vào vị trí dự kiến tuyển người nước ngoài", "1p"),
    ],
    bases=FOREIGN,
)

noi_quy = tthc(
    "1.000126", "Đăng ký nội quy lao động của doanh nghiệp", LAO_DONG, at=HOME_AFFAIRS, days=7, online=FULL, who="tc",
    result=(CONFIRMATION, "Văn bản thông báo về việc đăng ký nội quy lao động hoặc yêu cầu sửa đổi"),
    components=[
        c("Văn bản đề nghị đăng ký nội quy lao động"),
        c("Nội quy lao động"),
        c("Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở", when="Doanh nghiệp có tổ chức đại diện người "
          "lao động"),
        c("Các văn bản của người sử dụng lao động có quy định liên quan đến kỷ luật lao động, trách nhiệm vật chất",
          "1p", when="Có văn bản quy định liên quan"),
    ],
    bases=[BLLD, law("145/2020/NĐ-CP", "Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao "
                     "động về điều kiện lao động và quan hệ lao động", date(2020, 12, 14))],
)

dich_vu_viec_lam = tthc(
    "1.000133", "Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp hoạt động dịch vụ việc làm", VIEC_LAM,
    at=HOME_AFFAIRS, days=7, who="tc", result=(LICENCE, "Giấy phép hoạt động dịch vụ việc làm"),
    components=[
        c("Văn bản đề nghị cấp giấy phép theo mẫu"),
        c("Giấy chứng nhận đã thực hiện ký quỹ 300.000.000 đồng"),
        c("Giấy tờ chứng minh địa điểm hoạt động (sở hữu hoặc hợp đồng thuê từ 03 năm trở lên)", "1s"),
        c("Lý lịch tư pháp, văn bằng và hợp đồng lao động của người đứng đầu doanh nghiệp", "1s"),
    ],
    fees=[fee("Lệ phí cấp giấy phép hoạt động dịch vụ việc làm", 1_500_000)],  # [verify]
    bases=[LUAT_VL, law("23/2021/NĐ-CP", "Nghị định quy định chi tiết khoản 3 Điều 37 và Điều 39 của Luật Việc làm về "
                        "trung tâm dịch vụ việc làm, doanh nghiệp hoạt động dịch vụ việc làm", date(2021, 3, 19))],
)

tro_cap_that_nghiep = tthc(
    "1.000140", "Giải quyết hưởng trợ cấp thất nghiệp", VIEC_LAM, at=HOME_AFFAIRS, days=20,
    result=(DECISION, "Quyết định về việc hưởng trợ cấp thất nghiệp"),
    components=[
        c("Đề nghị hưởng trợ cấp thất nghiệp theo mẫu"),
        c("Hợp đồng lao động đã hết hạn hoặc quyết định thôi việc, quyết định sa thải, thông báo chấm dứt hợp đồng "
          "lao động", "1s", digitize=True),
        SO_BHXH,
    ],
    linked=(Linked(SOCIAL_INSURANCE, "Bảo hiểm xã hội chi trả trợ cấp tháng đầu và cấp thẻ bảo hiểm y tế", 0.15,
                   after_approval=True),),
    bases=BHTN, requirements="Nộp hồ sơ trong 03 tháng kể từ ngày chấm dứt hợp đồng lao động; đã đóng bảo hiểm thất "
    "nghiệp từ đủ 12 tháng trong 24 tháng trước khi chấm dứt hợp đồng.",
)

ho_tro_hoc_nghe = tthc(
    "1.000147", "Hỗ trợ học nghề cho người đang hưởng trợ cấp thất nghiệp", VIEC_LAM, at=HOME_AFFAIRS, days=20,
    result=(DECISION, "Quyết định về việc hỗ trợ học nghề"),
    components=[
        c("Đề nghị hỗ trợ học nghề theo mẫu"),
        c("Quyết định hưởng trợ cấp thất nghiệp", "1p", reuse=True),
    ],
    bases=BHTN,
)

chuyen_noi_huong = tthc(
    "1.000154", "Chuyển nơi hưởng trợ cấp thất nghiệp (chuyển đi)", VIEC_LAM, at=HOME_AFFAIRS, days=3, online=FULL,
    result=(CONFIRMATION, "Giấy giới thiệu chuyển nơi hưởng trợ cấp thất nghiệp và hồ sơ hưởng"),
    components=[
        c("Đề nghị chuyển nơi hưởng trợ cấp thất nghiệp theo mẫu"),
        c("Quyết định hưởng trợ cấp thất nghiệp", "1p", reuse=True),
    ],
    bases=BHTN,
)

di_lam_nuoc_ngoai = tthc(
    "1.000161", "Đăng ký hợp đồng cá nhân đối với người lao động Việt Nam đi làm việc ở nước ngoài", VIEC_LAM,
    at=HOME_AFFAIRS, days=5, online=NONE, result=(CONFIRMATION, "Văn bản xác nhận đăng ký hợp đồng cá nhân"),
    components=[
        c("Văn bản đăng ký hợp đồng cá nhân theo mẫu"),
        c("Hợp đồng lao động có bản dịch tiếng Việt được chứng thực", "1s"),
        c("Bản sao hộ chiếu và thị thực (nếu có)", "1p"),
        c("Phiếu lý lịch tư pháp", when="Nước tiếp nhận yêu cầu"),
    ],
    bases=[law("69/2020/QH14", "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
               date(2020, 11, 13))],
)

PROCEDURES = [giay_phep_ld, mien_giay_phep, nhu_cau_nn, noi_quy, dich_vu_viec_lam, tro_cap_that_nghiep,
              ho_tro_hoc_nghe, chuyen_noi_huong, di_lam_nuoc_ngoai]
