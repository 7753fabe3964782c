"""Changes to a person's record: their support and key worker, their circle, what they share, and
their contact details.

Each change takes the `Record` the access policy handed out (`livingwell.access.policy.record_for`),
checks what it may change, and logs itself through it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from livingwell.codes.record import SHAREABLE_PARTS, AccessAction, Part, Relation
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.network.models import Organisation
from livingwell.people.models import (
    MESSAGE_LIMIT,
    CircleMember,
    MessageToTeam,
    NextStep,
    Person,
    SharingChoice,
    SupportPeriod,
    Worry,
)
from livingwell.team.models import StaffMember, StaffRole

if TYPE_CHECKING:
    # Only its type: a change is handed the record, never opens the door itself.
    from livingwell.access.policy import Record


@dataclass(frozen=True)
class PersonDetails:
    """Who someone is and how to reach them, as typed at the front door or by the team."""

    given_name: str
    family_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""
    gender: str = "Z"
    ethnic_category: str = "Z"
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""


def person_create(
    team_id: int,
    details: PersonDetails,
    *,
    phone_confirmed: bool = False,
    email_confirmed: bool = False,
) -> Person:
    """A new record on a team: from an introduction, or a plan brought over from another site.

    A phone number or email is confirmed only when the team has checked it with the person."""
    return Person.objects.create(
        team_id=team_id,
        phone_confirmed=phone_confirmed and bool(details.phone),
        email_confirmed=email_confirmed and bool(details.email),
        **dataclasses.asdict(details),
    )


def _team_change(record: Record) -> Person:
    """The person, for a change to their support: only their team makes one."""
    if not record.can_change(Part.SUPPORT):
        raise Forbidden("Only the person's team can change their support.")
    return record.person


def _check_key_worker(person: Person, key_worker: StaffMember) -> None:
    if key_worker.team_id != person.team_id:
        raise Refused(f"{key_worker.name} is not on {person.given_name}'s team.")
    if key_worker.role == StaffRole.ADMINISTRATOR:
        raise Refused("Choose a key worker who works with people directly, not an administrator.")


@transaction.atomic
def support_start(record: Record, *, key_worker: StaffMember, started_on: dt.date) -> SupportPeriod:
    """Start a period of support with a named key worker."""
    person = _team_change(record)
    _check_key_worker(person, key_worker)
    if (
        SupportPeriod.objects.select_for_update()
        .filter(person=person, ended_on__isnull=True)
        .exists()
    ):
        raise Refused(
            f"{person.given_name} is already being supported. To change their key worker, "
            "use 'Change key worker' on their record."
        )
    period = SupportPeriod.objects.create(
        person=person, team_id=person.team_id, key_worker=key_worker, started_on=started_on
    )
    record.log(
        action=AccessAction.CHANGE,
        what=f"support starting {started_on.isoformat()} with {key_worker.name} as key worker",
        why="Starting support",
    )
    return period


@transaction.atomic
def key_worker_change(record: Record, *, key_worker: StaffMember) -> SupportPeriod:
    person = _team_change(record)
    _check_key_worker(person, key_worker)
    period = (
        SupportPeriod.objects.select_for_update()
        .filter(person=person, ended_on__isnull=True)
        .first()
    )
    if period is None:
        raise Refused(f"{person.given_name} is not being supported yet: start their support first.")
    period.key_worker = key_worker
    period.save(update_fields=["key_worker"])
    record.log(
        action=AccessAction.CHANGE,
        what=f"key worker, now {key_worker.name}",
        why="Naming a key worker",
    )
    return period


# --- The circle of support, sharing, invitations and endings ---------------------------------------


@transaction.atomic
def next_step_add(
    record: Record,
    *,
    what: str,
    due_on: dt.date,
    by: StaffMember | None = None,
    by_someone_else: str = "",
) -> NextStep:
    """Agree a next step: what, by when, and who will do it (someone on the team, or someone else)."""
    person = _team_change(record)
    if (by is None) == (not by_someone_else.strip()):
        raise Refused("Say who will do it: someone on the team, or someone else by name.")
    if by is not None and by.team_id != person.team_id:
        raise Refused(f"{by.name} is not on {person.given_name}'s team.")
    step = NextStep.objects.create(
        person=person,
        what=what.strip(),
        due_on=due_on,
        by=by,
        by_someone_else=by_someone_else.strip(),
        created_by=record.staff_member,
    )
    record.log(
        action=AccessAction.CHANGE,
        what=f"a next step, by {due_on.isoformat()}: {step.what}"[:300],
        why="Agreeing a next step",
    )
    return step


@transaction.atomic
def next_step_done(record: Record, *, step_id: int) -> NextStep:
    """A next step has happened."""
    person = _team_change(record)
    step = (
        NextStep.objects.select_for_update()
        .filter(person=person, pk=step_id, done_on__isnull=True)
        .first()
    )
    if step is None:
        raise NotFound("We could not find that next step. It may be done already.")
    step.done_on = timezone.localdate()
    step.done_by = record.staff_member
    step.save(update_fields=["done_on", "done_by"])
    record.log(
        action=AccessAction.CHANGE,
        what=f"a next step, done: {step.what}"[:300],
        why="Saying a next step is done",
    )
    return step


def circle_member_create(
    person: Person, *, name: str, relationship: str, is_carer: bool, phone: str, email: str
) -> CircleMember:
    """Someone in the person's circle. The caller has checked it may, and logs it."""
    return CircleMember.objects.create(
        person=person,
        name=name.strip(),
        relationship=relationship,
        is_carer=is_carer,
        phone=phone,
        email=email,
    )


