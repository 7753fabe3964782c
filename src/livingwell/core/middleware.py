from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from livingwell.core.errors import ApplicationError, Forbidden


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
        if (
            isinstance(exception, Forbidden)
            and not getattr(request.user, "is_verified", lambda: False)()
        ):
            # Not signed in (or the second factor not yet given): sign in first, then come back.
            return redirect_to_login(request.get_full_path())
        return render(
            request,
            "core/error.jinja",
            {"title": exception.title, "message": exception.message},
            status=exception.status,
        )
