"""The synthetic borough's measures: questionnaires and goal ratings, plain Python, no database."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence

import pytest

from livingwell.instruments import GOAL_SCALE, REGISTRY
from livingwell.instruments.reqol import NEGATIVELY_WORDED_ITEMS
from livingwell.synthetic import borough as synthetic
from livingwell.synthetic.borough import (
    AnswerRow,
    Borough,
    MeasureRow,
    make_borough,
)
from livingwell.synthetic.borough.mixes import (
    DEMO_INSTRUMENTS,
    END_MEASURE_DAYS,
    END_MEASURE_SHARES,
    FIRST_REVIEW_SHARE,
    GOAL_ACHIEVEMENT_FOR,
    GOAL_GAIN_FOR,
    GOAL_RATED_ONCE_SHARE,
    INSTRUMENT_SHARES,
    LATER_REVIEW_FALL,
    MORE_HELP_BY_RATING,
    RESPONSES,
    REVIEW_ALONE_SHARE,
    REVIEW_DAYS_EARLY_LATE,
    REVIEW_WEEKS,
    SKIPPED_ITEM_SHARE,
    START_DELAY_DAYS,
    TAKEN_SHARE,
    UNMEASURED_SHARE,
)

TODAY = dt.date(2026, 11, 23)
REVIEW_DAYS = 7 * REVIEW_WEEKS


@pytest.fixture(scope="module")
def borough() -> Borough:
    return make_borough(seed=11, today=TODAY, people=4000)


def near(share: float, setting: float, n: int) -> bool:
    """Within three standard errors of the setting; and up to 0.04 under it, for the occasions on
    which none of the person's questionnaires was filled in."""
    error = 3 * math.sqrt(setting * (1 - setting) / n)
    return setting - error - 0.04 < share < setting + error


def answers_of(borough: Borough) -> dict[int, list[AnswerRow]]:
    answers: dict[int, list[AnswerRow]] = defaultdict(list)
    for answer in borough.answers:
        answers[answer.measure_id].append(answer)
    return answers


def responses(answers: Sequence[AnswerRow]) -> list[int | None]:
    return [a.value for a in sorted(answers, key=lambda a: a.item)]


def test_the_generators_measure_values_are_the_instruments() -> None:
    assert set(synthetic.QUESTIONNAIRES) == set(REGISTRY)
    assert synthetic.GOAL_RATINGS not in REGISTRY
    offered = {key for keys in INSTRUMENT_SHARES for key in keys}
    assert offered == {*synthetic.QUESTIONNAIRES, synthetic.GOAL_RATINGS}
    assert set(DEMO_INSTRUMENTS) <= offered
    assert set(END_MEASURE_SHARES) == set(synthetic.ENDINGS)
    for key, response in RESPONSES.items():
        assert len(response.centre) == len(response.direction) == REGISTRY[key].items, key
    assert set(RESPONSES) == set(REGISTRY)
    statuses = {status for mix in GOAL_ACHIEVEMENT_FOR.values() for status in mix}
    assert statuses <= set(GOAL_GAIN_FOR)
    assert set(MORE_HELP_BY_RATING) == set(
        range(REGISTRY["dialog"].item_min, REGISTRY["dialog"].item_max + 1)
    )


def test_the_same_seed_gives_the_same_measures_and_another_seed_others() -> None:
    one = make_borough(seed=5, today=TODAY, people=500)
    again = make_borough(seed=5, today=TODAY, people=500)
    other = make_borough(seed=6, today=TODAY, people=500)
    for name in ("measures", "answers", "goal_ratings"):
        assert getattr(one, name)
        assert getattr(one, name) == getattr(again, name)
        assert getattr(one, name) != getattr(other, name)


def test_a_borough_with_nobody_in_it_has_no_measures() -> None:
    empty = make_borough(seed=1, today=TODAY, people=0)
    assert empty.measures == ()
    assert empty.answers == ()
    assert empty.goal_ratings == ()


def test_ids_run_from_one_and_every_answer_and_rating_has_its_measure(borough: Borough) -> None:
    for rows in (borough.measures, borough.answers, borough.goal_ratings):
        assert [row.id for row in rows] == list(range(1, len(rows) + 1))
    kinds = {m.id: m.instrument for m in borough.measures}
    assert all(kinds[a.measure_id] in REGISTRY for a in borough.answers)
    assert all(kinds[r.measure_id] == synthetic.GOAL_RATINGS for r in borough.goal_ratings)
    answered = {a.measure_id for a in borough.answers}
    rated = {r.measure_id for r in borough.goal_ratings}
    # Every questionnaire has its answers, every round of goal ratings at least one rating.
    assert answered | rated == set(kinds)
    assert not answered & rated


