"""Internal dossier states and the national status codes they map onto.

National codes (docs/domain/one-stop.md §5, used by provinces syncing to the national portal):
1 new online · 2 received · 3 refused · 4 processing · 5 supplement requested · 6 waiting for
a financial obligation · 7 withdrawn · 8 stopped · 9 resolved, result ready · 10 returned.
The status is derived from the state through STATUS_OF, and a database constraint keeps
the two columns in step, so they can never disagree.
"""

from django.db import models
from django.utils.translation import gettext_noop  # marks what the public pages show in English


class State(models.TextChoices):
    SUBMITTED = "submitted", "Mới đăng ký"
    INTAKE_SUPPLEMENT = "intake_supplement", "Yêu cầu bổ sung trước khi tiếp nhận"
    RECEIVED = "received", "Đã tiếp nhận"
    PROCESSING = "processing", "Đang xử lý"
    TRANSFERRED = "transferred", "Đang xử lý liên thông"
    SUPPLEMENT = "supplement", "Yêu cầu bổ sung giấy tờ"
    AWAITING_PAYMENT = "awaiting_payment", "Chờ thực hiện nghĩa vụ tài chính"
    STOPPED = "stopped", "Dừng xử lý"
    RESULT_READY = "result_ready", "Đã xử lý xong"
    RETURNED = "returned", "Đã trả kết quả"
    REFUSED = "refused", "Không được tiếp nhận"
    WITHDRAWN = "withdrawn", "Công dân rút hồ sơ"


class Status(models.IntegerChoices):
    NEW = 1, gettext_noop("Mới đăng ký")
    RECEIVED = 2, gettext_noop("Được tiếp nhận")
    REFUSED = 3, gettext_noop("Không được tiếp nhận")
    PROCESSING = 4, gettext_noop("Đang xử lý")
    SUPPLEMENT = 5, gettext_noop("Yêu cầu bổ sung giấy tờ")
    PAYMENT = 6, gettext_noop("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, gettext_noop("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, gettext_noop("Dừng xử lý")
    RESOLVED = 9, gettext_noop("Đã xử lý xong")
    RETURNED = 10, gettext_noop("Đã trả kết quả")


STATUS_OF: dict[str, int] = {
    State.SUBMITTED: Status.NEW,
    State.INTAKE_SUPPLEMENT: Status.SUPPLEMENT,
    State.RECEIVED: Status.RECEIVED,
    State.PROCESSING: Status.PROCESSING,
    State.TRANSFERRED: Status.PROCESSING,
    State.SUPPLEMENT: Status.SUPPLEMENT,
    State.AWAITING_PAYMENT: Status.PAYMENT,
    State.STOPPED: Status.STOPPED,
    State.RESULT_READY: Status.RESOLVED,
    State.RETURNED: Status.RETURNED,
    State.REFUSED: Status.REFUSED,
    State.WITHDRAWN: Status.WITHDRAWN,
}

# The clock stops in these states; the waiting time is given back on resumption (docs/domain/one-stop.md §6).
PAUSED = frozenset({State.SUPPLEMENT, State.AWAITING_PAYMENT, State.STOPPED})
# Received and not finished: the states the deadline sweep watches.
OPEN = frozenset({State.RECEIVED, State.PROCESSING, State.TRANSFERRED})
FINAL = frozenset({State.RETURNED, State.REFUSED, State.WITHDRAWN})
