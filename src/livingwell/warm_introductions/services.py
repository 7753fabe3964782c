"""Every change to a warm introduction, by the three people in it.

- The key worker makes it with the person (`warm_introduction_make`), and stays with it.
- The organisation receives it, and accepts it or says why not and what instead
  (`warm_introduction_receive`, `_accept`, `_not_accept`). A community place with nobody signed up is
  answered for by the team, on its behalf.
- The person says they met, and whether it helped (`warm_introduction_met`, `_landed`,
  `_did_not_help`); the key worker can say so on their word, and it is kept that it was.
- One that did not land is followed by another introduction or a next step
  (`warm_introduction_follow`); until then it stays with the key worker.

There is deliberately no way to close one otherwise: no "declined", no "closed", no "no response"
(relational rules 2 and 3). Each change takes the `version` the page showed, so a page posted twice,
or from an older copy, or a second "accepted" from another browser, is refused and changes nothing.
Each is logged in the person's access log, and kept as a `Change`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from livingwell.access.policy import Record
from livingwell.codes.organisations import ORGANISATION_KINDS
from livingwell.codes.plan import LIFE_DOMAINS
from livingwell.codes.record import AccessAction, Relation
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.network.models import Service, ServiceStatus
from livingwell.outbox.services import Words, message_to_organisation, message_to_person
from livingwell.people.models import NextStep
from livingwell.people.services import next_step_add, sharing_set
from livingwell.plans.models import Goal
from livingwell.team.models import StaffMember, StaffRole
from livingwell.warm_introductions.models import (
    NOT_LANDED,
    Change,
    ContactWay,
    Landed,
    NotAcceptedWhy,
    SaidBy,
    StallDays,
    State,
    WarmIntroduction,
)

# Sent, in the same transaction, when a warm introduction lands; the front door closes the
# introduction it was made for (`frontdoor.apps`), which this app, below it, cannot name.
landed = Signal()


@dataclass(frozen=True)
class Introducing:
    """What the key worker and the person agree when they make a warm introduction."""

    service_id: uuid.UUID | str
    wants: str
    contact_way: str
    contact_detail: str = ""
    going_along: bool = False
    goal_id: int | None = None
    domain: str = ""
    to_whom: str = ""
    # What the person shares with the organisation (keys of codes.record.SHAREABLE_PARTS): their
    # sharing choice for it, dated, which they can change or withdraw like any other.
    shares: tuple[str, ...] = ()
    # The one this follows, when one did not land.
    follows_id: int | None = None


def _team(record: Record) -> StaffMember:
    if record.relation is not Relation.TEAM:
        raise Forbidden("Only the person's team can do this.")
    return record.staff_member


def warm_introduction_make(record: Record, introducing: Introducing) -> WarmIntroduction:
    """Make a warm introduction with the person, to a service that takes them."""
    introducer = _team(record)
    person = record.person
    wants = introducing.wants.strip()
    if not wants:
        raise Refused("Say what they want from it, in their words.")
    if introducing.contact_way not in ContactWay.values:
        raise Refused("Say how they would like to be contacted.")
    if introducing.contact_way != ContactWay.KEY_WORKER and not introducing.contact_detail.strip():
        raise Refused("Say the number or email address they would like to be contacted on.")
    if introducing.domain and introducing.domain not in LIFE_DOMAINS:
        raise Refused(f"{introducing.domain} is not a part of life the plan knows.")
    with transaction.atomic():
        service = (
            Service.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .filter(pk=introducing.service_id)
            .first()
        )
        if service is None:
            raise NotFound("We could not find that service in the directory.")
        if service.status != ServiceStatus.ACTIVE or not service.warm_introductions:
            instead = (
                " People can walk in: you could go along together."
                if service.walk_in and service.status == ServiceStatus.ACTIVE
                else " Search the directory for another place."
            )
            raise Refused(f"{service.name} does not take warm introductions now.{instead}")
        goal = None
        if introducing.goal_id is not None:
            goal = Goal.objects.filter(pk=introducing.goal_id, plan__person=person).first()
            if goal is None:
                raise NotFound("We could not find that goal in their plan.")
        follows = None
        if introducing.follows_id is not None:
            follows = _locked(record, introducing.follows_id)
            if not follows.needs_following:
                raise Refused("That introduction is not waiting for something to follow it.")
        now = timezone.now()
        warm = WarmIntroduction.objects.create(
            person=person,
            team_id=person.team_id,
            introducer=introducer,
            service=service,
            organisation=service.organisation,
            to_whom=introducing.to_whom.strip() or service.introductions_to,
            goal=goal,
            domain=introducing.domain or (goal.domain if goal else ""),
            wants=wants,
            contact_way=introducing.contact_way,
            contact_detail=introducing.contact_detail.strip(),
            going_along=introducing.going_along,
            made_at=now,
        )
        sharing_set(record, parts=introducing.shares, organisation=service.organisation)
        _changed(record, warm, State.MADE, at=now, words=wants)
        if follows is not None:
            follows.followed_by = warm
            _save(follows, ["followed_by"])
        record.log(
            action=AccessAction.CHANGE,
            what=f"a warm introduction to {service.name}"[:300],
            why="Making a warm introduction",
        )
        message_to_organisation(
            service.organisation,
            person.team,
            Words(
                subject="A new warm introduction from Living Well",
                full=(
                    f"There is a new warm introduction to {service.name}. Sign in to Living Well "
                    f"to see it: {_site('/partner/introductions/')}"
                ),
            ),
            why="A warm introduction was made to them",
        )
    return warm


def _site(path: str) -> str:
    return settings.LIVINGWELL_SITE_URL.rstrip("/") + path


def _locked(record: Record, warm_id: int) -> WarmIntroduction:
    """The person's warm introduction, locked until the change is saved."""
    warm = (
        WarmIntroduction.objects.select_for_update()
        .select_related("service", "organisation")
        .filter(pk=warm_id, person=record.person)
        .first()
    )
    if warm is None or (
        record.relation is Relation.ORGANISATION and warm.organisation_id != record.organisation_id
    ):
        raise NotFound("We could not find that introduction.")
    return warm


