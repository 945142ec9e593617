"""Notifications through real local gateways: an SMTP server and an HTTP server answering
like eSMS and Zalo ZNS. Each message carries one key to every attempt; failures are retried,
logged with the gateway's answer, and end FAILED at the maximum, from where the admin sends
them again. Each person's channel choices are honoured, and a second run of a subscriber
writes nothing new."""

from __future__ import annotations

import pytest

from dossiers import actions
from dossiers.models import Channel, DossierEvent
from notify import subscribers
from notify.admin import send_again
from notify.models import Message, Preference
from notify.tasks import MAX_ATTEMPTS
from tests.conftest import run_tasks
from tests.dossiers.conftest import LAN
from tests.workflow.gateways import HttpGateway, SmtpServer


@pytest.fixture
def fast_retries(settings):
    settings.TASK_BACKOFF_SCALE = 0  # every retry is due at once: drain() runs them all


@pytest.fixture
def sms(settings, fast_retries):
    with HttpGateway() as gateway:
        settings.NOTIFY_SMS_BACKEND = "esms"
        settings.NOTIFY_SMS_URL = gateway.url + "/esms"
        settings.NOTIFY_ZALO_BACKEND = "zns"
        settings.NOTIFY_ZALO_URL = gateway.url + "/zns"
        settings.NOTIFY_ZALO_TEMPLATES = {"dossier.received": "231456"}
        yield gateway


@pytest.fixture
def smtp(settings, fast_retries):
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        yield server


def received(permit, hoa):
    dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    return actions.receive(dossier, hoa).dossier


def test_the_receipt_reaches_the_applicant_by_e_mail_and_sms_after_retries(permit, hoa, sms, smtp):
    sms.fail_first, smtp.fail_first = 2, 1
    dossier = received(permit, hoa)
    run_tasks()
    email, text = (Message.objects.get(object_id=dossier.pk, channel=c) for c in ("email", "sms"))
    assert (email.state, email.attempts, email.recipient) == (Message.State.SENT, 2, "lan@example.vn")
    assert (text.state, text.attempts, text.recipient) == (Message.State.SENT, 3, "0905123456")
    assert dossier.code in text.body and '"CodeResult": "100"' in text.gateway_response
    # Every attempt carried the message's key; the gateway delivered it once.
    assert [key for _, key in sms.attempts] == [str(text.key)] * 3
    assert sms.delivered == {str(text.key): 1}
    assert smtp.ids() == {f"<{email.key}@motcua.local>": 1}
    assert smtp.accepted[0]["subject"] == f"Hồ sơ {dossier.code} đã được tiếp nhận"


def test_a_gateway_that_keeps_failing_ends_failed_and_is_sent_again_from_the_admin(permit, hoa, sms):
    sms.fail_first = 10_000
    dossier = received(permit, hoa)
    run_tasks()
    text = Message.objects.get(object_id=dossier.pk, channel="sms")
    assert (text.state, text.attempts) == (Message.State.FAILED, MAX_ATTEMPTS)
    assert "Cổng SMS từ chối" in text.last_error and "CodeResult" in text.gateway_response
    sms.fail_first = 0
    assert send_again(Message.objects.filter(pk=text.pk)) == 1
    run_tasks()
    text.refresh_from_db()
    assert text.state == Message.State.SENT and sms.delivered == {str(text.key): 1}


def test_each_person_chooses_the_channels(permit, hoa, lan, sms):
    Preference.objects.create(user=lan, email=False, sms=False, zalo=True)
    dossier = actions.submit(permit, LAN, lan).dossier
    actions.receive(dossier, hoa)
    run_tasks()
    (zalo,) = Message.objects.filter(object_id=dossier.pk)
    assert (zalo.channel, zalo.recipient, zalo.state) == ("zalo", "0905123456", Message.State.SENT)
    dossier.refresh_from_db()
    assert zalo.params["code"] == dossier.code
    assert ("/zns", str(zalo.key)) in sms.attempts


def test_a_subscriber_run_twice_writes_nothing_new(permit, hoa, sms):
    dossier = received(permit, hoa)
    run_tasks()
    before = list(Message.objects.values_list("pk", "state"))
    event = DossierEvent.objects.get(dossier=dossier, action="receive")
    subscribers.on_dossier_event(event)  # as after a crash between the fan-out and its commit
    assert run_tasks() == 0
    assert list(Message.objects.values_list("pk", "state")) == before
    assert len(sms.delivered) == 1


def test_a_channel_turned_off_sends_nothing_on_it(permit, hoa, settings, mailoutbox):
    settings.NOTIFY_SMS_BACKEND = ""
    dossier = received(permit, hoa)
    run_tasks()
    assert list(Message.objects.filter(object_id=dossier.pk).values_list("channel", flat=True)) == ["email"]
    assert len(mailoutbox) == 1


def test_a_message_cut_off_while_sending_can_be_sent_again(permit, hoa, sms, settings):
    from datetime import timedelta

    from django.utils import timezone

    dossier = received(permit, hoa)
    run_tasks()
    text = Message.objects.get(object_id=dossier.pk, channel="sms")
    # As a worker killed mid-send leaves it, once its task was given up.
    Message.objects.filter(pk=text.pk).update(state=Message.State.SENDING)
    assert send_again(Message.objects.filter(pk=text.pk)) == 0  # it may still be on its way
    Message.objects.filter(pk=text.pk).update(
        updated_at=timezone.now() - timedelta(seconds=3 * settings.WORKER_LEASE_SECONDS))
    assert send_again(Message.objects.filter(pk=text.pk)) == 1
    run_tasks()
    assert Message.objects.get(pk=text.pk).state == Message.State.SENT
    assert sms.delivered == {str(text.key): 1}, "the same key: the gateway does not deliver twice"


def test_every_kind_has_a_text_and_a_label():
    from notify.texts import KIND_LABELS, TEXTS

    assert set(KIND_LABELS) == set(TEXTS)
    kinds = set(subscribers.APPLICANT_KINDS.values()) | set(subscribers.OFFICER_KINDS.values()) | {
        "dossier.result_ready", "fieldreport.status", "fieldreport.dispatched", "fieldreport.escalated",
        "sipas.invitation"}  # sent by the survey itself (sipas/), not by an event subscriber
    assert kinds == set(TEXTS)
