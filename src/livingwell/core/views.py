"""Pages for errors, so nobody ever sees a stack trace.

They are drawn from the template alone: no session, no signed-in user, no database. So they work for
a request that never got that far (a bad Host header is refused before anyone is signed in) and while
the database is away (a restart), and every one shows where to get urgent help.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, value: str | None) -> str:
    """Where to go after signing in, if it is a page on this site; otherwise nothing."""
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return ""


def error_page(title: str, message: str, *, status: int) -> HttpResponse:
    """Our error page with the public header and the urgent-help numbers, from nothing but words.

    The template is rendered without the request, so no context processor runs (they read who is
    signed in). Scripts still load: the page's policy allows our own ('self') without a nonce."""
    page = loader.get_template("core/error.jinja").render({"title": title, "message": message})
    return HttpResponse(page, status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        "Page not found",
        "If you typed the web address, check it is correct. "
        "If you pasted the web address, check you copied the entire address.",
        status=404,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        "You cannot see this page", "Your account does not give you access to it.", status=403
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        "Sorry, there is a problem", "We could not understand that request.", status=400
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(
        "Sorry, there is a problem with the service",
        "Try again later. Nothing you typed has been lost on our side if you "
        "saw no confirmation: you can send it again safely.",
        status=500,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(
        "Sorry, this page timed out",
        "Go back, refresh the page and send the form again. "
        "This can happen if the page was open for a long time.",
        status=403,
    )
