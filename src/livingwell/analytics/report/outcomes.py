"""What changed for people: the goals they set themselves, and the questionnaires they filled in."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from livingwell.analytics.extract import Extract
from livingwell.analytics.report.figures import Figure, Section, amount, percent, proportion
from livingwell.analytics.statistics import (
    holm,
    suppressed,
    wilcoxon_signed_rank,
)
from livingwell.instruments import (
    GAD7_CASENESS,
    GAD7_RELIABLE,
    PHQ9_CASENESS,
    PHQ9_RELIABLE,
    REGISTRY,
    Instrument,
)
from livingwell.instruments.gbo import MEANINGFUL_PROGRESS
from livingwell.instruments.swemwbs import CONVERSION_TABLE_CHECKED
from livingwell.instruments.talking_therapies import outcome_frame

SWEMWBS_TABLE_UNCHECKED = (
    " The table that turns SWEMWBS raw scores into metric scores has not been checked against the "
    "published table yet, so treat these figures with care."
)


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
            pl.col("meaningful").fill_null(False).sum().alias("meaningful"),
        )
    )


def goals(people: pl.DataFrame, movement: pl.DataFrame) -> Section:
    movement = movement.filter(pl.col("n_scores") >= 2)
    eligible = people.filter(pl.col("scored_twice") >= 1)
    with_goals, n = people.height, eligible.height
    completeness = (
        f"{percent(n, with_goals)} people with goals had at least one goal scored twice or more; "
        f"the other {with_goals - n:,} had too few scores to show movement and are not in the figure."
    )
    section = Section(
        "goals",
        "Progress on the goals people set themselves",
        "Each goal is scored from 0 to 10 by the person. Progress is counted two ways: any progress "
        "(the last score is higher than the first) and meaningful progress (a rise of "
        f"{MEANINGFUL_PROGRESS} points or more, NHS England's threshold). Counted among people with "
        "at least one goal scored twice or more.",
    )
    # Each way: its column, its key, and its words in "made ..." and in "goals with ...".
    ways = (
        ("progressed", "progress", "progress", "any progress"),
        (
            "meaningful",
            "meaningful",
            f"meaningful progress ({MEANINGFUL_PROGRESS} points or more)",
            f"meaningful progress ({MEANINGFUL_PROGRESS} points or more)",
        ),
    )
    for column, key, made, goals_with in ways:
        for at_least, words in ((1, "one goal"), (2, "two goals")):
            section.figures.append(
                proportion(
                    f"goals.{key}_{'one' if at_least == 1 else 'two'}",
                    f"People who made {made} on at least {words}",
                    eligible.filter(pl.col(column) >= at_least).height,
                    n,
                    people=n,
                    completeness=completeness,
                )
            )
        section.figures.append(
            amount(
                f"goals.{column}_per_person",
                f"Goals with {goals_with}, per person (average)",
                float(eligible[column].mean()) if n else None,  # type: ignore[arg-type]
                "goals",
                people=n,
                count=n,
                completeness=completeness,
            )
        )
    section.figures += [
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
            f"{percent(n, rows.height)} periods of support with a {instrument.name} had a first and "
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
        section.figures += _paired_shares(extract, key, instrument, paired)
        if instrument.clinical_cutoff is not None and key not in TALKING_THERAPIES:
            section.figures += _clinical_range(key, instrument, paired, people, completeness)
        sections.append(section)
    return sections


def _paired_shares(
    extract: Extract, key: str, instrument: Instrument, paired: pl.DataFrame
) -> list[Figure]:
    """Completeness over everyone who could have been measured: of every period of support that
    ended, and of every one still open, the share with a first and a later scored measure."""
    periods = extract.support_periods.select(
        "period_key", "person_key", pl.col("ended_on").is_not_null().alias("ended")
    ).with_columns(pl.col("period_key").is_in(paired["period_key"].implode()).alias("paired"))
    shown = []
    for ended, which in ((True, "ended"), (False, "open")):
        rows = periods.filter(pl.col("ended") == ended)
        shown.append(
            proportion(
                f"{key}.paired_{which}",
                f"Periods of support {'that ended' if ended else 'still open'} with a first and a "
                f"later {instrument.name}",
                rows.filter(pl.col("paired")).height,
                rows.height,
                people=rows.select(pl.col("person_key").n_unique()).item() if rows.height else 0,
                completeness=f"Of every period of support {'that ended' if ended else 'still open'} "
                "in the extract, whether or not it had a questionnaire.",
            )
        )
    return shown


# PHQ-9 and GAD-7 have their own section, with NHS Talking Therapies' caseness and recovery.
TALKING_THERAPIES = ("phq9", "gad7")


def _clinical_range(
    key: str, instrument: Instrument, paired: pl.DataFrame, people: int, completeness: str
) -> list[Figure]:
    """The share in the clinical range at the first and the last measure, and reliable recovery:
    in the clinical range at the first, not at the last, with a reliable improvement (as NHS
    England counts it for ReQoL-10)."""
    cutoff = instrument.clinical_cutoff
    if cutoff is None:
        return []
    threshold = instrument.reliable_change.threshold
    n = paired.height

    def clinical(column: str) -> pl.Expr:
        return (
            pl.col(column) < cutoff.value
            if cutoff.clinical_below
            else pl.col(column) >= cutoff.value
        )

    flagged = paired.with_columns(
        clinical("first").alias("at_first"), clinical("last").alias("at_last")
    )
    at_first = flagged.filter(pl.col("at_first"))
    recovered = at_first.filter(~pl.col("at_last") & (pl.col("better_by") >= threshold))
    range_words = cutoff.describe(instrument.name)
    return [
        proportion(
            f"{key}.clinical_at_start",
            f"In the clinical range at the first {instrument.name}",
            at_first.height,
            n,
            people=people,
            completeness=completeness,
        ),
        proportion(
            f"{key}.clinical_at_end",
            f"In the clinical range at the last {instrument.name}",
            flagged.filter(pl.col("at_last")).height,
            n,
            people=people,
            completeness=completeness,
        ),
        proportion(
            f"{key}.reliable_recovery",
            f"Reliable recovery in {instrument.name}: in the clinical range at the first, not at "
            "the last, with a reliable improvement",
            recovered.height,
            at_first.height,
            people=at_first.select(pl.col("person_key").n_unique()).item()
            if at_first.height
            else 0,
            completeness=f"Of the {at_first.height:,} periods in the clinical range at the first "
            f"{instrument.name}. {range_words}",
        ),
    ]


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
        f"{GAD7_RELIABLE} on GAD-7. Recovery is counted among cases only. These figures are not "
        "like-for-like with NHS Talking Therapies' own: it counts only people who had two or more "
        "treatment sessions, and measures each anxiety disorder with its own questionnaire, where "
        "these count everyone with a first and a last PHQ-9 and GAD-7 in a period of support.",
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
        "(two-sided, no-change pairs left out). Tied differences share their average rank; the "
        "p-value is exact for 50 pairs or fewer with no ties, from every permutation for 13 or fewer "
        "with ties, and otherwise from the normal approximation adjusted for ties. Because 11 items "
        "are tested together, each p-value is also given with Holm's correction. The effect size is "
        "the matched-pairs rank-biserial correlation, from -1 (everyone worse) to 1 (everyone "
        "better). As NHS England counts it, an item improved when it rose by at least 1 point. "
        '"Needs more help" is the share answering yes to "Do you need more help with this?" at the '
        "start and at the end, among those asked.",
    )
    helps = _more_help(extract, measures)
    tested: list[tuple[str, str, float, int, str]] = []
    for number, name in enumerate(REGISTRY["dialog"].item_names, start=1):
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
        if test.p_value is not None:
            tested.append((base, name, test.p_value, people, completeness))
        section.figures += [
            proportion(
                f"{base}.improved_by_one",
                f"{name}: improved by 1 point or more",
                item.filter(pl.col("last") - pl.col("first") >= 1).height,
                item.height,
                people=people,
                completeness=completeness,
            ),
            *helps(number, name),
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
    for (base, name, _, people, completeness), adjusted in zip(
        tested, holm([p for _, _, p, _, _ in tested]), strict=True
    ):
        section.figures.append(
            amount(
                f"{base}.p_value_holm",
                f"{name}: p-value with Holm's correction across the items tested",
                adjusted,
                "p",
                people=people,
                count=len(tested),
                completeness=completeness,
            )
        )
    # Each item's figures together, its corrected p-value with the rest of them.
    section.figures.sort(key=lambda f: int(f.key.split(".")[1].removeprefix("item_")))
    return section


def _more_help(extract: Extract, measures: pl.DataFrame) -> Callable[[int, str], list[Figure]]:
    """For each item: the share who need more help with it at the start and at the end (DIALOG
    measures of those timepoints, among those who answered)."""
    counted = {
        (row["item"], row["timepoint"]): row
        for row in extract.measure_items.join(
            measures.select("measure_key", "person_key", "timepoint"), on="measure_key"
        )
        .filter(
            pl.col("timepoint").is_in(["start", "end"]) & pl.col("need_more_help").is_not_null()
        )
        .group_by("item", "timepoint")
        .agg(
            pl.len().alias("asked"),
            pl.col("need_more_help").sum().alias("yes"),
            pl.col("person_key").n_unique().alias("people"),
        )
        .iter_rows(named=True)
    }

    def figures(number: int, name: str) -> list[Figure]:
        shown = []
        for timepoint in ("start", "end"):
            row = counted.get((number, timepoint), {"asked": 0, "yes": 0, "people": 0})
            shown.append(
                proportion(
                    f"dialog.item_{number}.more_help_{timepoint}",
                    f"{name}: needs more help, at the {timepoint}",
                    row["yes"],
                    row["asked"],
                    people=row["people"],
                    completeness=(
                        f"{row['asked']:,} DIALOGs at the {timepoint} answered the question."
                        if row["asked"]
                        else f'No DIALOG at the {timepoint} was asked "Do you need more help?".'
                    ),
                )
            )
        return shown

    return figures