def test_every_measure_is_in_its_period_and_not_after_today(borough: Borough) -> None:
    periods = {p.id: p for p in borough.support_periods}
    for measure in borough.measures:
        period = periods[measure.period_id]
        assert measure.person_id == period.person_id
        assert period.started_on <= measure.taken_on <= TODAY
        assert period.ended_on is None or measure.taken_on <= period.ended_on
        assert measure.instrument in (*synthetic.QUESTIONNAIRES, synthetic.GOAL_RATINGS)
        assert measure.timepoint in synthetic.TIMEPOINTS
        assert measure.filled_in in synthetic.FILLED_IN


def test_a_period_has_at_most_one_start_and_one_end_of_each_instrument(borough: Borough) -> None:
    counts = Counter(
        (m.period_id, m.instrument, m.timepoint)
        for m in borough.measures
        if m.timepoint in (synthetic.START, synthetic.END)
    )
    assert counts
    assert max(counts.values()) == 1


def test_measures_come_at_the_start_every_twelve_weeks_and_at_the_end(borough: Borough) -> None:
    periods = {p.id: p for p in borough.support_periods}
    early, late = REVIEW_DAYS_EARLY_LATE
    for m in borough.measures:
        period = periods[m.period_id]
        since_start = (m.taken_on - period.started_on).days
        if m.timepoint == synthetic.START and m.instrument in REGISTRY:
            assert since_start <= START_DELAY_DAYS
        elif m.timepoint == synthetic.START:
            assert since_start <= 90  # with the first goal set in the period (within 90 days)
        elif m.timepoint == synthetic.REVIEW:
            review = round(since_start / REVIEW_DAYS)
            assert review >= 1
            assert early <= since_start - review * REVIEW_DAYS <= late
        else:
            assert period.ended_on is not None
            assert 0 <= (period.ended_on - m.taken_on).days <= END_MEASURE_DAYS
    # Each period's measures come in order: start, reviews, end.
    order = {synthetic.START: 0, synthetic.REVIEW: 1, synthetic.END: 2}
    by_instrument: dict[tuple[int, str], list[MeasureRow]] = defaultdict(list)
    for m in borough.measures:
        by_instrument[(m.period_id, m.instrument)].append(m)
    for measures in by_instrument.values():
        in_time = sorted(measures, key=lambda m: (m.taken_on, order[m.timepoint]))
        assert [order[m.timepoint] for m in in_time] == sorted(order[m.timepoint] for m in measures)


def test_measures_are_filled_in_with_the_key_worker_and_some_reviews_alone(
    borough: Borough,
) -> None:
    periods = {p.id: p for p in borough.support_periods}
    for m in borough.measures:
        if m.filled_in == synthetic.TOGETHER:
            assert m.with_member_id == periods[m.period_id].key_worker_id
        else:
            assert m.with_member_id is None
            assert m.timepoint == synthetic.REVIEW  # starts and ends are with the key worker
    reviews = [m for m in borough.measures if m.timepoint == synthetic.REVIEW]
    alone = sum(m.filled_in == synthetic.ALONE for m in reviews) / len(reviews)
    assert abs(alone - REVIEW_ALONE_SHARE) < 0.05


def test_not_everyone_gets_every_questionnaire(borough: Borough) -> None:
    periods = borough.support_periods
    started = Counter(m.instrument for m in borough.measures if m.timepoint == synthetic.START)
    for keys, share in INSTRUMENT_SHARES.items():
        for key in keys:
            if key in REGISTRY:
                expected = (1 - UNMEASURED_SHARE) * share * TAKEN_SHARE
                assert abs(started[key] / len(periods) - expected) < 0.04, key
    # ReQoL-10 and goal ratings most often, DIALOG often, SWEMWBS, PHQ-9 and GAD-7 less.
    assert started["reqol10"] > started["dialog"] > started["swemwbs"]
    assert started[synthetic.GOAL_RATINGS] > started["dialog"] > started["phq9"]
    # PHQ-9 and GAD-7 are given together.
    phq9 = {m.period_id for m in borough.measures if m.instrument == "phq9"}
    gad7 = {m.period_id for m in borough.measures if m.instrument == "gad7"}
    assert len(phq9 & gad7) > 0.85 * len(phq9 | gad7)
    # Some periods have no measures at all.
    measured = {m.period_id for m in borough.measures}
    assert UNMEASURED_SHARE < 1 - len(measured) / len(periods) < UNMEASURED_SHARE + 0.05


