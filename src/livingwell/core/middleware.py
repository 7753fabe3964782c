from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from livingwell.core.errors import ApplicationError, Forbidden

# The pages for people and their circles: they sign in at /sign-in/, without a security code.
PEOPLE_PAGES = ("/my/", "/shared/")


# Features the site never uses, turned off for it and anything it might ever embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PrivateAnswersMiddleware:
    """Nothing said to someone signed in is kept by a browser or a cache on the way (a shared
    computer, a proxy): every such answer (a page, the API, a FHIR file, a PDF) is sent `no-store`.

    "Signed in" is told from the session cookie, sent or being set, so this needs no database: it
    holds for error pages too, while the database is away. Every answer also gets the
    Permissions-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cookie = settings.SESSION_COOKIE_NAME
        if cookie in request.COOKIES or cookie in response.cookies:
            add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ApplicationErrorMiddleware:
    """Shows an ApplicationError raised anywhere in a page view as a proper page with its status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"message": exception.message, "detail": exception.detail}, status=exception.status
            )
        if isinstance(exception, Forbidden):
            people_page = request.path.startswith(PEOPLE_PAGES)
            if not request.user.is_authenticated:
                # Not signed in: sign in first, then come back. People and staff sign in apart.
                login_url = reverse("sign-in") if people_page else None
                return redirect_to_login(request.get_full_path(), login_url)
            if not people_page and not getattr(request.user, "is_verified", lambda: False)():
                # A team page without the second factor given yet.
                return redirect_to_login(request.get_full_path())
        return render(
            request,
            "core/error.jinja",
            {"title": exception.title, "message": exception.message},
            status=exception.status,
        )
