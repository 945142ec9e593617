"""Enrolment codes for the second factor (accounts.EnrolmentCode).

An account that must log in with a second factor and has no authenticator yet is asked, after
its password, for a one-time code that the system administrator issued to that person (from
the user admin, or `manage.py two_factor_code`); only then is the authenticator's QR code
shown. A stolen password alone therefore never lets someone enrol their own authenticator.
A code is shown once, stored only as a SHA-256, valid for ENROLMENT_CODE_HOURS, used once;
issuing a new one cancels the unused ones. Wrong codes are limited per account.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import EnrolmentCode
from motcua import ratelimit

# Letters and digits that cannot be mistaken for one another when read aloud or typed.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
WRONG_PER_ACCOUNT = ratelimit.Limit("enrolment.account", 5, 3600)


def _hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())[:32]


def issue(user, *, by=None, reset: bool = False) -> str:
    """A new code for `user` (the previous unused ones cancelled); `reset` also removes the
    authenticators they have (a lost phone). Returns the code, which is shown once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
        if reset:
            TOTPDevice.objects.filter(user=user).delete()
        else:
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        EnrolmentCode.objects.create(user=user, code_hash=_hash(raw), issued_by=by if getattr(by, "pk", None) else None,
                                     expires_at=timezone.now() + timedelta(hours=settings.ENROLMENT_CODE_HOURS))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def redeem(user, typed: str) -> str | None:
    """Use `typed` for `user`: None when accepted, else the Vietnamese reason."""
    key = str(user.pk)
    wait = ratelimit.retry_after(WRONG_PER_ACCOUNT, key)
    if wait:
        return ratelimit.message(wait)
    digest = _hash(typed)
    with transaction.atomic():
        for code in EnrolmentCode.objects.select_for_update().filter(
                user=user, used_at__isnull=True, expires_at__gt=timezone.now()):
            if hmac.compare_digest(code.code_hash, digest):
                code.used_at = timezone.now()
                code.save(update_fields=["used_at"])
                return None
    ratelimit.hit(WRONG_PER_ACCOUNT, key)
    return ("Mã kích hoạt không đúng, đã dùng hoặc đã hết hạn. Vui lòng liên hệ quản trị hệ thống để được cấp "
            "mã mới.")
