"""The impact report: every figure from a learning extract, each with what it rests on.

Pure Python (Polars, SciPy; no Django), so any site, evaluator or partner can run it on their own extract
(`livingwell report EXTRACT --output OUT`). The definitions are those of the extract's contract
(`shared/LEARNING-EXTRACT.md`, version 1); where the contract leaves a choice, the choice is written
here, next to the code that makes it, and in the report itself.

Honest learning (relational rule 8): each figure says how many people it rests on and how complete the
data behind it is; nothing missing is dropped without being counted, nothing is imputed, and any figure
resting on 1 to 4 people is suppressed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from livingwell.analytics.extract import Extract
from livingwell.analytics.statistics import (
    SUPPRESS_BELOW,
    suppressed,
    wilcoxon_signed_rank,
    wilson_interval,
)
from livingwell.instruments import (
    GAD7_CASENESS,
    GAD7_RELIABLE,
    PHQ9_CASENESS,
    PHQ9_RELIABLE,
    REGISTRY,
)
from livingwell.instruments.gbo import goal_movement_frame
from livingwell.instruments.swemwbs import CONVERSION_TABLE_CHECKED
from livingwell.instruments.talking_therapies import outcome_frame

BREAKDOWNS: dict[str, str] = {
    "age_band": "Age",
    "gender": "Gender",
    "ethnic_category": "Ethnic group",
}
AGE_BANDS = ("16-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = {
    "woman": "Woman",
    "man": "Man",
    "non-binary": "Non-binary",
    "other": "Another gender",
    "not-stated": "Not stated",
}
ETHNIC_GROUPS = {
    "A": "White British",
    "B": "White Irish",
    "C": "Any other White background",
    "D": "White and Black Caribbean",
    "E": "White and Black African",
    "F": "White and Asian",
    "G": "Any other mixed background",
    "H": "Indian",
    "J": "Pakistani",
    "K": "Bangladeshi",
    "L": "Any other Asian background",
    "M": "Caribbean",
    "N": "African",
    "P": "Any other Black background",
    "R": "Chinese",
    "S": "Any other ethnic group",
    "Z": "Not stated",
    "99": "Not known",
}
ORGANISATION_KINDS = {
    "nhs-secondary-care": "NHS secondary care",
    "nhs-primary-care": "NHS primary care",
    "council": "Council",
    "housing": "Housing",
    "welfare-rights": "Welfare rights",
    "employment": "Employment",
    "voluntary-community": "Voluntary and community",
    "community-asset": "Community assets",
    "other": "Other",
}
SECTORS = {
    "nhs-secondary-care": "NHS secondary care",
    "nhs-primary-care": "NHS primary care",
    "social-care": "Social care",
    "voluntary-community": "Voluntary and community sector",
    "other": "Other",
}
UPSTREAM_SECTORS = ("nhs-primary-care", "voluntary-community")
SWEMWBS_TABLE_UNCHECKED = (
    " The table that turns SWEMWBS raw scores into metric scores has not been checked against the "
    "published table yet, so treat these figures with care."
)


@dataclass(frozen=True)
class Figure:
    """One number in the report, with everything needed to judge it."""

    key: str  # stable, for report.json: "goals.progress_one"
    label: str  # in plain words
    value: float | None  # None when suppressed or when there is nothing to count
    unit: str  # "people", "proportion", "days", "points", "GBP", "periods", ...
    numerator: int | None = None
    denominator: int | None = None
    interval: tuple[float, float] | None = None  # 95% Wilson, for proportions
    people: int = 0  # how many people the figure rests on
    completeness: str = ""  # how complete the data behind it is, in words
    group: dict[str, str] = field(default_factory=dict)  # {"age_band": "25-34"} in a breakdown
    suppressed: bool = False
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "interval": list(self.interval) if self.interval else None,
            "people": self.people,
            "completeness": self.completeness,
            "group": self.group,
            "suppressed": self.suppressed,
            "note": self.note,
        }


def proportion(
    key: str,
    label: str,
    numerator: int,
    denominator: int,
    *,
    people: int,
    completeness: str = "",
    group: dict[str, str] | None = None,
    note: str = "",
) -> Figure:
    """A proportion with its Wilson interval, suppressed if it rests on 1 to 4 people."""
    if suppressed(people) or suppressed(denominator):
        return Figure(
            key,
            label,
            None,
            "proportion",
            people=people,
            completeness=completeness,
            group=group or {},
            suppressed=True,
            note=note,
        )
    return Figure(
        key,
        label,
        numerator / denominator if denominator else None,
        "proportion",
        numerator=numerator,
        denominator=denominator,
        interval=wilson_interval(numerator, denominator),
        people=people,
        completeness=completeness,
        group=group or {},
        note=note,
    )


def amount(
    key: str,
    label: str,
    value: float | None,
    unit: str,
    *,
    people: int,
    completeness: str = "",
    group: dict[str, str] | None = None,
    note: str = "",
    count: int | None = None,
) -> Figure:
    """A count, a median or a mean, suppressed if it rests on 1 to 4 people."""
    if suppressed(people):
        return Figure(
            key,
            label,
            None,
            unit,
            people=people,
            completeness=completeness,
            group=group or {},
            suppressed=True,
            note=note,
        )
    return Figure(
        key,
        label,
        value,
        unit,
        numerator=count,
        people=people,
        completeness=completeness,
        group=group or {},
        note=note,
    )


@dataclass
class Section:
    key: str
    title: str
    summary: str  # what the section shows and how it was worked out, in plain words
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Report:
    site: str
    period_start: dt.date
    period_end: dt.date
    made_by: str
    sections: list[Section]
    monthly: pl.DataFrame  # people supported per month, for the chart and its table
    secondary_care: pl.DataFrame  # warm introductions to secondary care per quarter

    def figures(self) -> list[Figure]:
        return [f for s in self.sections for f in s.figures]


def _percent(count: int, total: int) -> str:
    return f"{count:,} of {total:,} ({100 * count / total:.0f}%)" if total else f"{count:,} of 0"


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
        f"{_percent(seen.height, total)} introductions had a first conversation; "
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


# --- Goals ----------------------------------------------------------------------------------------


def goal_people(extract: Extract, movement: pl.DataFrame) -> pl.DataFrame:
    """One row a person with goals: goals scored twice or more, and how many of those moved up."""
    return (
        extract.goals.select("goal_key", "person_key")
        .join(movement, on="goal_key", how="left")
        .group_by("person_key")
        .agg(
            pl.len().alias("goals"),
            (pl.col("n_scores").fill_null(0) >= 2).sum().alias("scored_twice"),
            pl.col("progress").fill_null(False).sum().alias("progressed"),
        )
    )


def goals(people: pl.DataFrame, movement: pl.DataFrame) -> Section:
    movement = movement.filter(pl.col("n_scores") >= 2)
    eligible = people.filter(pl.col("scored_twice") >= 1)
    with_goals, n = people.height, eligible.height
    completeness = (
        f"{_percent(n, with_goals)} people with goals had at least one goal scored twice or more; "
        f"the other {with_goals - n:,} had too few scores to show movement and are not in the figure."
    )
    section = Section(
        "goals",
        "Progress on the goals people set themselves",
        "Each goal is scored from 0 to 10 by the person. A goal made progress when its last score is "
        "higher than its first. Counted among people with at least one goal scored twice or more.",
    )
    section.figures += [
        proportion(
            "goals.progress_one",
            "People who made progress on at least one goal",
            eligible.filter(pl.col("progressed") >= 1).height,
            n,
            people=n,
            completeness=completeness,
        ),
        proportion(
            "goals.progress_two",
            "People who made progress on at least two goals",
            eligible.filter(pl.col("progressed") >= 2).height,
            n,
            people=n,
            completeness=completeness,
        ),
        amount(
            "goals.mean_movement",
            "Average movement on a goal (points on the 0 to 10 scale)",
            movement["movement"].mean() if movement.height else None,  # type: ignore[arg-type]
            "points",
            people=n,
            count=movement.height,
            completeness=f"{movement.height:,} goals scored twice or more.",
        ),
    ]
    return section


# --- Questionnaires -------------------------------------------------------------------------------


def measure_changes(extract: Extract) -> pl.DataFrame:
    """One row a period and instrument: the first and last scorable totals and the change.

    First and last are by `administered_on` (then by key). A measure that cannot be scored (too many
    items missing, by the instrument's own rule) is not used, and is counted in completeness."""
    frames = []
    items = extract.measure_items.join(
        extract.measures.select("measure_key", "instrument"), on="measure_key", how="left"
    ).partition_by("instrument", as_dict=True, include_key=False)
    for key, instrument in REGISTRY.items():
        measures = extract.measures.filter(pl.col("instrument") == key)
        if measures.height == 0:
            continue
        answered = items.get((key,), extract.measure_items.clear())  # no item rows at all: none
        scored = instrument.score_frame(answered).select("measure_key", "total")
        frames.append(
            measures.select(
                "measure_key", "person_key", "period_key", "instrument", "administered_on"
            ).join(scored, on="measure_key", how="left")
        )
    if not frames:
        return pl.DataFrame()
    scored = pl.concat(frames)
    return (
        scored.filter(pl.col("total").is_not_null())
        .sort("administered_on", "measure_key")
        .group_by("period_key", "instrument")
        .agg(
            pl.col("person_key").first(),
            pl.len().alias("scored"),
            pl.col("total").first().alias("first"),
            pl.col("total").last().alias("last"),
        )
        .join(
            scored.group_by("period_key", "instrument").agg(
                pl.len().alias("measures"), pl.col("total").is_null().sum().alias("unscorable")
            ),
            on=["period_key", "instrument"],
            how="right",
        )
        .with_columns(pl.col("scored").fill_null(0))
    )


def instruments(extract: Extract, changes: pl.DataFrame) -> list[Section]:
    sections = []
    for key, instrument in REGISTRY.items():
        rows = changes.filter(pl.col("instrument") == key) if changes.height else changes
        if rows.height == 0:
            continue
        threshold = instrument.reliable_change.threshold
        sign = 1 if instrument.higher_is_better else -1
        paired = rows.filter(pl.col("scored") >= 2).with_columns(
            ((pl.col("last") - pl.col("first")) * sign).alias("better_by")
        )
        n = paired.height
        people = paired.select(pl.col("person_key").n_unique()).item() if n else 0
        unscorable = int(rows["unscorable"].sum())
        completeness = (
            f"{_percent(n, rows.height)} periods of support with a {instrument.name} had a first and "
            f"a later one to compare; {unscorable:,} questionnaires had too many items missing to "
            "score and were not used."
        )
        section = Section(
            f"instrument.{key}",
            instrument.name,
            f"Change from the first to the last {instrument.name} in each period of support. "
            + instrument.reliable_change.describe(instrument.name)
            + " "
            + instrument.missing_rule.describe()
            + (
                SWEMWBS_TABLE_UNCHECKED if key == "swemwbs" and not CONVERSION_TABLE_CHECKED else ""
            ),
        )
        improved = paired.filter(pl.col("better_by") >= threshold).height
        worse = paired.filter(pl.col("better_by") <= -threshold).height
        section.figures += [
            proportion(
                f"{key}.reliable_improvement",
                f"Reliable improvement in {instrument.name}",
                improved,
                n,
                people=people,
                completeness=completeness,
            ),
            proportion(
                f"{key}.reliable_deterioration",
                f"Reliable deterioration in {instrument.name}",
                worse,
                n,
                people=people,
                completeness=completeness,
            ),
            amount(
                f"{key}.mean_change",
                f"Average change in {instrument.name} (points, "
                f"{'higher' if instrument.higher_is_better else 'lower'} is better)",
                float(paired.select((pl.col("last") - pl.col("first")).mean()).item())
                if n
                else None,
                "points",
                people=people,
                count=n,
                completeness=completeness,
            ),
        ]
        sections.append(section)
    return sections


def talking_therapies(changes: pl.DataFrame) -> Section | None:
    """NHS Talking Therapies outcomes, for periods with a first and last PHQ-9 and GAD-7."""
    if changes.height == 0:
        return None
    paired = changes.filter(pl.col("scored") >= 2)
    phq = paired.filter(pl.col("instrument") == "phq9").select(
        "period_key",
        "person_key",
        pl.col("first").alias("phq9_first"),
        pl.col("last").alias("phq9_last"),
    )
    gad = paired.filter(pl.col("instrument") == "gad7").select(
        "period_key", pl.col("first").alias("gad7_first"), pl.col("last").alias("gad7_last")
    )
    both = phq.join(gad, on="period_key", how="inner")
    if both.height == 0:
        return None
    outcomes = outcome_frame(both)
    n = outcomes.height
    people = outcomes.select(pl.col("person_key").n_unique()).item()
    cases = outcomes.filter(pl.col("case_at_start"))
    case_people = cases.select(pl.col("person_key").n_unique()).item()
    completeness = (
        f"{n:,} periods of support had a first and last PHQ-9 and GAD-7; "
        f"{cases.height:,} of them were above the caseness threshold at the start."
    )
    section = Section(
        "talking_therapies",
        "Depression and anxiety (NHS Talking Therapies measures)",
        "PHQ-9 (depression) and GAD-7 (anxiety), first and last in a period, with the NHS Talking "
        f"Therapies definitions: a case at the start means PHQ-9 of {PHQ9_CASENESS} or more, or "
        f"GAD-7 of {GAD7_CASENESS} or more; reliable change is {PHQ9_RELIABLE} points on PHQ-9 and "
        f"{GAD7_RELIABLE} on GAD-7. Recovery is counted among cases only.",
    )
    section.figures += [
        proportion(
            "talking_therapies.recovery",
            "Recovery (among those who were a case at the start)",
            cases.filter(pl.col("recovered")).height,
            cases.height,
            people=case_people,
            completeness=completeness,
        ),
        proportion(
            "talking_therapies.reliable_recovery",
            "Reliable recovery (among those who were a case at the start)",
            cases.filter(pl.col("reliable_recovery")).height,
            cases.height,
            people=case_people,
            completeness=completeness,
        ),
        proportion(
            "talking_therapies.reliable_improvement",
            "Reliable improvement",
            outcomes.filter(pl.col("reliable_improvement")).height,
            n,
            people=people,
            completeness=completeness,
        ),
        proportion(
            "talking_therapies.reliable_deterioration",
            "Reliable deterioration",
            outcomes.filter(pl.col("reliable_deterioration")).height,
            n,
            people=people,
            completeness=completeness,
        ),
    ]
    return section


DIALOG_ITEMS = (
    "Mental health",
    "Physical health",
    "Job situation",
    "Accommodation",
    "Leisure activities",
    "Relationship with partner or family",
    "Friendships",
    "Personal safety",
    "Medication",
    "Practical help received",
    "Meetings with professionals",
)


def dialog_items(extract: Extract) -> Section | None:
    """Each DIALOG item, first against last in a period: the Wilcoxon signed-rank test."""
    measures = extract.measures.filter(pl.col("instrument") == "dialog")
    if measures.height == 0:
        return None
    ordered = (
        measures.sort("administered_on", "measure_key")
        .group_by("period_key")
        .agg(
            pl.col("person_key").first(),
            pl.col("measure_key").first().alias("first_key"),
            pl.col("measure_key").last().alias("last_key"),
            pl.len().alias("measures"),
        )
        .filter(pl.col("measures") >= 2)
    )
    items = extract.measure_items.join(measures.select("measure_key"), on="measure_key", how="semi")
    first = ordered.join(items, left_on="first_key", right_on="measure_key").select(
        "period_key", "person_key", "item", pl.col("value").alias("first")
    )
    last = ordered.join(items, left_on="last_key", right_on="measure_key").select(
        "period_key", "item", pl.col("value").alias("last")
    )
    pairs = first.join(last, on=["period_key", "item"]).drop_nulls(["first", "last"])
    section = Section(
        "dialog",
        "DIALOG: satisfaction with each part of life and with care",
        "Each DIALOG item is rated from 1 (couldn't be worse) to 7 (couldn't be better). For each item, "
        "the first and last ratings in a period are compared with the Wilcoxon signed-rank test "
        "(two-sided, no-change pairs left out). The effect size is the matched-pairs rank-biserial "
        "correlation, from -1 (everyone worse) to 1 (everyone better).",
    )
    for number, name in enumerate(DIALOG_ITEMS, start=1):
        item = pairs.filter(pl.col("item") == number)
        people = item.select(pl.col("person_key").n_unique()).item() if item.height else 0
        test = wilcoxon_signed_rank(item["first"].to_list(), item["last"].to_list())
        completeness = f"{item.height:,} of {ordered.height:,} periods with two DIALOGs rated this item both times."
        base = f"dialog.item_{number}"
        if suppressed(people):
            section.figures.append(
                amount(
                    base,
                    f"{name}: change",
                    None,
                    "points",
                    people=people,
                    completeness=completeness,
                )
            )
            continue
        section.figures += [
            amount(
                f"{base}.mean_change",
                f"{name}: average change",
                test.mean_change,
                "points",
                people=people,
                count=test.pairs,
                completeness=completeness,
            ),
            amount(
                f"{base}.p_value",
                f"{name}: p-value (Wilcoxon signed-rank)",
                test.p_value,
                "p",
                people=people,
                count=test.non_zero,
                completeness=completeness,
            ),
            amount(
                f"{base}.rank_biserial",
                f"{name}: effect size (rank-biserial r)",
                test.rank_biserial,
                "r",
                people=people,
                count=test.non_zero,
                completeness=completeness,
            ),
        ]
    return section


# --- Warm introductions ---------------------------------------------------------------------------


def warm_introductions(
    extract: Extract, start: dt.date, end: dt.date
) -> tuple[Section, pl.DataFrame]:
    made = extract.introductions_out
    section = Section(
        "warm_introductions",
        "Warm introductions to the network",
        "Introductions the team made with a person to another organisation, and how many landed (the "
        "person and the organisation both said it worked). Ones still open are shown, not counted as "
        "failures.",
    )
    for kind, words in {"all": "all organisations", **ORGANISATION_KINDS}.items():
        rows = made if kind == "all" else made.filter(pl.col("organisation_kind") == kind)
        if rows.height == 0:
            continue
        people = rows.select(pl.col("person_key").n_unique()).item()
        landed = rows.filter(pl.col("outcome") == "landed").height
        still_open = rows.filter(pl.col("outcome") == "open").height
        section.figures += [
            amount(
                f"warm.{kind}.made",
                f"Warm introductions made: {words}",
                rows.height,
                "introductions",
                people=people,
                count=rows.height,
                group={"kind": kind},
            ),
            proportion(
                f"warm.{kind}.landed",
                f"Landed: {words}",
                landed,
                rows.height,
                people=people,
                group={"kind": kind},
                completeness=f"{still_open:,} are still open and count as not landed yet.",
            ),
        ]
    quarters = (
        made.filter(pl.col("made_on").is_between(start, end))
        .with_columns(pl.col("made_on").dt.truncate("1q").alias("quarter"))
        .group_by("quarter")
        .agg(
            pl.len().alias("all"),
            (pl.col("organisation_kind") == "nhs-secondary-care").sum().alias("secondary_care"),
            pl.col("person_key")
            .filter(pl.col("organisation_kind") == "nhs-secondary-care")
            .n_unique()
            .alias("people"),
        )
        .sort("quarter")
    )
    for quarter, total, secondary, people in quarters.iter_rows():
        label = f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"
        section.figures.append(
            amount(
                f"warm.secondary_care.{label}",
                f"Introductions to NHS secondary care, {label}",
                secondary,
                "introductions",
                people=people,
                count=secondary,
                group={"quarter": label},
                completeness=f"out of {total:,} warm introductions made that quarter",
            )
        )
    return section, quarters


# --- Open books -----------------------------------------------------------------------------------


def _financial_year(year: str) -> tuple[dt.date, dt.date]:
    first = int(year[:4])
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def open_books(extract: Extract) -> Section:
    spend = extract.spend
    section = Section(
        "money",
        "Open books: the money",
        "Budget and spend by organisation and sector for each financial year (April to March), the "
        "share spent upstream (NHS primary care and the voluntary and community sector) against "
        "secondary care, and the cost per person supported.",
    )
    for (year,) in spend.select("financial_year").unique().sort("financial_year").iter_rows():
        rows = spend.filter(pl.col("financial_year") == year)
        total = float(rows["spend_gbp"].sum())
        upstream = float(rows.filter(pl.col("sector").is_in(UPSTREAM_SECTORS))["spend_gbp"].sum())
        secondary = float(rows.filter(pl.col("sector") == "nhs-secondary-care")["spend_gbp"].sum())
        start, end = _financial_year(year)
        people = (
            extract.support_periods.filter(
                (pl.col("started_on") <= end)
                & (pl.col("ended_on").is_null() | (pl.col("ended_on") >= start))
            )
            .select(pl.col("person_key").n_unique())
            .item()
        )
        section.figures += [
            Figure(
                f"money.{year}.budget",
                f"Budget {year}",
                float(rows["budget_gbp"].sum()),
                "GBP",
                group={"financial_year": year},
            ),
            Figure(
                f"money.{year}.spend", f"Spend {year}", total, "GBP", group={"financial_year": year}
            ),
            Figure(
                f"money.{year}.upstream_share",
                f"Share spent upstream, {year}",
                upstream / total if total else None,
                "proportion",
                group={"financial_year": year},
                note="NHS primary care and the voluntary and community sector",
            ),
            Figure(
                f"money.{year}.secondary_share",
                f"Share spent on NHS secondary care, {year}",
                secondary / total if total else None,
                "proportion",
                group={"financial_year": year},
            ),
            amount(
                f"money.{year}.cost_per_person",
                f"Spend per person supported, {year}",
                total / people if people else None,
                "GBP",
                people=people,
                count=people,
                group={"financial_year": year},
                completeness=f"{people:,} people had support open during {year}.",
            ),
        ]
        for organisation, sector, budget, spent in (
            rows.sort("sector", "organisation")
            .select("organisation", "sector", "budget_gbp", "spend_gbp")
            .iter_rows()
        ):
            section.figures.append(
                Figure(
                    f"money.{year}.{organisation}",
                    f"{organisation} ({SECTORS.get(sector, sector)})",
                    float(spent),
                    "GBP",
                    numerator=None,
                    group={"financial_year": year, "organisation": organisation, "sector": sector},
                    note=f"budget £{float(budget):,.0f}",
                )
            )
    return section


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


# --- The whole report -----------------------------------------------------------------------------


def build_report(extract: Extract) -> Report:
    start, end = report_period(extract)
    supported, monthly = people_supported(extract, start, end)
    changes = measure_changes(extract)
    warm, quarters = warm_introductions(extract, start, end)
    movement = goal_movement_frame(extract.goal_scores)
    goal_rows = goal_people(extract, movement)
    sections: list[Section | None] = [
        supported,
        waits(extract, end),
        goals(goal_rows, movement),
        *instruments(extract, changes),
        talking_therapies(changes),
        dialog_items(extract),
        warm,
        *equity(extract, start, end, changes, goal_rows),
        open_books(extract),
    ]
    return Report(
        site=str(extract.manifest.get("site", "")),
        period_start=start,
        period_end=end,
        made_by=str(extract.manifest.get("made_by", "")),
        sections=[s for s in sections if s is not None],
        monthly=monthly,
        secondary_care=quarters,
    )


def report_json(report: Report, extract: Extract) -> dict[str, Any]:
    return {
        "report": "livingwell-impact-report/1",
        "site": report.site,
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "extract": extract.manifest,
        "suppress_below": SUPPRESS_BELOW,
        "figures": [f.as_json() for f in report.figures()],
    }
