"""Reads of a person's record. Call these only with a Person the access policy handed out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from livingwell.codes.record import Part
from livingwell.core.errors import NotFound
from livingwell.network.models import Organisation
from livingwell.people.models import (
    CircleMember,
    MessageToTeam,
    NextStep,
    Person,
    SharingChoice,
    SupportPeriod,
    Worry,
)
from livingwell.people.services import PersonDetails
from livingwell.team.models import Team

if TYPE_CHECKING:
    # Only its type: a read is handed the record the access policy opened.
    from livingwell.access.policy import Record


def open_support_period(person: Person) -> SupportPeriod | None:
    return (
        SupportPeriod.objects.filter(person=person, ended_on__isnull=True)
        .select_related("key_worker")
        .first()
    )


def support_periods(person: Person) -> QuerySet[SupportPeriod]:
    return (
        SupportPeriod.objects.filter(person=person)
        .select_related("key_worker")
        .order_by("-started_on")
    )


def circle_of(record: Record) -> list[CircleMember]:
    return list(CircleMember.objects.filter(person=record.person))


def circle_member_of(record: Record, member_id: int) -> CircleMember:
    member = CircleMember.objects.filter(person=record.person, pk=member_id).first()
    if member is None:
        raise NotFound("We could not find that person in the circle.")
    return member


def organisation(organisation_id: int) -> Organisation:
    found = Organisation.objects.filter(pk=organisation_id).first()
    if found is None:
        raise NotFound("We could not find that organisation.")
    return found


def organisations_not_shared_with(record: Record) -> list[Organisation]:
    shared = SharingChoice.objects.filter(person=record.person, organisation__isnull=False)
    return list(Organisation.objects.exclude(pk__in=shared.values("organisation_id")))


def sharing_choice(
    record: Record, *, member: CircleMember | None = None, organisation: Organisation | None = None
) -> SharingChoice | None:
    return SharingChoice.objects.filter(
        person=record.person, circle_member=member, organisation=organisation
    ).first()


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def returning_person(
    details: PersonDetails, *, team: Team | None = None
) -> tuple[Person, str] | None:
    """Someone the team may already know: the record they may have, and why we think so.

    Only ever a suggestion for the team to confirm (anyone can type someone else's name and birthday):
    nothing here joins or changes a record. The same NHS number; or, without one, the same first
    name, last name and date of birth, and the same phone number, email address or postcode. Anything
    less is not suggested: wrongly joining two people would show one person's record to another.

    `team` keeps the search to one team's people: the team's own pages never learn, or let anyone
    guess, whether another team knows someone.
    """
    people = Person.objects.filter(joined_into__isnull=True)
    if team is not None:
        people = people.filter(team=team)
    if details.nhs_number:
        found = people.filter(nhs_number=details.nhs_number).order_by("pk").first()
        return (found, "nhs-number") if found else None
    if not (details.given_name and details.family_name and details.date_of_birth):
        return None
    candidates = people.filter(
        given_name__iexact=details.given_name.strip(),
        family_name__iexact=details.family_name.strip(),
        date_of_birth=details.date_of_birth,
    ).order_by("pk")
    phone = _digits(details.phone)
    email = details.email.strip().lower()
    postcode = details.postcode.replace(" ", "").upper()
    for candidate in candidates[:20]:
        if (
            (phone and _digits(candidate.phone) == phone)
            or (email and candidate.email.lower() == email)
            or (postcode and candidate.postcode.replace(" ", "").upper() == postcode)
        ):
            return candidate, "name-birth-date-contact"
    return None


def shared_with_whom(record: Record) -> list[tuple[str, int]]:
    """Who sees any part of the record outside the team, and how many parts: for the staff summary."""
    choices = SharingChoice.objects.filter(person=record.person).select_related(
        "circle_member", "organisation"
    )
    return [
        (c.circle_member.name if c.circle_member else c.organisation.name, len(c.parts))  # type: ignore[union-attr]
        for c in choices
        if c.parts
    ]


def confirmed_contact(record: Record, member: CircleMember | None = None) -> list[str]:
    """Where an invitation may be sent: a circle member's details (given by the person or the team),
    or the person's own only once the team has confirmed them (anyone can type at the front door)."""
    if member is not None:
        return [value for value in (member.email, member.phone) if value]
    person = record.person
    return [
        value
        for value, confirmed in (
            (person.email, person.email_confirmed),
            (person.phone, person.phone_confirmed),
        )
        if value and confirmed
    ]


def open_next_steps(person_ids: Iterable[int]) -> QuerySet[NextStep]:
    """The next steps not done yet of these people, soonest first. Only for people the access policy
    has let the asker see (a person page, the asker's own list)."""
    return (
        NextStep.objects.filter(person_id__in=list(person_ids), done_on__isnull=True)
        .select_related("by")
        .order_by("due_on", "pk")
    )


def next_steps_of(record: Record) -> QuerySet[NextStep]:
    """A person's next steps not done yet, soonest first: part of their support."""
    if not record.can_read(Part.SUPPORT):
        raise NotFound("We could not find that person, or their record is not shared with you.")
    return open_next_steps([record.person.pk])


def messages_of(record: Record) -> list[MessageToTeam]:
    """What the person has written to their team, newest first, with who has read each."""
    if not record.can_read(Part.MESSAGES):
        raise NotFound("We could not find that person, or their record is not shared with you.")
    return list(MessageToTeam.objects.filter(person=record.person).select_related("read_by"))


def worry_of(record: Record) -> Worry | None:
    """The team's open worry about the person, if there is one."""
    if record.member is None:
        return None
    return (
        Worry.objects.filter(person=record.person, cleared_at__isnull=True)
        .select_related("raised_by")
        .first()
    )


def worries_of_team(team_id: int, *, limit: int = 50) -> list[Worry]:
    """The people the team is worried about now, longest first (names and notes only)."""
    return list(
        Worry.objects.filter(person__team_id=team_id, cleared_at__isnull=True)
        .select_related("person", "raised_by")
        .only(
            "person__given_name",
            "person__family_name",
            "note",
            "raised_at",
            "raised_by__name",
        )
        .order_by("raised_at", "pk")[:limit]
    )
