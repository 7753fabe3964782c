"""Measures taken with the person, for every period of support: questionnaires (ReQoL-10, SWEMWBS,
DIALOG, PHQ-9, GAD-7) with their answers, and rounds of goal ratings of the goals set in the period.

When: at the start, on the day support starts or in the days after (a round of goal ratings on the
day the period's first goal is set); at a review about every `REVIEW_WEEKS` weeks while the period
runs, fewer people at each later one; and at the end of some ended periods, more often after an
agreed ending than after someone stopped coming. Never before the period started, after it ended or
after today, and at most one start and one end of each instrument in a period, as the measures app
holds them. What: answers as given on each instrument's scale, following a wellbeing that drifts
better over the period for most people and worse for some, with a few items skipped; goal ratings
that move as each goal is going. Every rate is a named assumption in `mixes`.

`make` hands this a random stream of its own, so that adding measures left the rest of the borough
of every seed as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from livingwell.instruments import GOAL_SCALE, REGISTRY
from livingwell.synthetic.borough.mixes import (
    DAY_SPREAD,
    DEMO_INSTRUMENTS,
    END_MEASURE_DAYS,
    END_MEASURE_SHARES,
    FIRST_REVIEW_SHARE,
    GAIN_DAYS,
    GAIN_SPREAD,
    GOAL_DAY_SPREAD,
    GOAL_FIRST_SCORE,
    GOAL_GAIN_FOR,
    GOAL_GAIN_SPREAD,
    GOAL_RATED_ONCE_SHARE,
    INSTRUMENT_SHARES,
    LAST_CAME_DAYS,
    LATER_REVIEW_FALL,
    MEAN_GAIN,
    MORE_HELP_BY_RATING,
    MORE_HELP_NOT_ASKED_SHARE,
    RESPONSES,
    REVIEW_ALONE_SHARE,
    REVIEW_DAYS_EARLY_LATE,
    REVIEW_WEEKS,
    SKIPPED_ITEM_SHARE,
    START_DELAY_DAYS,
    START_DELAY_SHARE,
    TAKEN_SHARE,
    UNMEASURED_SHARE,
)
from livingwell.synthetic.borough.rows import (
    ALONE,
    END,
    GOAL_RATINGS,
    QUESTIONNAIRES,
    REVIEW,
    START,
    STOPPED_COMING,
    TOGETHER,
    AnswerRow,
    GoalRatingRow,
    GoalRow,
    MeasureRow,
    PlanRow,
    SupportPeriodRow,
)

DAY = dt.timedelta(days=1)
REVIEW_DAYS = 7 * REVIEW_WEEKS


@dataclass(slots=True)
class _MeasureRows:
    measures: list[MeasureRow]
    answers: list[AnswerRow]
    goal_ratings: list[GoalRatingRow]


@dataclass(frozen=True, slots=True)
class _Occasion:
    """A day measures are filled in: the start, a review or the end."""

    timepoint: str
    day: dt.date
    with_member_id: int | None  # None: the person filled them in alone
    wellbeing: float  # how the person is that day, in standard deviations


@dataclass(frozen=True, slots=True)
class _Questionnaire:
    """An instrument's scale, and for each item its usual answer and how it follows wellbeing."""

    key: str
    low: int
    high: int
    items: tuple[tuple[float, float], ...]  # (centre, direction times loading), in item order
    noise: float
    asks_more_help: bool


QUESTIONNAIRE_SPECS = {
    key: _Questionnaire(
        key=key,
        low=REGISTRY[key].item_min,
        high=REGISTRY[key].item_max,
        items=tuple(
            (centre, direction * RESPONSES[key].loading)
            for centre, direction in zip(
                RESPONSES[key].centre, RESPONSES[key].direction, strict=True
            )
        ),
        noise=RESPONSES[key].noise,
        asks_more_help=key == "dialog",
    )
    for key in QUESTIONNAIRES
}


