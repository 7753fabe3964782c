"""Reads of warm introductions: a person's, for their team and for themself; and those made to an
organisation, for its members. Each takes the `Record` (or the member) the access policy gave."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from livingwell.access.policy import Record
from livingwell.codes.record import Part
from livingwell.core.errors import NotFound
from livingwell.network.models import OrganisationMember
from livingwell.plans.models import Goal
from livingwell.warm_introductions.models import (
    NOT_LANDED,
    UNDER_WAY,
    StallDays,
    State,
    WarmIntroduction,
)


def _whole() -> QuerySet[WarmIntroduction]:
    return WarmIntroduction.objects.select_related(
        "service", "organisation", "introducer", "goal", "followed_by__service", "next_step"
    )


def of_person(record: Record) -> list[WarmIntroduction]:
    """The person's warm introductions, newest first."""
    if not record.can_read(Part.SUPPORT):
        raise NotFound("We could not find that person, or their record is not shared with you.")
    return list(_whole().filter(person=record.person).order_by("-made_at", "-pk"))


def one_of_person(record: Record, warm_id: int) -> WarmIntroduction:
    if not record.can_read(Part.SUPPORT) and record.organisation_id is None:
        raise NotFound("We could not find that introduction.")
    rows = _whole().prefetch_related("changes").filter(pk=warm_id, person=record.person)
    if record.organisation_id is not None:
        rows = rows.filter(organisation_id=record.organisation_id)
    warm = rows.first()
    if warm is None:
        raise NotFound("We could not find that introduction.")
    return warm


def goal_of(record: Record, goal_id: int) -> Goal | None:
    """A goal of the person's plan (None if it is not theirs)."""
    if not record.can_read(Part.GOALS):
        return None
    return Goal.objects.filter(pk=goal_id, plan__person=record.person).first()


def has_members(organisation_id: int) -> bool:
    """Whether anyone at the organisation is signed up to answer its introductions (if not, the
    team answers for it)."""
    return OrganisationMember.objects.filter(organisation_id=organisation_id).exists()


def person_of(warm_id: int, member: OrganisationMember) -> int:
    """Whose introduction this is, when it was made to the member's organisation (NotFound
    otherwise, as for one that does not exist)."""
    found = (
        WarmIntroduction.objects.filter(pk=warm_id, organisation_id=member.organisation_id)
        .values_list("person_id", flat=True)
        .first()
    )
    if found is None:
        raise NotFound("We could not find that introduction.")
    return found


def to_organisation(member: OrganisationMember) -> list[WarmIntroduction]:
    """The introductions made to the member's organisation: those waiting for an answer or a
    meeting first, oldest first; then the rest, newest first (the last 100)."""
    rows = _whole().select_related("person").filter(organisation_id=member.organisation_id)
    open_ = list(rows.filter(state__in=UNDER_WAY).order_by("made_at", "pk"))
    ended = list(rows.exclude(state__in=UNDER_WAY).order_by("-made_at", "-pk")[:100])
    return open_ + ended


@dataclass(frozen=True)
class Days:
    """How long an organisation has to see an introduction, to answer it, and to meet the person,
    before it comes back to the key worker's attention."""

    to_receive: int
    to_accept: int
    to_meet: int


# A team that has set nothing for a kind of organisation gives it these.
DEFAULT_DAYS = Days(to_receive=3, to_accept=7, to_meet=21)


def days_by_kind(team_id: int) -> dict[str, Days]:
    """What the team has set, by kind of organisation (the rest have DEFAULT_DAYS)."""
    return {
        row.organisation_kind: Days(row.to_receive, row.to_accept, row.to_meet)
        for row in StallDays.objects.filter(team_id=team_id)
    }


def _late(days: Days, now: dt.datetime) -> Q:
    """Under way and late, by these days: not seen, not answered, or not met in time."""
    day = dt.timedelta(days=1)
    return (
        Q(state=State.MADE, made_at__lt=now - days.to_receive * day)
        | Q(state=State.RECEIVED, received_at__lt=now - days.to_accept * day)
        | Q(state=State.ACCEPTED, accepted_at__lt=now - days.to_meet * day)
        | Q(state=State.ACCEPTED, meeting_on__lt=timezone.localdate(now) - day)
    )


def stalled_q(team_id: int, now: dt.datetime) -> Q:
    """The team's warm introductions that have stalled: each by the days for its kind of
    organisation."""
    chosen = days_by_kind(team_id)
    q = _late(DEFAULT_DAYS, now) & ~Q(organisation__kind__in=list(chosen))
    for kind, days in chosen.items():
        q |= _late(days, now) & Q(organisation__kind=kind)
    return q


NEEDS_FOLLOWING = Q(state__in=NOT_LANDED, followed_by__isnull=True, next_step__isnull=True)


def needing_attention(
    team_id: int, *, now: dt.datetime, introducer_id: int | None = None, limit: int = 50
) -> tuple[list[WarmIntroduction], bool]:
    """The team's warm introductions that stalled or did not land (and nothing has followed),
    oldest first: those of one key worker, or the whole team's. At most `limit`, and whether there
    are more. Only what a list shows is read: the person's name, the place, the dates."""
    rows = WarmIntroduction.objects.filter(team_id=team_id).filter(
        stalled_q(team_id, now) | NEEDS_FOLLOWING
    )
    if introducer_id is not None:
        rows = rows.filter(introducer_id=introducer_id)
    found = list(
        rows.select_related("person", "service", "organisation", "introducer")
        .only(
            "person__given_name",
            "person__family_name",
            "service__name",
            "organisation__name",
            "organisation__kind",
            "introducer__name",
            "state",
            "made_at",
            "received_at",
            "accepted_at",
            "meeting_on",
            "ended_at",
            "not_accepted_why",
            "followed_by_id",
            "next_step_id",
        )
        .order_by("made_at", "pk")[: limit + 1]
    )
    return found[:limit], len(found) > limit


def made_since(team_id: int, since: dt.datetime, *, limit: int = 50) -> list[WarmIntroduction]:
    """The team's warm introductions made since `since`, oldest first (names and places only)."""
    return list(
        WarmIntroduction.objects.filter(team_id=team_id, made_at__gte=since)
        .select_related("person", "service", "introducer")
        .only(
            "person__given_name",
            "person__family_name",
            "service__name",
            "introducer__name",
            "made_at",
        )
        .order_by("made_at", "pk")[:limit]
    )