def test_end_measures_come_more_often_with_an_agreed_ending(borough: Borough) -> None:
    started = {m.period_id for m in borough.measures if m.timepoint == synthetic.START}
    ended = {m.period_id for m in borough.measures if m.timepoint == synthetic.END}
    shares = {}
    for ending, share in END_MEASURE_SHARES.items():
        measured = [p.id for p in borough.support_periods if p.ending == ending and p.id in started]
        shares[ending] = sum(p in ended for p in measured) / len(measured)
        assert near(shares[ending], share, len(measured)), ending
    assert shares["agreed"] > shares["moved-away"] > shares["stopped-coming"]


def test_fewer_people_fill_in_each_later_review(borough: Borough) -> None:
    started_on = {p.id: p.started_on for p in borough.support_periods}
    reviews = defaultdict(set)
    for m in borough.measures:
        if m.timepoint == synthetic.REVIEW:
            since_start = (m.taken_on - started_on[m.period_id]).days
            reviews[m.period_id].add(round(since_start / REVIEW_DAYS))
    started = {m.period_id for m in borough.measures if m.timepoint == synthetic.START}
    _, late = REVIEW_DAYS_EARLY_LATE
    shares = []
    for review in (1, 2, 3):
        # Periods measured at the start, and still going well after this review was due.
        due = [
            p
            for p in borough.support_periods
            if p.id in started
            and p.ending != "stopped-coming"
            and ((p.ended_on or TODAY) - p.started_on).days
            > review * REVIEW_DAYS + late + END_MEASURE_DAYS
        ]
        share = sum(review in reviews[p.id] for p in due) / len(due)
        assert near(share, FIRST_REVIEW_SHARE * LATER_REVIEW_FALL ** (review - 1), len(due))
        shares.append(share)
    assert shares[0] > shares[1]
    assert shares[0] > shares[2]  # (few periods last for a third review: it is near its setting)


def test_people_who_stop_coming_have_no_review_at_the_end(borough: Borough) -> None:
    periods = {p.id: p for p in borough.support_periods}
    stopped = [
        m
        for m in borough.measures
        if m.timepoint == synthetic.REVIEW and periods[m.period_id].ending == "stopped-coming"
    ]
    assert stopped
    for m in stopped:
        ended_on = periods[m.period_id].ended_on
        assert ended_on is not None
        assert (ended_on - m.taken_on).days >= 14


def test_answers_are_on_each_instruments_scale_one_for_every_item(borough: Borough) -> None:
    answers = answers_of(borough)
    for m in borough.measures:
        if m.instrument not in REGISTRY:
            continue
        instrument = REGISTRY[m.instrument]
        given = answers[m.id]
        assert [a.item for a in given] == list(range(1, instrument.items + 1))
        for a in given:
            assert a.value is None or instrument.item_min <= a.value <= instrument.item_max
            if m.instrument != "dialog" or a.value is None:
                assert a.need_more_help is None
        assert any(a.value is not None for a in given)
        instrument.score(responses(given))  # the scorer takes them as they are


def test_a_few_items_are_skipped_so_some_questionnaires_have_no_total(borough: Borough) -> None:
    skipped = sum(a.value is None for a in borough.answers) / len(borough.answers)
    assert abs(skipped - SKIPPED_ITEM_SHARE) < 0.005
    answers = answers_of(borough)
    reqol = [m for m in borough.measures if m.instrument == "reqol10"]
    totals = [REGISTRY["reqol10"].score(responses(answers[m.id])).total for m in reqol]
    without = sum(total is None for total in totals) / len(totals)
    assert 0.05 < without < 0.3


