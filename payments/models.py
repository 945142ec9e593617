"""Online payments of dossiers: each order sent to a gateway, its hash-chained events, the log
of every callback a gateway sent (accepted or not), the daily reconciliation and the per-dossier
projection the operations centre counts (Decision 766/QĐ-TTg indicators 3.5b and 3.6).

A Payment row is one order at one gateway (one `order_ref`, the gateway's vnp_TxnRef or
MaThamChieu), never reused: a failed, cancelled or expired order is followed by a new one, so
a late callback about an old order still finds exactly that order. Only the action functions
in payments/actions.py change a Payment, through the workflow engine (payments/machine.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from workflow.models import ChainedEvent, ChainedObject


class Purpose(models.TextChoices):
    # Fees and charges of the procedure version, paid with an online submission (Decree 45/2020).
    FEES = "fees", "Phí, lệ phí của thủ tục"
    # A financial obligation an officer asked for while processing (national status 6).
    OBLIGATION = "obligation", "Nghĩa vụ tài chính"


class Gateway(models.TextChoices):
    VNPAY = "vnpay", "VNPAY"
    DVCQG = "dvcqg", "Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia"


class PaymentState(models.TextChoices):
    PENDING = "pending", "Chờ thanh toán"
    PAID = "paid", "Đã thanh toán"
    FAILED = "failed", "Thanh toán không thành công"
    CANCELLED = "cancelled", "Đã hủy giao dịch"
    EXPIRED = "expired", "Hết hạn thanh toán"
    REFUNDED = "refunded", "Đã hoàn tiền"


class Payment(ChainedObject):
    dossier = models.ForeignKey("dossiers.Dossier", verbose_name="hồ sơ", on_delete=models.PROTECT,
                                related_name="payments")
    purpose = models.CharField("khoản thu", max_length=12, choices=Purpose.choices)
    # For an obligation: the number of the dossier's request_payment event it answers (each
    # request is its own due); none for the procedure's fees.
    request_seq = models.PositiveIntegerField("yêu cầu số", null=True, blank=True)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    gateway = models.CharField("cổng thanh toán", max_length=10, choices=Gateway.choices)
    order_ref = models.CharField("mã giao dịch của hệ thống", max_length=60, unique=True)
    state = models.CharField("trạng thái", max_length=10, choices=PaymentState.choices, default=PaymentState.PENDING)
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản thanh toán", on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField("tạo lúc")
    expires_at = models.DateTimeField("hết hạn lúc", db_index=True)
    # Where the citizen's browser is sent (rebuilt the same while the order is pending).
    pay_url = models.TextField("địa chỉ thanh toán", blank=True)
    # What the gateway said, from a verified server-to-server callback or query.
    paid_at = models.DateTimeField("thanh toán lúc", null=True, blank=True, db_index=True)
    settled_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)
    transaction_no = models.CharField("mã giao dịch của cổng", max_length=60, blank=True)
    bank_code = models.CharField("ngân hàng", max_length=30, blank=True)
    response_code = models.CharField("mã kết quả của cổng", max_length=10, blank=True)
    receipt_no = models.CharField("số biên lai / hóa đơn điện tử", max_length=60, blank=True)
    refund_requested_at = models.DateTimeField("đề nghị hoàn tiền lúc", null=True, blank=True)
    refund_reason = models.CharField("lý do hoàn tiền", max_length=300, blank=True)
    refunded_at = models.DateTimeField("hoàn tiền lúc", null=True, blank=True)
    refund_ref = models.CharField("mã giao dịch hoàn tiền", max_length=60, blank=True)

    class Meta:
        verbose_name = "giao dịch thanh toán"
        verbose_name_plural = "giao dịch thanh toán"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"]), models.Index(fields=["dossier", "purpose"])]

    def __str__(self) -> str:
        return self.order_ref

    @property
    def is_pending(self) -> bool:
        return self.state == PaymentState.PENDING


class PaymentEvent(ChainedEvent):
    """One action on a payment order; append-only and hash-chained per order (workflow/chain.py)."""

    CHAIN_PARENT = "payment"
    HASHED_FIELDS = ("payment_id", "seq", "action", "actor_id", "actor_name", "at", "from_state", "to_state", "data",
                     "idempotency_key", "row_digest")

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("thao tác", max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField("thời điểm")
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "sự kiện thanh toán"
        verbose_name_plural = "sự kiện thanh toán"
        ordering = ["payment", "seq"]
        constraints = [models.UniqueConstraint(fields=["payment", "seq"], name="unique_payment_event_seq")]


class PaymentCallback(models.Model):
    """Every message a gateway sent us or answered, as received, with what we decided: the
    evidence when a citizen says they paid, and the trace of any forged or replayed callback."""

    class Kind(models.TextChoices):
        IPN = "ipn", "Thông báo kết quả (máy chủ – máy chủ)"
        RETURN = "return", "Trình duyệt quay về"
        QUERY = "query", "Truy vấn giao dịch"
        REFUND = "refund", "Hoàn tiền"

    class Verdict(models.TextChoices):
        ACCEPTED = "accepted", "Chấp nhận"
        DUPLICATE = "duplicate", "Lặp lại, không xử lý lại"
        DISPLAYED = "displayed", "Chỉ hiển thị"
        REJECTED = "rejected", "Từ chối"

    at = models.DateTimeField("thời điểm", db_index=True)
    gateway = models.CharField("cổng", max_length=10, choices=Gateway.choices)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    order_ref = models.CharField("mã giao dịch", max_length=100, blank=True, db_index=True)
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="callbacks")
    remote_addr = models.GenericIPAddressField("địa chỉ gửi", null=True, blank=True)
    raw = models.JSONField("nội dung nhận được", default=dict)
    verdict = models.CharField("kết luận", max_length=10, choices=Verdict.choices)
    reason = models.CharField("lý do", max_length=40, blank=True)
    reply = models.JSONField("trả lời", default=dict, blank=True)

    class Meta:
        verbose_name = "nhật ký phản hồi cổng thanh toán"
        verbose_name_plural = "nhật ký phản hồi cổng thanh toán"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.order_ref} ({self.get_verdict_display()})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("the callback log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("the callback log is append-only")


class Obligation(models.Model):
    """One row per dossier that has a financial obligation (fees of its procedure or an amount
    an officer asked for), with the day it arose and the day it was first paid online: the
    operations centre counts these (Decision 766 indicator 3.6: dossiers paid online / dossiers
    with a financial obligation; 3.5b: procedures with an online payment)."""

    dossier = models.OneToOneField("dossiers.Dossier", primary_key=True, on_delete=models.CASCADE,
                                   related_name="obligation")
    agency_id = models.IntegerField("cơ quan có thẩm quyền")
    procedure_id = models.IntegerField("thủ tục")
    day = models.DateField("ngày phát sinh")
    paid_online_on = models.DateField("ngày thanh toán trực tuyến", null=True, blank=True)

    class Meta:
        verbose_name = "hồ sơ có nghĩa vụ tài chính"
        verbose_name_plural = "hồ sơ có nghĩa vụ tài chính"
        indexes = [models.Index(fields=["agency_id", "day"])]

    def __str__(self) -> str:
        return f"Hồ sơ {self.dossier_id}: {self.day:%d/%m/%Y}"


class Reconciliation(models.Model):
    """The daily comparison of one gateway's day: what our books say was paid against what the
    gateway confirms when asked, order by order (payments/reconcile.py)."""

    day = models.DateField("ngày đối soát")
    gateway = models.CharField("cổng", max_length=10, choices=Gateway.choices)
    run_at = models.DateTimeField("chạy lúc")
    paid_count = models.PositiveIntegerField("số giao dịch đã thanh toán (hệ thống)", default=0)
    paid_total = models.PositiveBigIntegerField("tổng tiền (hệ thống)", default=0)
    confirmed_count = models.PositiveIntegerField("số giao dịch cổng xác nhận", default=0)
    confirmed_total = models.PositiveBigIntegerField("tổng tiền cổng xác nhận", default=0)
    settled_pending = models.PositiveIntegerField("giao dịch treo đã xử lý", default=0)
    mismatches = models.JSONField("chênh lệch", default=list, blank=True)

    class Meta:
        verbose_name = "đối soát thanh toán"
        verbose_name_plural = "đối soát thanh toán"
        ordering = ["-day", "gateway"]
        constraints = [models.UniqueConstraint(fields=["day", "gateway"], name="unique_reconciliation_day")]

    def __str__(self) -> str:
        return f"{self.get_gateway_display()} {self.day:%d/%m/%Y}"

    @property
    def balanced(self) -> bool:
        return not self.mismatches and self.paid_total == self.confirmed_total
