"""A person's record, for their team: who they are, their introductions, conversations and support."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from livingwell.access import policy
from livingwell.core.presenters import url_maker
from livingwell.frontdoor import services as frontdoor_services
from livingwell.frontdoor.forms import ConversationForm
from livingwell.people import selectors, services
from livingwell.people.forms import KeyWorkerForm, SupportStartForm
from livingwell.people.presenters import person_rows
from livingwell.team.selectors import possible_key_workers


def person(request: HttpRequest, person_id: int) -> HttpResponse:
    found = policy.person_for(request.user, person_id, why="Opening their record")
    periods = list(selectors.support_periods(found))
    return render(
        request,
        "people/person.jinja",
        {
            "title": found.name,
            "person": found,
            "rows": person_rows(found),
            "support": next((p for p in periods if p.ended_on is None), None),
            "support_periods": periods,
            "introductions": list(selectors.introductions(found)),
            "conversations": list(selectors.conversations(found)),
        },
    )


@require_http_methods(["GET", "POST"])
def support_start(request: HttpRequest, person_id: int) -> HttpResponse:
    member = policy.staff_for(request.user)
    found = policy.person_for(request.user, person_id, why="Starting support")
    form = SupportStartForm(request.POST or None, key_workers=possible_key_workers(found.team_id))
    if request.method == "POST" and form.is_valid():
        services.support_start(actor=member, person=found, **form.cleaned_data)
        return redirect("person", found.pk)
    return render(
        request,
        "people/support_start.jinja",
        {"title": f"Start support for {found.name}", "person": found, "form": form},
    )


@require_http_methods(["GET", "POST"])
def key_worker_change(request: HttpRequest, person_id: int) -> HttpResponse:
    member = policy.staff_for(request.user)
    found = policy.person_for(request.user, person_id, why="Naming a key worker")
    current = selectors.open_support_period(found)
    form = KeyWorkerForm(
        request.POST or None,
        key_workers=possible_key_workers(found.team_id),
        initial={"key_worker": current.key_worker_id if current else None},
    )
    if request.method == "POST" and form.is_valid():
        services.key_worker_change(actor=member, person=found, **form.cleaned_data)
        return redirect("person", found.pk)
    return render(
        request,
        "people/key_worker.jinja",
        {"title": f"Change {found.given_name}'s key worker", "person": found, "form": form},
    )


@require_http_methods(["GET", "POST"])
def conversation_record(request: HttpRequest, person_id: int) -> HttpResponse:
    """A conversation with someone already known to the team (not answering an introduction)."""
    member = policy.staff_for(request.user)
    found = policy.person_for(request.user, person_id, why="Recording a conversation")
    form = ConversationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        frontdoor_services.conversation_record(actor=member, person=found, **form.cleaned_data)
        return redirect("person", found.pk)
    return render(
        request,
        "frontdoor/conversation_record.jinja",
        {
            "title": f"Record a conversation with {found.name}",
            "back_href": url_maker("person")(found.pk),
            "form": form,
        },
    )


ACCESS_LOG_PAGE = 500


def access_log(request: HttpRequest, person_id: int) -> HttpResponse:
    found, entries = policy.access_log_for(request.user, person_id)
    return render(
        request,
        "people/access_log.jinja",
        {
            "title": f"Who has seen {found.given_name}'s record",
            "person": found,
            "entries": entries[:ACCESS_LOG_PAGE],
            "total": entries.count(),
            "shown": ACCESS_LOG_PAGE,
        },
    )
