"""Reading measures: the person's own (through their record), and the reviews a team has coming."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from livingwell.access.policy import Record
from livingwell.codes.record import Part
from livingwell.core.errors import Forbidden, NotFound
from livingwell.measures.models import Measure, Timepoint
from livingwell.people.models import SupportPeriod
from livingwell.plans.models import Goal
from livingwell.team.models import Team

# A team that has set nothing reviews every 12 weeks.
DEFAULT_REVIEW_WEEKS = 12


def _readable(record: Record) -> None:
    if not record.can_read(Part.MEASURES):
        raise Forbidden("You cannot see their measures.")


def of_person(record: Record) -> list[Measure]:
    """Every measure on the person's record, oldest first, with its answers and ratings."""
    _readable(record)
    return list(
        Measure.objects.filter(person=record.person)
        .select_related("with_member", "period")
        .prefetch_related("answers", "goal_ratings__goal")
        .order_by("taken_on", "pk")
    )


def one_of_person(record: Record, measure_id: int) -> Measure:
    _readable(record)
    found = (
        Measure.objects.filter(person=record.person, pk=measure_id)
        .select_related("with_member", "period")
        .prefetch_related("answers", "goal_ratings__goal")
        .first()
    )
    if found is None:
        raise NotFound("We could not find that questionnaire.")
    return found


def open_period(record: Record) -> SupportPeriod | None:
    return SupportPeriod.objects.filter(person=record.person, ended_on__isnull=True).first()


def next_timepoint(record: Record, instrument: str) -> str:
    """Start when this period has no start of the instrument yet; a review after that."""
    period = open_period(record)
    if period is None:
        return Timepoint.START
    started = Measure.objects.filter(
        period=period, instrument=instrument, timepoint=Timepoint.START
    ).exists()
    return Timepoint.REVIEW if started else Timepoint.START


def review_weeks(team_id: int) -> int:
    weeks = Team.objects.filter(pk=team_id).values_list("review_weeks", flat=True).first()
    return weeks or DEFAULT_REVIEW_WEEKS


@dataclass(frozen=True)
class Review:
    """A review of measures coming or overdue, for one open period of support."""

    person_id: int
    person: str
    key_worker: str
    due_on: dt.date
    last_on: dt.date  # the last start or review, or the start of support when there is none
    started: bool = True  # whether any start measure has been taken in this period

    def days_late(self, today: dt.date) -> int:
        return (today - self.due_on).days


# The measures a review is counted from.
MEASURED = (Timepoint.START, Timepoint.REVIEW)


def reviews_due(
    team: Team, *, today: dt.date, within_days: int = 7, limit: int = 25
) -> tuple[list[Review], bool]:
    """The team's open periods of support whose review is due within `within_days` or overdue, most
    overdue first: the review comes the team's `review_weeks` after the last start or review measure
    (or after support started, when there is none). At most `limit`, and whether there are more."""
    weeks = team.review_weeks
    last_by = today + dt.timedelta(days=within_days) - dt.timedelta(weeks=weeks)
    rows = list(
        SupportPeriod.objects.filter(team_id=team.pk, ended_on__isnull=True)
        .annotate(last=Coalesce("measured_on", "started_on"))
        .filter(last__lte=last_by)
        .order_by("last", "pk")
        .values(
            "person_id", "person__given_name", "person__family_name", "key_worker__name", "last"
        )[: limit + 1]
    )
    reviews = [
        Review(
            person_id=row["person_id"],
            person=f"{row['person__given_name']} {row['person__family_name']}".strip(),
            key_worker=row["key_worker__name"],
            due_on=row["last"] + dt.timedelta(weeks=weeks),
            last_on=row["last"],
        )
        for row in rows[:limit]
    ]
    return reviews, len(rows) > limit


def review_of(record: Record, *, today: dt.date) -> Review | None:
    """When the person's next review is due (None with no support open): one statement."""
    period = (
        SupportPeriod.objects.filter(person=record.person, ended_on__isnull=True)
        .annotate(starts=Count("measures", filter=Q(measures__timepoint=Timepoint.START)))
        .values("started_on", "measured_on", "starts", "team__review_weeks")
        .first()
    )
    if period is None:
        return None
    last = period["measured_on"] or period["started_on"]
    return Review(
        person_id=record.person.pk,
        person="",
        key_worker="",
        due_on=last + dt.timedelta(weeks=period["team__review_weeks"]),
        last_on=last,
        started=period["starts"] > 0,
    )


# Goals that can still be rated: not stopped, not added by mistake, not turned down.
NOT_RATED = ("cancelled", "entered-in-error", "rejected")


def goals_to_rate(record: Record) -> list[Goal]:
    """The person's goals that a round of ratings asks about, oldest first."""
    _readable(record)
    return list(
        Goal.objects.filter(plan__person=record.person)
        .exclude(lifecycle_status__in=NOT_RATED)
        .order_by("created_at", "pk")
    )
