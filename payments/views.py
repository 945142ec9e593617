"""Payment pages and the gateways' endpoints.

- The applicant starts an order from their dossier (POST): the amount is what the dossier
  owes (payments/dues.py), never a number from the browser; the browser goes to the gateway.
- The gateway's server tells the result: VNPAY's IPN (GET, answered with JSON RspCode) and
  the national platform's result (POST JSON). These are the only requests that settle an
  order (payments/callbacks.py), together with the reconciliation's queries.
- The browser comes back (the return URL): verified, logged and shown, never applied. While
  no result has arrived the page asks the gateway through the worker and refreshes itself.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dossiers.models import Dossier
from motcua.ratelimit import client_ip
from payments import actions, callbacks, dues
from payments.gateways import adapter, enabled
from payments.gateways.dvcqg import DVCQG
from payments.gateways.vnpay import VNPAY
from payments.models import Payment, PaymentState, Purpose
from workflow.errors import ActionError

RETURN_URLS = {"vnpay": "payments:vnpay_return", "dvcqg": "payments:dvcqg_return"}


# --- what the pages show -------------------------------------------------------------------------

def citizen_card(d: Dossier, user) -> dict:
    """The applicant's payment box on "my dossier": what is owed, how to pay, what was paid."""
    payments = list(d.payments.order_by("-created_at", "-pk"))
    owed = dues.dues_of(d) if d.submitted_by_id == getattr(user, "pk", None) else []
    return {"dues": owed, "gateways": enabled() if owed else [], "payments": payments,
            "pending": [p for p in payments if p.state == PaymentState.PENDING]}


def allow_gateways(response):
    """A page with a pay form may send the browser on to the gateways (Content-Security-Policy
    form-action governs the redirect that follows the form's POST), and only to them."""
    from urllib.parse import urlsplit

    origins = []
    for url in (settings.VNPAY_PAY_URL, settings.DVCQG_INIT_URL):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    if origins:
        response._csp_update = {"form-action": sorted(set(origins))}
    return response


def officer_rows(d: Dossier) -> list[Payment]:
    return list(d.payments.order_by("created_at", "pk"))


# --- the applicant pays -------------------------------------------------------------------------

@login_required
@require_POST
def start(request, pk: int):
    d = Dossier.objects.filter(pk=pk, submitted_by=request.user).first()
    if d is None:
        raise Http404("Không tìm thấy hồ sơ, hoặc hồ sơ không phải của bạn.")
    purpose = request.POST.get("purpose", "")
    gateway = request.POST.get("gateway", "")
    if purpose not in Purpose.values:
        messages.error(request, "Vui lòng chọn khoản cần thanh toán.")
        return redirect("portal:dossier", pk=d.pk)
    try:
        return_url = settings.PUBLIC_BASE_URL + reverse(RETURN_URLS[gateway])
    except KeyError:
        messages.error(request, "Vui lòng chọn cổng thanh toán.")
        return redirect("portal:dossier", pk=d.pk)
    try:
        payment = actions.start(d.pk, request.user, purpose=purpose, gateway=gateway, return_url=return_url,
                                client_ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("portal:dossier", pk=d.pk)
    return HttpResponseRedirect(payment.pay_url)


# --- the gateways' servers ------------------------------------------------------------------------

@require_GET
def vnpay_ipn(request):
    _, reply = callbacks.receive(VNPAY, dict(request.GET.items()), client_ip(request))
    return JsonResponse(reply)


@csrf_exempt  # the national platform's server posts here; the checksum is the authentication
@require_POST
def dvcqg_result(request):
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        callbacks.log(DVCQG, "ipn", {"body": request.body[:2000].decode("utf-8", "replace")}, "rejected",
                      "malformed", remote_addr=client_ip(request))
        return JsonResponse(DVCQG.reply("error", {}))
    _, reply = callbacks.receive(DVCQG, data, client_ip(request))
    return JsonResponse(reply)


# --- the browser comes back ------------------------------------------------------------------------

@require_GET
def vnpay_return(request):
    return _returned(request, "vnpay")


@require_GET
def dvcqg_return(request):
    return _returned(request, "dvcqg")


def _returned(request, gateway: str):
    from payments.tasks import check_payment

    payment = callbacks.returned(adapter(gateway), dict(request.GET.items()), client_ip(request))
    mine = payment is not None and request.user.is_authenticated and payment.payer_id == request.user.pk
    if payment is not None and payment.state == PaymentState.PENDING:
        # No result from the gateway's server yet: ask it (server to server) rather than believe
        # the browser; the page refreshes itself until the answer is in.
        check_payment.enqueue(payment.pk)
    return render(request, "payments/return.html", {
        "payment": payment if mine else None, "known": payment is not None, "gateway": adapter(gateway)},
        status=200 if payment is not None else 400)


@login_required
@require_GET
def status(request, pk: int):
    payment = Payment.objects.select_related("dossier").filter(pk=pk, payer=request.user).first()
    if payment is None:
        raise Http404("Không tìm thấy giao dịch.")
    return render(request, "payments/_status.html", {"payment": payment})
