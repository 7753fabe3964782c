"""The pages of warm introductions, for each of the three people in one.

- The team, with the person: choose a place from the directory and make the introduction; follow
  one that did not land; answer for a place with nobody signed up; say how it went on their word.
- The person, on their own pages: their introductions, and "Did you meet?".
- The organisation it was made to: the introductions made to it, each with what the person agreed
  to give it; seen, accepted or not (why, and what instead), and met.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from livingwell.access import policy
from livingwell.access.places import Place, place_for, record_at
from livingwell.access.policy import Record
from livingwell.codes.record import Part
from livingwell.core.errors import NotFound, Refused
from livingwell.network import presenters as directory_presenters
from livingwell.network.forms import DirectorySearchForm
from livingwell.network.models import Service
from livingwell.network.selectors import directory_search, service_whole
from livingwell.people.selectors import sharing_choice
from livingwell.plans.models import Goal
from livingwell.warm_introductions import presenters, selectors, services
from livingwell.warm_introductions.forms import (
    AcceptForm,
    FollowForm,
    HowItWentForm,
    NotAcceptedForm,
    VersionForm,
    WarmIntroductionForm,
)
from livingwell.warm_introductions.models import ContactWay, Landed, WarmIntroduction


def _team(request: HttpRequest, person_id: int, why: str) -> Record:
    return record_at(request, Place(own=False, person_id=person_id), part=Part.SUPPORT, why=why)


def _goal(record: Record, typed: str | None) -> Goal | None:
    if not typed or not typed.isdigit():
        return None
    return selectors.goal_of(record, int(typed))


def choose(request: HttpRequest, person_id: int) -> HttpResponse:
    """Where to introduce them: the directory's search, with the person, from their plan."""
    record = _team(request, person_id, "Choosing where to make a warm introduction")
    person = record.person
    goal = _goal(record, request.GET.get("goal"))
    asked = any(k in request.GET for k in ("q", "postcode", "domain"))
    data = request.GET.copy()
    data.setdefault("within", "3")
    form = DirectorySearchForm(
        data if asked else None,
        initial={
            "within": "3",
            "postcode": person.postcode,
            "domain": [goal.domain] if goal else [],
        },
    )
    cards = []
    if asked and form.is_valid():
        results = directory_search(form.search())
        for field, problem in results.problems.items():
            form.add_error(field, problem)
        today = timezone.localdate()
        cards = [directory_presenters.card(f, today=today) for f in results.found]
    return render(
        request,
        "warm_introductions/choose.jinja",
        {
            "title": f"Where would {person.given_name} like to be introduced?",
            "person": person,
            "goal": goal,
            "form": form,
            "asked": asked,
            "cards": cards,
            "follows": request.GET.get("follows", ""),
            "introduction": request.GET.get("introduction", "")
            if request.GET.get("introduction", "").isdigit()
            else "",
        },
    )


def warm_initial(record: Record, service: Service, *, goal: Goal | None) -> dict[str, Any]:
    """What the form starts with: the goal's words, who takes introductions, the person's phone
    (or email), and what they already share with the organisation."""
    person = record.person
    current = sharing_choice(record, member=None, organisation=service.organisation)
    return {
        "wants": goal.description if goal else "",
        "to_whom": service.introductions_to,
        "contact_way": ContactWay.PHONE if person.phone else "",
        "contact_detail": person.phone or person.email,
        "shares": current.parts if current else [],
    }


def new(request: HttpRequest, person_id: int, service_id: str) -> HttpResponse:
    """Make the introduction, with the person: what they want from it, how they would like to be
    contacted, and what they share with the organisation."""
    record = _team(request, person_id, "Making a warm introduction")
    person = record.person
    service = service_whole(service_id)
    goal = _goal(record, request.GET.get("goal"))
    follows = request.GET.get("follows", "")
    form = WarmIntroductionForm(
        request.POST if request.method == "POST" else None,
        initial=warm_initial(record, service, goal=goal),
    )
    if request.method == "POST" and form.is_valid():
        introducing = form.introducing(
            service_id=service.pk,
            goal_id=goal.pk if goal else None,
            domain=goal.domain if goal else "",
            follows_id=int(follows) if follows.isdigit() else None,
        )
        try:
            warm = services.warm_introduction_make(record, introducing)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, f"Warm introduction made to {service.name}. We will tell them today."
            )
            return redirect("warm-introduction", person.pk, warm.pk)
    return render(
        request,
        "warm_introductions/new.jinja",
        {
            "title": f"Introduce {person.given_name} to {service.name}",
            "person": person,
            "service": service,
            "form": form,
        },
    )


