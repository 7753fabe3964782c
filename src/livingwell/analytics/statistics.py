"""The statistics the impact report uses, each small enough to check by hand. Pure Python and SciPy.

- Proportions carry a 95% Wilson score interval (Wilson 1927; Newcombe 1998, "Two-sided confidence
  intervals for the single proportion", Statistics in Medicine 17:857-872, method 3).
- Paired changes use the Wilcoxon signed-rank test, two-sided, with zero differences dropped (Wilcoxon's
  own method), and the matched-pairs rank-biserial correlation as the effect size (Kerby 2014, "The simple
  difference formula", Comprehensive Psychology 3:11.IT.3.1): r = (sum of positive ranks - sum of
  negative ranks) / (sum of all ranks), from -1 (everyone worse) to 1 (everyone better).
- Any figure resting on fewer than SUPPRESS_BELOW people is not shown (small numbers could identify).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal
SUPPRESS_BELOW = 5


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """The 95% Wilson score interval for successes out of total, as proportions; None if total is 0."""
    if total <= 0:
        return None
    if not 0 <= successes <= total:
        raise ValueError(f"successes must be between 0 and {total}; it was {successes}")
    p = successes / total
    z2 = z * z
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = (z / (1 + z2 / total)) * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total))
    low = 0.0 if successes == 0 else max(0.0, centre - half)  # exactly 0 and 1 at the ends, where
    high = 1.0 if successes == total else min(1.0, centre + half)  # rounding would leave 1e-18
    return low, high


@dataclass(frozen=True)
class PairedTest:
    """A paired comparison of first and last values: how many pairs, and what changed."""

    pairs: int  # pairs with both values
    non_zero: int  # pairs whose values differ: the test uses only these
    mean_change: float | None
    median_change: float | None
    statistic: float | None  # the smaller of the two rank sums (SciPy's W)
    p_value: float | None
    rank_biserial: float | None


def wilcoxon_signed_rank(first: Sequence[float], last: Sequence[float]) -> PairedTest:
    """The two-sided Wilcoxon signed-rank test of last - first, zero differences dropped."""
    a = np.asarray(first, dtype=float)
    b = np.asarray(last, dtype=float)
    if a.shape != b.shape:
        raise ValueError("first and last must have the same length")
    diff = b - a
    pairs = int(diff.size)
    non_zero = diff[diff != 0]
    mean = float(diff.mean()) if pairs else None
    median = float(np.median(diff)) if pairs else None
    if non_zero.size == 0:
        return PairedTest(pairs, 0, mean, median, None, None, None)
    ranks = stats.rankdata(np.abs(non_zero))
    positive = float(ranks[non_zero > 0].sum())
    negative = float(ranks[non_zero < 0].sum())
    r = (positive - negative) / (positive + negative)
    result = stats.wilcoxon(non_zero, zero_method="wilcox", alternative="two-sided")
    return PairedTest(
        pairs=pairs,
        non_zero=int(non_zero.size),
        mean_change=mean,
        median_change=median,
        statistic=float(result.statistic),
        p_value=float(result.pvalue),
        rank_biserial=r,
    )


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down correction of several p-values for testing them together, in their order:
    the k-th smallest is multiplied by (m - k + 1), kept from falling below the one before it, and
    capped at 1 (Holm 1979)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def suppressed(people: int) -> bool:
    """A figure resting on fewer than SUPPRESS_BELOW people (but more than none) is not shown."""
    return 0 < people < SUPPRESS_BELOW
