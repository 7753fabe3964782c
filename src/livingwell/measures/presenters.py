"""What the pages say of a person's measures: their progress over time, in a chart with its table and
in plain words, for the person ("you") and for their team. Scores come from the instrument alone."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from livingwell.access.policy import Record
from livingwell.analytics.charts import Series, line_chart
from livingwell.codes.record import Part, goal_shown
from livingwell.instruments import GOAL_SCALE, REGISTRY, Instrument, Score, Wording
from livingwell.measures import selectors
from livingwell.measures.models import GOAL_RATINGS, Measure, Timepoint
from livingwell.plans.models import Goal


def day_words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def score_of(measure: Measure) -> Score:
    """The measure's score, worked out by its instrument from the answers as given."""
    instrument = REGISTRY[measure.instrument]
    answers = {answer.item: answer for answer in measure.answers.all()}
    responses = [answers[n].value if n in answers else None for n in range(1, instrument.items + 1)]
    if measure.instrument == "dialog":
        helps = [
            answers[n].need_more_help if n in answers else None
            for n in range(1, instrument.items + 1)
        ]
        return instrument.score(responses, more_help=helps)  # type: ignore[call-arg]
    return instrument.score(responses)


@dataclass(frozen=True)
class Point:
    measure_id: int
    day: str
    timepoint: str
    filled_in: str
    score: float | None  # None: too many questions left blank to give a score
    unanswered: int


@dataclass
class Progress:
    """One instrument's scores over time, or one goal's ratings."""

    key: str
    label: str
    points: list[Point]
    lowest: float
    highest: float
    higher_is_better: bool
    about: list[str] = field(
        default_factory=list
    )  # the scale, its ranges and real change, in words
    change: str = ""  # from the first score to the last, in words
    chart: str = ""  # the SVG, drawn by our own chart code (every text escaped there)


def _real_change(instrument: Instrument) -> float:
    return instrument.reliable_change.threshold


def _about(instrument: Instrument) -> list[str]:
    lowest, highest = instrument.total_range
    better = "higher" if instrument.higher_is_better else "lower"
    lines = [f"Scores go from {_number(lowest)} to {_number(highest)}. A {better} score is better."]
    cutoff = instrument.clinical_cutoff
    if cutoff is not None:
        where = (
            f"below {_number(cutoff.value)}"
            if cutoff.clinical_below
            else f"of {_number(cutoff.value)} or more"
        )
        lines.append(
            f"A score {where} is in the range where people often get help from mental health "
            "services (the clinical range)."
        )
    lines.append(
        f"A change of {_number(_real_change(instrument))} points or more is a real change, "
        "not chance."
    )
    return lines


def _change_words(
    first: Point, last: Point, *, threshold: float, higher_is_better: bool, own: bool
) -> str:
    """From the first score to the last (both scored), in words."""
    start, end = first.score or 0.0, last.score or 0.0
    moved = end - start
    whose = "Your" if own else "The"
    if moved == 0:
        return f"{whose} score is the same as on {first.day}."
    direction = "up" if moved > 0 else "down"
    better = (moved > 0) == higher_is_better
    words = (
        f"{whose} score went {direction} {_number(abs(moved))} points, from "
        f"{_number(start)} on {first.day} to {_number(end)} on {last.day}."
    )
    if abs(moved) >= threshold:
        return words + (
            " That is a real change for the better."
            if better
            else " That is a real change for the worse."
        )
    return words + " That is less than a real change, so it may be chance."


def _chart(progress: Progress, chart_id: str, title: str, series: list[Series]) -> str:
    description = "; ".join(
        f"{p.day}: {'no score' if p.score is None else _number(p.score)}" for p in progress.points
    )
    return Markup(  # noqa: S704 - our own chart code escapes every text it draws
        line_chart(
            chart_id=chart_id,
            title=title,
            description=f"{title}. {description}.",
            x_labels=[p.day for p in progress.points],
            series=series,
            y_max=progress.highest,
            label_every=1,
        )
    )