def introductions(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.SUPPORT, why="Reading their warm introductions")
    rows = selectors.of_person(record)
    today = timezone.localdate()
    return render(
        request,
        "warm_introductions/list.jinja",
        {
            "title": "Your warm introductions"
            if place.own
            else f"{record.person.given_name}'s warm introductions",
            "place": place,
            "person": record.person,
            "rows": [presenters.line(w, today=today, own=place.own) for w in rows],
        },
    )


def introduction(request: HttpRequest, warm_id: int, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.SUPPORT, why="Reading a warm introduction")
    return _introduction_page(request, place, record, selectors.one_of_person(record, warm_id))


def _introduction_page(
    request: HttpRequest,
    place: Place,
    record: Record,
    warm: WarmIntroduction,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    version = {"version": warm.version}
    shown = presenters.page(warm, own=place.own)
    answers_for_them = (
        not place.own and warm.is_open and not selectors.has_members(warm.organisation_id)
    )
    return render(
        request,
        "warm_introductions/introduction.jinja",
        {
            "title": shown.heading,
            "place": place,
            "person": record.person,
            "warm": warm,
            "shown": shown,
            "answers_for_them": answers_for_them,
            "receiver_action": lambda name: place.url("warm-introduction-act", warm.pk, name),
            "forms": {
                "seen": VersionForm(initial=version, prefix="seen"),
                "accept": AcceptForm(initial=version, prefix="accept"),
                "not_accepted": NotAcceptedForm(initial=version, prefix="not_accepted"),
                "how": HowItWentForm(initial=version, prefix="how"),
                "follow": FollowForm(initial=version, prefix="follow"),
                **(forms or {}),
            },
            # The form with problems, for the error summary at the top of the page.
            **({"form": next(iter(forms.values()))} if forms else {}),
        },
        status=status,
    )


def _seen(record: Record, warm_id: int, d: dict[str, Any]) -> str:
    services.warm_introduction_receive(record, warm_id, version=d["version"])
    return "Saved: it has been seen"


def _accept(record: Record, warm_id: int, d: dict[str, Any]) -> str:
    services.warm_introduction_accept(
        record, warm_id, version=d["version"], meeting_on=d["meeting_on"]
    )
    return "Saved: you will meet them"


def _not_accept(record: Record, warm_id: int, d: dict[str, Any]) -> str:
    services.warm_introduction_not_accept(
        record, warm_id, version=d["version"], why=d["why"], words=d["words"]
    )
    return "Saved. The key worker will see what you suggest instead."


def _met(record: Record, warm_id: int, d: dict[str, Any]) -> str:
    services.warm_introduction_met(record, warm_id, version=d["version"])
    return "Saved: you met"


def _how_it_went(record: Record, warm_id: int, d: dict[str, Any]) -> str:
    how, version = d["how"], d["version"]
    if how == "met":
        services.warm_introduction_met(record, warm_id, version=version)
        return "Saved: you met. We will ask again how it went."
    if how == "did-not-help":
        services.warm_introduction_did_not_help(record, warm_id, version=version, words=d["words"])
        return "Saved: it did not help. The key worker will talk about what could help instead."
    services.warm_introduction_landed(record, warm_id, version=version, how=how)
    return "Saved: it landed." if how == Landed.HELPED else "Saved: you chose to stop there."


def _follow(record: Record, warm_id: int, d: dict[str, Any]) -> str:
    step = services.warm_introduction_follow(
        record, warm_id, version=d["version"], what=d["what"], due_on=d["due_on"]
    )
    return f"Next step saved: {step.what}"


Act = Callable[[Record, int, dict[str, Any]], str]
# What each button does: its form, the name the page knows the form by, and the change.
RECEIVER_ACTS: dict[str, tuple[type[VersionForm], str, Act]] = {
    "seen": (VersionForm, "seen", _seen),
    "accept": (AcceptForm, "accept", _accept),
    "not-accepted": (NotAcceptedForm, "not_accepted", _not_accept),
    "met": (VersionForm, "seen", _met),
}
PERSON_ACTS: dict[str, tuple[type[VersionForm], str, Act]] = {
    "how-it-went": (HowItWentForm, "how", _how_it_went),
}
TEAM_ACTS: dict[str, tuple[type[VersionForm], str, Act]] = {
    **RECEIVER_ACTS,
    **PERSON_ACTS,
    "follow": (FollowForm, "follow", _follow),
}


def _acted(
    request: HttpRequest,
    record: Record,
    warm_id: int,
    chosen: tuple[type[VersionForm], str, Act],
    back: str,
    again: Callable[[WarmIntroduction, dict[str, Any]], HttpResponse],
) -> HttpResponse:
    """Do the change with the form's data, then back to `back`; a form with problems, or a change
    refused, shows the page again (`again`) with what was typed and the reason."""
    form_class, key, change = chosen
    form = form_class(request.POST, prefix=key)
    if form.is_valid():
        try:
            said = change(record, warm_id, form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, said)
            return redirect(back)
    return again(selectors.one_of_person(record, warm_id), {key: form})


@require_POST
def act(
    request: HttpRequest, warm_id: int, action: str, person_id: int | None = None
) -> HttpResponse:
    """Something the person or their team says or does about one of the person's introductions."""
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.SUPPORT, why="Changing a warm introduction")
    chosen = (PERSON_ACTS if place.own else TEAM_ACTS).get(action)
    if chosen is None:
        raise NotFound("We could not find that page.")
    return _acted(
        request,
        record,
        warm_id,
        chosen,
        place.url("warm-introduction", warm_id),
        lambda warm, forms: _introduction_page(request, place, record, warm, forms, status=400),
    )


