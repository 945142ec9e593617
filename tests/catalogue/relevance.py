"""What citizens type, and the procedure of the demo catalogue (demo/catalogue/) they mean.

Written as people search, before the ranking was tuned to anything; a query whose meaning is
honestly ambiguous lists each procedure a reasonable reader could mean. Kinds:

    name      the official name or a part of it, with or without accents, any case
    everyday  the words people use (synonyms, demo/synonyms.py)
    typo      a letter missing, doubled, wrong or two swapped; words run together
    telex     typed with the Vietnamese input method off (Telex keystrokes)
    accents   a word whose letters, without accents, are another word ("thuốc"/"thuộc")
    phrasing  word order changed, extra words around the request ("xin", "cho con", "ở đâu")
"""

from __future__ import annotations

QUERIES: list[tuple[str, str, set[str]]] = [
    # name
    ("Đăng ký khai sinh", "name", {"1.004412"}),
    ("dang ky ket hon", "name", {"1.004417"}),
    ("DANG KY KHAI TU", "name", {"1.004421"}),
    ("đăng ký lại kết hôn", "name", {"1.004501"}),
    ("cap lai giay phep lai xe", "name", {"1.002816"}),
    ("giấy phép lái xe quốc tế", "name", {"1.002823"}),
    ("chung thuc di chuc", "name", {"1.003575"}),
    ("thẩm định báo cáo đánh giá tác động môi trường", "name", {"1.010732"}),
    ("giam ho", "name", {"1.004473"}),
    ("trợ giúp pháp lý", "name", {"1.001681"}),
    ("karaoke", "name", {"1.001029"}),
    ("Vũ Trường", "name", {"1.001036"}),
    ("hướng dẫn viên du lịch quốc tế", "name", {"1.004565"}),
    ("phieu ly lich tu phap", "name", {"1.001632", "1.001639"}),
    ("giải thể doanh nghiệp", "name", {"1.010563"}),
    ("thanh lap hop tac xa", "name", {"1.010598"}),
    ("hội chợ triển lãm", "name", {"1.001270"}),
    ("chứng chỉ hành nghề dược", "name", {"1.012030"}),
    ("phong kham da khoa", "name", {"1.011995"}),
    ("trợ cấp thất nghiệp", "name", {"1.000140"}),
    ("LPG", "name", {"1.001256"}),
    ("đăng ký khai thác nước dưới đất", "name", {"1.010760"}),
    ("trich luc ho tich", "name", {"1.004494"}),
    # accents
    ("thuốc lá", "accents", {"1.001228"}),
    ("ban le thuoc", "accents", {"1.012037"}),
    ("nhà thuốc", "accents", {"1.012037"}),
    ("trợ cấp xã hội hằng tháng", "accents", {"1.010829"}),
    ("đăng ký hộ kinh doanh", "accents", {"1.010570"}),
    ("hồ sơ người có công thay đổi nơi thường trú", "accents", {"1.010822"}),
    # everyday
    ("cấp lại sổ đỏ bị mất", "everyday", {"1.012786"}),
    ("đổi sổ hồng", "everyday", {"1.012779"}),
    ("thế chấp sổ đỏ", "everyday", {"1.012800"}),
    ("xóa thế chấp sổ hồng", "everyday", {"1.012807"}),
    ("giấy độc thân", "everyday", {"1.004466"}),
    ("đổi bằng lái xe", "everyday", {"1.002809"}),
    ("bằng lái quốc tế", "everyday", {"1.002823"}),
    ("công chứng di chúc", "everyday", {"1.003575"}),
    ("sao y giấy tờ", "everyday", {"1.003512"}),
    ("làm lại bằng đại học", "everyday", {"1.005088"}),
    ("mở quán ăn", "everyday", {"1.012009"}),
    ("mở công ty cổ phần", "everyday", {"1.010528"}),
    ("nhận con nuôi", "everyday", {"1.001674"}),
    ("bảo hiểm thất nghiệp", "everyday", {"1.000140"}),
    ("giấy chứng tử", "everyday", {"1.004421"}),
    ("mở nhà thuốc", "everyday", {"1.012037"}),
    ("cây xăng", "everyday", {"1.001249"}),
    ("khoan giếng", "everyday", {"1.010767"}),
    ("chuyển trường cấp 3", "everyday", {"1.005130"}),
    # typo
    ("dang ky khai sinhh", "typo", {"1.004412"}),
    ("dnag ky ket hon", "typo", {"1.004417"}),
    ("giay phep xay dug nha o", "typo", {"1.009794"}),
    ("karaokee", "typo", {"1.001029"}),
    ("giấy phép lao đông cho người nước ngoài", "typo", {"1.000105"}),
    ("xac nhan tinh trang hon nhna", "typo", {"1.004466"}),
    ("giây xác nhận khuyết tật", "typo", {"1.010836"}),
    ("dangky khai tu", "typo", {"1.004421"}),
    ("thay doi cai chinh ho tjch", "typo", {"1.004459"}),
    # telex
    ("dangw kys keets hoon", "telex", {"1.004417"}),
    ("ddawng kys khai tuwr", "telex", {"1.004421"}),
    ("chuwngs thuwcj di chucs", "telex", {"1.003575"}),
    ("caaps ddooir giaays pheps lais xe", "telex", {"1.002809"}),
    ("giair theer doanh nghieepj", "telex", {"1.010563"}),
    # phrasing
    ("khai sinh đăng ký", "phrasing", {"1.004412"}),
    ("thủ tục đăng ký kết hôn ở đâu", "phrasing", {"1.004417"}),
    ("làm giấy khai sinh cho con", "phrasing", {"1.004412"}),
    ("xin cấp giấy phép bán lẻ rượu", "phrasing", {"1.001221"}),
    ("muốn mở karaoke thì làm thủ tục gì", "phrasing", {"1.001029"}),
    ("cần làm gì để đăng ký kết hôn", "phrasing", {"1.004417"}),
    ("đăng ký thường trú cho trẻ mới sinh", "phrasing", {"1.004438"}),
    ("giấy phép môi trường cấp xã", "phrasing", {"1.010739"}),
    ("tạm ngừng kinh doanh hộ kinh doanh", "phrasing", {"1.010584"}),
    ("xin giấy phép bán thuốc lá", "phrasing", {"1.001228"}),
    ("cấp thẻ hướng dẫn viên tại điểm", "phrasing", {"1.004579"}),
    ("khách sạn 3 sao", "phrasing", {"1.004586"}),
    ("xe quá tải", "phrasing", {"1.002858"}),
    # Written after the ranking was settled, and kept whatever they gave (a check on over-fitting).
    ("bán rượu", "name", {"1.001221", "1.001242"}),
    ("giay phep ban buon ruou", "name", {"1.001242"}),
    ("nấu rượu thủ công để bán", "phrasing", {"1.001235"}),
    ("chứng thực chữ ký", "name", {"1.003526"}),
    ("dich thuat cong chung", "everyday", {"1.003533"}),
    ("xin trợ giúp pháp lý miễn phí", "phrasing", {"1.001681"}),
    ("văn phòng công chứng thành lập", "phrasing", {"1.001653"}),
    ("lam the huong dan vien noi dia", "phrasing", {"1.004572"}),
    ("phù hiệu xe ô tô", "name", {"1.002837"}),
    ("dang ki ket hon", "typo", {"1.004417"}),
    ("giấy xác nhận có quốc tịch việt nam", "name", {"1.001688"}),
    ("chuyen muc dich su dung dat", "name", {"1.012758"}),
    ("hòa giải tranh chấp đất đai", "name", {"1.012765"}),
    ("đăng ký nuôi con nuôi", "name", {"1.001674"}),
    ("tách thửa đất", "everyday", {"1.012772"}),
    ("xin cấp phép quảng cáo băng rôn", "phrasing", {"1.001071"}),
    ("quang cao thuc pham", "name", {"1.012016"}),
    ("cong nhan diem du lich", "name", {"1.004600"}),
]
