"""SWEMWBS: the Short Warwick-Edinburgh Mental Wellbeing Scale.

Seven positively worded items, each 1 ("none of the time") to 5 ("all of the time"); the raw score
is their sum, 7-35, and is transformed to the metric score through the conversion table that comes
from the Rasch analysis (STEWART_BROWN_2009; WARWICK_SCORING: "first summing the score for each of
the seven items and then transforming the total score for each person according to a conversion
table"). Higher is better. The metric score is the total this package reports, and the one reliable
change applies to.

`METRIC_BY_RAW` is the conversion table. Warwick's own table could not be opened offline; the values
below are as transcribed in two independent pieces of public research code, which agree with each
other to the last digit (7 → 7.00, ..., 35 → 35.00). They must be checked against the published
table before the figures are relied on; `CONVERSION_TABLE_CHECKED` says they have not been.

`RELIABLE_CHANGE`: the Jacobson-Truax criterion with the SD (3.921) of SWEMWBS scores at baseline in
a clinical sample of 172 (SHAH_2018, abstract, checked offline) and the reliability implied by the
standard error of measurement the same study reports (1.03 points: reliability = 1 - (SEM/SD) squared).
That gives 2.85 points, matching Shah et al.'s own "2.77 SEM (2.87 points)". Whether their scores
were raw or metric is not stated in the abstract, so this is labelled not checked offline.

`MISSING_ITEM_RULE`: the guidance on unanswered items was not checked offline, so a SWEMWBS with
any unanswered item has no score; prorating is refused, because the conversion table needs a whole
raw score.

The wording is licensed to sites (NHS Health Scotland, University of Warwick and University of
Edinburgh) and is not shipped here: see `livingwell.instruments.wording`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from livingwell.instruments.instrument import Instrument, Scale
from livingwell.instruments.rules import NOT_CHECKED, MissingItemRule, ReliableChange
from livingwell.instruments.sources import SHAH_2018, STEWART_BROWN_2009, WARWICK_SCORING

_METRIC_SCORES = (
    7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
    16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
    24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00,
)  # fmt: skip
METRIC_BY_RAW: dict[int, float] = dict(zip(range(7, 36), _METRIC_SCORES, strict=True))
"""SWEMWBS raw score (7-35) to metric score: not checked offline against Warwick's published table."""

CONVERSION_TABLE_CHECKED = False

SHAH_SD = 3.921
SHAH_SEM = 1.03

RELIABLE_CHANGE = ReliableChange.jacobson_truax(
    sd=SHAH_SD,
    reliability=1 - (SHAH_SEM / SHAH_SD) ** 2,
    sd_source="Shah et al. 2018, baseline SD in a clinical sample of 172",
    reliability_source="implied by the SEM of 1.03 points Shah et al. 2018 report",
    references=(SHAH_2018,),
    scale="metric score",
    checked_offline=False,
    note=(
        "Shah et al. 2018 report 2.77 SEM = 2.87 points; whether on raw or metric scores was "
        f"{NOT_CHECKED}."
    ),
)

MISSING_ITEM_RULE = MissingItemRule(
    max_missing=0,
    method="none",
    note=f"the guidance on unanswered items was {NOT_CHECKED}; only complete questionnaires are scored",
)


@dataclass(frozen=True, kw_only=True)
class Swemwbs(Instrument):
    """SWEMWBS: a raw score (sum of the seven items) and its metric score from the conversion table."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.missing_rule.method != "none":
            raise ValueError(
                "SWEMWBS cannot be prorated: its conversion table needs a whole raw score from all "
                "seven items"
            )

    def _derived_names(self) -> tuple[str, ...]:
        return ("metric",)

    def _derive(self, results: Mapping[str, float | int | None]) -> dict[str, float | int | None]:
        raw = results["raw"]
        return {"metric": None if raw is None else METRIC_BY_RAW[math.floor(raw)]}

    def _derived_exprs(self) -> list[pl.Expr]:
        return [
            pl.col("raw")
            .cast(pl.Int64)
            .replace_strict(
                list(METRIC_BY_RAW), list(METRIC_BY_RAW.values()), return_dtype=pl.Float64
            )
            .alias("metric")
        ]

    def _derived_range(self) -> tuple[float, float]:
        return (METRIC_BY_RAW[7], METRIC_BY_RAW[35])


SWEMWBS = Swemwbs(
    key="swemwbs",
    name="Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)",
    label="SWEMWBS",
    items=7,
    item_min=1,
    item_max=5,
    higher_is_better=True,
    source=f"{STEWART_BROWN_2009}; {WARWICK_SCORING}",
    reliable_change=RELIABLE_CHANGE,
    missing_rule=MISSING_ITEM_RULE,
    scales=(Scale("raw", tuple(range(1, 8)), "sum"),),
    total_from="metric",
    wording_licensed=True,
)
