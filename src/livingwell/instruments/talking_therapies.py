"""NHS Talking Therapies definitions of caseness, recovery and reliable change, for PHQ-9 and GAD-7.

Source: NHS_TALKING_THERAPIES_MANUAL (NHS England's manual, formerly the IAPT manual), with
OHID_GLOSSARY for caseness. The manual itself could not be opened offline; the thresholds below are
the ones the issue gives and that secondary sources quoting the manual confirm ("a reduction of 6 or
more on the PHQ-9 and a reduction of 4 or more on the GAD-7"; recovered "below 10 on the PHQ-9 and
below 8 on the GAD-7"). The full definitions, as applied here to the first and last scores of a
period of support:

- **Case at the start**: PHQ-9 10 or more, or GAD-7 8 or more, or both (at or above the clinical
  cut-off on either measure).
- **Recovery**: a case at the start, and not a case at the end (PHQ-9 below 10 and GAD-7 below 8).
  Counted only for people who were a case at the start; for anyone else it is None (not applicable).
- **Reliable improvement**: a reliable improvement on at least one measure (PHQ-9 down by 6 or more,
  or GAD-7 down by 4 or more) and no reliable deterioration on the other (neither up by its reliable
  change).
- **Reliable deterioration**: a reliable deterioration on at least one measure (PHQ-9 up by 6 or
  more, or GAD-7 up by 4 or more) and no reliable improvement on the other.
- **Reliable recovery**: recovery and reliable improvement both; like recovery, counted only for
  people who were a case at the start.

Reliable improvement and deterioration apply to everyone with both pairs of scores. An outcome
needs all four scores: with any of them missing, every field is None (never imputed).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from livingwell.instruments.errors import ResponseError

PHQ9_CASENESS = 10
"""PHQ-9 total at which a person is a case (10 or more): NHS Talking Therapies manual."""
GAD7_CASENESS = 8
"""GAD-7 total at which a person is a case (8 or more): NHS Talking Therapies manual."""
PHQ9_RELIABLE = 6
"""PHQ-9 change that is reliable (6 points or more): NHS Talking Therapies manual."""
GAD7_RELIABLE = 4
"""GAD-7 change that is reliable (4 points or more): NHS Talking Therapies manual."""

PHQ9_MAX = 27
GAD7_MAX = 21
COLUMNS = ("phq9_first", "phq9_last", "gad7_first", "gad7_last")
OUTCOMES = (
    "case_at_start",
    "recovered",
    "reliable_improvement",
    "reliable_recovery",
    "reliable_deterioration",
)


@dataclass(frozen=True)
class TalkingTherapiesOutcome:
    """The NHS Talking Therapies outcome of one period (see the module's definitions)."""

    case_at_start: bool | None
    recovered: bool | None
    reliable_improvement: bool | None
    reliable_recovery: bool | None
    reliable_deterioration: bool | None


def is_case(phq9: float, gad7: float) -> bool:
    """A case: PHQ-9 10 or more, or GAD-7 8 or more."""
    return phq9 >= PHQ9_CASENESS or gad7 >= GAD7_CASENESS


def outcome(
    phq9_first: float | None,
    phq9_last: float | None,
    gad7_first: float | None,
    gad7_last: float | None,
) -> TalkingTherapiesOutcome:
    """The NHS Talking Therapies outcome from the first and last PHQ-9 and GAD-7 totals."""
    scores = (phq9_first, phq9_last, gad7_first, gad7_last)
    for name, value in zip(COLUMNS, scores, strict=True):
        _check(name, value)
    if phq9_first is None or phq9_last is None or gad7_first is None or gad7_last is None:
        return TalkingTherapiesOutcome(None, None, None, None, None)
    phq9_change = phq9_last - phq9_first
    gad7_change = gad7_last - gad7_first
    phq9_better, phq9_worse = phq9_change <= -PHQ9_RELIABLE, phq9_change >= PHQ9_RELIABLE
    gad7_better, gad7_worse = gad7_change <= -GAD7_RELIABLE, gad7_change >= GAD7_RELIABLE
    improved = (phq9_better or gad7_better) and not (phq9_worse or gad7_worse)
    deteriorated = (phq9_worse or gad7_worse) and not (phq9_better or gad7_better)
    case_at_start = is_case(phq9_first, gad7_first)
    recovered = not is_case(phq9_last, gad7_last) if case_at_start else None
    return TalkingTherapiesOutcome(
        case_at_start=case_at_start,
        recovered=recovered,
        reliable_improvement=improved,
        reliable_recovery=(recovered and improved) if case_at_start else None,
        reliable_deterioration=deteriorated,
    )


def outcome_frame(periods: pl.DataFrame) -> pl.DataFrame:
    """`outcome` for one row per period: adds the five outcome columns to `periods`.

    `periods` needs `phq9_first`, `phq9_last`, `gad7_first` and `gad7_last` (numbers, null when
    missing); its other columns (a period key, say) are kept.
    """
    missing = [name for name in COLUMNS if name not in periods.columns]
    if missing:
        raise ResponseError(
            "NHS Talking Therapies outcomes need the columns "
            + ", ".join(COLUMNS)
            + f"; missing: {', '.join(missing)}"
        )
    for name in COLUMNS:
        if not (periods.schema[name].is_numeric() or periods.schema[name] == pl.Null):
            raise ResponseError(
                f"The {name} column must hold numbers; it holds {periods.schema[name]}"
            )
        top = PHQ9_MAX if name.startswith("phq9") else GAD7_MAX
        out_of_range = periods.filter((pl.col(name) < 0) | (pl.col(name) > top))
        if out_of_range.height:
            values = out_of_range.get_column(name).head(20).to_list()
            raise ResponseError(
                f"{out_of_range.height} {name} value{'' if out_of_range.height == 1 else 's'} "
                f"outside 0 to {top}: {', '.join(str(value) for value in values)}"
            )
    phq9_first, phq9_last = pl.col("phq9_first"), pl.col("phq9_last")
    gad7_first, gad7_last = pl.col("gad7_first"), pl.col("gad7_last")
    complete = pl.all_horizontal(pl.col(name).is_not_null() for name in COLUMNS)
    phq9_change = phq9_last - phq9_first
    gad7_change = gad7_last - gad7_first
    better = (phq9_change <= -PHQ9_RELIABLE) | (gad7_change <= -GAD7_RELIABLE)
    worse = (phq9_change >= PHQ9_RELIABLE) | (gad7_change >= GAD7_RELIABLE)
    case_at_start = (phq9_first >= PHQ9_CASENESS) | (gad7_first >= GAD7_CASENESS)
    case_at_end = (phq9_last >= PHQ9_CASENESS) | (gad7_last >= GAD7_CASENESS)
    recovered = pl.when(case_at_start).then(~case_at_end)
    improved = better & ~worse

    def when_complete(expr: pl.Expr, name: str) -> pl.Expr:
        return pl.when(complete).then(expr).otherwise(None).cast(pl.Boolean).alias(name)

    return periods.with_columns(
        when_complete(case_at_start, "case_at_start"),
        when_complete(recovered, "recovered"),
        when_complete(improved, "reliable_improvement"),
        when_complete(pl.when(case_at_start).then(~case_at_end & improved), "reliable_recovery"),
        when_complete(worse & ~better, "reliable_deterioration"),
    )


def _check(name: str, value: float | None) -> None:
    if value is None:
        return
    top = PHQ9_MAX if name.startswith("phq9") else GAD7_MAX
    measure = "PHQ-9" if name.startswith("phq9") else "GAD-7"
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= top:
        raise ResponseError(f"A {measure} total must be 0 to {top}; {name} was {value!r}")
