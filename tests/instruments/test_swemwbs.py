"""SWEMWBS: the raw score and its metric score through the conversion table.

Scoring (WARWICK_SCORING; STEWART_BROWN_2009): sum the seven items (each 1-5) to a raw score of
7-35, then transform it through the conversion table. The table's values are not checked offline
against Warwick's published table (see `livingwell.instruments.swemwbs`).
"""

from __future__ import annotations

import itertools

import pytest

from livingwell.instruments import REGISTRY, MissingItemRule, ResponseError
from livingwell.instruments.swemwbs import CONVERSION_TABLE_CHECKED, METRIC_BY_RAW

SWEMWBS = REGISTRY["swemwbs"]


@pytest.mark.parametrize(
    ("answers", "raw", "metric"),
    [
        ([1] * 7, 7, 7.00),
        ([2, 1, 1, 1, 1, 1, 1], 8, 9.51),
        ([3] * 7, 21, 19.25),
        ([3, 3, 3, 4, 4, 4, 3], 24, 21.54),
        ([4] * 7, 28, 25.03),
        ([5, 5, 5, 5, 5, 5, 4], 34, 32.55),
        ([5] * 7, 35, 35.00),
    ],
)
def test_the_raw_score_is_converted_to_the_metric_score(
    answers: list[int], raw: int, metric: float
) -> None:
    score = SWEMWBS.score(answers)
    assert score["raw"] == raw
    assert score["metric"] == metric
    assert score.total == metric


def test_the_conversion_table_covers_every_raw_score_and_rises_with_it() -> None:
    assert list(METRIC_BY_RAW) == list(range(7, 36))
    metrics = list(METRIC_BY_RAW.values())
    assert all(lower < higher for lower, higher in itertools.pairwise(metrics))
    assert (METRIC_BY_RAW[7], METRIC_BY_RAW[35]) == (7.0, 35.0)
    assert CONVERSION_TABLE_CHECKED is False  # say so until someone checks it against Warwick's


def test_an_unanswered_item_leaves_no_score() -> None:
    score = SWEMWBS.score([3, 3, None, 3, 3, 3, 3])
    assert (score.total, score["raw"], score["metric"], score.missing) == (None, None, None, 1)


def test_swemwbs_cannot_be_prorated_because_the_table_needs_a_whole_raw_score() -> None:
    with pytest.raises(ValueError, match="SWEMWBS cannot be prorated"):
        SWEMWBS.with_missing_rule(MissingItemRule(max_missing=1, method="prorate"))


def test_an_answer_of_0_is_refused_because_swemwbs_runs_from_1_to_5() -> None:
    with pytest.raises(ResponseError, match=r"^Item 1 of SWEMWBS must be 1 to 5; it was 0$"):
        SWEMWBS.score([0, 3, 3, 3, 3, 3, 3])


def test_reliable_change_reproduces_shah_and_colleagues_2_77_sem() -> None:
    """Shah et al. 2018: 2.77 SEM is 2.87 points; from their SEM of 1.03, 2.77 x 1.03 = 2.85."""
    assert SWEMWBS.reliable_change.threshold == pytest.approx(1.96 * 2**0.5 * 1.03)
    assert SWEMWBS.reliable_change.threshold == pytest.approx(2.87, abs=0.03)
    assert "metric score" in SWEMWBS.describe_reliable_change()
