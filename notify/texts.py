"""The Vietnamese texts of every kind of notification: an e-mail subject and body, and a short
text for SMS (Zalo ZNS sends the same values as template parameters, NOTIFY_ZALO_TEMPLATES).

Placeholders are filled from the event by notify/subscribers.py; every value is plain text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    subject: str
    body: str
    short: str  # SMS

    def render(self, values: dict) -> tuple[str, str, str]:
        safe = _Missing(values)
        return self.subject.format_map(safe), self.body.format_map(safe), self.short.format_map(safe)


class _Missing(dict):
    def __missing__(self, key):  # a value the event does not have renders empty, never fails
        return ""


_LOOKUP = "\nTra cứu hồ sơ: {lookup_url} (mã hồ sơ {code}, mã tra cứu {secret}).\n"
_HELLO = "Kính gửi {name},\n\n"

TEXTS: dict[str, Text] = {
    # To the applicant (Decree 61/2018: receipt, guidance, refusal, supplement, lateness, result).
    "dossier.received": Text(
        "Hồ sơ {code} đã được tiếp nhận",
        _HELLO + "Hồ sơ “{procedure}” của Ông/Bà đã được {agency} tiếp nhận lúc {received_at}, mã hồ sơ {code}.\n"
        "Ngày hẹn trả kết quả: {due_at}.\n" + _LOOKUP,
        "Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {due_at}. Mã tra cứu: {secret}."),
    "dossier.intake_supplement": Text(
        "Hồ sơ “{procedure}” cần bổ sung, hoàn thiện trước khi tiếp nhận",
        _HELLO + "{agency} hướng dẫn Ông/Bà bổ sung, hoàn thiện hồ sơ “{procedure}”:\n{reason}\n{missing}\n"
        "Hướng dẫn này được đưa ra một lần, đầy đủ (mẫu 02).\n",
        "Hồ sơ “{procedure_short}” cần bổ sung: {reason_short}"),
    "dossier.refused": Text(
        "Hồ sơ {code_or_procedure}: không được tiếp nhận, giải quyết",
        _HELLO + "{agency} từ chối tiếp nhận, giải quyết hồ sơ “{procedure}” của Ông/Bà.\nLý do: {reason}\n",
        "Hồ sơ {code_or_procedure} bị từ chối. Lý do: {reason_short}"),
    "dossier.supplement": Text(
        "Hồ sơ {code}: yêu cầu bổ sung giấy tờ",
        _HELLO + "Để tiếp tục giải quyết hồ sơ {code} (“{procedure}”), đề nghị Ông/Bà bổ sung:\n{reason}\n{missing}\n"
        "Thời gian chờ bổ sung không tính vào thời hạn giải quyết.\n" + _LOOKUP,
        "Hồ sơ {code} cần bổ sung giấy tờ: {reason_short}"),
    "dossier.payment": Text(
        "Hồ sơ {code}: thực hiện nghĩa vụ tài chính",
        _HELLO + "Hồ sơ {code} (“{procedure}”) chờ Ông/Bà nộp {amount} đồng.\nNội dung: {reason}\n" + _LOOKUP,
        "Hồ sơ {code}: vui lòng nộp {amount} đồng."),
    "dossier.paid": Text(
        "Đã nhận thanh toán {amount} đồng cho hồ sơ “{procedure_short}”",
        _HELLO + "Hệ thống đã nhận khoản thanh toán trực tuyến {amount} đồng (mã giao dịch {order_ref}) cho hồ sơ "
        "“{procedure}” ({code_or_number}). Biên lai xem tại trang Hồ sơ của tôi.\n",
        "Đã nhận thanh toán {amount} đồng, giao dịch {order_ref}."),
    "dossier.refunded": Text(
        "Hoàn trả {amount} đồng đã thanh toán cho hồ sơ “{procedure_short}”",
        _HELLO + "Khoản {amount} đồng Ông/Bà đã thanh toán trực tuyến (mã giao dịch {order_ref}) cho hồ sơ "
        "“{procedure}” đã được hoàn trả (chứng từ {refund_ref}).\nLý do: {reason}\n",
        "Đã hoàn trả {amount} đồng của giao dịch {order_ref}."),
    "dossier.stopped": Text(
        "Hồ sơ {code}: dừng xử lý",
        _HELLO + "Hồ sơ {code} (“{procedure}”) đã dừng xử lý.\nLý do: {reason}\n" + _LOOKUP,
        "Hồ sơ {code} dừng xử lý: {reason_short}"),
    "dossier.apology": Text(
        "Hồ sơ {code}: xin lỗi và hẹn lại ngày trả kết quả",
        _HELLO + "{agency} xin lỗi Ông/Bà vì chậm trả kết quả hồ sơ {code} (“{procedure}”).\nLý do: {reason}\n"
        "Ngày hẹn trả kết quả mới: {due_at}.\n" + _LOOKUP,
        "Xin lỗi Ông/Bà: hồ sơ {code} hẹn trả lại lúc {due_at}."),
    "dossier.result_ready": Text(
        "Hồ sơ {code}: đã có kết quả",
        _HELLO + "Hồ sơ {code} (“{procedure}”) đã có kết quả. Mời Ông/Bà nhận kết quả tại {return_place}.\n"
        + _LOOKUP,
        "Hồ sơ {code} đã có kết quả, mời nhận tại {return_place_short}."),
    "dossier.returned": Text(
        "Hồ sơ {code}: đã trả kết quả",
        _HELLO + "Kết quả hồ sơ {code} (“{procedure}”) đã được trả lúc {at}. Mời Ông/Bà đánh giá mức độ hài lòng "
        "về việc giải quyết hồ sơ.\n" + _LOOKUP,
        "Hồ sơ {code} đã trả kết quả. Cảm ơn Ông/Bà."),
    "dossier.withdrawn": Text(
        "Hồ sơ {code_or_procedure}: đã rút theo đề nghị",
        _HELLO + "Hồ sơ {code_or_procedure} (“{procedure}”) đã được rút theo đề nghị của Ông/Bà.\nLý do: {reason}\n",
        "Hồ sơ {code_or_procedure} đã được rút theo đề nghị."),
    # SIPAS: an invitation to a survey (sipas/), with its one-time link; no name, no dossier code.
    "sipas.invitation": Text(
        "Mời tham gia khảo sát mức độ hài lòng về dịch vụ hành chính công",
        "Kính gửi Ông/Bà,\n\nỦy ban nhân dân tỉnh đang khảo sát sự hài lòng của người dân đối với sự phục vụ của "
        "cơ quan hành chính (“{title}”). Ông/Bà được chọn ngẫu nhiên trong số người đã nhận kết quả hồ sơ gần đây.\n"
        "Trả lời tại: {link}\n(Đường dẫn dùng một lần, không cần đăng nhập, đến {closes_at}.)\n"
        "Câu trả lời được giữ ẩn danh: cơ quan, công chức giải quyết hồ sơ không biết ai đã trả lời gì.\n",
        "Mời Ông/Bà trả lời khảo sát sự hài lòng về dịch vụ hành chính công (ẩn danh): {link}"),
    # To the officers responsible.
    "dossier.due_soon": Text(
        "Hồ sơ {code} sắp đến hạn: cần xử lý hoặc gửi phiếu xin lỗi, hẹn lại (mẫu 04)",
        "Hồ sơ {code} (“{procedure}”) tại {current_agency} đến hạn trả kết quả lúc {due_at}.\n"
        "Nếu không kịp, lãnh đạo cơ quan gửi phiếu xin lỗi và hẹn lại ngày trả trước hạn ít nhất một ngày làm việc.\n"
        "Bước hiện tại: {step}.\n",
        "Hồ sơ {code} sắp đến hạn {due_at}."),
    "dossier.overdue": Text(
        "Hồ sơ {code} đã quá hạn trả kết quả",
        "Hồ sơ {code} (“{procedure}”) tại {current_agency} đã quá hạn trả kết quả ({due_at}).\n"
        "Bước hiện tại: {step}.\n",
        "Hồ sơ {code} đã quá hạn trả kết quả."),
    "dossier.step_overdue": Text(
        "Hồ sơ {code} quá hạn xử lý ở bước “{step}”",
        "Hồ sơ {code} (“{procedure}”) quá hạn ở bước “{step}” (hạn bước {step_due_at}).\n",
        "Hồ sơ {code} quá hạn ở bước “{step}”."),
    # Field reports: the reporter hears of each public status change; the unit of its new
    # reports; leaders and the IOC of overdue ones. Never the reporter's identity to a unit.
    "fieldreport.status": Text(
        "Phản ánh #{id}: {status}",
        "Phản ánh #{id} ({category}) của bạn: {status}.\n{answer}\nXem chi tiết: {url}\n",
        "Phản ánh #{id}: {status}. {url}"),
    "fieldreport.dispatched": Text(
        "[Phản ánh hiện trường] Phản ánh #{id} được chuyển đến đơn vị",
        "Phản ánh #{id} — {category}\nĐịa điểm: {place}\nHạn xử lý: {due_at}\n\n{text}\n\nXử lý tại: {staff_url}\n",
        "Phản ánh #{id} chuyển đến đơn vị, hạn {due_at}."),
    "fieldreport.escalated": Text(
        "[Phản ánh hiện trường] Phản ánh #{id} quá hạn (mức {level})",
        "Phản ánh #{id} — {category}\nĐịa điểm: {place}\nĐơn vị xử lý: {agency}\nHạn xử lý: {due_at}\n\n{text}\n\n"
        "Xem tại: {staff_url}\n",
        "Phản ánh #{id} quá hạn (mức {level})."),
}

# What each kind is called in the delivery log (the admin).
KIND_LABELS: dict[str, str] = {
    "dossier.received": "Hồ sơ: tiếp nhận, hẹn trả",
    "dossier.intake_supplement": "Hồ sơ: hướng dẫn bổ sung trước tiếp nhận",
    "dossier.refused": "Hồ sơ: từ chối",
    "dossier.supplement": "Hồ sơ: yêu cầu bổ sung",
    "dossier.payment": "Hồ sơ: nghĩa vụ tài chính",
    "dossier.paid": "Hồ sơ: đã nhận thanh toán trực tuyến",
    "dossier.refunded": "Hồ sơ: hoàn trả tiền đã thanh toán",
    "dossier.stopped": "Hồ sơ: dừng xử lý",
    "dossier.apology": "Hồ sơ: xin lỗi, hẹn lại",
    "dossier.result_ready": "Hồ sơ: đã có kết quả",
    "dossier.returned": "Hồ sơ: đã trả kết quả",
    "dossier.withdrawn": "Hồ sơ: rút hồ sơ",
    "sipas.invitation": "Khảo sát SIPAS: lời mời trả lời",
    "dossier.due_soon": "Cán bộ: hồ sơ sắp đến hạn",
    "dossier.overdue": "Cán bộ: hồ sơ quá hạn",
    "dossier.step_overdue": "Cán bộ: bước xử lý quá hạn",
    "fieldreport.status": "Phản ánh: đổi trạng thái",
    "fieldreport.dispatched": "Phản ánh: chuyển đến đơn vị",
    "fieldreport.escalated": "Phản ánh: quá hạn, nhắc việc",
}
