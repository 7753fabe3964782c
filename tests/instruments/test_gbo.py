"""Goal-based outcomes: movement along the 0-10 scale, and progress as the extract defines it.

LAW_JACOB_2015: goals are rated 0-10 and progress is "the amount of movement along the scale"; the
learning extract: progress is a last score higher than the first, over at least two scores.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from livingwell.instruments import (
    GOAL_SCALE,
    ResponseError,
    goal_movement_frame,
    made_progress,
    movement,
)


def test_movement_is_the_last_score_minus_the_first() -> None:
    assert GOAL_SCALE == (0, 10)
    assert movement([2, 5, 7]) == 5
    assert movement([6, 3]) == -3
    assert movement([4, 9, 4]) == 0


def test_progress_needs_a_last_score_above_the_first() -> None:
    assert made_progress([2, 5, 7]) is True
    assert made_progress([4, 9, 4]) is False
    assert made_progress([6, 3]) is False


def test_a_goal_scored_fewer_than_twice_has_no_movement_or_progress() -> None:
    assert movement([5]) is None
    assert made_progress([]) is None


def test_a_score_outside_0_to_10_is_refused() -> None:
    with pytest.raises(
        ResponseError, match="A goal score must be a whole number from 0 to 10; it was 11"
    ):
        movement([3, 11])
    with pytest.raises(ResponseError, match=r"it was 2\.5"):
        made_progress([2.5, 4])  # type: ignore[list-item]


def test_the_frame_orders_scores_by_date_and_ties_by_the_order_given() -> None:
    goal_scores = pl.DataFrame(
        {
            "goal_key": ["b", "a", "a", "a", "c", "b", "b"],
            "scored_on": [
                date(2025, 3, 1),
                date(2025, 2, 1),
                date(2025, 1, 1),
                date(2025, 2, 1),
                date(2025, 1, 5),
                date(2025, 1, 1),
                date(2025, 3, 1),
            ],
            "score": [6, 4, 2, 5, 3, 7, 9],
        }
    )
    result = goal_movement_frame(goal_scores)
    assert result.columns == [
        "goal_key",
        "first_score",
        "last_score",
        "n_scores",
        "movement",
        "progress",
        "meaningful",
    ]
    assert result.rows() == [
        ("a", 2, 5, 3, 3, True, True),  # 1 Jan 2, then 1 Feb 4 and 5: a rise of 3 is meaningful
        ("b", 7, 9, 3, 2, True, False),  # 1 Jan 7, then 1 Mar 6 and 9: a rise of 2 is not
        ("c", 3, 3, 1, None, None, None),
    ]


def test_the_frame_refuses_impossible_or_missing_scores_listing_them() -> None:
    goal_scores = pl.DataFrame(
        {
            "goal_key": ["a", "a", "b"],
            "scored_on": [date(2025, 1, 1), date(2025, 2, 1), date(2025, 1, 1)],
            "score": [3, 12, None],
        }
    )
    with pytest.raises(
        ResponseError, match="2 goal scores cannot be used: goal a, scored on 2025-02-01: 12"
    ):
        goal_movement_frame(goal_scores)


def test_the_frame_needs_its_three_columns() -> None:
    with pytest.raises(ResponseError, match="missing: scored_on"):
        goal_movement_frame(pl.DataFrame({"goal_key": ["a"], "score": [3]}))
