"""The lists a key worker works from: "My people", a search of the team's people, and next steps."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from livingwell.access import policy
from livingwell.core.presenters import url_maker
from livingwell.frontdoor import caseload
from livingwell.people import services
from livingwell.people.forms import NextStepForm
from livingwell.record.person_views import team_record
from livingwell.team.selectors import possible_key_workers

# A next step is usually agreed for about a week's time: the form starts there.
NEXT_STEP_DAYS = 7


def my_people(request: HttpRequest) -> HttpResponse:
    """The people the signed-in key worker supports, with when they last talked and what is next."""
    sort = request.GET.get("sort", "next-step")
    if sort not in caseload.MY_PEOPLE_SORTS:
        sort = "next-step"
    found = caseload.my_people(request.user, sort=sort, number=request.GET.get("page"))
    return render(
        request,
        "record/my_people.jinja",
        {
            "title": "My people",
            "active": "my-people",
            "page": found.page,
            "rows": found.rows,
            "sort": sort,
            "sorts": caseload.MY_PEOPLE_SORTS,
            "today": timezone.localdate(),
            "person_href": url_maker("person"),
        },
    )


def people_search(request: HttpRequest) -> HttpResponse:
    """Find anyone the team supports or has been introduced to."""
    search = caseload.people_search(request.user, request.GET.get("q", ""))
    return render(
        request,
        "record/people_search.jinja",
        {
            "title": "Find a person",
            "active": "search",
            "search": search,
            "person_href": url_maker("person"),
        },
    )


@require_http_methods(["GET", "POST"])
def next_step_new(request: HttpRequest, person_id: int) -> HttpResponse:
    member = policy.staff_for(request.user)
    record = team_record(request, person_id, why="Agreeing a next step", change=True)
    found = record.person
    form = NextStepForm(
        request.POST if request.method == "POST" else None,
        team=possible_key_workers(found.team_id),
        initial={
            "due_on": timezone.localdate() + dt.timedelta(days=NEXT_STEP_DAYS),
            "by": str(member.pk),
        },
    )
    if request.method == "POST" and form.is_valid():
        step = services.next_step_add(
            record, what=form.cleaned_data["what"], due_on=form.cleaned_data["due_on"], **form.who()
        )
        messages.success(request, f"Next step saved: {step.what}, by {step.who}")
        return redirect("person", found.pk)
    return render(
        request,
        "record/next_step.jinja",
        {"title": f"Agree a next step with {found.given_name}", "person": found, "form": form},
    )


@require_POST
def next_step_done(request: HttpRequest, person_id: int, step_id: int) -> HttpResponse:
    record = team_record(request, person_id, why="Saying a next step is done", change=True)
    step = services.next_step_done(record, step_id=step_id)
    messages.success(request, f"Done: {step.what}")
    return redirect("person", record.person.pk)
