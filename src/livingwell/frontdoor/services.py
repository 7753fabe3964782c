"""Every change at the front door: introductions in, picking them up, conversations.

There is deliberately no way here to decline an introduction, to close one as "not eligible", or to
take one off the board other than by it becoming a conversation (relational rules 1 and 2). The one
exception is for what is not a person asking for help (ADR 0006): a team lead may set aside a repeat,
into its original, or spam or a test, with a reason; logged, kept on the introduction, and reversible.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from livingwell.access.log import record_front_door_introduction
from livingwell.access.policy import Record, record_access
from livingwell.codes.record import AccessAction, Part, Relation
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.frontdoor.models import (
    OPEN_STATUSES,
    Channel,
    Conversation,
    Introduction,
    IntroductionStatus,
    SetAsideChange,
    SetAsideKind,
)
from livingwell.people.models import CircleMember, Person, SupportPeriod
from livingwell.people.selectors import returning_person
from livingwell.people.services import PersonDetails, person_create
from livingwell.plans.models import Plan
from livingwell.team.models import StaffMember, StaffRole, Team
from livingwell.team.selectors import team_for_postcode
from livingwell.warm_introductions.models import WarmIntroduction
from livingwell.warm_introductions.services import Introducing, warm_introduction_make

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone


@dataclass(frozen=True)
class IntroductionDetails:
    introduced_by: str
    what_matters: str = ""
    agency_kind: str = ""
    introducer_name: str = ""
    introducer_relationship: str = ""
    introducer_phone: str = ""
    introducer_email: str = ""
    person_knows: bool | None = None
    contact_method: str = ""
    best_time: str = ""
    may_leave_message: bool | None = None


def _introduction_changed(
    actor: StaffMember, introduction: Introduction, *, why: str, what: str = ""
) -> None:
    """Every change to an introduction lands in the access log of the person it is about."""
    what = what or f"introduction {introduction.reference}"
    record_access(actor, [introduction.person_id], action=AccessAction.CHANGE, what=what, why=why)


def new_reference() -> str:
    return "LW-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def introduction_create(
    *,
    person: PersonDetails,
    details: IntroductionDetails,
    channel: Channel,
    recorded_by: StaffMember | None = None,
    received_at: dt.datetime | None = None,
    submission_token: uuid.UUID | None = None,
) -> Introduction:
    """Take an introduction, from anyone, by any route. Nothing in it can turn the person away.

    The same submission token always gives back the same introduction, so a form sent twice (a double
    click, a refresh, a retry on a slow connection) makes one introduction. And at the front door, the
    very same details sent again within a few minutes with a new token (Back, then Send) give back
    the introduction they made the first time (ADR 0009).
    """
    if submission_token is not None:
        existing = Introduction.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    team: Team = recorded_by.team if recorded_by else team_for_postcode(person.postcode)
    received_at = received_at or timezone.now()
    try:
        with transaction.atomic():
            if recorded_by is None:
                again = _sent_again(person, details, channel=channel, received_at=received_at)
                if again is not None:
                    return again
            # The team's own pages look only among the team's people; the front door looks everywhere
            # and sends the introduction to the team that may know them (easy back, rule 6).
            known = returning_person(person, team=recorded_by.team if recorded_by else None)
            may_be, matched_by = known if known is not None else (None, "")
            if may_be is not None:
                team = may_be.team
            new_person = _person_create(team, person, may_be=may_be, by_the_team=bool(recorded_by))
            introduction = Introduction.objects.create(
                reference=_unused_reference(),
                person=new_person,
                team=team,
                channel=channel,
                received_at=received_at,
                recorded_by=recorded_by,
                submission_token=submission_token,
                matched_by=matched_by,
                may_be=may_be,
                **details.__dict__,
            )
            if recorded_by is None:
                record_front_door_introduction(new_person.pk, channel=channel.label)
            else:
                record_access(
                    recorded_by,
                    [new_person.pk],
                    action=AccessAction.CREATE,
                    what=f"introduction {introduction.reference}",
                    why=f"Recording an introduction made by {channel.label.lower()}",
                )
    except IntegrityError:
        # Two copies of one submission raced each other: the other one won, so give back its result.
        if submission_token is not None:
            existing = Introduction.objects.filter(submission_token=submission_token).first()
            if existing is not None:
                return existing
        raise
    return introduction


def _sent_again(
    person: PersonDetails,
    details: IntroductionDetails,
    *,
    channel: Channel,
    received_at: dt.datetime,
) -> Introduction | None:
    """The introduction these details made at the front door a few minutes ago, if they are sent again.

    Everything typed must be the same: who they are and how to reach them, who introduced them, and
    their words. Only someone who typed all of it is given its reference back, and the page then says
    back only what they typed. Different words are new words: they make an introduction of their own,
    so nothing is lost, and a team lead can set it aside as a repeat (ADR 0006).
    """
    minutes = settings.LIVINGWELL_FRONT_DOOR_SAME_INTRODUCTION_MINUTES
    if minutes <= 0:
        return None
    typed = {f"person__{name}": value for name, value in dataclasses.asdict(person).items()}
    _lock_until_commit(repr((typed, details)))  # two copies sent at once still make one
    return (
        Introduction.objects.filter(
            channel=channel,
            recorded_by__isnull=True,
            received_at__gte=received_at - dt.timedelta(minutes=minutes),
            received_at__lte=received_at,
            **typed,
            **dataclasses.asdict(details),
        )
        .order_by("-received_at", "-pk")
        .first()
    )


def _lock_until_commit(value: str) -> None:
    """One sending of these details at a time, until this transaction ends (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        key = hashlib.sha256(value.encode()).hexdigest()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def _person_create(
    team: Team, typed: PersonDetails, *, may_be: Person | None, by_the_team: bool
) -> Person:
    """A record of its own for each introduction the team has not joined to a record it knows.

    What someone types at the front door is theirs to say about themselves, not the team's word: it is
    confirmed (and so offered for an invitation) only when the team typed it. An NHS number the team
    already holds stays with the record it may be, until the team joins them."""
    if may_be is not None and typed.nhs_number == may_be.nhs_number:
        typed = dataclasses.replace(typed, nhs_number="")
    return person_create(team.pk, typed, phone_confirmed=by_the_team, email_confirmed=by_the_team)


JOINABLE_DETAILS = {
    "phone": "phone",
    "email": "email",
    "address": "address",
    "postcode": "postcode",
}


@transaction.atomic
def introduction_join(
    *, actor: StaffMember, introduction: Introduction, into: Record, use: Collection[str] = ()
) -> Introduction:
    """The team confirms an introduction is from someone it knows: the introduction (and anything
    recorded with it) moves to their record, and only the details the team accepts are written."""
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    known = Person.objects.select_for_update().get(pk=into.person.pk)
    if introduction.may_be_id != known.pk or introduction.team_id != known.team_id:
        raise Refused(
            f"Introduction {introduction.reference} is not suggested as {known.given_name}'s. "
            "Nothing has been joined."
        )
    if not into.can_change(Part.ABOUT) or into.relation != Relation.TEAM:
        raise Forbidden("Only the team can join an introduction to a record.")
    unknown = set(use) - set(JOINABLE_DETAILS)
    if unknown:
        raise Refused(f"Not contact details: {', '.join(sorted(unknown))}")
    given = Person.objects.select_for_update().get(pk=introduction.person_id)
    _refuse_if_more_than_an_introduction(given)
    Introduction.objects.filter(person=given).update(person=known, may_be=None)
    Conversation.objects.filter(person=given).update(person=known)
    changed = []
    for name in JOINABLE_DETAILS:
        value = getattr(given, name)
        if name in use and value and value != getattr(known, name):
            setattr(known, name, value)
            changed.append(JOINABLE_DETAILS[name])
        if name in use and value and name in ("phone", "email"):
            setattr(known, f"{name}_confirmed", True)
    known.save(
        update_fields=[*JOINABLE_DETAILS, "phone_confirmed", "email_confirmed", "updated_at"]
    )
    given.joined_into = known
    given.joined_at = timezone.now()
    given.save(update_fields=["joined_into", "joined_at", "updated_at"])
    why = "Joining an introduction to the record of someone the team knows"
    into.log(
        action=AccessAction.CHANGE,
        what=f"introduction {introduction.reference}, joined to their record",
        why=why,
    )
    if changed:
        into.log(
            action=AccessAction.CHANGE,
            what=f"their contact details: {', '.join(changed)}",
            why=f"Given with introduction {introduction.reference}",
        )
    record_access(
        actor,
        [given.pk],
        action=AccessAction.CHANGE,
        what="their record, joined into the record of someone the team knows",
        why=why,
    )
    introduction.refresh_from_db()
    return introduction


def _refuse_if_more_than_an_introduction(given: Person) -> None:
    if (
        given.user_id is not None
        or SupportPeriod.objects.filter(person=given).exists()
        or CircleMember.objects.filter(person=given).exists()
        or Plan.objects.filter(person=given).exists()
    ):
        raise Refused(
            f"{given.name} already has support, a plan or a circle on the record made with this "
            "introduction, so it cannot be joined here. Ask your team lead to join the two records."
        )


@transaction.atomic
def introduction_not_joined(*, actor: StaffMember, introduction: Introduction) -> Introduction:
    """The team finds the introduction is from someone else: the suggestion goes, nothing else."""
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if introduction.may_be_id is None:
        return introduction
    introduction.may_be = None
    introduction.matched_by = ""
    introduction.save(update_fields=["may_be", "matched_by"])
    _introduction_changed(
        actor,
        introduction,
        why="Checking who an introduction is from",
        what=f"introduction {introduction.reference}: not someone the team already knows",
    )
    return introduction


def _unused_reference() -> str:
    while True:
        reference = new_reference()
        if not Introduction.objects.filter(reference=reference).exists():
            return reference


def _refuse_if_closed(introduction: Introduction) -> None:
    if introduction.is_set_aside:
        raise Refused(
            f"Introduction {introduction.reference} is set aside. A team lead can put it back on "
            "the board first."
        )
    if not introduction.is_open:
        raise Refused(
            f"Introduction {introduction.reference} has already become a conversation with the team. "
            "Open the person's record to carry on."
        )


@transaction.atomic
def introduction_pick_up(
    *, actor: StaffMember, introduction: Introduction, next_step: str
) -> Introduction:
    """Someone on the team takes it on. Anyone can pick up one someone else had picked up."""
    _refuse_if_closed(introduction)
    introduction.status = IntroductionStatus.PICKED_UP
    introduction.picked_up_by = actor
    introduction.picked_up_at = timezone.now()
    introduction.next_step = next_step
    introduction.save(update_fields=["status", "picked_up_by", "picked_up_at", "next_step"])
    _introduction_changed(actor, introduction, why="Picking up an introduction")
    return introduction


@transaction.atomic
def introduction_pass(
    *, actor: StaffMember, introduction: Introduction, to: StaffMember
) -> Introduction:
    """A team lead gives an introduction to a colleague on the team, who then has it picked up."""
    refuse_unless_team_lead(actor, to=PASSING_ON)
    _refuse_if_closed(introduction)
    if to.team_id != introduction.team_id or to.role == StaffRole.ADMINISTRATOR:
        raise Refused(f"{to.name} cannot take this introduction: choose someone on your team.")
    introduction.status = IntroductionStatus.PICKED_UP
    introduction.picked_up_by = to
    introduction.picked_up_at = timezone.now()
    introduction.save(update_fields=["status", "picked_up_by", "picked_up_at"])
    _introduction_changed(actor, introduction, why=f"Passing an introduction to {to.name}")
    return introduction


@transaction.atomic
def introduction_next_step_set(
    *, actor: StaffMember, introduction: Introduction, next_step: str
) -> Introduction:
    _refuse_if_closed(introduction)
    introduction.next_step = next_step
    introduction.save(update_fields=["next_step"])
    _introduction_changed(
        actor,
        introduction,
        why="Planning the next step",
        what=f"the next step for introduction {introduction.reference}",
    )
    return introduction


def introduction_close(*, actor: StaffMember, introduction: Introduction, reason: str = "") -> None:
    """Always refused: an introduction closes only by becoming a conversation or a landed introduction.

    This exists so that anyone who tries, by page or API, is told why and what to do instead.
    """
    _refuse_if_closed(introduction)
    raise Refused(
        "An introduction stays on the team board until it becomes a conversation with the team, "
        "or a warm introduction that has landed. Nobody is turned away. If you cannot reach "
        f"{introduction.person.given_name}, write down what you have tried as the next step, "
        "so anyone on the team can try again.",
        detail={"introduction": introduction.reference, "status": introduction.status},
    )


SETTING_ASIDE = (
    "set an introduction aside or put it back on the board. If you think this one is a repeat, "
    "or not a person asking for help, tell your team lead."
)
PASSING_ON = (
    "pass an introduction to a colleague. Ask your team lead if it should go to someone else."
)


def refuse_unless_team_lead(actor: StaffMember, *, to: str = SETTING_ASIDE) -> None:
    """Only a team lead may; anyone else is told what only a lead can do (`to`)."""
    if actor.role != StaffRole.TEAM_LEAD:
        raise Forbidden(f"Only a team lead can {to}")


def _original_for(introduction: Introduction, original: str) -> Introduction:
    reference = original.strip().upper()
    found = Introduction.objects.select_related("person").filter(reference=reference).first()
    if found is None:
        raise Refused(
            f"We could not find introduction {reference}. Check the reference on the team board."
        )
    if found.pk == introduction.pk:
        raise Refused(f"Introduction {reference} cannot be a repeat of itself.")
    if found.team_id != introduction.team_id:
        raise Refused(
            f"{reference} is not one of your team's introductions. A repeat can only go into "
            "one of your own team's."
        )
    if found.is_set_aside:
        raise Refused(
            f"Introduction {reference} is set aside itself. Choose the one that is still on the "
            "board."
        )
    if not found.is_open:
        raise Refused(
            f"Introduction {reference} has already become a conversation. If "
            f"{introduction.person.given_name} has written again, this is a new message: keep it "
            "on the board and pick it up."
        )
    return found


@transaction.atomic
def introduction_set_aside(
    *,
    actor: StaffMember,
    introduction: Introduction,
    kind: str,
    reason: str = "",
    original: str = "",
) -> Introduction:
    """A team lead takes off the board what is not a person asking for help (ADR 0006).

    A repeat goes into its original (same team, still on the board), whose page then shows its words.
    Anything else needs the reason in words. Logged against the person, kept on the introduction,
    and undone by `introduction_put_back`."""
    refuse_unless_team_lead(actor)
    _refuse_if_closed(introduction)
    reason = reason.strip()
    repeat_of = None
    if kind == SetAsideKind.REPEAT:
        repeat_of = _original_for(introduction, original)
        if introduction.repeats.exists():
            raise Refused(
                f"Other introductions are set aside as repeats of {introduction.reference}. "
                f"Keep it on the board, or put those back first."
            )
        why = f"Set aside as a repeat of introduction {repeat_of.reference}"
    elif kind == SetAsideKind.NOT_A_PERSON:
        if not reason:
            raise Refused("Say why this is not a person asking for help.")
        why = f"Set aside: not a person asking for help ({reason})"
    else:
        raise Refused("Choose whether this is a repeat or not a person asking for help.")
    introduction.status = IntroductionStatus.SET_ASIDE
    introduction.set_aside_kind = kind
    introduction.set_aside_reason = reason
    introduction.set_aside_by = actor
    introduction.set_aside_at = timezone.now()
    introduction.repeat_of = repeat_of
    introduction.save(update_fields=[*SET_ASIDE_FIELDS, "status"])
    SetAsideChange.objects.create(
        introduction=introduction,
        action=SetAsideChange.Action.SET_ASIDE,
        kind=kind,
        reason=reason,
        repeat_of=repeat_of,
        by=actor,
        at=introduction.set_aside_at,
    )
    _introduction_changed(actor, introduction, why=why)
    return introduction


SET_ASIDE_FIELDS = [
    "set_aside_kind",
    "set_aside_reason",
    "set_aside_by",
    "set_aside_at",
    "repeat_of",
]


@transaction.atomic
def introduction_put_back(*, actor: StaffMember, introduction: Introduction) -> Introduction:
    """Undo setting aside: back on the board as it was (waiting, or picked up by whoever had it)."""
    refuse_unless_team_lead(actor)
    if not introduction.is_set_aside:
        raise Refused(f"Introduction {introduction.reference} is not set aside.")
    introduction.status = (
        IntroductionStatus.PICKED_UP if introduction.picked_up_by_id else IntroductionStatus.WAITING
    )
    introduction.set_aside_kind = ""
    introduction.set_aside_reason = ""
    introduction.set_aside_by = None
    introduction.set_aside_at = None
    introduction.repeat_of = None
    introduction.save(update_fields=[*SET_ASIDE_FIELDS, "status"])
    SetAsideChange.objects.create(
        introduction=introduction,
        action=SetAsideChange.Action.PUT_BACK,
        by=actor,
        at=timezone.now(),
    )
    _introduction_changed(actor, introduction, why="Put back on the team board")
    return introduction


@transaction.atomic
def conversation_record(
    record: Record,
    *,
    held_on: dt.date,
    how: str,
    what_we_talked_about: str,
    next_steps: str = "",
    introduction: Introduction | None = None,
) -> Conversation:
    """Record a conversation. If it answers an open introduction, the introduction has done its job."""
    actor, person = record.staff_member, record.person
    if not record.can_change(Part.SUPPORT):
        raise Forbidden("Only the person's team can record a conversation.")
    if introduction is not None and introduction.person_id != person.pk:
        raise Refused("That introduction is for someone else.")
    conversation = Conversation.objects.create(
        person=person,
        held_by=actor,
        held_on=held_on,
        how=how,
        what_we_talked_about=what_we_talked_about,
        next_steps=next_steps,
    )
    record.log(
        action=AccessAction.CREATE,
        what=f"a conversation on {held_on.isoformat()}",
        why="Recording a conversation",
    )
    if introduction is not None and introduction.is_open:
        introduction.status = IntroductionStatus.CONVERSATION
        introduction.conversation = conversation
        introduction.closed_at = timezone.now()
        if introduction.picked_up_by_id is None:
            introduction.picked_up_by = actor
            introduction.picked_up_at = introduction.closed_at
        introduction.save(
            update_fields=["status", "conversation", "closed_at", "picked_up_by", "picked_up_at"]
        )
    return conversation


@transaction.atomic
def introduction_warm_introduction_make(
    record: Record, *, introduction: Introduction, introducing: Introducing
) -> WarmIntroduction:
    """A warm introduction made from the board, for the person an introduction is about. The
    introduction stays on the board, with how the warm introduction is going, until it lands."""
    member = record.staff_member
    if introduction.person_id != record.person.pk or introduction.team_id != member.team_id:
        raise NotFound("We could not find that introduction.")
    _refuse_if_closed(introduction)
    warm = warm_introduction_make(record, introducing)
    introduction.warm_introduction = warm
    introduction.save(update_fields=["warm_introduction"])
    return warm


def close_when_landed(
    sender: object, *, warm_introduction: WarmIntroduction, record: Record, **_: object
) -> None:
    """A warm introduction landed: the front-door introduction it was made for (or made for the one
    it follows) closes, in the same transaction."""
    chain = [warm_introduction.pk]
    follows = WarmIntroduction.objects.filter(followed_by=warm_introduction).first()
    while follows is not None:
        chain.append(follows.pk)
        follows = WarmIntroduction.objects.filter(followed_by=follows).first()
    for introduction in Introduction.objects.select_for_update().filter(
        warm_introduction_id__in=chain, status__in=OPEN_STATUSES
    ):
        introduction.status = IntroductionStatus.LANDED
        introduction.warm_introduction = warm_introduction
        introduction.closed_at = warm_introduction.ended_at
        introduction.save(update_fields=["status", "warm_introduction", "closed_at"])
        record.log(
            action=AccessAction.CHANGE,
            what=f"introduction {introduction.reference}: closed by a warm introduction that landed",
            why="Saying a warm introduction landed",
        )
