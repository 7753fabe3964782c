"""A person's record, for their team: who they are, their introductions, conversations and support."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from livingwell.access import policy
from livingwell.access.policy import Record
from livingwell.codes.record import Part, Relation
from livingwell.core.presenters import url_maker
from livingwell.frontdoor import selectors as frontdoor_selectors
from livingwell.frontdoor import services as frontdoor_services
from livingwell.frontdoor.forms import ConversationForm
from livingwell.frontdoor.models import OPEN_STATUSES
from livingwell.instruments import REGISTRY
from livingwell.measures import selectors as measures_selectors
from livingwell.measures.wording import offered
from livingwell.people import selectors, services
from livingwell.people.forms import KeyWorkerForm, SupportEndForm, SupportStartForm, WorryForm
from livingwell.people.presenters import person_rows
from livingwell.team.selectors import possible_key_workers
from livingwell.warm_introductions import presenters as warm_presenters
from livingwell.warm_introductions import selectors as warm_selectors


def team_record(request: HttpRequest, person_id: int, *, why: str, change: bool = False) -> Record:
    """The record, for a page of the team's (`change`: one that changes the person's support).
    Opening it is a look at their record."""
    return policy.record_for(
        request.user,
        person_id,
        part=Part.SUPPORT,
        change=change,
        why=why,
        what="their record",
        only=Relation.TEAM,
    )


def person(request: HttpRequest, person_id: int) -> HttpResponse:
    policy.staff_for(request.user)
    record = team_record(request, person_id, why="Opening their record")
    found = record.person
    periods = list(selectors.support_periods(found))
    support = next((p for p in periods if p.ended_on is None), None)
    introductions = list(frontdoor_selectors.introductions_of(record))
    return render(
        request,
        "record/person.jinja",
        {
            "title": found.name,
            "person": found,
            "rows": person_rows(found),
            "support": support,
            "sharing": selectors.shared_with_whom(record),
            "coming_back": support is None
            and any(p.ended_on for p in periods)
            and any(i.status in OPEN_STATUSES for i in introductions),
            "support_periods": periods,
            "review": measures_selectors.review_of(record, today=timezone.localdate()),
            "introductions": introductions,
            "conversations": list(frontdoor_selectors.conversations_of(record)),
            "worry": selectors.worry_of(record),
            "worry_form": WorryForm(),
            "warm_introductions": [
                warm_presenters.line(w, today=timezone.localdate(), own=False)
                for w in warm_selectors.of_person(record)
            ],
            "next_steps": list(selectors.next_steps_of(record)),
            "messages_to_team": selectors.messages_of(record),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def support_start(request: HttpRequest, person_id: int) -> HttpResponse:
    policy.staff_for(request.user)
    record = team_record(request, person_id, why="Starting support", change=True)
    found = record.person
    form = SupportStartForm(
        request.POST if request.method == "POST" else None,
        key_workers=possible_key_workers(found.team_id),
        initial={"started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        period = services.support_start(record, **form.cleaned_data)
        messages.success(request, f"Support started, with {period.key_worker.name} as key worker")
        return redirect("person", found.pk)
    return render(
        request,
        "record/support_start.jinja",
        {"title": f"Start support for {found.name}", "person": found, "form": form},
    )


@require_http_methods(["GET", "POST"])
def key_worker_change(request: HttpRequest, person_id: int) -> HttpResponse:
    policy.staff_for(request.user)
    record = team_record(request, person_id, why="Naming a key worker", change=True)
    found = record.person
    current = selectors.open_support_period(found)
    form = KeyWorkerForm(
        request.POST if request.method == "POST" else None,
        key_workers=possible_key_workers(found.team_id),
        initial={"key_worker": current.key_worker_id if current else None},
    )
    if request.method == "POST" and form.is_valid():
        period = services.key_worker_change(record, **form.cleaned_data)
        messages.success(request, f"Key worker changed to {period.key_worker.name}")
        return redirect("person", found.pk)
    return render(
        request,
        "record/key_worker.jinja",
        {"title": f"Change {found.given_name}'s key worker", "person": found, "form": form},
    )


@require_http_methods(["GET", "POST"])
def conversation_record(request: HttpRequest, person_id: int) -> HttpResponse:
    """A conversation with someone already known to the team (not answering an introduction)."""
    policy.staff_for(request.user)
    record = team_record(request, person_id, why="Recording a conversation", change=True)
    found = record.person
    form = ConversationForm(
        request.POST if request.method == "POST" else None,
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        frontdoor_services.conversation_record(record, **form.cleaned_data)
        messages.success(request, "Conversation saved")
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


@require_http_methods(["GET", "POST"])
def support_end(request: HttpRequest, person_id: int) -> HttpResponse:
    """End support, as agreed with the person. The plan stays for when they come back."""
    policy.staff_for(request.user)
    record = team_record(request, person_id, why="Ending support", change=True)
    found = record.person
    current = selectors.open_support_period(found)
    form = SupportEndForm(
        request.POST if request.method == "POST" else None,
        initial={"ended_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        services.support_end(record, **form.cleaned_data)
        messages.success(
            request, f"Support ended. {found.given_name}'s plan stays, for if they come back"
        )
        return redirect("person", found.pk)
    return render(
        request,
        "record/support_end.jinja",
        {
            "title": f"End support for {found.name}",
            "person": found,
            "support": current,
            "offered": [(key, REGISTRY[key].label) for key in offered()],
            "form": form,
        },
    )


@require_POST
def message_read(request: HttpRequest, person_id: int, message_id: int) -> HttpResponse:
    """Someone on the team has read the person's message: it comes off the board."""
    policy.staff_for(request.user)
    record = policy.record_for(
        request.user,
        person_id,
        part=Part.MESSAGES,
        change=True,
        why="Reading a message from the person",
        what="their messages to the team",
        only=Relation.TEAM,
    )
    services.message_read(record, message_id=message_id)
    messages.success(request, "Marked as read. It is off the board")
    return redirect("person", record.person.pk)


@require_POST
def worry(request: HttpRequest, person_id: int) -> HttpResponse:
    """Anyone on the team says they are worried about the person (with a note), or that the worry
    has passed."""
    record = team_record(request, person_id, why="Saying the team is worried", change=True)
    if "clear" in request.POST:
        services.worry_clear(record)
        messages.success(
            request, f"Saved: the team is no longer worried about {record.person.given_name}"
        )
        return redirect("person", person_id)
    form = WorryForm(request.POST)
    if form.is_valid():
        services.worry_raise(record, note=form.cleaned_data["note"])
        messages.success(request, "Saved. The huddle shows it until someone clears it.")
        return redirect("person", person_id)
    messages.error(request, "Enter what you are worried about")
    return redirect("person", person_id)
