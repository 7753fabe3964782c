"""One scoring engine for every instrument: a questionnaire at a time, or a whole extract at once.

An instrument is described by data (its items, scale, reversed items, scales and settings), and the
same description drives both `score` (one list of responses) and `score_frame` (a long frame of item
responses, scored with Polars expressions only, so ten million rows take seconds). The two agree
exactly; a Hypothesis test holds them to it.

Responses are as given, before any reversal or conversion (the learning extract's contract), with
items numbered from 1 in the instrument's published order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Self

import polars as pl

from livingwell.instruments.errors import ResponseError
from livingwell.instruments.rules import (
    ChangeCategory,
    ClinicalCutoff,
    MissingItemRule,
    ReliableChange,
)

ITEM_COLUMNS = ("measure_key", "item", "value")
MAX_LISTED = 20


@dataclass(frozen=True)
class Scale:
    """A set of items scored together: their sum, or their mean, after any reversal."""

    name: str
    items: tuple[int, ...]
    aggregate: Literal["sum", "mean"] = "sum"


@dataclass(frozen=True)
class Score:
    """One completed questionnaire, scored.

    - `total`: the instrument's headline score (None when too many items are unanswered);
    - `missing`: how many of the instrument's items were not answered;
    - `subscores`: the instrument's other scores by name (ReQoL-10 `physical_health`; DIALOG
      `quality_of_life`, `treatment_satisfaction` and `item_1` to `item_11`; SWEMWBS `raw` and
      `metric`), each None when it cannot be scored;
    - `case`: for an instrument with a clinical cut-off, whether `total` is in the clinical range
      (PHQ-9 10 or more, GAD-7 8 or more, ReQoL-10 24 or less); None otherwise or without a total;
    - `more_help`: DIALOG only, the answer to "do you need more help?" for each item, if given.
    """

    instrument: str
    total: float | None
    missing: int
    subscores: Mapping[str, float | int | None] = field(default_factory=dict)
    case: bool | None = None
    more_help: tuple[bool | None, ...] | None = None

    def __getitem__(self, name: str) -> float | int | None:
        if name == "total":
            return self.total
        return self.subscores[name]


@dataclass(frozen=True, kw_only=True)
class Instrument:
    """An outcome measure and its published scoring rules (see each instrument's module)."""

    key: str
    name: str
    label: str
    items: int
    item_min: int
    item_max: int
    higher_is_better: bool
    source: str
    reliable_change: ReliableChange
    missing_rule: MissingItemRule
    scales: tuple[Scale, ...]
    total_from: str = "total"
    clinical_cutoff: ClinicalCutoff | None = None
    reversed_items: tuple[int, ...] = ()
    reversal_note: str = ""
    single_items: tuple[tuple[str, int], ...] = ()
    wording_licensed: bool = False
    # What each item is about, in the published order, in our own words (not the licensed wording):
    # the one place a report or a page takes an item's name from.
    item_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        every_item = set(range(1, self.items + 1))
        for scale in self.scales:
            if not set(scale.items) <= every_item or not scale.items:
                raise ValueError(
                    f"{self.label}: scale {scale.name} has items outside 1..{self.items}"
                )
            if self.missing_rule.max_missing >= len(scale.items):
                raise ValueError(
                    f"{self.label}: the {scale.name} scale has {len(scale.items)} items, so at most "
                    f"{len(scale.items) - 1} may be missing; the rule allows "
                    f"{self.missing_rule.max_missing}"
                )
        if self.item_names and len(self.item_names) != self.items:
            raise ValueError(f"{self.label}: name all {self.items} items, or none")
        if not set(self.reversed_items) <= every_item:
            raise ValueError(f"{self.label}: reversed items must be within 1..{self.items}")
        if self.total_from not in self.value_names():
            raise ValueError(
                f"{self.label}: the total comes from an unknown score {self.total_from}"
            )

    # Settings a site may change, each returning a new instrument.

    def with_missing_rule(self, rule: MissingItemRule) -> Self:
        return dataclasses.replace(self, missing_rule=rule)

    def with_reliable_change(self, reliable_change: ReliableChange) -> Self:
        return dataclasses.replace(self, reliable_change=reliable_change)

    # What the instrument produces.

    def value_names(self) -> tuple[str, ...]:
        """Every score the instrument computes, in order (scales, single items, derived scores)."""
        names = [scale.name for scale in self.scales]
        names += [name for name, _ in self.single_items]
        names += list(self._derived_names())
        return tuple(names)

    @property
    def subscore_names(self) -> tuple[str, ...]:
        """The sub-score columns of `score_frame` (every score but one named "total")."""
        return tuple(name for name in self.value_names() if name != "total")

    @property
    def total_range(self) -> tuple[float, float]:
        """The lowest and highest possible total."""
        scale = self._scale(self.total_from)
        if scale is None:
            return self._derived_range()
        if scale.aggregate == "mean":
            return (float(self.item_min), float(self.item_max))
        return (float(self.item_min * len(scale.items)), float(self.item_max * len(scale.items)))

    def describe_reliable_change(self) -> str:
        return self.reliable_change.describe(self.label)

    def change_category(self, first: float, last: float) -> ChangeCategory:
        """Reliable improvement, reliable deterioration or neither, from `first` to `last` total."""
        return self.reliable_change.category(first, last, higher_is_better=self.higher_is_better)

    def change_category_expr(self, first: pl.Expr, last: pl.Expr) -> pl.Expr:
        return self.reliable_change.category_expr(
            first, last, higher_is_better=self.higher_is_better
        )

    # One questionnaire.

    def score(self, responses: Sequence[int | None]) -> Score:
        """Score one completed questionnaire: `responses` in published item order, None = unanswered."""
        values = self._validated(responses)
        top = self.item_min + self.item_max
        reversed_items = set(self.reversed_items)
        scored = [
            None if value is None else (top - value if number in reversed_items else value)
            for number, value in enumerate(values, start=1)
        ]
        results: dict[str, float | int | None] = {}
        for scale in self.scales:
            answered = [scored[number - 1] for number in scale.items]
            given = [value for value in answered if value is not None]
            results[scale.name] = self._scale_value(scale, sum(given), len(given))
        for name, number in self.single_items:
            results[name] = values[number - 1]
        results.update(self._derive(results))
        total = results[self.total_from]
        total_value = None if total is None else float(total)
        case = None
        if self.clinical_cutoff is not None and total_value is not None:
            case = self.clinical_cutoff.is_clinical(total_value)
        return Score(
            instrument=self.key,
            total=total_value,
            missing=sum(value is None for value in values),
            subscores={name: results[name] for name in self.subscore_names},
            case=case,
        )

    def _validated(self, responses: Sequence[int | None]) -> list[int | None]:
        if isinstance(responses, str | bytes) or not isinstance(responses, Sequence):
            raise ResponseError(f"{self.label} responses must be a list of {self.items} answers")
        if len(responses) != self.items:
            raise ResponseError(
                f"{self.label} has {self.items} items; {len(responses)} responses were given"
            )
        values: list[int | None] = []
        for number, value in enumerate(responses, start=1):
            if value is None:
                values.append(None)
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise ResponseError(
                    f"Item {number} of {self.label} must be a whole number from {self.item_min} "
                    f"to {self.item_max}; it was {value!r}"
                )
            if not self.item_min <= value <= self.item_max:
                raise ResponseError(
                    f"Item {number} of {self.label} must be {self.item_min} to {self.item_max}; "
                    f"it was {value}"
                )
            values.append(value)
        return values

    def _scale_value(self, scale: Scale, total: int, answered: int) -> float | None:
        unanswered = len(scale.items) - answered
        if answered == 0 or unanswered > self.missing_rule.max_missing:
            return None
        if scale.aggregate == "mean":
            return total / answered
        return (total * len(scale.items)) / answered

    # Hooks for instruments with scores derived from their scales (SWEMWBS's metric score).

    def _derived_names(self) -> tuple[str, ...]:
        return ()

    def _derive(self, results: Mapping[str, float | int | None]) -> dict[str, float | int | None]:
        return {}

    def _derived_exprs(self) -> list[pl.Expr]:
        return []

    def _derived_range(self) -> tuple[float, float]:
        raise NotImplementedError

    def _scale(self, name: str) -> Scale | None:
        return next((scale for scale in self.scales if scale.name == name), None)

    # A whole extract.

    def score_frame(self, items: pl.DataFrame) -> pl.DataFrame:
        """Score every measure in a long frame of item responses, with the same rules as `score`.

        `items` has `measure_key` (text), `item` (whole number, from 1) and `value` (whole number,
        null when not answered), one row per item response; an item with no row counts as
        unanswered. Returns one row per measure, in order of first appearance: `measure_key`,
        `total` (null when unscorable), `missing`, and the sub-score columns (`subscore_names`).
        Raises `ResponseError` listing (up to 20 of) the rows that are outside the scale, name an
        item the instrument does not have, or repeat an item of a measure.
        """
        frame = self._checked_frame(items)
        item = pl.col("item")
        value = pl.col("value")
        top = self.item_min + self.item_max
        scored = (
            pl.when(item.is_in(list(self.reversed_items))).then(top - value).otherwise(value)
            if self.reversed_items
            else value
        )
        aggregates: list[pl.Expr] = [
            pl.len().alias("_rows"),
            item.n_unique().alias("_distinct"),
            value.count().cast(pl.Int64).alias("_answered"),
        ]
        every_item = tuple(range(1, self.items + 1))
        counts: list[pl.Expr] = []
        for scale in self.scales:
            if scale.items == every_item:  # its count is `_answered`, already aggregated
                aggregates.append(scored.sum().alias(f"_sum_{scale.name}"))
                counts.append(pl.col("_answered").alias(f"_n_{scale.name}"))
                continue
            in_scale = item.is_in(list(scale.items))
            aggregates += [
                pl.when(in_scale).then(scored).sum().alias(f"_sum_{scale.name}"),
                (in_scale & value.is_not_null()).sum().cast(pl.Int64).alias(f"_n_{scale.name}"),
            ]
        for name, number in self.single_items:
            aggregates.append(pl.when(item == number).then(value).max().alias(name))
        grouped = frame.group_by("measure_key", maintain_order=True).agg(aggregates)
        self._refuse_repeated_items(grouped)
        scale_values = [self._scale_expr(scale) for scale in self.scales]
        result = (
            grouped.with_columns(counts)
            .with_columns(scale_values)
            .with_columns(self._derived_exprs())
        )
        return result.select(
            pl.col("measure_key"),
            pl.col(self.total_from).cast(pl.Float64).alias("total"),
            (pl.lit(self.items, dtype=pl.Int64) - pl.col("_answered")).alias("missing"),
            *[self._subscore_column(name) for name in self.subscore_names],
        )

    def _subscore_column(self, name: str) -> pl.Expr:
        if any(name == single for single, _ in self.single_items):
            return pl.col(name).cast(pl.Int64)
        return pl.col(name).cast(pl.Float64)

    def _scale_expr(self, scale: Scale) -> pl.Expr:
        total = pl.col(f"_sum_{scale.name}")
        answered = pl.col(f"_n_{scale.name}")
        size = len(scale.items)
        scorable = (answered > 0) & (size - answered <= self.missing_rule.max_missing)
        value = total / answered if scale.aggregate == "mean" else (total * size) / answered
        return pl.when(scorable).then(value).otherwise(None).cast(pl.Float64).alias(scale.name)

    def _checked_frame(self, items: pl.DataFrame) -> pl.DataFrame:
        missing_columns = [name for name in ITEM_COLUMNS if name not in items.columns]
        if missing_columns:
            raise ResponseError(
                f"Item responses need the columns measure_key, item and value; "
                f"{', '.join(missing_columns)} {'is' if len(missing_columns) == 1 else 'are'} missing"
            )
        schema = items.schema
        for name in ("item", "value"):
            if not (schema[name].is_integer() or schema[name] == pl.Null):
                raise ResponseError(
                    f"The {name} column must hold whole numbers; it holds {schema[name]}"
                )
        frame = items.select(
            pl.col("measure_key").cast(pl.String),
            pl.col("item").cast(pl.Int64),
            pl.col("value").cast(pl.Int64),
        )
        item = pl.col("item")
        value = pl.col("value")
        bad = (
            pl.col("measure_key").is_null()
            | item.is_null()
            | (item < 1)
            | (item > self.items)
            | (value < self.item_min)
            | (value > self.item_max)
        ).fill_null(False)
        problems = frame.filter(bad)
        if problems.height:
            lines = [self._problem(*row) for row in problems.head(MAX_LISTED).iter_rows()]
            raise ResponseError(
                _listed(
                    f"{problems.height} item response{_s(problems.height)} cannot be scored "
                    f"as {self.label}",
                    lines,
                    problems.height,
                ),
                problems=lines,
                count=problems.height,
            )
        return frame

    def _problem(self, measure_key: str | None, item: int | None, value: int | None) -> str:
        if measure_key is None:
            return f"a row with no measure_key (item {item}, value {value})"
        if item is None or not 1 <= item <= self.items:
            return (
                f"measure {measure_key}: item {item} is not an item of {self.label} "
                f"(items 1 to {self.items})"
            )
        return (
            f"measure {measure_key}: item {item} of {self.label} must be {self.item_min} to "
            f"{self.item_max}; it was {value}"
        )

    def _refuse_repeated_items(self, grouped: pl.DataFrame) -> None:
        repeated = grouped.filter(pl.col("_rows") != pl.col("_distinct"))
        if repeated.height:
            keys = repeated.get_column("measure_key").head(MAX_LISTED).to_list()
            lines = [f"measure {key} has more than one response to the same item" for key in keys]
            raise ResponseError(
                _listed(
                    f"{repeated.height} {self.label} measure{_s(repeated.height)} repeat an item",
                    lines,
                    repeated.height,
                ),
                problems=lines,
                count=repeated.height,
            )


def empty_items() -> pl.DataFrame:
    """An empty frame of item responses, with the columns `score_frame` expects."""
    return pl.DataFrame(schema={"measure_key": pl.String, "item": pl.Int64, "value": pl.Int64})


def items_frame(responses: Mapping[str, Sequence[int | None]]) -> pl.DataFrame:
    """A long frame of item responses from questionnaires given as lists (for tests and examples)."""
    rows: dict[str, list[Any]] = {"measure_key": [], "item": [], "value": []}
    for key, values in responses.items():
        for number, value in enumerate(values, start=1):
            rows["measure_key"].append(key)
            rows["item"].append(number)
            rows["value"].append(value)
    return pl.DataFrame(
        rows, schema={"measure_key": pl.String, "item": pl.Int64, "value": pl.Int64}
    )


def _listed(head: str, lines: list[str], count: int) -> str:
    more = f"; and {count - len(lines)} more" if count > len(lines) else ""
    return f"{head}: " + "; ".join(lines) + more


def _s(count: int) -> str:
    return "" if count == 1 else "s"
