"""Reads of a person's record. Call these only with a Person the access policy handed out."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from livingwell.access.models import AccessLogEntry
from livingwell.access.policy import Record
from livingwell.core.errors import NotFound
from livingwell.frontdoor.models import Conversation, Introduction
from livingwell.network.models import Organisation
from livingwell.people.models import CircleMember, Person, SharingChoice, SupportPeriod
from livingwell.people.services import PersonDetails


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


def introductions(person: Person) -> QuerySet[Introduction]:
    return (
        Introduction.objects.filter(person=person)
        .select_related("picked_up_by")
        .order_by("-received_at")
    )


def conversations(person: Person) -> QuerySet[Conversation]:
    return (
        Conversation.objects.filter(person=person)
        .select_related("held_by")
        .order_by("-held_on", "-pk")
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


def access_log(record: Record) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(person=record.person).order_by("-at", "-pk")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def returning_person(details: PersonDetails) -> tuple[Person, str] | None:
    """Someone coming back through the front door: the record they already have, and how we know.

    The same NHS number is the same person. Without one, the same first name, last name and date of
    birth, and the same phone number, email address or postcode. Anything less makes a new record,
    which the team can see and join up: wrongly joining two people would show one person's record to
    another.
    """
    if details.nhs_number:
        found = Person.objects.filter(nhs_number=details.nhs_number).first()
        return (found, "nhs-number") if found else None
    if not (details.given_name and details.family_name and details.date_of_birth):
        return None
    candidates = Person.objects.filter(
        given_name__iexact=details.given_name.strip(),
        family_name__iexact=details.family_name.strip(),
        date_of_birth=details.date_of_birth,
    )
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
