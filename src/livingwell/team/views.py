"""Staff sign-in: a password, then a 6 digit code from an authenticator app (TOTP).

Failed passwords are counted by django-axes and locked out after AXES_FAILURE_LIMIT tries; failed codes
are slowed down by django-otp's own throttling on the device.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from livingwell.core.views import safe_next
from livingwell.team.forms import SecurityCodeForm, SignInForm
from livingwell.team.selectors import confirmed_device

PENDING_USER = "sign_in_pending_user"
NEXT = "sign_in_next"


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        request.session[NEXT] = safe_next(request, request.GET.get("next"))
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is None:
            form.add_error(None, "The username or password is not right. Check them and try again.")
        else:
            # Not signed in yet: the second factor comes first.
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            return redirect("staff-security-code")
    return render(request, "team/sign_in.jinja", {"title": "Sign in", "form": form})


@require_http_methods(["GET", "POST"])
def security_code(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(PENDING_USER)
    device = confirmed_device(user_id)
    if device is None:
        return redirect("staff-sign-in")
    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"].strip()):
            user = device.user
            login(request, user, backend="livingwell.team.backends.StaffBackend")
            otp_login(request, device)
            request.session.pop(PENDING_USER, None)
            # Partners see what people share with their organisation; the team, the board.
            home = "/shared/" if hasattr(user, "organisation_member") else "/board/"
            return redirect(safe_next(request, request.session.pop(NEXT, None)) or home)
        if not allowed:
            form.add_error("code", "Too many wrong codes. Wait a minute, then try the newest code.")
        else:
            form.add_error(
                "code", "The security code is not right. Try the newest code in your app."
            )
    return render(
        request, "team/security_code.jinja", {"title": "Enter your security code", "form": form}
    )


def signin_locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What django-axes shows after too many failed sign-ins."""
    return render(
        request,
        "core/error.jinja",
        {
            "title": "Too many tries",
            "message": "You have tried to sign in too many times. Wait 15 minutes and try again, "
            "or ask your team lead to reset your account.",
        },
        status=429,
    )
