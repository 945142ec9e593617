"""The citizen's scoring of how their dossier was handled (Circular 01/2018/TT-VPCP, under
Decree 61/2018/NĐ-CP Art. 31): nine criteria, 0 to 2 points each, 18 in all.

A dossier is scored once, by the account that submitted it, after the result is returned;
the score may be changed for EDIT_DAYS after it was first given. Each score is an `evaluate`
event of the dossier (the same engine, audit trail and hash chain as every other action),
and the Evaluation row is its projection, per dossier, agency and officer, for the operations
centre.
"""

from __future__ import annotations

from datetime import timedelta

# (code, the question as the citizen reads it)
CRITERIA: tuple[tuple[str, str], ...] = (
    ("total_time", "Tổng thời gian giải quyết so với thời gian quy định"),
    ("agency_time", "Thời gian thực hiện tại từng cơ quan, đơn vị tham gia giải quyết"),
    ("contacts", "Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ"),
    ("agencies_contacted", "Số cơ quan, đơn vị phải liên hệ để hoàn thiện hồ sơ"),
    ("one_stop", "Việc tiếp nhận và trả kết quả qua Bộ phận Một cửa"),
    ("disclosure", "Việc công khai thủ tục hành chính"),
    ("attitude", "Thái độ, tinh thần phục vụ của cán bộ, công chức"),
    ("feedback", "Việc tiếp nhận, xử lý phản ánh, kiến nghị"),
    ("online", "Chất lượng dịch vụ công trực tuyến"),
)
CODES = tuple(code for code, _ in CRITERIA)
POINTS = ((2, "Tốt, hài lòng"), (1, "Bình thường"), (0, "Chưa tốt, không hài lòng"))
MAX_TOTAL = 2 * len(CRITERIA)
COMMENT_MAX = 2000
EDIT_DAYS = 7
EDIT_WINDOW = timedelta(days=EDIT_DAYS)

# Bands used in practice for the total (to verify against the circular's annex): above 15
# excellent, 12 to 15 good, 9 to under 12 fair, 6 to under 9 average, under 6 weak.
BANDS = ((16, "Xuất sắc"), (12, "Tốt"), (9, "Khá"), (6, "Trung bình"), (0, "Yếu"))


def band(total: int) -> str:
    return next(label for floor, label in BANDS if total >= floor)