def test_dialog_asks_whether_more_help_is_needed_most_for_what_goes_worst(
    borough: Borough,
) -> None:
    kinds = {m.id: m.instrument for m in borough.measures}
    dialog = [a for a in borough.answers if kinds[a.measure_id] == "dialog"]
    asked = [a for a in dialog if a.need_more_help is not None]
    assert 0.8 < len(asked) / len(dialog) < 0.95  # not asked in some, nor for a skipped item
    low = [a.need_more_help is True for a in asked if a.value is not None and a.value <= 3]
    high = [a.need_more_help is True for a in asked if a.value is not None and a.value >= 5]
    assert sum(low) / len(low) > 0.5 > 0.2 > sum(high) / len(high)


def start_and_end_totals(borough: Borough, key: str) -> list[tuple[float, float]]:
    answers = answers_of(borough)
    totals: dict[int, dict[str, float]] = defaultdict(dict)
    for m in borough.measures:
        if m.instrument == key and m.timepoint in (synthetic.START, synthetic.END):
            total = REGISTRY[key].score(responses(answers[m.id])).total
            if total is not None:
                totals[m.period_id][m.timepoint] = total
    return [(t["start"], t["end"]) for t in totals.values() if len(t) == 2]


def test_people_feel_better_on_average_by_the_end_and_some_worse(borough: Borough) -> None:
    reqol = start_and_end_totals(borough, "reqol10")
    assert len(reqol) > 200
    assert statistics.mean(start for start, _ in reqol) < 24  # in the clinical range at first
    assert statistics.mean(end - start for start, end in reqol) > 2
    assert 0.1 < sum(end < start for start, end in reqol) / len(reqol) < 0.4
    # PHQ-9 and GAD-7 count symptoms: lower is better.
    for key in ("phq9", "gad7"):
        pairs = start_and_end_totals(borough, key)
        assert statistics.mean(end - start for start, end in pairs) < 0, key
    # ReQoL-10's negatively worded items are answered the other way round from the rest.
    answers = answers_of(borough)
    complete = [
        values
        for m in borough.measures
        if m.instrument == "reqol10" and None not in (values := responses(answers[m.id]))
    ]
    totals = [REGISTRY["reqol10"].score(values).total or 0.0 for values in complete]
    for item in range(1, 11):
        given = [float(values[item - 1] or 0) for values in complete]
        correlation = statistics.correlation(given, totals)
        assert (correlation < 0) == (item in NEGATIVELY_WORDED_ITEMS), item


def test_goal_ratings_are_only_of_the_persons_own_goals_set_by_then(borough: Borough) -> None:
    person_of_plan = {plan.id: plan.person_id for plan in borough.plans}
    goals = {g.id: g for g in borough.goals}
    measures = {m.id: m for m in borough.measures}
    low, high = GOAL_SCALE
    for rating in borough.goal_ratings:
        measure = measures[rating.measure_id]
        goal = goals[rating.goal_id]
        assert person_of_plan[goal.plan_id] == measure.person_id
        assert goal.start_date is not None
        assert goal.start_date <= measure.taken_on
        assert low <= rating.score <= high
    assert max(Counter((r.measure_id, r.goal_id) for r in borough.goal_ratings).values()) == 1


def test_some_goals_are_rated_once_and_ratings_drift_upward(borough: Borough) -> None:
    days = {m.id: m.taken_on for m in borough.measures}
    scores: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for rating in borough.goal_ratings:
        scores[rating.goal_id].append((days[rating.measure_id], rating.score))
    once = sum(len(s) == 1 for s in scores.values()) / len(scores)
    assert GOAL_RATED_ONCE_SHARE < once < 0.9
    moved = [max(s)[1] - min(s)[1] for s in scores.values() if len(s) > 1]
    assert len(moved) > 300
    assert statistics.mean(moved) > 0.5
    assert 0.05 < sum(m < 0 for m in moved) / len(moved) < 0.35  # some goals go backwards


def test_the_demo_person_has_reqol_and_goal_ratings_at_the_start(borough: Borough) -> None:
    (period,) = (
        p
        for p in borough.support_periods
        if p.person_id == borough.demo_person_id and p.ended_on is None
    )
    started = {
        m.instrument
        for m in borough.measures
        if m.period_id == period.id and m.timepoint == synthetic.START
    }
    assert "reqol10" in DEMO_INSTRUMENTS
    assert "reqol10" in started
    plan = next(plan for plan in borough.plans if plan.person_id == period.person_id)
    if any(
        g.plan_id == plan.id and g.start_date and g.start_date >= period.started_on
        for g in borough.goals
    ):
        assert synthetic.GOAL_RATINGS in started