def sharing_brought_over(
    person: Person,
    *,
    parts: Iterable[str],
    circle_member: CircleMember | None,
    organisation: Organisation | None,
    decided_by: str,
) -> SharingChoice:
    """A sharing choice the person made at another site, brought over with their plan. The
    caller has checked the recipient is the same one, and logs it."""
    return SharingChoice.objects.create(
        person=person,
        circle_member=circle_member,
        organisation=organisation,
        parts=sorted(parts),
        decided_at=timezone.now(),
        decided_by=decided_by,
    )


def circle_member_add(
    record: Record,
    *,
    name: str,
    relationship: str,
    is_carer: bool,
    phone: str = "",
    email: str = "",
) -> CircleMember:
    if not record.can_change(Part.CIRCLE):
        raise Forbidden("You can read this but not change it.")
    member = circle_member_create(
        record.person,
        name=name,
        relationship=relationship,
        is_carer=is_carer,
        phone=phone,
        email=email,
    )
    record.log(
        action=AccessAction.CHANGE,
        what=f"their circle: added {member.name} ({member.get_relationship_display()})",
        why="Adding someone to their circle",
    )
    return member


@transaction.atomic
def sharing_set(
    record: Record,
    *,
    parts: Iterable[str],
    circle_member: CircleMember | None = None,
    organisation: Organisation | None = None,
) -> SharingChoice:
    """Record what the person shares with one person in their circle or one organisation.

    Takes effect on the next request: the access policy reads it every time."""
    if not record.can_change(Part.SHARING):
        raise Forbidden("You can read this but not change it.")
    if (circle_member is None) == (organisation is None):
        raise ValueError("Share with one person in the circle or one organisation")
    if circle_member is not None and circle_member.person_id != record.person.pk:
        raise NotFound("We could not find that person in the circle.")
    chosen = [key for key in SHAREABLE_PARTS if key in set(parts)]
    unknown = set(parts) - set(SHAREABLE_PARTS)
    if unknown:
        raise Refused(f"These cannot be shared: {', '.join(sorted(unknown))}.")
    choice, _ = SharingChoice.objects.select_for_update().update_or_create(
        person=record.person,
        circle_member=circle_member,
        organisation=organisation,
        defaults={
            "parts": chosen,
            "decided_at": timezone.now(),
            "decided_by": record.actor_description,
            "review_note": "",
        },
    )
    recipient = circle_member.name if circle_member else organisation.name  # type: ignore[union-attr]
    shared = ", ".join(SHAREABLE_PARTS[key].lower() for key in chosen) or "nothing"
    record.log(
        action=AccessAction.CHANGE,
        what=f"what they share with {recipient}: now {shared}"[:300],
        why="Choosing what to share",
    )
    return choice


CONTACT_FIELDS = {
    "phone": "phone",
    "email": "email",
    "address": "address",
    "postcode": "postcode",
    "hear_by": "how they hear from us",
    "messages_say_more": "what messages may say",
}


@transaction.atomic
def contact_details_change(record: Record, **details: str | bool) -> list[str]:
    """Change how to reach the person; returns what changed, in words."""
    if not record.can_change(Part.ABOUT):
        raise Forbidden("You can read this but not change it.")
    unknown = set(details) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"Not contact details: {', '.join(sorted(unknown))}")
    person = Person.objects.select_for_update().get(pk=record.person.pk)
    changed = [
        CONTACT_FIELDS[name] for name, value in details.items() if getattr(person, name) != value
    ]
    if not changed:
        return []
    for name, value in details.items():
        setattr(person, name, value)
    # What the team or the person themselves saves is confirmed (and so may be used for an invitation).
    confirmed = [
        f"{name}_confirmed"
        for name in ("phone", "email")
        if name in details and record.relation in (Relation.TEAM, Relation.SELF)
    ]
    for flag in confirmed:
        setattr(person, flag, bool(getattr(person, flag.removesuffix("_confirmed"))))
    person.save(update_fields=[*details, *confirmed, "updated_at"])
    record.log(
        action=AccessAction.CHANGE,
        what=f"their contact details: {', '.join(changed)}",
        why="Keeping contact details right",
    )
    return changed