def make_measures(
    rng: random.Random,
    *,
    today: dt.date,
    support_periods: Sequence[SupportPeriodRow],
    plans: Sequence[PlanRow],
    goals: Sequence[GoalRow],
    demo_person_id: int | None,
) -> _MeasureRows:
    """Every period's measures, numbered from 1 period by period (in the order the periods started)."""
    person_of_plan = {plan.id: plan.person_id for plan in plans}
    goals_of: dict[int, list[GoalRow]] = {}
    for goal in goals:
        goals_of.setdefault(person_of_plan[goal.plan_id], []).append(goal)
    maker = _Measures(rng, today)
    for period in support_periods:
        maker.period(
            period,
            goals_of.get(period.person_id, ()),
            demo=period.person_id == demo_person_id and period.ended_on is None,
        )
    return maker.rows


class _Measures:
    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.random = rng.random
        self.gauss = rng.gauss
        self.today = today
        self.rows = _MeasureRows([], [], [])

    def period(self, period: SupportPeriodRow, goals: Sequence[GoalRow], *, demo: bool) -> None:
        random_ = self.random
        if not demo and random_() < UNMEASURED_SHARE:
            return
        offered = [
            key for keys, share in INSTRUMENT_SHARES.items() if random_() < share for key in keys
        ]
        if demo:
            offered = [*DEMO_INSTRUMENTS, *(key for key in offered if key not in DEMO_INSTRUMENTS)]
        if not offered:
            return
        occasions = self.occasions(period)
        start = occasions[0]
        for occasion in occasions:
            for key in offered:
                if key == GOAL_RATINGS:
                    continue
                if (demo and occasion is start and key in DEMO_INSTRUMENTS) or (
                    random_() < TAKEN_SHARE
                ):
                    self.questionnaire(period, QUESTIONNAIRE_SPECS[key], occasion)
        if GOAL_RATINGS in offered:
            until = period.ended_on or self.today
            set_in_period = [
                (goal.start_date, goal)
                for goal in goals
                if goal.start_date is not None and period.started_on <= goal.start_date <= until
            ]
            if set_in_period:
                self.goal_rounds(period, set_in_period, occasions, demo=demo)

    def occasions(self, period: SupportPeriodRow) -> list[_Occasion]:
        """The start; the reviews the person comes to, while the period runs; and an end, for some
        ended periods."""
        random_, gauss = self.random, self.gauss
        started = period.started_on
        last = min(period.ended_on or self.today, self.today)
        first = started
        if random_() < START_DELAY_SHARE:
            first = min(last, started + DAY * (1 + int(random_() * START_DELAY_DAYS)))
        came_until = last
        if period.ending == STOPPED_COMING:
            low, high = LAST_CAME_DAYS
            came_until = last - DAY * (low + int(random_() * (high - low + 1)))
        end = None
        if period.ended_on is not None and random_() < END_MEASURE_SHARES[period.ending]:
            end = max(first, period.ended_on - DAY * int(random_() * (END_MEASURE_DAYS + 1)))
            came_until = min(came_until, end - DAY)  # a review that late is the end instead

        wellbeing = gauss(0.0, 1.0)
        gain = gauss(MEAN_GAIN, GAIN_SPREAD)

        def on(day: dt.date) -> float:
            progress = min(1.0, (day - started).days / GAIN_DAYS)
            return wellbeing + gain * progress + gauss(0.0, DAY_SPREAD)

        key_worker = period.key_worker_id
        occasions = [_Occasion(START, first, key_worker, on(first))]
        early, late = REVIEW_DAYS_EARLY_LATE
        chance = FIRST_REVIEW_SHARE
        due = started + DAY * REVIEW_DAYS
        while due + DAY * early <= came_until:
            day = due + DAY * (early + int(random_() * (late - early + 1)))
            if day <= came_until and random_() < chance:
                member = None if random_() < REVIEW_ALONE_SHARE else key_worker
                occasions.append(_Occasion(REVIEW, day, member, on(day)))
            chance *= LATER_REVIEW_FALL
            due += DAY * REVIEW_DAYS
        if end is not None:
            occasions.append(_Occasion(END, end, key_worker, on(end)))
        return occasions

    def measure(self, period: SupportPeriodRow, instrument: str, occasion: _Occasion) -> int:
        measures = self.rows.measures
        measure_id = len(measures) + 1
        member = occasion.with_member_id
        measures.append(
            MeasureRow(
                id=measure_id,
                person_id=period.person_id,
                period_id=period.id,
                instrument=instrument,
                timepoint=occasion.timepoint,
                taken_on=occasion.day,
                filled_in=ALONE if member is None else TOGETHER,
                with_member_id=member,
            )
        )
        return measure_id

    def questionnaire(
        self, period: SupportPeriodRow, spec: _Questionnaire, occasion: _Occasion
    ) -> None:
        """One questionnaire's answers, each item as given: a few skipped, and DIALOG's "do you
        need more help?" for each item answered, when it was asked."""
        random_, gauss = self.random, self.gauss
        measure_id = self.measure(period, spec.key, occasion)
        answers = self.rows.answers
        answer_id = len(answers)
        low, high, noise, wellbeing = spec.low, spec.high, spec.noise, occasion.wellbeing
        asked = spec.asks_more_help and random_() >= MORE_HELP_NOT_ASKED_SHARE
        for item, (centre, slope) in enumerate(spec.items, start=1):
            answer_id += 1
            if random_() < SKIPPED_ITEM_SHARE:
                answers.append(AnswerRow(answer_id, measure_id, item, None, None))
                continue
            value = round(centre + slope * wellbeing + gauss(0.0, noise))
            value = low if value < low else high if value > high else value
            more_help = random_() < MORE_HELP_BY_RATING[value] if asked else None
            answers.append(AnswerRow(answer_id, measure_id, item, value, more_help))

    def goal_rounds(
        self,
        period: SupportPeriodRow,
        goals: Sequence[tuple[dt.date, GoalRow]],
        occasions: Sequence[_Occasion],
        *,
        demo: bool,
    ) -> None:
        """Rounds of ratings of the goals set in the period: the first on the day the first of them
        is set (or at the start, if that is later), then at each review and the end, each goal
        from the round after it is set. Some goals are rated once only."""
        random_, gauss = self.random, self.gauss
        start, *later = occasions
        day = max(start.day, min(set_on for set_on, _ in goals))
        if later and later[-1].timepoint == END and later[-1].day < day:
            return  # the first goal came too late to be rated before the ending
        rounds = [
            _Occasion(START, day, start.with_member_id, start.wellbeing),
            *(occasion for occasion in later if occasion.day > day),
        ]
        low, high = GOAL_SCALE
        first_score, first_spread = GOAL_FIRST_SCORE
        drafts = [
            _GoalDraft(
                goal=goal,
                set_on=set_on,
                first_score=gauss(first_score, first_spread),
                gain=gauss(GOAL_GAIN_FOR[goal.achievement_status], GOAL_GAIN_SPREAD),
                once=random_() < GOAL_RATED_ONCE_SHARE,
            )
            for set_on, goal in goals
        ]
        ratings = self.rows.goal_ratings
        for occasion in rounds:
            forced = demo and occasion.timepoint == START and GOAL_RATINGS in DEMO_INSTRUMENTS
            if not forced and random_() >= TAKEN_SHARE:
                continue
            due = [
                draft
                for draft in drafts
                if draft.set_on <= occasion.day
                and not (draft.once and draft.first_rated is not None)
            ]
            if not due:
                continue
            measure_id = self.measure(period, GOAL_RATINGS, occasion)
            for draft in due:
                score = draft.first_score
                if draft.first_rated is None:
                    draft.first_rated = occasion.day
                else:
                    since = (occasion.day - draft.first_rated).days
                    score += draft.gain * since / REVIEW_DAYS + gauss(0.0, GOAL_DAY_SPREAD)
                ratings.append(
                    GoalRatingRow(
                        id=len(ratings) + 1,
                        measure_id=measure_id,
                        goal_id=draft.goal.id,
                        score=max(low, min(high, round(score))),
                    )
                )


@dataclass(slots=True)
class _GoalDraft:
    """A goal being rated: its first score, how far it moves in REVIEW_WEEKS, whether it is rated
    once only, and the day it was first rated."""

    goal: GoalRow
    set_on: dt.date
    first_score: float
    gain: float
    once: bool
    first_rated: dt.date | None = None