# --- The organisation it was made to ------------------------------------------------------------


def received_list(request: HttpRequest) -> HttpResponse:
    member = policy.partner_for(request.user)
    rows = selectors.to_organisation(member)
    policy.record_partner_listing(member, [w.person_id for w in rows])
    today = timezone.localdate()
    return render(
        request,
        "warm_introductions/received_list.jinja",
        {
            "title": f"Warm introductions to {member.organisation.name}",
            "active": "received",
            "rows": [presenters.received_line(w, today=today) for w in rows],
        },
    )


def _receiver(request: HttpRequest, warm_id: int, why: str) -> Record:
    member = policy.partner_for(request.user)
    return policy.record_for_receiver(
        request.user,
        selectors.person_of(warm_id, member),
        organisation_id=member.organisation_id,
        why=why,
        what="a warm introduction made to them",
    )


def received(request: HttpRequest, warm_id: int) -> HttpResponse:
    record = _receiver(request, warm_id, "Reading a warm introduction made to us")
    return _partner_page(request, record, selectors.one_of_person(record, warm_id))


def _partner_page(
    request: HttpRequest,
    record: Record,
    warm: WarmIntroduction,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    version = {"version": warm.version}
    return render(
        request,
        "warm_introductions/received.jinja",
        {
            "title": f"{record.person.name}, introduced to {warm.service.name}",
            "person": record.person,
            "warm": warm,
            "shown": presenters.received_page(warm),
            "shares_anything": bool(record.readable),
            "receiver_action": lambda name: reverse(
                "received-introduction-act", args=[warm.pk, name]
            ),
            "forms": {
                "seen": VersionForm(initial=version, prefix="seen"),
                "accept": AcceptForm(initial=version, prefix="accept"),
                "not_accepted": NotAcceptedForm(initial=version, prefix="not_accepted"),
                **(forms or {}),
            },
            **({"form": next(iter(forms.values()))} if forms else {}),
        },
        status=status,
    )


@require_POST
def received_act(request: HttpRequest, warm_id: int, action: str) -> HttpResponse:
    record = _receiver(request, warm_id, "Answering a warm introduction made to us")
    chosen = RECEIVER_ACTS.get(action)
    if chosen is None:
        raise NotFound("We could not find that page.")
    return _acted(
        request,
        record,
        warm_id,
        chosen,
        reverse("received-introduction", args=[warm_id]),
        lambda warm, forms: _partner_page(request, record, warm, forms, status=400),
    )