def _current(record: Record, warm_id: int, version: int) -> WarmIntroduction:
    warm = _locked(record, warm_id)
    if warm.version != version:
        raise Refused(
            f"This introduction changed since the page was opened: it is now "
            f"{warm.get_state_display().lower()}. Nothing was changed. Look at it again.",
            detail={"state": warm.state, "version": warm.version},
        )
    return warm


def _refuse_unless(warm: WarmIntroduction, states: Iterable[str], doing: str) -> None:
    if warm.state not in states:
        raise Refused(
            f"This introduction cannot be {doing} now: it is {warm.get_state_display().lower()}.",
            detail={"state": warm.state},
        )


def _receiver(record: Record, warm: WarmIntroduction) -> str:
    """Who answers for the organisation: one of its members, or the person's team on behalf of a
    place with nobody signed up to do it."""
    if record.relation is Relation.ORGANISATION and record.organisation_id == warm.organisation_id:
        return SaidBy.RECEIVER
    if record.relation is Relation.TEAM and not warm.organisation.members.exists():
        return SaidBy.RECEIVER
    if record.relation is Relation.TEAM:
        raise Refused(
            f"{warm.organisation.name} answers its own introductions. You can ask them to, or "
            "note what they told you as a next step."
        )
    raise NotFound("We could not find that introduction.")


def _for_person(record: Record) -> str:
    """Who says what only the person can: the person, or their team on their word."""
    if record.relation is Relation.SELF:
        return SaidBy.PERSON
    if record.relation is Relation.TEAM:
        return SaidBy.KEY_WORKER
    raise Forbidden("Only the person, or their team on their word, can say this.")


def _save(warm: WarmIntroduction, fields: list[str]) -> None:
    warm.version += 1
    warm.save(update_fields=[*fields, "version"])


def _changed(
    record: Record,
    warm: WarmIntroduction,
    state: str,
    *,
    at: dt.datetime,
    said_by: str = "",
    words: str = "",
) -> None:
    Change.objects.create(
        warm_introduction=warm,
        state=state,
        at=at,
        by=record.actor_description,
        said_by=said_by,
        words=words,
    )


def _log(record: Record, warm: WarmIntroduction, what: str, why: str) -> None:
    record.log(
        action=AccessAction.CHANGE,
        what=f"the warm introduction to {warm.service.name}: {what}"[:300],
        why=why,
    )


@transaction.atomic
def warm_introduction_receive(record: Record, warm_id: int, *, version: int) -> WarmIntroduction:
    """The organisation has seen it."""
    warm = _current(record, warm_id, version)
    said_by = _receiver(record, warm)
    _refuse_unless(warm, [State.MADE], "marked as received")
    warm.state, warm.received_at = State.RECEIVED, timezone.now()
    _save(warm, ["state", "received_at"])
    _changed(record, warm, State.RECEIVED, at=warm.received_at, said_by=said_by)
    _log(record, warm, "received", "Receiving a warm introduction")
    return warm


