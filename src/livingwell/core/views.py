"""Pages for errors, so nobody ever sees a stack trace."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "Page not found",
            "message": "If you typed the web address, check it is correct. "
            "If you pasted the web address, check you copied the entire address.",
        },
        status=404,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "You cannot see this page",
            "message": "Your account does not give you access to it.",
        },
        status=403,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {"title": "Sorry, there is a problem", "message": "We could not understand that request."},
        status=400,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "Sorry, there is a problem with the service",
            "message": "Try again later. Nothing you typed has been lost on our side if you "
            "saw no confirmation: you can send it again safely.",
        },
        status=500,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "Sorry, this page timed out",
            "message": "Go back, refresh the page and send the form again. "
            "This can happen if the page was open for a long time.",
        },
        status=403,
    )
