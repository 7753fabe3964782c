"""People supported over the report's period, and how long they waited for a first conversation."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl

from livingwell.analytics.extract import Extract
from livingwell.analytics.report.figures import Section, amount, percent

# --- The period the extract covers ----------------------------------------------------------------


def report_period(extract: Extract) -> tuple[dt.date, dt.date]:
    period = extract.manifest.get("period", {})
    start, end = period.get("start"), period.get("end")
    if start and end:
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    dates = extract.support_periods.select(
        pl.col("started_on").min().alias("start"),
        pl.max_horizontal(pl.col("started_on").max(), pl.col("ended_on").max()).alias("end"),
    ).row(0)
    return dates[0], dates[1]


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


# --- People supported -----------------------------------------------------------------------------


def people_supported(
    extract: Extract, start: dt.date, end: dt.date
) -> tuple[Section, pl.DataFrame]:
    """People with a period of support open at any time in each month."""
    months = _months(start, end)
    month_index = pl.DataFrame(
        {"month": months, "index": list(range(len(months)))},
        schema={"month": pl.Date, "index": pl.Int32},
    )
    first = months[0]

    def index_of(column: pl.Expr) -> pl.Expr:
        return ((column.dt.year() - first.year) * 12 + column.dt.month() - first.month).cast(
            pl.Int32
        )

    spans = (
        extract.support_periods.lazy()
        .filter(
            (pl.col("started_on") <= end)
            & (pl.col("ended_on").is_null() | (pl.col("ended_on") >= start))
        )
        .select(
            "person_key",
            index_of(pl.max_horizontal(pl.col("started_on"), pl.lit(start))).alias("from"),
            index_of(pl.min_horizontal(pl.col("ended_on").fill_null(end), pl.lit(end))).alias("to"),
        )
    )
    spans_now = spans.collect()
    monthly = (
        spans_now.lazy()
        .select("person_key", pl.int_ranges("from", pl.col("to") + 1).alias("index"))
        .explode("index")
        .group_by("index")
        .agg(pl.col("person_key").n_unique().alias("people"))
        .collect()
    )
    monthly = (
        month_index.join(
            monthly.with_columns(pl.col("index").cast(pl.Int32)), on="index", how="left"
        )
        .with_columns(pl.col("people").fill_null(0))
        .sort("month")
        .drop("index")
    )
    section = Section(
        "supported",
        "People supported",
        "How many people had a period of support with the team open at any time in each month. "
        "A person is counted once a month, however many periods they had.",
    )
    everyone = spans_now.select(pl.col("person_key").n_unique()).item()
    section.figures.append(
        amount(
            "supported.total",
            "People supported in the whole period",
            everyone,
            "people",
            people=everyone,
            count=everyone,
        )
    )
    for month, people in monthly.iter_rows():
        section.figures.append(
            amount(
                f"supported.month.{month:%Y-%m}",
                f"People supported in {month:%B %Y}",
                people,
                "people",
                people=people,
                count=people,
                group={"month": f"{month:%Y-%m}"},
            )
        )
    return section, monthly


# --- Waits ----------------------------------------------------------------------------------------


def waits(extract: Extract, end: dt.date) -> Section:
    introductions = extract.introductions_in.filter(pl.col("received_on") <= end)
    seen = introductions.filter(pl.col("first_conversation_on").is_not_null()).with_columns(
        (pl.col("first_conversation_on") - pl.col("received_on")).dt.total_days().alias("days")
    )
    waiting = introductions.filter(pl.col("first_conversation_on").is_null()).with_columns(
        (pl.lit(end) - pl.col("received_on")).dt.total_days().alias("days")
    )
    total = introductions.height
    section = Section(
        "waits",
        "Waiting for a first conversation",
        "Days from an introduction at the front door to the first conversation with the team. "
        "The middle wait (median) and the wait that 9 in 10 people were seen within (90th percentile, "
        "nearest rank). Everyone still waiting at the end of the period is counted, with how long.",
    )
    people_seen = seen.select(pl.col("person_key").n_unique()).item()
    completeness = (
        f"{percent(seen.height, total)} introductions had a first conversation; "
        f"{waiting.height:,} are still waiting and are counted below, not left out."
    )
    section.figures.append(
        amount(
            "waits.median_days",
            "Middle wait for a first conversation (days)",
            _quantile(seen["days"], 0.5),
            "days",
            people=people_seen,
            completeness=completeness,
            count=seen.height,
        )
    )
    section.figures.append(
        amount(
            "waits.p90_days",
            "9 in 10 were seen within (days)",
            _quantile(seen["days"], 0.9),
            "days",
            people=people_seen,
            completeness=completeness,
            count=seen.height,
        )
    )
    people_waiting = waiting.select(pl.col("person_key").n_unique()).item()
    section.figures.append(
        amount(
            "waits.still_waiting",
            "Introductions still waiting for a first conversation",
            waiting.height,
            "introductions",
            people=people_waiting,
            count=waiting.height,
        )
    )
    for low, high, words in (
        (0, 7, "up to a week"),
        (8, 28, "1 to 4 weeks"),
        (29, 90, "1 to 3 months"),
        (91, None, "more than 3 months"),
    ):
        band = waiting.filter(
            (pl.col("days") >= low) & (pl.col("days") <= high if high is not None else pl.lit(True))
        )
        people = band.select(pl.col("person_key").n_unique()).item()
        section.figures.append(
            amount(
                f"waits.still_waiting.{low}",
                f"Still waiting: {words}",
                band.height,
                "introductions",
                people=people,
                count=band.height,
                group={"waited": words},
            )
        )
    return section


def _quantile(values: pl.Series, q: float) -> float | None:
    """The nearest-rank percentile: the value at rank ceil(q * n) of the sorted values."""
    if values.len() == 0:
        return None
    ordered = values.sort()
    rank = max(1, math.ceil(q * ordered.len() - 1e-9))
    return float(ordered[rank - 1])