@transaction.atomic
def warm_introduction_accept(
    record: Record, warm_id: int, *, version: int, meeting_on: dt.date | None = None
) -> WarmIntroduction:
    """They will meet the person (on `meeting_on`, when a day is set)."""
    warm = _current(record, warm_id, version)
    said_by = _receiver(record, warm)
    _refuse_unless(warm, [State.MADE, State.RECEIVED], "accepted")
    now = timezone.now()
    warm.state, warm.accepted_at, warm.meeting_on = State.ACCEPTED, now, meeting_on
    warm.received_at = warm.received_at or now
    _save(warm, ["state", "received_at", "accepted_at", "meeting_on"])
    _changed(record, warm, State.ACCEPTED, at=now, said_by=said_by)
    _log(record, warm, "accepted", "Accepting a warm introduction")
    when = f" on {meeting_on.day} {meeting_on:%B}" if meeting_on else ""
    message_to_person(
        record.person,
        Words(
            subject=f"{warm.organisation.name} will meet you",
            full=(
                f"{warm.organisation.name} will meet you{when}. Your key worker "
                f"{warm.introducer.name} is there if you need them."
            ),
        ),
        why="A warm introduction was accepted",
    )
    _ask_did_you_meet_later(warm)
    return warm


def _ask_did_you_meet_later(warm: WarmIntroduction) -> None:
    """Ask the person "Did you meet?" by a message: the day after the meeting, or a week after it
    was accepted when no day was set."""
    from livingwell.warm_introductions.tasks import ask_did_you_meet

    day = warm.meeting_on + dt.timedelta(days=1) if warm.meeting_on else None
    after = (
        timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        if day
        else timezone.now() + dt.timedelta(days=ASK_AFTER_DAYS)
    )
    version = warm.version
    transaction.on_commit(lambda: ask_did_you_meet.using(run_after=after).enqueue(warm.pk, version))


# With no meeting day, "Did you meet?" is asked this long after it was accepted.
ASK_AFTER_DAYS = 7


def did_you_meet_ask(warm_id: int, version: int) -> bool:
    """The message that asks the person "Did you meet?", if nothing has happened to the
    introduction since it was accepted. Whether one was queued."""
    with transaction.atomic():
        warm = (
            WarmIntroduction.objects.select_for_update()
            .select_related("person", "organisation")
            .filter(pk=warm_id, version=version, state=State.ACCEPTED)
            .first()
        )
        if warm is None:
            return False
        return (
            message_to_person(
                warm.person,
                Words(
                    subject=f"Did you meet {warm.organisation.name}?",
                    full=(
                        f"Did you meet {warm.organisation.name}? Tell us how it went: "
                        f"{_site(f'/my/warm-introductions/{warm.pk}/')}"
                    ),
                ),
                why="Asking whether a warm introduction happened",
            )
            is not None
        )


@transaction.atomic
def warm_introduction_not_accept(
    record: Record, warm_id: int, *, version: int, why: str, words: str
) -> WarmIntroduction:
    """They cannot take it: why, and in words what instead. It goes back to the key worker, who
    follows it with another introduction or a next step."""
    warm = _current(record, warm_id, version)
    said_by = _receiver(record, warm)
    _refuse_unless(warm, [State.MADE, State.RECEIVED, State.ACCEPTED], "answered")
    if why not in NotAcceptedWhy.values:
        raise Refused("Choose why you cannot take it.")
    if not words.strip():
        raise Refused(
            "Say what the person could do instead, so that they are not left with nothing."
        )
    now = timezone.now()
    warm.state, warm.not_accepted_why, warm.words, warm.ended_at = (
        State.NOT_ACCEPTED,
        why,
        words.strip(),
        now,
    )
    warm.received_at = warm.received_at or now
    _save(warm, ["state", "received_at", "not_accepted_why", "words", "ended_at"])
    _changed(record, warm, State.NOT_ACCEPTED, at=now, said_by=said_by, words=warm.words)
    _log(record, warm, "not accepted", "Answering a warm introduction")
    return warm


