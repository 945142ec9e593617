"""Sign-up for citizens and organisations: the ID number (or tax code) is the username.

A national identity provider (VNeID) would sign people in through OpenID Connect instead;
that login lands on the same account kinds, so nothing else of the portal changes. Sign-ups
are rate-limited per address, like every public form that creates rows.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from accounts.models import User
from accounts.views import safe_next_url
from dossiers.models import ApplicantKind
from motcua import ratelimit
from portal.forms import SignupForm

SIGNUPS_PER_ADDRESS = ratelimit.Limit("signup.address", 20, 3600)


@sensitive_post_parameters("password1", "password2")
def signup(request):
    if request.user.is_authenticated:
        return redirect("portal:mine")
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        who = ratelimit.client_ip(request)
        wait = ratelimit.retry_after(SIGNUPS_PER_ADDRESS, who)
        if wait:
            form.add_error(None, ratelimit.message(wait))
            status = 429
        else:
            # Every attempt counts: "this number has an account" must not be probed at will.
            ratelimit.hit(SIGNUPS_PER_ADDRESS, who)
        if not wait and form.is_valid():
            user = _create(form.cleaned_data)
            if user is None:
                form.add_error("id_number", "Số này đã có tài khoản. Vui lòng đăng nhập.")
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, "Đã tạo tài khoản. Bạn có thể nộp hồ sơ trực tuyến và theo dõi hồ sơ của "
                                          "mình tại mục “Hồ sơ của tôi”.")
                return redirect(safe_next_url(request) if request.GET.get("next") else "portal:mine")
    return render(request, "portal/signup.html", {"form": form, "next": request.GET.get("next", "")}, status=status)


def _create(data: dict) -> User | None:
    organisation = data["kind"] == ApplicantKind.ORGANISATION
    number = data["id_number"]
    user = User(username=number, kind=User.Kind.ORGANISATION if organisation else User.Kind.CITIZEN,
                full_name=data["full_name"].strip(), phone=data["phone"], email=data["email"])
    if organisation:
        user.tax_code = number
    else:
        user.citizen_id = number
    user.set_password(data["password1"])
    try:
        with transaction.atomic():  # two sign-ups racing for one number: one wins, the other is told
            user.save()
    except IntegrityError:
        return None
    return user
