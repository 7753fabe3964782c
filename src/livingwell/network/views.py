"""The directory's pages: the search anyone can use without an account, and each service's page.
Signed-in staff see the same pages in the team's layout (a person's plan links here)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from livingwell.network import presenters, selectors
from livingwell.network.forms import DirectorySearchForm


def _page_number(request: HttpRequest) -> int:
    typed = request.GET.get("page", "1")
    return int(typed) if typed.isdigit() and 0 < len(typed) < 7 else 1


def directory(request: HttpRequest) -> HttpResponse:
    """Find support: by what it helps with, the words a person would use, near a postcode, open
    now, in a language, free or step-free. A GET form, so a search can be kept and shared."""
    asked = any(k in request.GET for k in ("q", "postcode", "domain", "only", "language"))
    data = request.GET.copy()
    data.setdefault("within", "3")
    form = DirectorySearchForm(data if asked else None, initial={"within": "3"})
    results = None
    if asked and form.is_valid():
        results = selectors.directory_search(form.search(), page=_page_number(request))
        for field, problem in results.problems.items():
            form.add_error(field, problem)
        if results.problems:
            results = None
    today = timezone.localdate()
    cards = [presenters.card(f, today=today) for f in results.found] if results else []
    kept = [(k, v) for k, v in request.GET.lists() if k != "page"] if results else []
    query = [(k, v) for k, values in kept for v in values]
    return render(
        request,
        "network/directory.jinja",
        {
            "title": "Find support near you",
            "form": form,
            "results": results,
            "cards": cards,
            "page_link": lambda n: "?" + urlencode([*query, ("page", n)]),
            "active": "directory",
        },
    )


def service_page(request: HttpRequest, service_id: str) -> HttpResponse:
    service = selectors.service_whole(service_id)  # NotFound is the site's 404 page
    shown = presenters.page(service)
    return render(
        request,
        "network/service.jinja",
        {"title": shown.name, "service": shown, "active": "directory"},
    )