@transaction.atomic
def support_end(record: Record, *, ended_on: dt.date, ending: str, note: str) -> SupportPeriod:
    """End support as agreed with the person. Their plan stays, ready for when they come back."""
    person = _team_change(record)
    period = (
        SupportPeriod.objects.select_for_update()
        .filter(person=person, ended_on__isnull=True)
        .first()
    )
    if period is None:
        raise Refused(f"{person.given_name} is not being supported at the moment.")
    if ended_on < period.started_on:
        raise Refused(f"Support cannot end before it started on {period.started_on:%-d %B %Y}.")
    period.ended_on, period.ending, period.ending_note = ended_on, ending, note.strip()
    period.save(update_fields=["ended_on", "ending", "ending_note"])
    record.log(
        action=AccessAction.CHANGE,
        what=f"support ended on {ended_on.isoformat()} ({period.get_ending_display().lower()})",
        why="Ending support",
    )
    return period


def message_send(record: Record, *, words: str) -> MessageToTeam:
    """A person tells their team something, in their own words. Only the person sends one."""
    if record.relation is not Relation.SELF or not record.can_change(Part.MESSAGES):
        raise Forbidden("Only the person can send a message from their own pages.")
    words = words.strip()
    if not words:
        raise Refused("Write your message.")
    if len(words) > MESSAGE_LIMIT:
        raise Refused(f"Your message must be {MESSAGE_LIMIT} characters or fewer.")
    message = MessageToTeam.objects.create(person=record.person, words=words)
    record.log(action=AccessAction.CREATE, what="a message to their team", why="Telling the team")
    return message


@transaction.atomic
def message_read(record: Record, *, message_id: int) -> MessageToTeam:
    """Someone on the team has read a person's message: it comes off the board."""
    if record.relation is not Relation.TEAM or not record.can_change(Part.MESSAGES):
        raise Forbidden("Only the person's team can say a message has been read.")
    message = (
        MessageToTeam.objects.select_for_update()
        .filter(person=record.person, pk=message_id)
        .first()
    )
    if message is None:
        raise NotFound("We could not find that message.")
    if message.read_at is None:
        message.read_at = timezone.now()
        message.read_by = record.staff_member
        message.save(update_fields=["read_at", "read_by"])
        record.log(
            action=AccessAction.CHANGE,
            what=f"their message of {message.sent_at:%d %B %Y}, as read",
            why="Reading a message from the person",
        )
    return message


@transaction.atomic
def worry_raise(record: Record, *, note: str) -> Worry:
    """Someone on the team is worried about the person, and says why. One worry is open at a time:
    saying it again changes its note."""
    person = _team_change(record)
    note = note.strip()
    if not note:
        raise Refused("Say what you are worried about, so anyone on the team can act on it.")
    worry = Worry.objects.select_for_update().filter(person=person, cleared_at__isnull=True).first()
    if worry is None:
        worry = Worry.objects.create(
            person=person, note=note, raised_by=record.staff_member, raised_at=timezone.now()
        )
    else:
        worry.note = note
        worry.save(update_fields=["note"])
    record.log(
        action=AccessAction.CHANGE,
        what=f"that the team is worried about them: {note}"[:300],
        why="Saying the team is worried",
    )
    return worry


@transaction.atomic
def worry_clear(record: Record, *, note: str = "") -> Worry:
    """The worry has passed: anyone on the team can say so. It is kept, with who and when."""
    person = _team_change(record)
    worry = Worry.objects.select_for_update().filter(person=person, cleared_at__isnull=True).first()
    if worry is None:
        raise Refused(f"Nobody has said the team is worried about {person.given_name} now.")
    worry.cleared_by, worry.cleared_at, worry.cleared_note = (
        record.staff_member,
        timezone.now(),
        note.strip(),
    )
    worry.save(update_fields=["cleared_by", "cleared_at", "cleared_note"])
    record.log(
        action=AccessAction.CHANGE,
        what="that the team is no longer worried about them",
        why="Saying a worry has passed",
    )
    return worry