def _meet(record: Record, warm: WarmIntroduction, said_by: str, now: dt.datetime) -> None:
    warm.state, warm.met_at, warm.said_by = State.MET, now, said_by
    _changed(record, warm, State.MET, at=now, said_by=said_by)


@transaction.atomic
def warm_introduction_met(record: Record, warm_id: int, *, version: int) -> WarmIntroduction:
    """They met: said by the person, their key worker on their word, or the organisation."""
    warm = _current(record, warm_id, version)
    said_by = (
        _receiver(record, warm) if record.relation is Relation.ORGANISATION else _for_person(record)
    )
    _refuse_unless(warm, [State.ACCEPTED], "marked as met")
    _meet(record, warm, said_by, timezone.now())
    _save(warm, ["state", "met_at", "said_by"])
    _log(record, warm, "they met", "Saying a warm introduction happened")
    return warm


@transaction.atomic
def warm_introduction_landed(
    record: Record, warm_id: int, *, version: int, how: str
) -> WarmIntroduction:
    """The person says it helped, or that they chose to stop there (meeting too, if not said yet).
    Only the person, or their key worker on their word."""
    said_by = _for_person(record)
    warm = _current(record, warm_id, version)
    _refuse_unless(warm, [State.ACCEPTED, State.MET], "said to have landed")
    if how not in Landed.values:
        raise Refused("Say whether it helped, or that they chose to stop there.")
    now = timezone.now()
    if warm.state == State.ACCEPTED:
        _meet(record, warm, said_by, now)
    warm.state, warm.landed, warm.said_by, warm.ended_at = State.LANDED, how, said_by, now
    _save(warm, ["state", "met_at", "landed", "said_by", "ended_at"])
    _changed(record, warm, State.LANDED, at=now, said_by=said_by, words=Landed(how).label)
    _log(record, warm, "landed", "Saying a warm introduction landed")
    landed.send(sender=WarmIntroduction, warm_introduction=warm, record=record)
    return warm


@transaction.atomic
def warm_introduction_did_not_help(
    record: Record, warm_id: int, *, version: int, words: str
) -> WarmIntroduction:
    """They met and it did not help, in the person's words. It goes back to the key worker."""
    said_by = _for_person(record)
    warm = _current(record, warm_id, version)
    _refuse_unless(warm, [State.ACCEPTED, State.MET], "said not to have helped")
    if not words.strip():
        raise Refused("Say, in their words, what did not help.")
    now = timezone.now()
    if warm.state == State.ACCEPTED:
        _meet(record, warm, said_by, now)
    warm.state, warm.words, warm.said_by, warm.ended_at = (
        State.DID_NOT_HELP,
        words.strip(),
        said_by,
        now,
    )
    _save(warm, ["state", "met_at", "words", "said_by", "ended_at"])
    _changed(record, warm, State.DID_NOT_HELP, at=now, said_by=said_by, words=warm.words)
    _log(record, warm, "it did not help", "Saying a warm introduction did not help")
    return warm


@transaction.atomic
def warm_introduction_follow(
    record: Record, warm_id: int, *, version: int, what: str, due_on: dt.date
) -> NextStep:
    """Follow one that did not land with a next step for the person (another introduction follows
    it through `Introducing.follows_id`)."""
    _team(record)
    warm = _current(record, warm_id, version)
    _refuse_unless(warm, NOT_LANDED, "followed by a next step")
    if not warm.needs_following:
        raise Refused("Something already follows this introduction.")
    step = next_step_add(record, what=what, due_on=due_on, by=record.staff_member)
    warm.next_step = step
    _save(warm, ["next_step"])
    _log(record, warm, f"followed by a next step: {step.what}", "Following a warm introduction")
    return step


def stall_days_set(
    actor: StaffMember, *, organisation_kind: str, to_receive: int, to_accept: int, to_meet: int
) -> None:
    """A team lead sets how long the team gives one kind of organisation before an introduction
    comes back to the key worker."""
    if actor.role != StaffRole.TEAM_LEAD:
        raise Forbidden("Only a team lead can change how long the team waits.")
    if organisation_kind not in ORGANISATION_KINDS:
        raise Refused("Choose a kind of organisation.")
    if min(to_receive, to_accept, to_meet) < 1:
        raise Refused("Each wait must be at least 1 day.")
    StallDays.objects.update_or_create(
        team_id=actor.team_id,
        organisation_kind=organisation_kind,
        defaults={"to_receive": to_receive, "to_accept": to_accept, "to_meet": to_meet},
    )
