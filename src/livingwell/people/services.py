"""Changes to a person's support: starting it and naming their key worker."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from livingwell.access.models import AccessAction, AccessLogEntry
from livingwell.access.policy import Record, record_access
from livingwell.access.rules import Relation
from livingwell.codes.record import SHAREABLE_PARTS, Part
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.network.models import Organisation, OrganisationMember
from livingwell.people.models import CircleMember, Invitation, Person, SharingChoice, SupportPeriod
from livingwell.team.models import StaffMember, StaffRole


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


def _check_key_worker(person: Person, key_worker: StaffMember) -> None:
    if key_worker.team_id != person.team_id:
        raise Refused(f"{key_worker.name} is not on {person.given_name}'s team.")
    if key_worker.role == StaffRole.ADMINISTRATOR:
        raise Refused("Choose a key worker who works with people directly, not an administrator.")


@transaction.atomic
def support_start(
    *, actor: StaffMember, person: Person, key_worker: StaffMember, started_on: dt.date
) -> SupportPeriod:
    """Start a period of support with a named key worker."""
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
    record_access(
        actor,
        [person.pk],
        action=AccessAction.CHANGE,
        what=f"support starting {started_on.isoformat()} with {key_worker.name} as key worker",
        why="Starting support",
    )
    return period


@transaction.atomic
def key_worker_change(
    *, actor: StaffMember, person: Person, key_worker: StaffMember
) -> SupportPeriod:
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
    record_access(
        actor,
        [person.pk],
        action=AccessAction.CHANGE,
        what=f"key worker, now {key_worker.name}",
        why="Naming a key worker",
    )
    return period


# --- The circle of support, sharing, invitations and endings ---------------------------------------


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
    member = CircleMember.objects.create(
        person=record.person,
        name=name.strip(),
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


CONTACT_FIELDS = {"phone": "phone", "email": "email", "address": "address", "postcode": "postcode"}


@transaction.atomic
def contact_details_change(record: Record, **details: str) -> list[str]:
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


INVITATION_DAYS = 14


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(record: Record, *, circle_member: CircleMember | None = None) -> str:
    """A one-time link for the person, or someone in their circle, to set up an account.

    Returns the token: it is shown once and only its hash is kept."""
    part = Part.CIRCLE if circle_member else Part.SUPPORT
    if not record.can_change(part):
        raise Forbidden("You cannot invite people to this record.")
    if circle_member is None and record.person.user_id is not None:
        raise Refused(f"{record.person.given_name} already has an account.")
    if circle_member is not None:
        if circle_member.person_id != record.person.pk:
            raise NotFound("We could not find that person in the circle.")
        if circle_member.user_id is not None:
            raise Refused(f"{circle_member.name} already has an account.")
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        person=record.person,
        circle_member=circle_member,
        token_hash=_token_hash(token),
        created_by=record.actor_description,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    who = circle_member.name if circle_member else "them"
    record.log(
        action=AccessAction.CHANGE, what=f"an invitation for {who} to sign in", why="Inviting"
    )
    return token


def invitation_open(token: str) -> Invitation:
    """An invitation that can still be used, or NotFound with the reason in plain words."""
    invitation = (
        Invitation.objects.select_related("person", "circle_member")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if invitation is None or invitation.accepted_at is not None:
        raise NotFound(
            "This invitation link does not work. It may have been used already. Ask the person "
            "who sent it for a new one."
        )
    if invitation.expires_at < timezone.now():
        raise NotFound(
            "This invitation link has expired. Ask the person who sent it for a new one."
        )
    return invitation


def is_work_account(user: Any) -> bool:
    """A member of staff's or a partner organisation's account (with or without its security code).

    A work account is never a person's or a carer's: they keep apart, so that nothing someone can
    see at work follows from being a person here, or the other way round."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        StaffMember.objects.filter(user_id=user.pk).exists()
        or OrganisationMember.objects.filter(user_id=user.pk).exists()
    )


WORK_ACCOUNT_REFUSED = (
    "Work accounts cannot take an invitation. Sign out, then open the link again, or send it to "
    "the person it is for."
)


@transaction.atomic
def invitation_accept(token: str, *, user: Any) -> Invitation:
    """Link an account to the record the invitation is for, and use the invitation up."""
    invitation = invitation_open(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise NotFound("This invitation link has been used already.")
    if is_work_account(user):
        raise Refused(WORK_ACCOUNT_REFUSED)
    if invitation.circle_member is not None:
        member = CircleMember.objects.select_for_update().get(pk=invitation.circle_member.pk)
        if member.user_id is not None:
            raise Refused(f"{member.name} already has an account.")
        if CircleMember.objects.filter(person=invitation.person, user=user).exists():
            raise Refused("This account is already in this person's circle.")
        member.user = user
        member.save(update_fields=["user"])
        actor = member.description
    else:
        person = Person.objects.select_for_update().get(pk=invitation.person_id)
        if person.user_id is not None:
            raise Refused("This record already has an account.")
        if Person.objects.filter(user=user).exists():
            raise Refused("This account already belongs to someone's own record.")
        person.user = user
        person.save(update_fields=["user"])
        actor = f"{person.name} (the person)"
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    AccessLogEntry.objects.create(
        person_id=invitation.person_id,
        actor=user,
        actor_description=actor,
        action=AccessAction.CREATE,
        what="an account to sign in with",
        why="Accepting an invitation",
    )
    return invitation


@transaction.atomic
def account_create(token: str, *, email: str, password: str) -> Any:
    """A new account for the person or carer an invitation is for, linked in the same transaction."""
    invitation_open(token)
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    invitation_accept(token, user=user)
    return user


@transaction.atomic
def support_end(
    *, actor: StaffMember, person: Person, ended_on: dt.date, ending: str, note: str
) -> SupportPeriod:
    """End support as agreed with the person. Their plan stays, ready for when they come back."""
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
    record_access(
        actor,
        [person.pk],
        action=AccessAction.CHANGE,
        what=f"support ended on {ended_on.isoformat()} ({period.get_ending_display().lower()})",
        why="Ending support",
    )
    return period
