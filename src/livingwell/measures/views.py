"""The pages of a person's measures, on the team's side (/people/<id>/measures/) and on the
person's own (/my/measures/): their progress, filling in a questionnaire or rating goals, and one
questionnaire with its answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from livingwell.access import policy
from livingwell.access.places import Place, place_for, record_at
from livingwell.access.policy import Record
from livingwell.codes.record import Part
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.instruments import REGISTRY
from livingwell.measures import presenters, selectors, services
from livingwell.measures.forms import GoalRatingsForm, QuestionnaireForm, ReviewWeeksForm
from livingwell.measures.models import GOAL_RATINGS
from livingwell.measures.wording import offered, wording_for
from livingwell.team.models import StaffRole


def progress(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.MEASURES, why="Reading their measures")
    measures = selectors.of_person(record)
    today = timezone.localdate()
    return render(
        request,
        "measures/progress.jinja",
        {
            "title": "Your progress" if place.own else f"{record.person.given_name}'s progress",
            "place": place,
            "person": record.person,
            "progress": presenters.progress(measures, own=place.own),
            "measures": list(reversed(measures)),
            "review": selectors.review_of(record, today=today),
            "today": today,
            "can_fill_in": selectors.open_period(record) is not None,
            "offered": [(key, REGISTRY[key].label) for key in offered()],
            "day_words": presenters.day_words,
        },
    )


@require_http_methods(["GET", "POST"])
def measure_new(
    request: HttpRequest, instrument: str, person_id: int | None = None
) -> HttpResponse:
    """Fill in a questionnaire, or rate each goal: with the key worker, or on the person's own."""
    place = place_for(request, person_id)
    posting = request.method == "POST"
    record = record_at(
        request,
        place,
        part=Part.MEASURES,
        why="Rating goals" if instrument == GOAL_RATINGS else "Filling in a questionnaire",
        change=posting,
    )
    initial = {
        "timepoint": request.GET.get("timepoint") or selectors.next_timepoint(record, instrument),
        "taken_on": timezone.localdate(),
    }
    data = request.POST if posting else None
    form: QuestionnaireForm | GoalRatingsForm
    if instrument == GOAL_RATINGS:
        goals = selectors.goals_to_rate(record)
        form = GoalRatingsForm(data, initial=initial, goals=goals)
        label = "Goal ratings"
    else:
        wording = wording_for(instrument)
        if wording is None:
            raise NotFound("This site does not offer that questionnaire.")
        form = QuestionnaireForm(data, initial=initial, wording=wording)
        label = REGISTRY[instrument].label
    if posting and form.is_valid():
        taking = services.Taking(
            timepoint=form.cleaned_data["timepoint"], taken_on=form.cleaned_data["taken_on"]
        )
        try:
            if isinstance(form, GoalRatingsForm):
                services.goal_ratings_record(record, taking=taking, ratings=form.ratings())
            else:
                services.questionnaire_record(
                    record,
                    instrument=instrument,
                    taking=taking,
                    responses=form.responses(),
                    more_help=form.more_help(),
                )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, f"{label} saved")
            return redirect(place.url("measures"))
    return _form_page(request, place, record, form, instrument=instrument, label=label)


def _form_page(
    request: HttpRequest,
    place: Place,
    record: Record,
    form: QuestionnaireForm | GoalRatingsForm,
    *,
    instrument: str,
    label: str,
) -> HttpResponse:
    context: dict[str, Any] = {
        "title": label,
        "place": place,
        "person": record.person,
        "form": form,
        "instrument": instrument,
        "hints": presenters.TIMEPOINT_HINTS,
    }
    template = "measures/goal_ratings.jinja"
    if isinstance(form, QuestionnaireForm):
        template = "measures/questionnaire.jinja"
        context["wording"] = form.wording
    return render(request, template, context, status=400 if form.errors else 200)


def measure(request: HttpRequest, measure_id: int, person_id: int | None = None) -> HttpResponse:
    """One questionnaire or round of ratings, with every answer as given and its score."""
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.MEASURES, why="Reading a questionnaire")
    found = selectors.one_of_person(record, measure_id)
    context: dict[str, Any] = {
        "place": place,
        "person": record.person,
        "measure": found,
        "day": presenters.day_words(found.taken_on),
    }
    if found.is_goal_ratings:
        context["title"] = f"Goal ratings, {context['day']}"
    else:
        instrument = REGISTRY[found.instrument]
        context["title"] = f"{instrument.label}, {context['day']}"
        context["score"] = presenters.score_of(found)
        context["answers"] = presenters.answers(found, wording_for(found.instrument))
    return render(request, "measures/measure.jinja", context)


@require_http_methods(["GET", "POST"])
def review_weeks(request: HttpRequest) -> HttpResponse:
    """How often the team reviews people's measures with them. A team lead changes it; everyone on
    the team reads it."""
    member = policy.staff_for(request.user)
    posting = request.method == "POST"
    is_team_lead = member.role == StaffRole.TEAM_LEAD
    if posting and not is_team_lead:
        raise Forbidden("Only a team lead can change how often the team reviews.")
    form = ReviewWeeksForm(
        request.POST if posting else None, initial={"weeks": member.team.review_weeks}
    )
    if posting and form.is_valid():
        services.review_weeks_set(member, form.cleaned_data["weeks"])
        messages.success(
            request, f"Saved: the team reviews every {form.cleaned_data['weeks']} weeks"
        )
        return redirect("review-weeks")
    return render(
        request,
        "measures/review_weeks.jinja",
        {
            "title": "How often the team reviews",
            "active": "huddle",
            "form": form,
            "weeks": member.team.review_weeks,
            "is_team_lead": is_team_lead,
        },
        status=400 if form.errors else 200,
    )
