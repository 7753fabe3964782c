"""The directory's pages: the search anyone can use without an account, and each service's page.
Signed-in staff see the same pages in the team's layout (a person's plan links here)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from livingwell.core.errors import NotFound
from livingwell.network import presenters, selectors, services
from livingwell.network.forms import (
    CommunityAssetForm,
    DirectorySearchForm,
    ServiceForm,
    service_initial,
)


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
    editable = selectors.editable_organisations(request.user).filter(pk=service.organisation_id)
    shown = presenters.page(service, for_team=selectors.directory_editor(request.user) == "staff")
    return render(
        request,
        "network/service.jinja",
        {
            "title": shown.name,
            "service": shown,
            "can_change": editable.exists(),
            "active": "directory",
        },
    )


def _editor_or_not_found(request: HttpRequest) -> str:
    editor = selectors.directory_editor(request.user)
    if not editor:
        raise NotFound("Page not found.")
    return editor


@require_http_methods(["GET", "POST"])
def service_change(request: HttpRequest, service_id: str) -> HttpResponse:
    """Change a service's entry: staff any, a partner's members their own organisation's; anyone
    else is told it is not there."""
    service = selectors.editable_service(request.user, service_id)
    if request.method == "POST":
        form = ServiceForm(request.POST)
        if form.is_valid():
            services.service_change(actor=request.user, service=service, details=form.details())
            messages.success(request, f"Your changes to {form.cleaned_data['name']} are saved.")
            return redirect("directory-service", service.id)
    else:
        form = ServiceForm(initial=service_initial(services.details_of(service)))
    return render(
        request,
        "network/service_change.jinja",
        {
            "title": f"Change {service.name}",
            "form": form,
            "service": service,
            "changes": selectors.changes_of(service),
            "active": "directory",
        },
    )


@require_POST
def service_check(request: HttpRequest, service_id: str) -> HttpResponse:
    """Say the entry has been read and is still true."""
    service = selectors.editable_service(request.user, service_id)
    services.service_check(actor=request.user, service=service)
    messages.success(request, f"Thank you. {service.name} is marked as checked today.")
    if request.POST.get("next") == "list":
        return redirect("directory-needs-checking")
    return redirect("directory-service", service.id)


def needs_checking(request: HttpRequest) -> HttpResponse:
    """Entries nobody has checked for longer than the directory trusts them (staff see all, a
    partner their own organisation's), and a partner's own entries."""
    editor = _editor_or_not_found(request)
    page = Paginator(selectors.needs_checking(request.user), 50).get_page(request.GET.get("page"))
    own = selectors.own_services(request.user) if editor == "partner" else []
    return render(
        request,
        "network/needs_checking.jinja",
        {
            "title": "Directory entries to check"
            if editor == "staff"
            else "Your directory entries",
            "page": page,
            "own": own,
            "editor": editor,
            "months": round(selectors.check_after().days / 30.4),
            "active": "directory" if editor == "staff" else "directory-entries",
        },
    )


@require_http_methods(["GET", "POST"])
def community_asset_add(request: HttpRequest) -> HttpResponse:
    """Add a community place to the directory in a minute, from what a person said about it."""
    if _editor_or_not_found(request) != "staff":
        raise NotFound("Page not found.")
    form = CommunityAssetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        asset = form.asset()
        point = selectors.postcode_point(asset.postcode) if asset.postcode else None
        service = services.community_asset_add(
            actor=request.user,
            asset=asset,
            city=settings.DIRECTORY_CITY,
            county=settings.DIRECTORY_COUNTY,
            coordinates=point,
        )
        messages.success(
            request,
            f"{service.name} is in the directory. Add its opening times if you know them.",
        )
        return redirect("directory-service-change", service.id)
    return render(
        request,
        "network/community_asset_add.jinja",
        {"title": "Add a community place", "form": form, "active": "directory"},
    )
