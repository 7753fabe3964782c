"""Goal-based outcomes: goals the person sets, rated 0-10; progress is movement along the scale.

LAW_JACOB_2015: goals are rated from 0 to 10 and progress is "the amount of movement along the
scale". The learning extract's definition of progress on a goal (docs/learning-extract.md): its last
score is higher than its first, over at least two scores; the report also gives the mean movement.
A goal with fewer than two scores has no movement and no progress (None), and is counted as such,
never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from livingwell.instruments.errors import ResponseError
from livingwell.instruments.sources import LAW_JACOB_2015

GOAL_SCALE = (0, 10)
"""The lowest and highest goal score."""
MEANINGFUL_PROGRESS = 3
"""A rise of this many points or more is meaningful progress on a goal: NHS England's threshold
for goal-based outcomes in its community mental health outcomes analysis
(NHS_ENGLAND_CMH_PROMS_ANALYSIS)."""
SOURCE = LAW_JACOB_2015
COLUMNS = ("goal_key", "scored_on", "score")


def check_goal_score(score: object) -> int:
    """A goal score as a whole number from 0 to 10, or a `ResponseError` saying what it was."""
    low, high = GOAL_SCALE
    if isinstance(score, bool) or not isinstance(score, int) or not low <= score <= high:
        raise ResponseError(
            f"A goal score must be a whole number from {low} to {high}; it was {score!r}"
        )
    return score


def movement(scores: Sequence[int]) -> int | None:
    """Last score minus first (scores in the order given), or None with fewer than two."""
    checked = [check_goal_score(score) for score in scores]
    if len(checked) < 2:
        return None
    return checked[-1] - checked[0]


def made_progress(scores: Sequence[int]) -> bool | None:
    """Whether the last score is higher than the first, over at least two scores (else None)."""
    moved = movement(scores)
    return None if moved is None else moved > 0


def goal_movement_frame(goal_scores: pl.DataFrame) -> pl.DataFrame:
    """First and last score, number of scores, movement and progress, one row per goal.

    `goal_scores` has `goal_key`, `scored_on` (a date) and `score` (0-10), one row per rating.
    Scores are taken in `scored_on` order, ties in the order of the rows. Returns `goal_key`,
    `first_score`, `last_score`, `n_scores`, `movement`, `progress` (any rise) and `meaningful` (a
    rise of MEANINGFUL_PROGRESS or more), sorted by `goal_key`; the last three are null for a goal
    scored fewer than twice.
    """
    missing = [name for name in COLUMNS if name not in goal_scores.columns]
    if missing:
        raise ResponseError(
            f"Goal scores need the columns goal_key, scored_on and score; missing: {', '.join(missing)}"
        )
    if not (goal_scores.schema["score"].is_integer() or goal_scores.schema["score"] == pl.Null):
        raise ResponseError(
            f"Goal scores must be whole numbers; the score column holds {goal_scores.schema['score']}"
        )
    low, high = GOAL_SCALE
    frame = goal_scores.select(
        pl.col("goal_key").cast(pl.String),
        pl.col("scored_on"),
        pl.col("score").cast(pl.Int64),
    ).with_row_index("_row")
    bad = frame.filter(
        pl.col("goal_key").is_null()
        | pl.col("scored_on").is_null()
        | pl.col("score").is_null()
        | (pl.col("score") < low)
        | (pl.col("score") > high)
    )
    if bad.height:
        lines = [
            f"goal {key}, scored on {scored_on}: {score} (a score must be {low} to {high}; "
            "goal and date must be given)"
            for _, key, scored_on, score in bad.head(20).iter_rows()
        ]
        more = f"; and {bad.height - len(lines)} more" if bad.height > len(lines) else ""
        raise ResponseError(
            f"{bad.height} goal score{'' if bad.height == 1 else 's'} cannot be used: "
            + "; ".join(lines)
            + more,
            problems=lines,
            count=bad.height,
        )
    in_order = pl.col("score").sort_by(["scored_on", "_row"])
    summary = frame.group_by("goal_key").agg(
        in_order.first().alias("first_score"),
        in_order.last().alias("last_score"),
        pl.len().cast(pl.Int64).alias("n_scores"),
    )
    moved = pl.col("last_score") - pl.col("first_score")
    two_or_more = pl.col("n_scores") >= 2
    return summary.with_columns(
        pl.when(two_or_more).then(moved).otherwise(None).alias("movement"),
        pl.when(two_or_more).then(moved > 0).otherwise(None).alias("progress"),
        pl.when(two_or_more).then(moved >= MEANINGFUL_PROGRESS).otherwise(None).alias("meaningful"),
    ).sort("goal_key")
