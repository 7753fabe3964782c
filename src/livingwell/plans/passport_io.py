"""The plan in and out of the database: a `Passport` from a person's record, and a person and plan
from a passport another site exported (livingwell.plans.fhir reads and writes the FHIR)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from livingwell.access.policy import Record, record_access
from livingwell.codes.people import nhs_number_is_valid
from livingwell.codes.plan import SECTION_LABELS
from livingwell.codes.record import ALL_PARTS, AccessAction
from livingwell.core.errors import Forbidden, Refused
from livingwell.network.models import Organisation as OrganisationModel
from livingwell.people.models import CircleMember as CircleMemberModel
from livingwell.people.models import Person, SharingChoice, SupportPeriod
from livingwell.people.selectors import returning_person
from livingwell.people.services import (
    PersonDetails,
    circle_member_create,
    person_create,
    sharing_brought_over,
)
from livingwell.plans import fhir
from livingwell.plans.models import DomainEntry as DomainEntryModel
from livingwell.plans.models import Goal, Plan, PlanVersion
from livingwell.plans.passport import (
    CircleMember,
    DomainEntry,
    Organisation,
    Passport,
    PassportGoal,
    PassportPerson,
    Sharing,
    TeamMember,
)
from livingwell.plans.services import snapshot
from livingwell.team.models import StaffMember


def passport_of(record: Record) -> Passport:
    """The whole plan for export: only for those who may read the whole record."""
    if record.readable != ALL_PARTS:
        raise Forbidden("Only the person and their team can take the whole plan away.")
    person = record.person
    plan = Plan.objects.filter(person=person).first()
    support = (
        SupportPeriod.objects.filter(person=person)
        .select_related("key_worker")
        .order_by("-started_on")
        .first()
    )
    circle = list(CircleMemberModel.objects.filter(person=person))
    choices = list(SharingChoice.objects.filter(person=person).select_related("organisation"))
    organisations = [c.organisation for c in choices if c.organisation is not None]
    team: tuple[TeamMember, ...] = ()
    if support is not None and support.ended_on is None:
        team = (
            TeamMember(
                name=support.key_worker.name,
                role=support.key_worker.get_role_display(),
                is_key_worker=True,
                organisation=person.team.name,
            ),
        )
    return Passport(
        person=PassportPerson(
            key=f"person-{person.pk}",
            given_name=person.given_name,
            family_name=person.family_name,
            date_of_birth=person.date_of_birth,
            nhs_number=person.nhs_number,
            gender=person.gender,
            ethnic_category=person.ethnic_category,
            phone=person.phone,
            email=person.email,
            address=person.address,
            postcode=person.postcode,
        ),
        what_matters=plan.what_matters if plan else "",
        strengths=plan.strengths if plan else "",
        what_helps=plan.what_helps if plan else "",
        what_does_not_help=plan.what_does_not_help if plan else "",
        crisis_signs=plan.crisis_signs if plan else "",
        crisis_what_i_can_do=plan.crisis_what_i_can_do if plan else "",
        crisis_who_to_contact=plan.crisis_who_to_contact if plan else "",
        domains=tuple(
            DomainEntry(e.domain, e.how_things_are, e.what_has_helped)
            for e in (plan.domains.order_by("pk") if plan else ())
            if e.how_things_are or e.what_has_helped
        ),
        goals=tuple(
            PassportGoal(
                key=f"goal-{g.pk}",
                description=g.description,
                domain=g.domain,
                lifecycle_status=g.lifecycle_status,
                achievement_status=g.achievement_status,
                start_date=g.start_date,
            )
            for g in (plan.goals.all() if plan else ())
        ),
        circle=tuple(
            CircleMember(
                key=f"circle-{m.pk}",
                name=m.name,
                relationship=m.relationship,
                is_carer=m.is_carer,
                phone=m.phone,
                email=m.email,
            )
            for m in circle
        ),
        team=team,
        organisations=tuple(
            Organisation(key=f"organisation-{o.pk}", name=o.name, ods_code=o.ods_code)
            for o in organisations
        ),
        sharing=tuple(
            Sharing(
                recipient_kind="circle" if c.circle_member_id else "organisation",
                recipient_key=f"circle-{c.circle_member_id}"
                if c.circle_member_id
                else f"organisation-{c.organisation_id}",
                parts=frozenset(c.parts),
            )
            for c in choices
        ),
        active=_active(support, plan),
        updated_at=plan.updated_at if plan else None,
        version=plan.version if plan else 0,
        site=settings.LIVINGWELL_SITE_URL,
    )


def _active(support: SupportPeriod | None, plan: Plan | None) -> bool:
    """Active while the team supports the person; a plan brought over keeps the status it came with
    until support here starts."""
    if support is not None:
        return support.ended_on is None
    return bool(plan is not None and plan.arrived_active)


def bundle_of(record: Record) -> dict[str, Any]:
    """The whole plan as a FHIR Bundle, or Refused with what must be put right first."""
    try:
        return fhir.to_bundle(passport_of(record))
    except fhir.PassportError as problems:
        raise Refused(
            "The plan cannot be taken away as FHIR until these are put right: "
            + "; ".join(problems.problems),
            detail={"problems": problems.problems},
        ) from None


@dataclass(frozen=True)
class Imported:
    person: Person
    created: bool  # a new person on this site, or the plan added to someone already here
    left_out: tuple[str, ...]  # what could not be brought over, in words


def _differences(person: Person, incoming: PassportPerson) -> list[str]:
    """Which of the details that say who someone is differ, by name only: never what is held here."""
    found = []
    if person.given_name.casefold() != incoming.given_name.casefold():
        found.append("first name")
    if person.family_name.casefold() != incoming.family_name.casefold():
        found.append("last name")
    if person.date_of_birth and incoming.date_of_birth != person.date_of_birth:
        found.append("date of birth")
    return found


# The one answer for an NHS number that no one on the importer's team has, whether no one here has it
# or someone on another team does: the second must not tell the importer that the person exists.
NOT_ON_THE_TEAM = (
    "No one your team supports has the NHS number in this file. Record their introduction first, "
    "with their NHS number, then bring their plan over. If a different team here supports them, "
    "that team can bring it over. Nothing has been changed."
)


class MayBeKnown(Refused):
    """A file with no NHS number for someone the team may already know (the front door's "Coming
    back" rules): nothing is changed until the team says whether to add the plan to that record
    (`into`) or make a new one (`as_new`)."""

    def __init__(self, *, person_id: int) -> None:
        super().__init__(
            "Someone your team knows may be the person in this file. Check, then add the plan to "
            "their record or make a new record. Nothing has been changed yet.",
            detail={"may_be": person_id, "answer_with": "into=<person id> or as_new=true"},
        )
        self.person_id = person_id


class _RefusedFor(Refused):
    """A refusal about someone whose NHS number is in the file: the attempt goes in their log."""

    def __init__(self, message: str, *, person_id: int) -> None:
        super().__init__(message)
        self.person_id = person_id


def plan_import(
    actor: StaffMember, passport: Passport, *, into: int | None = None, as_new: bool = False
) -> Imported:
    """Start a plan from another site's passport, so the person does not tell their story again.

    A file with an NHS number adds the plan to the person with that number on the importer's team.
    One without is checked against the team's people by the front door's "Coming back" rules (the
    same names and date of birth, and the same phone, email or postcode): if someone matches,
    MayBeKnown is raised and nothing changes until the team answers, with `into` (that person's id:
    add the plan to their record) or `as_new` (someone else: make a new record). With no match, a new
    person is made. Refused, changing nothing, if no one on the team has the number (answered the same
    whether or not someone on another team has it), if the person here has different details, or if
    they already have a plan here. A refused try is logged against the person it found."""
    try:
        return _plan_import(actor, passport, into=into, as_new=as_new)
    except _RefusedFor as refused:
        # Said as it was: a file found them by their NHS number, or (with none) by their name and
        # details.
        found_by = "NHS number" if passport.person.nhs_number else "name and details"
        record_access(
            actor,
            [refused.person_id],
            action=AccessAction.VIEW,
            what=f"their {found_by}, in a plan file from another service",
            why=f"Tried to bring in a plan with their {found_by}. It was not brought in: "
            "nothing was changed",
        )
        raise Refused(refused.message) from None


@transaction.atomic
def _plan_import(
    actor: StaffMember, passport: Passport, *, into: int | None, as_new: bool
) -> Imported:
    incoming = passport.person
    if incoming.nhs_number and not nhs_number_is_valid(incoming.nhs_number):
        raise Refused(f"The NHS number {incoming.nhs_number} in the file is not a real NHS number.")
    # The team first: nothing about someone on another team is compared or said. (An NHS number is
    # unique within a team, so another team may hold the same number for its own record.)
    existing = (
        Person.objects.select_for_update()
        .filter(nhs_number=incoming.nhs_number, team_id=actor.team_id, joined_into__isnull=True)
        .first()
        if incoming.nhs_number
        else None
    )
    if not incoming.nhs_number and not as_new:
        existing = _coming_back(actor, incoming, into=into)
    if incoming.nhs_number and existing is None:
        elsewhere = Person.objects.filter(nhs_number=incoming.nhs_number).order_by("pk").first()
        if elsewhere is not None:
            raise _RefusedFor(NOT_ON_THE_TEAM, person_id=elsewhere.pk)
        raise Refused(NOT_ON_THE_TEAM)
    created = existing is None
    if existing is not None:
        differences = _differences(existing, incoming)
        if differences:
            which = (
                differences[0]
                if len(differences) == 1
                else ", ".join(differences[:-1]) + " and " + differences[-1]
            )
            raise _RefusedFor(
                "Someone your team supports has the NHS number in this file, but the "
                f"{which} in the file {'is' if len(differences) == 1 else 'are'} different. "
                "Check the file is for the right person. Nothing has been changed.",
                person_id=existing.pk,
            )
        plan = Plan.objects.filter(person=existing).first()
        if plan is not None and plan.version > 0:
            raise _RefusedFor(
                f"{existing.name} already has a plan here. Open it and add to it instead. "
                "Nothing has been changed.",
                person_id=existing.pk,
            )
        person = existing
    else:
        person = person_create(actor.team_id, _details(incoming))
    plan, _ = Plan.objects.get_or_create(person=person)
    for name in SECTION_LABELS:
        setattr(plan, name, getattr(passport, name))
    plan.arrived_active = passport.active
    plan.save(update_fields=[*SECTION_LABELS, "arrived_active", "updated_at"])
    DomainEntryModel.objects.bulk_create(
        DomainEntryModel(
            plan=plan,
            domain=d.domain,
            how_things_are=d.how_things_are,
            what_has_helped=d.what_has_helped,
        )
        for d in passport.domains
        if d.how_things_are or d.what_has_helped
    )
    Goal.objects.bulk_create(
        Goal(
            plan=plan,
            description=g.description,
            domain=g.domain,
            lifecycle_status=g.lifecycle_status,
            achievement_status=g.achievement_status,
            start_date=g.start_date,
        )
        for g in passport.goals
    )
    members = {
        c.key: circle_member_create(
            person,
            name=c.name,
            relationship=c.relationship,
            is_carer=c.is_carer,
            phone=c.phone,
            email=c.email,
        )
        for c in passport.circle
    }
    organisations = {o.key: o for o in passport.organisations}
    left_out: list[str] = []
    now = timezone.now()
    decided_by = f"Brought over from {passport.site}"
    for sharing in passport.sharing:
        member = organisation = None
        if sharing.recipient_kind == "circle":
            member = members.get(sharing.recipient_key)
        else:
            incoming_org = organisations.get(sharing.recipient_key)
            if incoming_org is not None:
                # Only the ODS code says two organisations are the same: a name can be shared, or
                # copied, and sharing with the wrong one would show the record to strangers.
                organisation = (
                    OrganisationModel.objects.filter(ods_code=incoming_org.ods_code).first()
                    if incoming_org.ods_code
                    else None
                )
                if organisation is None:
                    left_out.append(
                        f"sharing with {incoming_org.name}: no organisation here has the same ODS "
                        "code, so nothing is shared with it. Ask the person if they want to share "
                        "with an organisation here."
                    )
        if member is None and organisation is None:
            continue
        sharing_brought_over(
            person,
            parts=sharing.parts,
            circle_member=member,
            organisation=organisation,
            decided_by=decided_by,
        )
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    description = f"{actor.name}, {actor.get_role_display()}, {actor.team.name}"
    PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=snapshot(plan),
        changed_at=now,
        changed_by_id=actor.user_id,
        changed_by_description=description,
        summary=f"Plan brought over from {passport.site}"[:500],
    )
    record_access(
        actor,
        [person.pk],
        action=AccessAction.CREATE,
        what=f"their plan, brought over from {passport.site}"[:300],
        why="Bringing a plan from another service",
    )
    return Imported(person=person, created=created, left_out=tuple(left_out))


def _details(incoming: PassportPerson) -> PersonDetails:
    return PersonDetails(
        given_name=incoming.given_name,
        family_name=incoming.family_name,
        date_of_birth=incoming.date_of_birth,
        gender=incoming.gender,
        ethnic_category=incoming.ethnic_category,
        phone=incoming.phone,
        email=incoming.email,
        address=incoming.address,
        postcode=incoming.postcode,
    )


def _coming_back(
    actor: StaffMember, incoming: PassportPerson, *, into: int | None
) -> Person | None:
    """The person on the team a file without an NHS number is for, once the team has said so; None
    when no one matches. Only the one record the rules matched can be chosen."""
    match = returning_person(_details(incoming), team=actor.team)
    if match is None:
        if into is not None:
            raise Refused("No one your team knows matches this file now. Nothing has been changed.")
        return None
    person, _ = match
    if into is None:
        raise MayBeKnown(person_id=person.pk)
    if into != person.pk:
        raise Refused(
            "The plan can only be added to the record this file matched. Nothing has been changed."
        )
    return Person.objects.select_for_update().get(pk=person.pk)
