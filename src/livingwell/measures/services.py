"""Recording a measure on the person's record: a questionnaire, or a round of goal ratings.

Each is checked whole before anything is saved, and saved whole or not at all: an answer off the
item's scale, a measure for a period that has ended (or for someone with no period of support open),
a rating of someone else's goal, or a second "start" (or "end") of one instrument in one period is
refused with what to do instead. Scoring is the instrument's (`livingwell.instruments`), never here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from livingwell.access.policy import Record
from livingwell.codes.record import AccessAction, Part
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.instruments import GOAL_SCALE, REGISTRY, ResponseError
from livingwell.measures import selectors
from livingwell.measures.models import (
    GOAL_RATINGS,
    Answer,
    FilledIn,
    GoalRating,
    Measure,
    Timepoint,
)
from livingwell.outbox.services import Words, message_to_person
from livingwell.people.models import SupportPeriod
from livingwell.plans.models import Goal
from livingwell.team.models import StaffMember, StaffRole, Team


@dataclass(frozen=True)
class Taking:
    """What is recorded with every measure: when in the support, and on what day."""

    timepoint: str
    taken_on: dt.date


def _open_period(record: Record) -> SupportPeriod:
    if not record.can_change(Part.MEASURES):
        raise Forbidden("You can read this but not change it.")
    period = (
        SupportPeriod.objects.select_for_update()
        .filter(person=record.person, ended_on__isnull=True)
        .first()
    )
    if period is None:
        ended = SupportPeriod.objects.filter(person=record.person).exists()
        raise Refused(
            "Their support has ended, so there is nothing to measure it against. Start a new "
            "period of support first."
            if ended
            else "They have no period of support yet. Measures start with the first conversation."
        )
    return period


def _checked_taking(period: SupportPeriod, instrument: str, taking: Taking) -> None:
    if taking.timepoint not in Timepoint.values:
        raise Refused("Choose when this is: at the start, at a review, or at the end.")
    if taking.taken_on > timezone.localdate():
        raise Refused("The day it was filled in cannot be in the future.")
    if taking.taken_on < period.started_on:
        raise Refused(
            f"The day it was filled in is before their support started ({period.started_on:%-d %B %Y})."
        )
    if taking.timepoint in (Timepoint.START, Timepoint.END):
        earlier = Measure.objects.filter(
            period=period, instrument=instrument, timepoint=taking.timepoint
        ).first()
        if earlier is not None:
            when = "start" if taking.timepoint == Timepoint.START else "end"
            raise Refused(
                f"There is already a {when} {earlier.get_instrument_display()} for this period of "
                f"support, from {earlier.taken_on:%-d %B %Y}. Record this one as a review instead."
            )


def _saved(record: Record, period: SupportPeriod, instrument: str, taking: Taking) -> Measure:
    """The measure, saved: filled in with the member of the team asking, or by the person alone.
    The first start or review on a later day than any before moves the period's `measured_on`
    on, and asks the person for their next review when it is due: once for a sitting, however
    many questionnaires it has (the period is locked, so two browsers cannot both ask)."""
    measure = Measure(
        person=record.person,
        period=period,
        instrument=instrument,
        timepoint=taking.timepoint,
        taken_on=taking.taken_on,
        filled_in=FilledIn.TOGETHER if record.member is not None else FilledIn.ALONE,
        with_member=record.member,
    )
    try:
        with transaction.atomic():
            measure.save()
            if taking.timepoint in selectors.MEASURED and (
                period.measured_on is None or taking.taken_on > period.measured_on
            ):
                period.measured_on = taking.taken_on
                period.save(update_fields=["measured_on"])
                _ask_for_review_later(period, taking.taken_on)
    except IntegrityError:
        # Another browser saved the same start or end a moment ago.
        raise Refused(
            f"There is already a {measure.timepoint} {measure.get_instrument_display()} for this "
            "period of support. Record this one as a review instead."
        ) from None
    return measure


@transaction.atomic
def questionnaire_record(
    record: Record,
    *,
    instrument: str,
    taking: Taking,
    responses: Sequence[int | None],
    more_help: Sequence[bool | None] | None = None,
) -> Measure:
    """A questionnaire, as answered: items left blank are saved as not answered."""
    if instrument not in REGISTRY:
        raise NotFound("We could not find that questionnaire.")
    scoring = REGISTRY[instrument]
    if more_help is not None and instrument != "dialog":
        raise Refused(f"{scoring.label} does not ask whether more help is needed.")
    period = _open_period(record)
    _checked_taking(period, instrument, taking)
    try:
        if more_help is not None:
            scoring.score(responses, more_help=more_help)  # type: ignore[call-arg]
        else:
            scoring.score(responses)
    except ResponseError as error:
        raise Refused(error.message) from None
    if all(value is None for value in responses):
        raise Refused("Answer at least one question, or leave this questionnaire for another day.")
    measure = _saved(record, period, instrument, taking)
    helps = list(more_help) if more_help is not None else [None] * len(responses)
    Answer.objects.bulk_create(
        Answer(measure=measure, item=number, value=value, need_more_help=help_)
        for number, (value, help_) in enumerate(zip(responses, helps, strict=True), start=1)
    )
    record.log(
        action=AccessAction.CHANGE,
        what=f"their measures: a {scoring.label} {measure.get_timepoint_display().lower()}",
        why="Filling in a questionnaire",
    )
    return measure


@transaction.atomic
def goal_ratings_record(
    record: Record, *, taking: Taking, ratings: Mapping[int, int | None]
) -> Measure:
    """A round of goal ratings: 0 to 10 for each goal rated (a goal left blank is not rated)."""
    period = _open_period(record)
    _checked_taking(period, GOAL_RATINGS, taking)
    rated = {goal_id: score for goal_id, score in ratings.items() if score is not None}
    if not rated:
        raise Refused("Rate at least one goal, from 0 to 10.")
    goals = set(
        Goal.objects.filter(pk__in=list(rated), plan__person=record.person).values_list(
            "pk", flat=True
        )
    )
    if set(rated) - goals:
        raise NotFound("We could not find one of those goals in their plan.")
    low, high = GOAL_SCALE
    for score in rated.values():
        if isinstance(score, bool) or not isinstance(score, int) or not low <= score <= high:
            raise Refused(f"Rate each goal with a whole number from {low} to {high}.")
    measure = _saved(record, period, GOAL_RATINGS, taking)
    GoalRating.objects.bulk_create(
        GoalRating(measure=measure, goal_id=goal_id, score=score)
        for goal_id, score in rated.items()
    )
    record.log(
        action=AccessAction.CHANGE,
        what=f"their measures: goal ratings {measure.get_timepoint_display().lower()}",
        why="Rating goals",
    )
    return measure


# --- Asking the person when a review comes round --------------------------------------------------


def _ask_for_review_later(period: SupportPeriod, measured_on: dt.date) -> None:
    """Ask the person by a message on the day their next review is due: the team's number of
    weeks after `measured_on`, at 10 in the morning."""
    from livingwell.measures.tasks import ask_for_review

    weeks = selectors.review_weeks(period.team_id)
    due = measured_on + dt.timedelta(weeks=weeks)
    at = timezone.make_aware(dt.datetime.combine(due, dt.time(10)))
    period_id, last_on = period.pk, measured_on.isoformat()
    transaction.on_commit(lambda: ask_for_review.using(run_after=at).enqueue(period_id, last_on))


def review_ask(period_id: int, last_on: dt.date) -> bool:
    """The message that asks the person to look at how things are going, when their review is due:
    only if their support is still open and nothing was filled in since `last_on`. Whether one was
    queued (never for someone who said "no messages")."""
    with transaction.atomic():
        period = (
            SupportPeriod.objects.select_for_update()
            .select_related("person")
            .filter(pk=period_id, ended_on__isnull=True)
            .first()
        )
        if period is None:
            return False
        since = Measure.objects.filter(
            period=period, timepoint__in=[Timepoint.START, Timepoint.REVIEW], taken_on__gt=last_on
        )
        if since.exists():
            return False
        site = settings.LIVINGWELL_SITE_URL.rstrip("/")
        return (
            message_to_person(
                period.person,
                Words(
                    subject="Time to look at how things are going",
                    full=(
                        "It is time for your review. You can fill in your questionnaires and rate "
                        f"your goals on your own pages, or with your key worker: {site}/my/measures/"
                    ),
                ),
                why="A review of measures is due",
            )
            is not None
        )


def review_weeks_set(actor: StaffMember, weeks: int) -> None:
    """A team lead sets how many weeks the team leaves between reviews of people's measures."""
    if actor.role != StaffRole.TEAM_LEAD:
        raise Forbidden("Only a team lead can change how often the team reviews.")
    if not 1 <= weeks <= MOST_REVIEW_WEEKS:
        raise Refused(f"Weeks between reviews must be from 1 to {MOST_REVIEW_WEEKS}.")
    Team.objects.filter(pk=actor.team_id).update(review_weeks=weeks)


MOST_REVIEW_WEEKS = 52
