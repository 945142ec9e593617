"""Login with an optional second factor (TOTP).

1. /accounts/login/ checks the username and password through
   django.contrib.auth.authenticate (django-axes counts failures and locks the
   username+address pair; motcua.ratelimit limits one account from many addresses and one
   address over many accounts). Accounts that need no second factor (`needs_second_factor`)
   are logged in at once.
2. Otherwise nobody is logged in yet: the pending user id is kept in the session for a few
   minutes and /accounts/two-factor/ asks for the 6-digit code of their authenticator app,
   or — the first time — for the enrolment code the administrator issued them
   (accounts/enrolment.py), then shows a QR code to enrol one. Only a correct code logs
   them in, and the session is then marked as verified (django_otp.login), which the admin
   requires.
"""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.db import transaction
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import enrolment
from accounts.forms import EnrolmentCodeForm, LoginForm, TokenForm
from motcua import ratelimit

# Wrong passwords tolerated in 15 minutes for one account from any addresses, and from one
# address over any accounts; django-axes locks an account on one address after
# LOGIN_FAILURE_LIMIT.
FAILURES_PER_ACCOUNT = ratelimit.Limit("login.account", 10, 900)
FAILURES_PER_ADDRESS = ratelimit.Limit("login.address", 30, 900)
PENDING_SESSION_KEY = "motcua_pending_login"
PENDING_SECONDS = 5 * 60
DEVICE_NAME = "Ứng dụng xác thực"


def safe_next_url(request) -> str:
    """The ?next= target when it stays on this site, else the default landing page."""
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    next_url = safe_next_url(request)
    if request.method == "POST":
        # Beyond django-axes (an account from one address): guessing one account from many
        # addresses, and one address trying passwords on many accounts (spraying).
        address = ratelimit.client_ip(request)
        account = (request.POST.get("username") or "").strip().lower()[:150]
        wait = (ratelimit.retry_after(FAILURES_PER_ACCOUNT, account)
                or ratelimit.retry_after(FAILURES_PER_ADDRESS, address))
        if wait:
            response = render(request, "accounts/login.html", {
                "form": LoginForm(request), "next": next_url, "throttled": ratelimit.message(wait)}, status=429)
            response["Retry-After"] = str(wait)
            return response
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and not form.is_valid() and form.non_field_errors():
        ratelimit.hit(FAILURES_PER_ACCOUNT, account)
        ratelimit.hit(FAILURES_PER_ADDRESS, address)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if user.needs_second_factor:
            if request.user.is_authenticated and request.user.pk != user.pk:
                auth_logout(request)  # nobody stays logged in while another account proves itself
            request.session.cycle_key()
            request.session[PENDING_SESSION_KEY] = {
                "user_id": user.pk,
                "backend": user.backend,
                "started": int(time.time()),
                "next": next_url,
            }
            return redirect("accounts:two_factor")
        auth_login(request, user)
        return redirect(next_url)
    # Sent here from a page the current account may not open (e.g. the admin).
    denied = request.user.is_authenticated and REDIRECT_FIELD_NAME in request.GET
    from accounts import oidc

    return render(request, "accounts/login.html", {
        "form": form, "next": next_url, "denied": denied,
        "oidc_name": settings.OIDC_PROVIDER_NAME if oidc.enabled() else ""})


def _pending_login(request):
    """(user, pending state) of a login waiting for its second factor, or None if none/expired."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("started", 0) > PENDING_SECONDS:
        del request.session[PENDING_SESSION_KEY]
        return None
    user = get_user_model()._default_manager.filter(pk=pending.get("user_id"), is_active=True).first()
    if user is None:
        del request.session[PENDING_SESSION_KEY]
        return None
    return user, pending


def _confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def _enrolling_device(user) -> TOTPDevice:
    """The one unconfirmed device to set up (made once the enrolment code was accepted)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def _check_token(device: TOTPDevice, token: str, enrolling: bool) -> str | None:
    """Verify `token` under a row lock (so django-otp's throttling holds); the error or None."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, info = device.verify_is_allowed()
        if not allowed:
            locked_until = (info or {}).get("locked_until")
            wait = int((locked_until - timezone.now()).total_seconds()) + 1 if locked_until else 1
            return f"Bạn đã nhập sai mã nhiều lần. Vui lòng đợi {max(wait, 1)} giây rồi thử lại."
        if not device.verify_token(token):
            return "Mã xác thực không đúng hoặc đã hết hạn. Vui lòng nhập mã mới trên ứng dụng xác thực."
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    return None


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def two_factor_view(request):
    found = _pending_login(request)
    if found is None:
        messages.error(request, "Phiên đăng nhập đã hết hạn hoặc chưa bắt đầu. Vui lòng đăng nhập lại.")
        return redirect("accounts:login")
    user, pending = found
    device = _confirmed_device(user)
    enrolling = device is None
    if enrolling and not pending.get("enrolment_accepted"):
        return _enrolment_code_step(request, user, pending)
    device = device or _enrolling_device(user)

    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        error = _check_token(device, form.cleaned_data["token"], enrolling)
        if error is None:
            del request.session[PENDING_SESSION_KEY]
            device.refresh_from_db()
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            if enrolling:
                messages.success(request, "Đã bật xác thực hai lớp cho tài khoản của bạn.")
            return redirect(pending["next"])
        form.add_error("token", error)

    context = {"form": form, "enrolling": enrolling, "account": user}
    if enrolling:
        qr = segno.make(device.config_url, error="m")
        # segno writes the SVG itself from the otpauth URL; nothing user-supplied is raw HTML.
        svg = qr.svg_inline(scale=4, omitsize=True, title="Mã QR thiết lập xác thực hai lớp")
        context["qr_svg"] = mark_safe(svg)  # noqa: S308
        context["secret"] = _grouped(b32encode(device.bin_key).decode("ascii"))
    return render(request, "accounts/two_factor.html", context)


def _enrolment_code_step(request, user, pending):
    """Before the first authenticator: the code the administrator issued to this person."""
    form = EnrolmentCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        error = enrolment.redeem(user, form.cleaned_data["code"])
        if error is None:
            request.session[PENDING_SESSION_KEY] = {**pending, "enrolment_accepted": True,
                                                    "started": int(time.time())}
            return redirect("accounts:two_factor")
        form.add_error("code", error)
    return render(request, "accounts/enrolment_code.html", {"form": form, "account": user})
