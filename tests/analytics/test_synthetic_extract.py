"""The synthetic extract: seeded, valid, with the missing data a real one has. No database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from livingwell.analytics import synthetic_extract as synthetic
from livingwell.analytics.extract import SCHEMA, TABLES, Extract, read_extract
from livingwell.analytics.extract.writing import write_extract
from livingwell.analytics.synthetic_extract import generate, people_for


@pytest.fixture(scope="module")
def extract() -> Extract:
    return generate(people=20_000, seed=11)


def share(condition: pl.Series) -> float:
    """The share of rows where `condition` is true."""
    return float(np.mean(condition.fill_null(False).to_numpy()))


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_extract(generate(people=500, seed=3), tmp_path / name)
    write_extract(generate(people=500, seed=4), tmp_path / "c")

    for table in TABLES:
        for suffix in ("csv", "parquet"):
            file = f"{table}.{suffix}"
            assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    assert (tmp_path / "a" / "manifest.json").read_bytes() == (
        tmp_path / "b" / "manifest.json"
    ).read_bytes()
    assert (tmp_path / "a" / "people.csv").read_bytes() != (
        tmp_path / "c" / "people.csv"
    ).read_bytes()


def test_what_it_writes_validates_from_both_formats(tmp_path: Path) -> None:
    made = generate(people=2_000, seed=5, start=dt.date(2024, 4, 1), end=dt.date(2025, 3, 31))
    write_extract(made, tmp_path)

    for prefer in ("parquet", "csv"):
        read = read_extract(tmp_path, prefer=prefer)
        assert all(read.tables()[name].equals(made.tables()[name]) for name in TABLES)
    assert made.manifest["period"] == {"start": "2024-04-01", "end": "2025-03-31"}
    assert made.manifest["made_at"] == "2025-04-01T00:00:00+00:00"
    assert made.manifest["made_by"] == "livingwell synthetic-extract"
    assert made.manifest["site"] == "Synthetic borough"
    assert made.manifest["version"] == "livingwell-extract/2"
    assert made.spend["financial_year"].unique().to_list() == ["2024-25"]
    written = pl.read_csv(tmp_path / "measure_items.csv", infer_schema=False)["need_more_help"]
    assert set(written.unique().to_list()) == {"true", "false", None}


def test_frames_have_the_schemas_dtypes_and_keys_mean_nothing(extract: Extract) -> None:
    for name in TABLES:
        assert extract.tables()[name].schema == SCHEMA[name].schema, name
    keys = extract.people["person_key"]
    assert keys.n_unique() == keys.len()
    assert keys.str.contains(r"^[0-9a-hjkmnp-tv-z]{12}$").all()


def test_the_size_is_about_what_the_docstring_promises(extract: Extract) -> None:
    rows = extract.manifest["rows"]
    assert 1.0 < rows["support_periods"] / rows["people"] < 1.2
    assert 8.5 < rows["measure_items"] / rows["support_periods"] < 11.5
    assert people_for(1_000_000) == 909_091


def test_demographics_are_sometimes_not_stated(extract: Extract) -> None:
    people = extract.people
    assert 0.015 < share(people["gender"] == "not-stated") < 0.035
    assert 0.045 < share(people["ethnic_category"].is_in(["Z", "99"])) < 0.075
    assert set(people["age_band"].unique()) == set(synthetic.AGE_MIX)


def test_waits_are_mostly_days_with_a_long_tail_and_some_still_waiting(extract: Extract) -> None:
    introductions = extract.introductions_in
    waiting = introductions["first_conversation_on"].is_null()
    assert 0.01 < share(waiting) < 0.04
    days = introductions.select(
        (pl.col("first_conversation_on") - pl.col("received_on")).dt.total_days().alias("days")
    ).select(
        pl.col("days").median().alias("median"),
        pl.col("days").quantile(0.9).alias("p90"),
        pl.col("days").max().alias("longest"),
    )
    assert 1 <= days["median"][0] <= 5
    assert 7 <= days["p90"][0] <= 30
    assert days["longest"][0] > 60


def test_some_periods_are_open_and_those_that_ended_say_how(extract: Extract) -> None:
    periods = extract.support_periods
    assert 0.1 < share(periods["ended_on"].is_null()) < 0.4
    assert set(periods["ending"].drop_nulls().unique()) == set(synthetic.ENDING_MIX)


def test_many_periods_have_a_start_questionnaire_and_no_end_one(extract: Extract) -> None:
    measured = extract.measures.group_by("period_key").agg(
        (pl.col("timepoint") == "end").any().alias("ended_measure")
    )
    ended = measured.join(
        extract.support_periods.filter(pl.col("ended_on").is_not_null()), on="period_key"
    )
    expected = 1 - synthetic.END_MEASURE_SHARE
    assert expected - 0.05 < share(~ended["ended_measure"]) < expected + 0.05
    assert set(extract.measures["instrument"].unique()) == set(
        SCHEMA["measures"].columns[3].allowed
    )


def test_some_questionnaires_have_items_skipped(extract: Extract) -> None:
    skipped = extract.measure_items.group_by("measure_key").agg(
        pl.col("value").is_null().any().alias("skipped")
    )
    rate = synthetic.MEASURES_WITH_SKIPS_SHARE
    assert rate - 0.02 < share(skipped["skipped"]) < rate + 0.02
    assert 0.01 < share(extract.measure_items["value"].is_null()) < 0.04


def test_dialog_items_say_whether_more_help_is_needed_less_often_at_the_end(
    extract: Extract,
) -> None:
    items = extract.measure_items.join(
        extract.measures.select("measure_key", "instrument", "timepoint"), on="measure_key"
    )
    others = items.filter(pl.col("instrument") != "dialog")["need_more_help"]
    assert others.null_count() == others.len() > 0
    dialog = items.filter(pl.col("instrument") == "dialog")
    help_needed = dialog["need_more_help"]
    assert 0.05 < share(help_needed.is_null()) < 0.2  # not asked, or not answered

    def yes(timepoint: str) -> float:
        answered = dialog.filter(
            (pl.col("timepoint") == timepoint) & pl.col("need_more_help").is_not_null()
        )
        return share(answered["need_more_help"])

    start, end = yes("start"), yes("end")
    assert 0.25 < start < 0.5
    assert end < start - 0.05
    unanswered = dialog.filter(pl.col("value").is_null())["need_more_help"]
    assert unanswered.null_count() == unanswered.len() > 0


def test_many_goals_are_scored_only_once_and_the_rest_tend_to_improve(extract: Extract) -> None:
    goals = (
        extract.goal_scores.sort("scored_on")
        .group_by("goal_key")
        .agg(
            pl.len().alias("scores"),
            (pl.col("score").last() - pl.col("score").first()).alias("movement"),
        )
    )
    once = share(goals["scores"] == 1)
    assert synthetic.SCORED_ONCE_SHARE < once < synthetic.SCORED_ONCE_SHARE + 0.15
    movement = goals.filter(pl.col("scores") >= 2)["movement"]
    assert share(movement > 0) > 0.55
    assert share(movement < 0) > 0.05  # not everyone gets better
    per_period = extract.goals.group_by("period_key").len()["len"]
    assert (per_period.min(), per_period.max()) == (1, 4)


def test_questionnaire_totals_tend_to_improve_from_start_to_end(extract: Extract) -> None:
    totals = (
        extract.measure_items.join(extract.measures, on="measure_key")
        .group_by("measure_key", "instrument", "timepoint")
        .agg(pl.col("value").sum())
        .group_by("instrument", "timepoint")
        .agg(pl.col("value").mean())
    )

    def mean(instrument: str, timepoint: str) -> float:
        row = totals.filter(
            (pl.col("instrument") == instrument) & (pl.col("timepoint") == timepoint)
        )
        return float(row["value"][0])

    assert mean("swemwbs", "end") > mean("swemwbs", "start") + 1
    assert mean("dialog", "end") > mean("dialog", "start") + 2
    assert mean("phq9", "end") < mean("phq9", "start") - 1  # fewer symptoms
    assert mean("gad7", "end") < mean("gad7", "start") - 1


def test_warm_introductions_land_or_do_not_or_are_open(extract: Extract) -> None:
    outcomes = extract.introductions_out["outcome"]
    assert share(outcomes == "landed") > 0.5
    assert share(outcomes == "did-not-land") > 0.05
    assert share(outcomes == "open") > 0.02


def test_nobody_comes_back_after_dying_and_questionnaires_come_in_order(extract: Extract) -> None:
    periods = extract.support_periods
    died = periods.filter(pl.col("ending") == "died").select(
        "person_key", pl.col("ended_on").alias("died_on")
    )
    later = periods.join(died, on="person_key").filter(pl.col("started_on") > pl.col("died_on"))
    assert died.height > 0
    assert later.height == 0

    order = {"start": 0, "review": 1, "end": 2}
    dated = extract.measures.with_columns(
        pl.col("timepoint").replace_strict(order).alias("step")
    ).sort("period_key", "instrument", "step")
    gaps = dated.group_by("period_key", "instrument", maintain_order=True).agg(
        pl.col("administered_on").diff().dt.total_days().alias("gap")
    )
    assert share(gaps.explode("gap")["gap"] < 0) == 0


def test_self_introductions_come_most_often_by_web(extract: Extract) -> None:
    channels = extract.introductions_in.group_by("source", "channel").len()
    by_self = channels.filter(pl.col("source") == "self").sort("len", descending=True)
    assert by_self["channel"][0] == "web"
    assert set(extract.introductions_in["source"].unique()) == set(synthetic.SOURCE_MIX)