def progress(
    measures: list[Measure], *, own: bool, goal_shown: Callable[[Goal], bool] | None = None
) -> list[Progress]:
    """Each instrument the person has filled in, with every score over time; then each rated goal
    (only those `goal_shown` lets through, for someone the person shares with)."""
    by_instrument: dict[str, list[Measure]] = defaultdict(list)
    for measure in measures:
        by_instrument[measure.instrument].append(measure)
    shown: list[Progress] = []
    for key, instrument in REGISTRY.items():
        if key not in by_instrument:
            continue
        points = []
        for measure in by_instrument[key]:
            scored = score_of(measure)
            points.append(
                Point(
                    measure_id=measure.pk,
                    day=day_words(measure.taken_on),
                    timepoint=measure.get_timepoint_display(),
                    filled_in=measure.get_filled_in_display(),
                    score=scored.total,
                    unanswered=scored.missing,
                )
            )
        lowest, highest = instrument.total_range
        item = Progress(
            key=key,
            label=instrument.label,
            points=points,
            lowest=lowest,
            highest=highest,
            higher_is_better=instrument.higher_is_better,
            about=_about(instrument),
        )
        scored_points = [p for p in points if p.score is not None]
        if len(scored_points) >= 2:
            item.change = _change_words(
                scored_points[0],
                scored_points[-1],
                threshold=_real_change(instrument),
                higher_is_better=instrument.higher_is_better,
                own=own,
            )
        item.chart = _chart(
            item,
            f"chart-{key}",
            f"{instrument.label} scores over time",
            [
                Series(
                    instrument.label,
                    [math.nan if p.score is None else p.score for p in points],
                )
            ],
        )
        shown.append(item)
    shown += _goal_progress(by_instrument.get(GOAL_RATINGS, []), own=own, goal_shown=goal_shown)
    return shown


def _goal_progress(
    rounds: list[Measure], *, own: bool, goal_shown: Callable[[Goal], bool] | None
) -> list[Progress]:
    by_goal: dict[int, list[tuple[Measure, int]]] = defaultdict(list)
    goals = {}
    for measure in rounds:
        for rating in measure.goal_ratings.all():
            if goal_shown is not None and not goal_shown(rating.goal):
                continue
            by_goal[rating.goal_id].append((measure, rating.score))
            goals[rating.goal_id] = rating.goal
    low, high = GOAL_SCALE
    shown = []
    for goal_id, ratings in by_goal.items():
        points = [
            Point(
                measure_id=measure.pk,
                day=day_words(measure.taken_on),
                timepoint=measure.get_timepoint_display(),
                filled_in=measure.get_filled_in_display(),
                score=float(score),
                unanswered=0,
            )
            for measure, score in ratings
        ]
        item = Progress(
            key=f"goal-{goal_id}",
            label=f"Goal: {goals[goal_id].description}",
            points=points,
            lowest=low,
            highest=high,
            higher_is_better=True,
            about=[
                f"{'You rate' if own else 'The person rates'} how close {'you are' if own else 'they are'} "
                f"to the goal, from {low} (not at all) to {high} (reached it). A rise of 3 points or "
                "more is a meaningful change."
            ],
        )
        if len(points) >= 2:
            item.change = _change_words(
                points[0], points[-1], threshold=3, higher_is_better=True, own=own
            ).replace("score", "rating")
        item.chart = _chart(
            item,
            f"chart-goal-{goal_id}",
            "Goal ratings over time",
            [Series("Rating", [p.score or 0.0 for p in points])],
        )
        shown.append(item)
    return shown


def shared_progress(record: Record) -> list[Progress]:
    """What someone the person shares with sees of their measures: nothing, unless the person
    shares them; then the questionnaires, and the ratings of only the goals they share."""
    if not record.can_read(Part.MEASURES):
        return []
    return progress(
        selectors.of_person(record),
        own=False,
        goal_shown=lambda goal: goal_shown(goal.domain, record.shares),
    )


TIMEPOINT_HINTS = {
    Timepoint.START: "At the start of support, with the first conversation",
    Timepoint.REVIEW: "At a review, to see how things are going",
    Timepoint.END: "At the end of support, with the ending",
}


@dataclass(frozen=True)
class AnswerLine:
    number: int
    question: str
    answer: str
    more_help: str = ""


def answers(measure: Measure, wording: Wording | None) -> list[AnswerLine]:
    """Each question of a questionnaire and the answer given, in the site's wording when it has it
    (else by number and value: the answers were saved as values)."""
    instrument = REGISTRY[measure.instrument]
    given = {answer.item: answer for answer in measure.answers.all()}
    lines = []
    for number in range(1, instrument.items + 1):
        answer = given.get(number)
        value = answer.value if answer else None
        question = wording.items[number - 1] if wording else f"Question {number}"
        if value is None:
            words = "Not answered"
        elif wording:
            labels = {o.value: o.label for o in wording.options_for(number)}
            words = labels.get(value, str(value))
        else:
            words = str(value)
        helps = answer.need_more_help if answer else None
        more = "" if helps is None else ("Yes" if helps else "No")
        lines.append(AnswerLine(number, question, words, more))
    return lines
