"""Everyday words citizens type for what procedures officially call otherwise, for the demo
(catalogue.models.Synonym; docs/search.md). Administrators edit them in the admin ("Từ đồng
nghĩa") or in the catalogue workbook; a learning province adds its own from the log of searches
that found nothing.

Each row: (everyday term, official term, both directions). Both directions only where the
official term is also what people say, so texts using either wording are found either way.
"""

from __future__ import annotations

from catalogue.models import Synonym
from motcua.textsearch import normalize

SYNONYMS = [
    # Land and housing: the certificate's colour is its everyday name.
    ("sổ hồng", "giấy chứng nhận quyền sử dụng đất", False),
    ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất", False),
    ("sổ đỏ", "quyền sử dụng đất", False),
    ("sổ hồng", "quyền sử dụng đất", False),
    ("QSDĐ", "quyền sử dụng đất", False),
    ("đất thổ cư", "đất ở", False),
    ("lên thổ cư", "chuyển mục đích sử dụng đất", False),
    ("kiện đất", "tranh chấp đất đai", False),
    ("xin phép xây nhà", "giấy phép xây dựng", False),
    ("xây nhà", "xây dựng nhà ở", False),
    ("sửa nhà", "sửa chữa, cải tạo", False),
    ("GPXD", "giấy phép xây dựng", False),
    # Civil status.
    ("giấy khai sinh", "đăng ký khai sinh", False),
    ("làm khai sinh", "đăng ký khai sinh", False),
    ("giấy chứng tử", "đăng ký khai tử", False),
    ("báo tử", "khai tử", False),
    ("giấy độc thân", "xác nhận tình trạng hôn nhân", False),
    ("xác nhận độc thân", "xác nhận tình trạng hôn nhân", False),
    ("đăng ký cưới", "đăng ký kết hôn", False),
    ("nhận con nuôi", "nuôi con nuôi", False),
    ("hộ khẩu", "thường trú", False),
    # Certification: at the commune it is chứng thực, whatever people call it.
    ("công chứng", "chứng thực", False),
    ("sao y", "chứng thực bản sao", False),
    ("photo công chứng", "chứng thực bản sao", False),
    ("không tiền án", "lý lịch tư pháp", False),
    ("LLTP", "lý lịch tư pháp", False),
    # Education.
    ("làm lại bằng", "cấp bản sao văn bằng", False),
    ("mất bằng", "cấp bản sao văn bằng", False),
    ("bằng đại học", "văn bằng", False),
    ("bằng tốt nghiệp", "văn bằng", False),
    ("nhà trẻ", "nhóm trẻ, lớp mẫu giáo", False),
    ("cấp 2", "trung học cơ sở", False),
    ("cấp 3", "trung học phổ thông", False),
    # Transport: "bằng lái" is what everyone says, "giấy phép lái xe" what the law writes.
    ("bằng lái xe", "giấy phép lái xe", True),
    ("bằng lái", "giấy phép lái xe", False),
    ("GPLX", "giấy phép lái xe", False),
    ("xe máy", "mô tô, xe gắn máy", True),
    ("xe công nghệ", "kinh doanh vận tải bằng xe ô tô", False),
    ("taxi", "kinh doanh vận tải bằng xe ô tô", False),
    # Business.
    ("làm lại", "cấp lại", False),
    ("mở quán ăn", "an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống", False),
    ("quán ăn", "dịch vụ ăn uống", False),
    ("nhà hàng", "dịch vụ ăn uống", False),
    ("ATTP", "an toàn thực phẩm", False),
    ("vệ sinh thực phẩm", "an toàn thực phẩm", False),
    ("mở công ty", "thành lập công ty", False),
    ("mở doanh nghiệp", "thành lập doanh nghiệp", False),
    ("mở cửa hàng", "thành lập hộ kinh doanh", False),
    ("HKD", "hộ kinh doanh", False),
    ("mở nhà thuốc", "bán lẻ thuốc", False),
    ("mở phòng khám", "phòng khám", False),
    ("cây xăng", "bán lẻ xăng dầu", False),
    ("bình gas", "LPG chai", False),
    ("homestay", "cơ sở lưu trú du lịch", False),
    ("công ty du lịch", "kinh doanh dịch vụ lữ hành", False),
    ("work permit", "giấy phép lao động", False),
    # Health: the 2023 Law on Medical Examination and Treatment renamed the practising certificate
    # (chứng chỉ hành nghề) a practising licence (giấy phép hành nghề).
    ("chứng chỉ hành nghề khám chữa bệnh", "giấy phép hành nghề khám bệnh, chữa bệnh", False),
    # Labour and social protection.
    ("bảo hiểm thất nghiệp", "trợ cấp thất nghiệp", False),
    ("tiền già", "trợ cấp xã hội hằng tháng", False),
    ("tiền mai táng", "mai táng phí", False),
    ("ĐTM", "đánh giá tác động môi trường", False),
    ("khoan giếng", "khoan nước dưới đất", False),
]


def load_synonyms() -> int:
    """Create the demo synonyms that are not there yet; returns how many were created."""
    created = 0
    for everyday, official, two_way in SYNONYMS:
        _, made = Synonym.objects.get_or_create(
            everyday_key=normalize(everyday), official_key=normalize(official),
            defaults={"everyday": everyday, "official": official, "two_way": two_way})
        created += made
    return created
