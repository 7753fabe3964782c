"""The report's statistics against values worked out by hand or published."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livingwell.analytics.statistics import suppressed, wilcoxon_signed_rank, wilson_interval


@pytest.mark.parametrize(
    ("successes", "total", "low", "high"),
    [
        # Newcombe 1998, Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_the_wilson_interval_matches_newcombes_table(
    successes: int, total: int, low: float, high: float
) -> None:
    interval = wilson_interval(successes, total)
    assert interval is not None
    assert interval[0] == pytest.approx(low, abs=5e-5)
    assert interval[1] == pytest.approx(high, abs=5e-5)


def test_no_people_no_interval() -> None:
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError, match="between 0 and 3"):
        wilson_interval(4, 3)


@given(
    st.integers(min_value=1, max_value=10_000).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    )
)
def test_the_wilson_interval_holds_the_proportion_and_stays_in_bounds(
    case: tuple[int, int],
) -> None:
    successes, total = case
    interval = wilson_interval(successes, total)
    assert interval is not None
    low, high = interval
    assert 0.0 <= low <= successes / total <= high <= 1.0


def test_everyone_better_by_a_different_amount() -> None:
    """Six pairs, all better, no ties: W- = 0, so the exact two-sided p is 2 / 2^6 and r = 1."""
    test = wilcoxon_signed_rank([1, 1, 1, 1, 1, 1], [2, 3, 4, 5, 6, 7])
    assert test.pairs == 6
    assert test.non_zero == 6
    assert test.statistic == 0
    assert test.p_value == pytest.approx(2 / 2**6)
    assert test.rank_biserial == 1
    assert test.mean_change == 3.5


def test_no_change_pairs_are_left_out_of_the_test_but_counted() -> None:
    """Differences +1, +2, -3, 0, 0: ranks 1, 2, 3 over the three non-zero; W+ = 3, W- = 3."""
    test = wilcoxon_signed_rank([5, 5, 5, 5, 5], [6, 7, 2, 5, 5])
    assert (test.pairs, test.non_zero) == (5, 3)
    assert test.rank_biserial == 0
    assert test.p_value == pytest.approx(1.0)


def test_nothing_changed_gives_no_test() -> None:
    test = wilcoxon_signed_rank([3, 4], [3, 4])
    assert test.p_value is None
    assert test.rank_biserial is None
    assert test.median_change == 0


@pytest.mark.parametrize(("people", "hidden"), [(0, False), (1, True), (4, True), (5, False)])
def test_figures_on_fewer_than_five_people_are_suppressed(people: int, hidden: bool) -> None:
    assert suppressed(people) is hidden


def test_holms_correction_worked_by_hand() -> None:
    from livingwell.analytics.statistics import holm

    # Sorted: 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 = 0.04 -> kept rising: 0.06.
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])  # never above 1
    assert holm([]) == []
