"""API tokens of external systems (accounts.ApiToken): issue, check, revoke, record use.

A token reads `mct_<prefix>_<secret>`: `prefix` is 8 hex characters, not secret, unique, the
row's key and what the admin shows; `secret` is 32 random bytes. Only the SHA-256 of the whole
token is stored. A slow password hash would add nothing: 256 random bits cannot be guessed,
however fast each guess is, and a fast hash keeps the check cheap on every request. The
fixed `mct_` start lets secret scanners and log filters recognise a leaked token.

The token acts as its integration account (User.Kind.INTEGRATION), whose memberships give
its roles, but only in the token's agency and the agencies under it: `actor()` marks the
account with those agency ids, and accounts.permissions counts no role held elsewhere.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import ApiToken, User

START = "mct_"
TOKEN = re.compile(r"mct_(?P<prefix>[0-9a-f]{8})_[A-Za-z0-9_-]{43}")
# Last use is written at most once a minute per token: a busy integration calls many times a
# second, and a write on each call would make every read a write.
TOUCH_EVERY = timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret(token: ApiToken) -> str:
    """Give `token` a fresh prefix and secret hash (unsaved); return the whole token, which
    exists nowhere else afterwards."""
    token.prefix = secrets.token_hex(4)
    plain = f"{START}{token.prefix}_{secrets.token_urlsafe(32)}"
    token.secret_hash = hash_token(plain)
    return plain


def save_new(token: ApiToken) -> str:
    """Save a new token with a fresh secret and return the whole token, to show once.

    Prefixes are random (32 bits): a collision with an existing token is rare but possible,
    so a clash on the unique prefix draws again."""
    token.full_clean(exclude=["prefix", "secret_hash"])
    for _ in range(5):
        plain = new_secret(token)
        try:
            with transaction.atomic():
                token.save()
            return plain
        except IntegrityError:
            if not ApiToken.objects.filter(prefix=token.prefix).exists():
                raise
    raise IntegrityError("could not draw a free token prefix")


def issue(*, system: str, account: User, agency, scope: str, expires_at: datetime | None = None,
          created_by: User | None = None, note: str = "") -> tuple[ApiToken, str]:
    token = ApiToken(system=system, account=account, agency=agency, scope=scope, expires_at=expires_at,
                     created_by=created_by, note=note)
    return token, save_new(token)


def usable(token: ApiToken, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    account = token.account
    return (token.revoked_at is None and (token.expires_at is None or token.expires_at > now)
            and account.is_active and account.kind == User.Kind.INTEGRATION and not account.is_superuser)


def authenticate(presented: str | None) -> ApiToken | None:
    """The usable token `presented` is, or None (unknown, wrong, revoked, expired)."""
    match = TOKEN.fullmatch(presented or "")
    if match is None:
        return None
    token = ApiToken.objects.select_related("account", "agency").filter(prefix=match["prefix"]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token(presented)):
        return None
    return token if usable(token) else None


def agency_subtree(agency_id: int) -> frozenset[int]:
    """`agency_id` and every agency under it (a city and its wards, a department and its
    branches), one query per level of the tree."""
    from units.models import Agency

    found, level = {agency_id}, {agency_id}
    while level:
        level = set(Agency.objects.filter(parent_id__in=level).exclude(pk__in=found).values_list("pk", flat=True))
        found |= level
    return frozenset(found)


def actor(token: ApiToken) -> User:
    """The account the token acts as, limited to the token's agencies (accounts.permissions)."""
    account = token.account
    account.api_token = token
    account.token_agency_ids = agency_subtree(token.agency_id)
    return account


def touch(token: ApiToken, address: str | None, now: datetime | None = None) -> None:
    """Record the token's use (time and address), unless it was recorded in the last minute.

    An integration running on several servers shows the address of one of them: the last use
    is for the IT department to see which tokens are alive, not an access log."""
    now = now or timezone.now()
    if token.last_used_at and now - token.last_used_at < TOUCH_EVERY:
        return
    # The condition is repeated in the UPDATE so that concurrent calls write once, not each.
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - TOUCH_EVERY)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now, last_used_ip=address or None)
    token.last_used_at, token.last_used_ip = now, address or None


def revoke(token: ApiToken, by: User | None = None) -> bool:
    """Revoke `token` for good (True), or False when it was already revoked."""
    now = timezone.now()
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now, revoked_by=by)
    if updated:
        token.revoked_at, token.revoked_by = now, by
    return bool(updated)


def new_integration_account(username: str, name: str) -> User:
    """An account for an external system: no usable password (it never logs in), no admin."""
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": f"Tên đăng nhập “{username}” đã có."})
    account = User(username=username, full_name=name, kind=User.Kind.INTEGRATION)
    account.set_unusable_password()
    account.full_clean()
    account.save()
    return account
