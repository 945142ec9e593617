"""The Decision 766/QĐ-TTg index as the national portal scores it (six groups, 100 points),
seeded as the first version; a later formula is a new version added by an administrator."""

from datetime import date
from decimal import Decimal

from django.db import migrations

G1, G2, G3, G4, G5, G6 = ("Công khai, minh bạch", "Tiến độ giải quyết", "Dịch vụ công trực tuyến",
                          "Thanh toán trực tuyến", "Số hóa hồ sơ", "Mức độ hài lòng")
# (group, code, name, max, rule, target %, points when nothing happened, source, measure, numerator, denominator)
ROWS = [
    (G1, "1.1", "Thủ tục hành chính được công bố đúng hạn", 6, "linear", None, None, "national", "",
     "Thủ tục công bố đúng hạn", "Thủ tục phải công bố trong kỳ"),
    (G1, "1.2", "Thủ tục được cập nhật, công khai đúng hạn trên Cơ sở dữ liệu quốc gia", 4, "linear", None, None,
     "national", "", "Thủ tục cập nhật đúng hạn", "Thủ tục phải cập nhật"),
    (G1, "1.3", "Thủ tục được công khai đầy đủ nội dung", 2, "linear", None, None, "national", "",
     "Thủ tục công khai đủ các bộ phận bắt buộc", "Thủ tục đã công bố"),
    (G1, "1.4", "Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia", 6, "linear", None, None, "national", "",
     "Hồ sơ đã đồng bộ", "Hồ sơ tiếp nhận"),
    (G2, "2.1", "Hồ sơ xử lý trước hạn, đúng hạn", 20, "linear", None, None, "own", "progress_on_time",
     "Hồ sơ giải quyết trước hạn, đúng hạn và hồ sơ đang giải quyết trong hạn", "Hồ sơ tiếp nhận trong kỳ"),
    (G2, "2.2", "Thời gian giải quyết trung bình (ngày)", 0, "monitor", None, None, "own", "average_days",
     "Tổng thời gian giải quyết", "Hồ sơ đã giải quyết"),
    (G3, "3.1", "Thủ tục cung cấp dịch vụ công trực tuyến", 2, "target", 80, None, "own", "procedures_online",
     "Thủ tục trực tuyến toàn trình hoặc một phần", "Thủ tục thuộc thẩm quyền"),
    (G3, "3.2", "Dịch vụ công trực tuyến có phát sinh hồ sơ", 4, "linear", None, None, "own", "online_services_used",
     "Dịch vụ trực tuyến có ít nhất một hồ sơ trực tuyến trong kỳ", "Dịch vụ công trực tuyến"),
    (G3, "3.3", "Hồ sơ nộp trực tuyến", 6, "target", 50, None, "own", "dossiers_online",
     "Hồ sơ nộp trực tuyến", "Hồ sơ tiếp nhận"),
    (G4, "3.5", "Thủ tục có nghĩa vụ tài chính được cung cấp trên Cổng Dịch vụ công quốc gia", 2, "target", 80, 0,
     "national", "", "Thủ tục có thu phí được cung cấp", "Thủ tục có thu phí"),
    (G4, "3.5b", "Thủ tục có giao dịch thanh toán trực tuyến", 2, "target", 80, 0, "not_yet", "",
     "Thủ tục có giao dịch thanh toán trực tuyến", "Thủ tục có hồ sơ phải nộp phí"),
    (G4, "3.6", "Hồ sơ thanh toán trực tuyến", 6, "linear", None, 0, "not_yet", "",
     "Hồ sơ đã thanh toán trực tuyến", "Hồ sơ có nghĩa vụ tài chính"),
    (G5, "4.1", "Hồ sơ có kết quả giải quyết điện tử", 6, "linear", None, None, "not_yet", "",
     "Hồ sơ có kết quả điện tử có giá trị pháp lý", "Hồ sơ đã giải quyết"),
    (G5, "4.2", "Hồ sơ được số hóa thành phần", 4, "linear", None, None, "not_yet", "",
     "Hồ sơ có thành phần được số hóa", "Hồ sơ đã xử lý"),
    (G5, "4.x", "Chứng thực bản sao điện tử", 2, "linear", None, None, "not_yet", "",
     "Đơn vị cấp xã cung cấp chứng thực điện tử", "Đơn vị cấp xã"),
    (G5, "4.3", "Sử dụng lại dữ liệu số hóa", 2, "target", 80, None, "not_yet", "",
     "Hồ sơ có thành phần dùng lại dữ liệu đã số hóa", "Hồ sơ tiếp nhận"),
    (G5, "4.4", "Số hóa kết nối, chia sẻ với kho dữ liệu trên Cổng Dịch vụ công quốc gia", 4, "linear", None,
     None, "national", "", "Hồ sơ có thành phần lấy từ hoặc kết quả đẩy lên kho dữ liệu", "Hồ sơ tiếp nhận"),
    (G5, "4.5a", "Thủ tục kết nối Cơ sở dữ liệu quốc gia về dân cư", 2, "linear", None, None, "not_yet", "",
     "Thủ tục có kết nối", "Thủ tục dành cho công dân"),
    (G5, "4.5b", "Hồ sơ sử dụng dữ liệu dân cư", 2, "linear", None, None, "not_yet", "",
     "Hồ sơ đã dùng dữ liệu dân cư", "Hồ sơ tiếp nhận"),
    (G6, "5.1", "Phân loại phản ánh, kiến nghị", 0, "monitor", None, None, "not_yet", "", "", ""),
    (G6, "5.2", "Phản ánh, kiến nghị xử lý đúng hạn", 6, "linear", None, 6, "not_yet", "",
     "Phản ánh, kiến nghị xử lý đúng hạn hoặc đang trong hạn", "Phản ánh, kiến nghị tiếp nhận"),
    (G6, "5.3", "Hài lòng về xử lý phản ánh, kiến nghị", 6, "linear", None, 6, "not_yet", "",
     "Phản ánh, kiến nghị không bị đánh giá không hài lòng, phản ánh lại hay trễ hạn", "Phản ánh đã xử lý"),
    (G6, "5.4", "Hài lòng về tiếp nhận, giải quyết thủ tục hành chính", 6, "target", 90, 0, "own",
     "dossier_satisfaction", "Hồ sơ không trễ hạn và không bị đánh giá không hài lòng", "Hồ sơ đã giải quyết"),
]


def seed(apps, schema_editor):
    Version = apps.get_model("ioc", "IndexVersion")
    Indicator = apps.get_model("ioc", "IndexIndicator")
    version = Version.objects.create(
        code="qd766-cong-dvcqg-2026", name="Bộ chỉ số 766 theo cách chấm của Cổng Dịch vụ công quốc gia (2026)",
        effective_from=date(2022, 8, 1),
        note="Quyết định 766/QĐ-TTg ngày 01/08/2022; sáu nhóm, 100 điểm, như Cổng Dịch vụ công quốc gia hiển thị. "
             "Công thức từng chỉ số cần đối chiếu khi Cổng thay đổi: khi đó thêm phiên bản mới.")
    for order, (group, code, name, points, rule, target, empty, source, measure, num, den) in enumerate(ROWS):
        Indicator.objects.create(
            version=version, order=order, group=group, code=code, name=name, max_points=Decimal(points), rule=rule,
            target_percent=Decimal(target) if target is not None else None,
            empty_points=Decimal(empty) if empty is not None else None, source=source, measure=measure,
            numerator=num, denominator=den)


class Migration(migrations.Migration):
    dependencies = [("ioc", "0003_index_766")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
