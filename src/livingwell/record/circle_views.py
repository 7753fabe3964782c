"""The circle of support, what the person shares and their contact details: for the team and for the
person themself."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from livingwell.access import invitations, policy
from livingwell.access.places import place_for, record_at
from livingwell.access.policy import Record
from livingwell.codes.record import Part, Relation
from livingwell.core.errors import NotFound
from livingwell.measures.presenters import shared_progress
from livingwell.network.models import Organisation
from livingwell.outbox.services import circle_member_reach
from livingwell.people import selectors, services
from livingwell.people.forms import CircleMemberForm, ContactDetailsForm, SharingForm
from livingwell.people.models import CircleMember
from livingwell.plans import services as plan_services
from livingwell.plans.selectors import plan_view, sharing_table


@require_http_methods(["GET", "POST"])
def circle(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    """Who is in the circle, and a form to add someone."""
    place = place_for(request, person_id)
    adding = request.method == "POST"
    record = record_at(
        request,
        place,
        part=Part.CIRCLE,
        why="Adding to the circle" if adding else "Looking at the circle of support",
        change=adding,
    )
    form = CircleMemberForm(request.POST if adding else None)
    if adding and form.is_valid():
        added = services.circle_member_add(record, **form.cleaned_data)
        messages.success(request, f"{added.name} is added to the circle of support")
        return redirect(place.url("circle"))
    return render(
        request,
        "record/circle.jinja",
        {
            "title": "Your circle of support"
            if place.own
            else f"{record.person.given_name}'s circle of support",
            "place": place,
            "person": record.person,
            "members": selectors.circle_of(record),
            "form": form,
        },
    )


def sharing(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    """Who can see what: every person in the circle and every organisation."""
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.SHARING, why="Checking what is shared")
    return render(
        request,
        "record/sharing.jinja",
        {
            "title": "Who can see your plan"
            if place.own
            else f"What {record.person.given_name} shares, and with whom",
            "place": place,
            "person": record.person,
            "rows": sharing_table(record),
            "organisations": selectors.organisations_not_shared_with(record),
        },
    )


def _recipient(
    record: Record, kind: str, recipient_id: int
) -> tuple[CircleMember | None, Organisation | None, str]:
    """Who a sharing choice is for: someone in the person's circle, or an organisation."""
    if kind == "circle":
        member = selectors.circle_member_of(record, recipient_id)
        return member, None, member.name
    if kind == "organisation":
        organisation = selectors.organisation(recipient_id)
        return None, organisation, organisation.name
    raise NotFound("We could not find who you want to share with.")


@require_http_methods(["GET", "POST"])
def sharing_change(
    request: HttpRequest, kind: str, recipient_id: int, person_id: int | None = None
) -> HttpResponse:
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.SHARING, why="Choosing what to share", change=True)
    member, organisation, name = _recipient(record, kind, recipient_id)
    current = selectors.sharing_choice(record, member=member, organisation=organisation)
    form = SharingForm(
        request.POST if request.method == "POST" else None,
        initial={"parts": current.parts if current else []},
    )
    # Someone in the circle with an account can be told there is more to see, if the person wants.
    can_tell = member is not None and circle_member_reach(member) is not None
    if request.method == "POST" and form.is_valid():
        shared = plan_services.sharing_choose(
            record,
            parts=form.cleaned_data["parts"],
            circle_member=member,
            organisation=organisation,
            tell=can_tell and form.cleaned_data["tell"],
        )
        saved = f"What {name} can see is saved."
        if shared.told:
            saved += f" We have sent {name} a message to say there is more to see."
        elif can_tell and form.cleaned_data["tell"]:
            saved += f" No message was sent: you are not sharing anything new with {name}."
        messages.success(request, saved)
        return redirect(place.url("sharing"))
    return render(
        request,
        "record/sharing_change.jinja",
        {
            "title": f"What can {name} see?",
            "place": place,
            "person": record.person,
            "name": name,
            "kind": kind,
            "recipient_id": recipient_id,
            "review": current.review_note if current else "",
            "form": form,
            "told": plan_services.circle_told_words(record.person).plain if can_tell else "",
        },
    )


def sharing_preview(
    request: HttpRequest, kind: str, recipient_id: int, person_id: int | None = None
) -> HttpResponse:
    """Exactly what one recipient sees, built by the code that builds their own page."""
    place = place_for(request, person_id)
    record = record_at(
        request,
        place,
        part=Part.SHARING,
        why="Checking what someone can see",
        what="what someone they share with sees of their record",
    )
    member, organisation, name = _recipient(record, kind, recipient_id)
    current = selectors.sharing_choice(record, member=member, organisation=organisation)
    relation = Relation.CIRCLE if member is not None else Relation.ORGANISATION
    seen = policy.as_shared_with(record, relation, current.parts if current else ())
    return render(
        request,
        "record/sharing_preview.jinja",
        {
            "title": f"What {name} sees",
            "place": place,
            "person": record.person,
            "name": name,
            "kind": kind,
            "recipient_id": recipient_id,
            "has_account": organisation is not None or bool(member and member.user_id),
            "view": plan_view(seen),
            "progress": shared_progress(seen),
        },
    )


@require_http_methods(["GET", "POST"])
def invite(
    request: HttpRequest, person_id: int | None = None, member_id: int | None = None
) -> HttpResponse:
    """Make a one-time link for the person (from their team) or someone in their circle."""
    place = place_for(request, person_id)
    part = Part.CIRCLE if member_id else Part.SUPPORT
    record = record_at(request, place, part=part, why="Inviting someone to sign in", change=True)
    member = selectors.circle_member_of(record, member_id) if member_id is not None else None
    name = member.name if member else record.person.name
    link = None
    if request.method == "POST":
        token = invitations.invitation_create(record, circle_member=member)
        link = request.build_absolute_uri(f"/invitation/{token}/")
    return render(
        request,
        "record/invite.jinja",
        {
            "title": f"Invite {name} to sign in",
            "place": place,
            "person": record.person,
            "name": name,
            "member": member,
            "link": link,
            "days": invitations.INVITATION_DAYS,
            "send_to": selectors.confirmed_contact(record, member),
        },
    )


@require_http_methods(["GET", "POST"])
def details_change(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    """How to reach the person: phone, email, address and postcode."""
    place = place_for(request, person_id)
    changing = request.method == "POST"
    record = record_at(
        request, place, part=Part.ABOUT, why="Changing contact details", change=changing
    )
    person = record.person
    form = ContactDetailsForm(
        request.POST if changing else None,
        initial={name: getattr(person, name) for name in services.CONTACT_FIELDS},
    )
    if changing and form.is_valid():
        services.contact_details_change(record, **form.cleaned_data)
        messages.success(request, "Contact details saved")
        return redirect(reverse("my-record") if place.own else reverse("person", args=[person.pk]))
    return render(
        request,
        "record/details_change.jinja",
        {
            "title": "Your contact details"
            if place.own
            else f"{person.given_name}'s contact details",
            "place": place,
            "person": person,
            "form": form,
            "back_href": reverse("my-record") if place.own else reverse("person", args=[person.pk]),
        },
    )
