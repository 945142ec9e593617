"""Notifications: what each person wants to receive, and the log of every message.

A Message row is written by the worker in the same transaction as the task that sends it
(the outbox): nothing is lost in a crash, and the row's `key` goes to the gateway with
every attempt (e-mail Message-ID, eSMS RequestId, Zalo ZNS tracking_id), so a retry after a
crash is recognised by the gateway instead of being delivered twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Channel(models.TextChoices):
    EMAIL = "email", "Thư điện tử"
    SMS = "sms", "Tin nhắn SMS"
    ZALO = "zalo", "Zalo (ZNS)"


class Preference(models.Model):
    """The channels a person wants to be told on. Without a row the defaults apply
    (NOTIFY_DEFAULT_CHANNELS for applicants and reporters, e-mail for officers)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE,
                                related_name="notify_preference")
    email = models.BooleanField("nhận qua thư điện tử", default=True)
    sms = models.BooleanField("nhận qua tin nhắn SMS", default=True)
    zalo = models.BooleanField("nhận qua Zalo", default=False)

    class Meta:
        verbose_name = "lựa chọn nhận thông báo"
        verbose_name_plural = "lựa chọn nhận thông báo"

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, channel: str) -> bool:
        return bool(getattr(self, channel))


class Message(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Chờ gửi"
        SENDING = "sending", "Đang gửi"
        SENT = "sent", "Đã gửi"
        RETRYING = "retrying", "Gửi lỗi, sẽ thử lại"
        FAILED = "failed", "Gửi không thành công"

    key = models.UUIDField("mã gửi (idempotency key)", default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField("nguồn", max_length=30)  # the machine: dossier, fieldreport
    event_id = models.BigIntegerField("sự kiện")
    object_id = models.BigIntegerField("đối tượng", db_index=True)
    kind = models.CharField("loại thông báo", max_length=50)
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    recipient = models.CharField("người nhận (địa chỉ / số điện thoại)", max_length=254)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản nhận", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    subject = models.CharField("tiêu đề", max_length=255, blank=True)
    body = models.TextField("nội dung")
    params = models.JSONField("tham số mẫu (Zalo ZNS)", default=dict, blank=True)
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.QUEUED,
                             db_index=True)
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    gateway_response = models.TextField("phản hồi của cổng gửi", blank=True)
    gateway_message_id = models.CharField("mã tin của cổng gửi", max_length=100, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "nhật ký thông báo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One message per event, kind, channel and address: a subscriber run twice writes nothing new.
            models.UniqueConstraint(fields=["source", "event_id", "kind", "channel", "recipient"],
                                    name="notify_message_once"),
        ]
        indexes = [models.Index(fields=["source", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}: {self.subject or self.body[:40]}"
