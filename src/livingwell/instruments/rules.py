"""The settings every instrument names: its missing-item rule, its reliable change, its cut-off.

Each carries where it comes from and whether that source could be checked offline, so the learning
report can say, next to every figure, which rule produced it (relational rule 8, honest learning:
docs/relational-rules.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import polars as pl

from livingwell.instruments.sources import JACOBSON_TRUAX_1991, short

NOT_CHECKED = "not checked offline"

ChangeCategory = Literal["reliable improvement", "reliable deterioration", "no reliable change"]
IMPROVEMENT: ChangeCategory = "reliable improvement"
DETERIORATION: ChangeCategory = "reliable deterioration"
NO_CHANGE: ChangeCategory = "no reliable change"

# The z value of a two-sided 95% interval, as Jacobson and Truax (1991) use it.
Z_95 = 1.96
FORMULA = "1.96 \u00d7 SD \u00d7 \u221a2 \u00d7 \u221a(1 \u2212 reliability)"
"""The criterion as the report prints it (1.96 times SD times root 2 times root of 1 minus r)."""


@dataclass(frozen=True)
class MissingItemRule:
    """How many unanswered items a scale may have and still be scored, and how.

    - `method="none"`: no allowance; a scale with any unanswered item has no score. `max_missing`
      must then be 0.
    - `method="prorate"`: with at most `max_missing` unanswered items, a summed scale is the sum of
      the answered items times (items in the scale / items answered), and a mean scale is the mean
      of the answered items (the same rule, written as a mean). The prorated total is not rounded.

    The rule applies to each scale of an instrument separately (DIALOG's two scales each allow
    `max_missing`). `note` says where the rule comes from.
    """

    max_missing: int = 0
    method: Literal["none", "prorate"] = "none"
    note: str = ""

    def __post_init__(self) -> None:
        if self.method not in ("none", "prorate"):
            raise ValueError(
                f'A missing-item method is "none" or "prorate"; it was {self.method!r}'
            )
        if self.max_missing < 0:
            raise ValueError(f"max_missing cannot be negative; it was {self.max_missing}")
        if self.method == "none" and self.max_missing != 0:
            raise ValueError(
                'With method "none" no item may be missing: set max_missing=0, or use "prorate"'
            )

    def describe(self) -> str:
        if self.method == "none":
            rule = "A scale with any unanswered item is not scored"
        else:
            rule = (
                f"A scale with at most {self.max_missing} unanswered item"
                f"{'' if self.max_missing == 1 else 's'} is prorated from the items answered; "
                "with more it is not scored"
            )
        return f"{rule} ({self.note})." if self.note else f"{rule}."


@dataclass(frozen=True)
class ReliableChange:
    """The smallest change, in score units, that counts as reliable on an instrument.

    Either `method="manual"`: a published figure with its `source`; or `method="jacobson-truax"`:
    RC = 1.96 x SD x sqrt(2) x sqrt(1 - reliability), with the SD and reliability used and where each
    comes from. `checked_offline` is False when the figures could not be checked against their
    source, and `describe()` says so. A change reaches the threshold when its size is at least
    `threshold`. `references` holds the full citations of the figures used.
    """

    threshold: float
    method: Literal["manual", "jacobson-truax"]
    source: str
    scale: str = "total score"
    sd: float | None = None
    reliability: float | None = None
    sd_source: str = ""
    reliability_source: str = ""
    checked_offline: bool = True
    note: str = ""
    references: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.threshold > 0:
            raise ValueError(
                f"A reliable change threshold must be positive; it was {self.threshold}"
            )

    @classmethod
    def manual(
        cls,
        threshold: float,
        *,
        source: str,
        scale: str = "total score",
        checked_offline: bool = True,
        note: str = "",
    ) -> ReliableChange:
        return cls(
            threshold=threshold,
            method="manual",
            source=source,
            scale=scale,
            checked_offline=checked_offline,
            note=note,
        )

    @classmethod
    def jacobson_truax(
        cls,
        *,
        sd: float,
        reliability: float,
        sd_source: str,
        reliability_source: str,
        scale: str = "total score",
        checked_offline: bool = True,
        note: str = "",
        references: tuple[str, ...] = (),
    ) -> ReliableChange:
        """The Jacobson-Truax criterion: 1.96 x SD x sqrt(2) x sqrt(1 - reliability).

        `sd_source` and `reliability_source` are short phrases for the sentence `describe` writes
        ("Mosler et al. 2020, 12,592 routine records"); `references` holds the full citations.
        """
        if not sd > 0:
            raise ValueError(f"The SD must be positive; it was {sd}")
        if not 0 <= reliability < 1:
            raise ValueError(f"The reliability must be from 0 to below 1; it was {reliability}")
        threshold = Z_95 * sd * math.sqrt(2) * math.sqrt(1 - reliability)
        return cls(
            threshold=threshold,
            method="jacobson-truax",
            source=JACOBSON_TRUAX_1991,
            scale=scale,
            sd=sd,
            reliability=reliability,
            sd_source=sd_source,
            reliability_source=reliability_source,
            checked_offline=checked_offline,
            note=note,
            references=references,
        )

    def describe(self, instrument: str = "this instrument") -> str:
        """One plain-English sentence the report can print next to the figure."""
        size = f"{self.threshold:.2f}".rstrip("0").rstrip(".")
        head = (
            f"A change of {size} points or more in the {instrument} {self.scale} counts as reliable"
        )
        if self.method == "manual":
            text = f"{head} (the published figure: {short(self.source)})"
        else:
            text = (
                f"{head}: the Jacobson-Truax criterion {FORMULA}, with SD "
                f"{self.sd:g} ({self.sd_source}) and reliability {self.reliability:.3g} "
                f"({self.reliability_source})"
            )
        if not self.checked_offline:
            text += "; these figures were not checked offline against their source"
        return text + "."

    def category(self, first: float, last: float, *, higher_is_better: bool) -> ChangeCategory:
        """Whether the change from `first` to `last` is a reliable improvement, deterioration or neither."""
        change = last - first if higher_is_better else first - last
        if change >= self.threshold:
            return IMPROVEMENT
        if -change >= self.threshold:
            return DETERIORATION
        return NO_CHANGE

    def category_expr(self, first: pl.Expr, last: pl.Expr, *, higher_is_better: bool) -> pl.Expr:
        """`category`, as a Polars expression (null where either score is null)."""
        change = (last - first) if higher_is_better else (first - last)
        return (
            pl.when(first.is_null() | last.is_null())
            .then(pl.lit(None, dtype=pl.String))
            .when(change >= self.threshold)
            .then(pl.lit(IMPROVEMENT))
            .when(-change >= self.threshold)
            .then(pl.lit(DETERIORATION))
            .otherwise(pl.lit(NO_CHANGE))
        )


@dataclass(frozen=True)
class ClinicalCutoff:
    """The score that separates the clinical range from the general population's.

    `clinical_below=True` when scores below `value` are in the clinical range (ReQoL-10: below 25);
    False when scores at or above `value` are (PHQ-9: 10 or more). `whole_scores` says the totals
    are whole numbers, so "below 25" is said as "24 or less".
    """

    value: float
    clinical_below: bool
    source: str
    checked_offline: bool = True
    whole_scores: bool = False

    def is_clinical(self, score: float) -> bool:
        return score < self.value if self.clinical_below else score >= self.value

    def describe(self, instrument: str = "this instrument") -> str:
        if self.clinical_below:
            where = (
                f"of {self.value - 1:g} or less" if self.whole_scores else f"below {self.value:g}"
            )
        else:
            where = f"of {self.value:g} or more"
        text = f"On {instrument}, a score {where} is in the clinical range ({short(self.source)})"
        if not self.checked_offline:
            text += "; not checked offline against the source"
        return text + "."
