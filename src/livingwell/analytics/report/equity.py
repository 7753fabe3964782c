"""Who benefits: the main figures broken down by age, gender and ethnic group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import polars as pl

from livingwell.analytics.extract import Extract
from livingwell.analytics.report.figures import (
    AGE_BANDS,
    BREAKDOWNS,
    ETHNIC_GROUPS,
    GENDERS,
    Section,
    amount,
    proportion,
)
from livingwell.analytics.statistics import (
    SUPPRESS_BELOW,
)
from livingwell.instruments import (
    REGISTRY,
)

# --- Who benefits ---------------------------------------------------------------------------------


def _group_values(column: str, present: Iterable[str]) -> list[tuple[str, str]]:
    """Each group in its usual order (age bands youngest first, the NHS Data Dictionary's order),
    then any other value found, as it is."""
    labels = {
        "age_band": {a: a for a in AGE_BANDS},
        "gender": GENDERS,
        "ethnic_category": ETHNIC_GROUPS,
    }[column]
    known = [(value, words) for value, words in labels.items()]
    extra = sorted(set(present) - set(labels))
    return known + [(value, value) for value in extra]


def _nearest_rank(column: str, q: float) -> pl.Expr:
    """The nearest-rank percentile inside an aggregation: the value at rank ceil(q * n)."""
    rank = (pl.len() * q - 1e-9).ceil().cast(pl.Int64).clip(lower_bound=1)
    return pl.col(column).sort().get(rank - 1)


def _by_group(
    frame: pl.DataFrame, column: str, *aggregations: pl.Expr
) -> dict[str, tuple[Any, ...]]:
    """Aggregations of a per-person frame (already joined to people) for each value of a column."""
    grouped = frame.group_by(column).agg(*aggregations)
    return {row[0]: row[1:] for row in grouped.iter_rows()}


def equity(
    extract: Extract,
    start: dt.date,
    end: dt.date,
    changes: pl.DataFrame,
    goal_rows: pl.DataFrame,
) -> list[Section]:
    """The main figures again for each age band, gender and ethnic group."""
    people = extract.people
    supported = (
        extract.support_periods.filter(
            (pl.col("started_on") <= end)
            & (pl.col("ended_on").is_null() | (pl.col("ended_on") >= start))
        )
        .select("person_key")
        .unique()
    )
    goal_rows = goal_rows.filter(pl.col("scored_twice") >= 1)
    seen = extract.introductions_in.filter(
        pl.col("first_conversation_on").is_not_null() & (pl.col("received_on") <= end)
    ).select(
        "person_key",
        (pl.col("first_conversation_on") - pl.col("received_on")).dt.total_days().alias("days"),
    )
    primary = next(iter(REGISTRY))  # the first instrument: ReQoL-10, NHS England's headline measure
    instrument = REGISTRY[primary]
    sign = 1 if instrument.higher_is_better else -1
    paired = (
        changes.filter((pl.col("instrument") == primary) & (pl.col("scored") >= 2)).select(
            "person_key",
            (
                (pl.col("last") - pl.col("first")) * sign >= instrument.reliable_change.threshold
            ).alias("improved"),
        )
        if changes.height
        else pl.DataFrame(schema={"person_key": pl.Utf8, "improved": pl.Boolean})
    )
    warm = extract.introductions_out.select("person_key", "outcome")
    # Each per-person frame joined to the people's age band, gender and ethnic group once.
    supported, goal_rows, paired, seen, warm = (
        frame.join(people, on="person_key") for frame in (supported, goal_rows, paired, seen, warm)
    )
    sections = []
    for column, title in BREAKDOWNS.items():
        persons = pl.col("person_key").n_unique()
        counts = _by_group(supported, column, persons)
        goals_g = _by_group(goal_rows, column, pl.len(), (pl.col("progressed") >= 1).sum())
        paired_g = _by_group(paired, column, pl.len(), pl.col("improved").sum(), persons)
        seen_g = _by_group(seen, column, pl.len(), _nearest_rank("days", 0.5), persons)
        warm_g = _by_group(warm, column, pl.len(), (pl.col("outcome") == "landed").sum(), persons)
        section = Section(
            f"equity.{column}",
            f"Who benefits: by {title.lower()}",
            "The main figures for each group. A figure resting on fewer than "
            f"{SUPPRESS_BELOW} people is not shown.",
        )
        for value, words in _group_values(column, counts):
            n_supported = counts.get(value, (0,))[0]
            if n_supported == 0:
                continue
            group = {column: value}
            g_total, g_progress = goals_g.get(value, (0, 0))
            p_total, p_improved, p_people = paired_g.get(value, (0, 0, 0))
            s_total, s_median, s_people = seen_g.get(value, (0, None, 0))
            w_total, w_landed, w_people = warm_g.get(value, (0, 0, 0))
            section.figures += [
                amount(
                    f"equity.{column}.{value}.supported",
                    f"{words}: people supported",
                    n_supported,
                    "people",
                    people=n_supported,
                    count=n_supported,
                    group=group,
                ),
                proportion(
                    f"equity.{column}.{value}.goal_progress",
                    f"{words}: progress on at least one goal",
                    g_progress,
                    g_total,
                    people=g_total,
                    group=group,
                ),
                proportion(
                    f"equity.{column}.{value}.{primary}_improvement",
                    f"{words}: reliable improvement in {instrument.name}",
                    p_improved,
                    p_total,
                    people=p_people,
                    group=group,
                ),
                amount(
                    f"equity.{column}.{value}.median_wait",
                    f"{words}: middle wait (days)",
                    float(s_median) if s_median is not None else None,
                    "days",
                    people=s_people,
                    count=s_total,
                    group=group,
                ),
                proportion(
                    f"equity.{column}.{value}.warm_landed",
                    f"{words}: warm introductions that landed",
                    w_landed,
                    w_total,
                    people=w_people,
                    group=group,
                ),
            ]
        sections.append(section)
    return sections
