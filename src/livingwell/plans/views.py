"""The plan's pages. Each serves the team (/people/<id>/plan/...) and the person (/my/plan/...)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from livingwell.access.places import place_for, record_at
from livingwell.codes.plan import GOAL_STEP_FHIR
from livingwell.codes.record import Part
from livingwell.core.errors import NotFound
from livingwell.plans import selectors, services
from livingwell.plans.forms import (
    CrisisPlanForm,
    FirstConversationForm,
    GoalChangeForm,
    GoalForm,
    PlanSectionsForm,
    VersionedForm,
)
from livingwell.plans.presenters import PLAN_PAGE, page_context, plan_page


def _conflict(form: VersionedForm, conflict: services.PlanConflict) -> dict[str, Any]:
    """Keep what they typed, move them onto the latest version, and show what changed meanwhile."""
    data = dict(form.data.items())  # request.POST: one value for each of these fields
    data["version"] = str(conflict.version)
    form.data = data
    form.add_error(None, conflict.message)
    return {"conflict": conflict.changes}


def plan(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=None, why="Reading the plan")
    return render(request, PLAN_PAGE, plan_page(place, record))


SECTION_FORMS: dict[str, tuple[type[VersionedForm], Part, str]] = {
    "about": (PlanSectionsForm, Part.PLAN, "What matters, strengths and what helps"),
    "crisis": (CrisisPlanForm, Part.CRISIS, "Crisis and safety plan"),
}


@require_http_methods(["GET", "POST"])
def plan_sections(request: HttpRequest, group: str, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    if group not in SECTION_FORMS:
        raise NotFound("There is no such part of the plan.")
    form_class, part, heading = SECTION_FORMS[group]
    record = record_at(request, place, part=part, why="Changing the plan", change=True)
    plan = selectors.plan_or_new(record)
    sections = form_class.sections
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial={"version": plan.version, **{name: getattr(plan, name) for name in sections}},
    )
    extra: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.sections_change(
                record,
                base_version=form.cleaned_data["version"],
                changes={name: form.cleaned_data[name] for name in sections},
                why="Changing the plan",
            )
            messages.success(request, "The plan is saved")
            return redirect(place.url("plan"))
        except services.PlanConflict as conflict:
            extra = _conflict(form, conflict)
    return render(
        request,
        f"plans/sections_{group}.jinja",
        page_context(place, record, title=heading, form=form, **extra),
    )


@require_http_methods(["GET", "POST"])
def first_conversation(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.PLAN, why="The first conversation", change=True)
    plan = selectors.plan_or_new(record)
    initial: dict[str, Any] = {
        "version": plan.version,
        "what_matters": plan.what_matters,
        "strengths": plan.strengths,
    }
    for entry in plan.domains.all() if plan.pk else ():
        initial[f"{entry.domain}-how"] = entry.how_things_are
        initial[f"{entry.domain}-helped"] = entry.what_has_helped
    form = FirstConversationForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    extra: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.domains_change(
                record,
                base_version=form.cleaned_data["version"],
                entries=form.entries(),
                sections={
                    "what_matters": form.cleaned_data["what_matters"],
                    "strengths": form.cleaned_data["strengths"],
                },
                why="The first conversation",
            )
            messages.success(request, "The plan is saved")
            return redirect(place.url("plan"))
        except services.PlanConflict as conflict:
            extra = _conflict(form, conflict)
    title = "Your life, in your words" if place.own else f"Talking with {record.person.given_name}"
    return render(
        request,
        "plans/first_conversation.jinja",
        page_context(place, record, title=title, form=form, **extra),
    )


@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.GOALS, why="Adding a goal", change=True)
    plan = selectors.plan_or_new(record)
    form = GoalForm(
        request.POST if request.method == "POST" else None, initial={"version": plan.version}
    )
    if request.method == "POST" and form.is_valid():
        services.goal_add(
            record,
            base_version=form.cleaned_data["version"],
            description=form.cleaned_data["description"],
            domain=form.cleaned_data["domain"],
            why="Adding a goal",
        )
        messages.success(request, "Goal saved")
        return redirect(place.url("plan"))
    return render(
        request, "plans/goal.jinja", page_context(place, record, title="Add a goal", form=form)
    )


@require_http_methods(["GET", "POST"])
def goal_change(request: HttpRequest, goal_id: int, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.GOALS, why="Changing a goal", change=True)
    plan = selectors.plan_or_new(record)
    goal = selectors.goal_of(record, goal_id)
    form = GoalChangeForm(
        request.POST if request.method == "POST" else None,
        initial={
            "version": plan.version,
            "description": goal.description,
            "domain": goal.domain,
            "step": goal.step,
        },
    )
    extra: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("description", "domain")}
        step = form.cleaned_data["step"]
        if step != goal.step:  # an unchanged step keeps FHIR's finer statuses as they were
            fields["lifecycle_status"], fields["achievement_status"] = GOAL_STEP_FHIR[step]
        try:
            services.goal_change(
                record,
                goal_id=goal.pk,
                base_version=form.cleaned_data["version"],
                why="Changing a goal",
                **fields,
            )
            messages.success(request, "Goal saved")
            return redirect(place.url("plan"))
        except services.PlanConflict as conflict:
            extra = _conflict(form, conflict)
    return render(
        request,
        "plans/goal.jinja",
        page_context(place, record, title="Change a goal", form=form, goal=goal, **extra),
    )


def plan_history(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.HISTORY, why="Reading the plan's history")
    plan = selectors.plan_of(record)
    return render(
        request,
        "plans/history.jinja",
        page_context(
            place,
            record,
            title="Changes to your plan"
            if place.own
            else f"Changes to {record.person.given_name}'s plan",
            versions=selectors.versions(plan),
        ),
    )
