"""Sending one message, as a task of the worker: retried with back-off on a gateway error,
and safe to run again after a crash (a message already sent is not sent again; one whose
sending was cut off is sent again with the same key, which the gateway recognises)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from workflow.tasks import job
from workflow.worker import lease

MAX_ATTEMPTS = 8


class InFlight(Exception):
    pass


@job(max_attempts=MAX_ATTEMPTS, backoff_seconds=15, takes_context=True, label="Gửi thông báo")
def send_message(context, message_id: int) -> str:
    from notify import channels
    from notify.models import Message

    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message_id)
        if message.state == Message.State.SENT:
            return "already sent"
        if message.state == Message.State.SENDING and message.updated_at > timezone.now() - 2 * lease():
            # Another attempt may still be talking to the gateway (a message sent again from the
            # admin while its first task was queued): wait, rather than send it twice at once.
            raise InFlight(f"Thông báo {message_id} đang được gửi bởi một lần khác; thử lại sau.")
        message.state, message.attempts = Message.State.SENDING, message.attempts + 1
        message.save(update_fields=["state", "attempts", "updated_at"])
    try:
        receipt = channels.send(message)
    except Exception as exc:
        final = context.attempt >= MAX_ATTEMPTS
        Message.objects.filter(pk=message_id).update(
            state=Message.State.FAILED if final else Message.State.RETRYING, last_error=str(exc)[:2000],
            gateway_response=getattr(exc, "answer", "")[:4000], updated_at=timezone.now())
        raise
    Message.objects.filter(pk=message_id).update(
        state=Message.State.SENT, sent_at=timezone.now(), last_error="", gateway_response=receipt.answer[:4000],
        gateway_message_id=receipt.message_id[:100], updated_at=timezone.now())
    return "sent"
