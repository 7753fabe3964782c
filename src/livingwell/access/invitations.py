"""Invitations: how a person, or someone in their circle, comes to have an account on the record.

An invitation is a one-time link. Taking it makes the account the person's own (or a circle
member's), which is what the access policy reads to know how someone is related to a record; so
invitations belong to the door, and each is logged like any other change to the record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.access.policy import Record
from livingwell.codes.record import AccessAction, Part
from livingwell.core.errors import Forbidden, Gone, NotFound, Refused
from livingwell.network.models import OrganisationMember
from livingwell.people.models import CircleMember, Invitation, Person
from livingwell.team.models import StaffMember

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


class InvitationUsed(Gone):
    """A link that has set up an account already: it works once. It says nothing about whose."""

    title = "This link has been used"


class InvitationExpired(Gone):
    """A link older than INVITATION_DAYS. It says nothing about whose."""

    title = "This link has expired"


def invitation_open(token: str) -> Invitation:
    """An invitation that can still be used; InvitationUsed or InvitationExpired for one that
    cannot any more, and NotFound for a link we never made."""
    invitation = (
        Invitation.objects.select_related("person", "circle_member")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if invitation is None:
        raise NotFound(
            "This invitation link does not work. Check you copied all of it, or ask the person "
            "who sent it for a new one."
        )
    if invitation.accepted_at is not None:
        raise InvitationUsed("This invitation link has been used already. Each link works once.")
    if invitation.expires_at < timezone.now():
        raise InvitationExpired(
            f"This invitation link has expired. Links work for {INVITATION_DAYS} days. Ask your "
            "team for a new link."
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
        raise InvitationUsed("This invitation link has been used already. Each link works once.")
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
