"""Reading a learning extract: a good one reads back the same from Parquet and CSV; a bad one is
refused with every problem, each with its file, row and column. No database."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from livingwell.analytics.extract import (
    SCHEMA,
    TABLES,
    Extract,
    ExtractError,
    Problem,
    read_extract,
)
from livingwell.analytics.extract.contract import INSTRUMENTS
from livingwell.analytics.extract.problems import KEPT_PER_KIND, LISTED_PER_KIND
from livingwell.analytics.extract.writing import write_extract
from livingwell.analytics.synthetic_extract import generate


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("extract")
    write_extract(generate(people=300, seed=7), folder)
    return folder


@pytest.fixture
def folder(written: Path, tmp_path: Path) -> Path:
    """A fresh copy of the good extract, to spoil."""
    return Path(shutil.copytree(written, tmp_path / "extract"))


def edit(folder: Path, table: str, change: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
    """Change a table's CSV as text, as someone with a spreadsheet might."""
    path = folder / f"{table}.csv"
    change(pl.read_csv(path, infer_schema=False)).write_csv(path)


def cells(folder: Path, table: str) -> pl.DataFrame:
    return pl.read_csv(folder / f"{table}.csv", infer_schema=False)


def set_cell(row: int, column: str, value: str | None) -> Callable[[pl.DataFrame], pl.DataFrame]:
    """Set one cell; `row` is the 1-based data row, as problems give it."""

    def change(frame: pl.DataFrame) -> pl.DataFrame:
        here = pl.int_range(pl.len()) == row - 1
        return frame.with_columns(
            pl.when(here)
            .then(pl.lit(value, dtype=pl.String))
            .otherwise(pl.col(column))
            .alias(column)
        )

    return change


def first_row(frame: pl.DataFrame, condition: pl.Expr) -> int:
    """The 1-based number of the first row meeting `condition`."""
    return int(frame.with_row_index("row", offset=1).filter(condition)["row"][0])


def problems(folder: Path, *, prefer: str = "csv") -> tuple[Problem, ...]:
    with pytest.raises(ExtractError) as caught:
        read_extract(folder, prefer=prefer)
    return caught.value.problems


def change_manifest(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def say_version(version: str) -> Callable[[dict[str, Any]], None]:
    def change(manifest: dict[str, Any]) -> None:
        manifest["version"] = version

    return change


def drop_need_more_help(folder: Path) -> None:
    """Take the column version 2 added out of measure_items, in both formats."""
    edit(folder, "measure_items", lambda frame: frame.drop("need_more_help"))
    path = folder / "measure_items.parquet"
    pl.read_parquet(path).drop("need_more_help").write_parquet(path)


def item_row(folder: Path, instrument: str) -> int:
    """The 1-based row of measure_items holding the first item of a measure of `instrument`."""
    keys = cells(folder, "measures").filter(pl.col("instrument") == instrument)["measure_key"]
    return first_row(cells(folder, "measure_items"), pl.col("measure_key").is_in(keys.implode()))


# --- A good extract -------------------------------------------------------------------------------


def test_a_good_extract_reads_back_the_same_from_parquet_and_from_csv(written: Path) -> None:
    from_parquet = read_extract(written)
    from_csv = read_extract(written, prefer="csv")
    made = generate(people=300, seed=7)

    for name in TABLES:
        assert getattr(from_parquet, name).schema == SCHEMA[name].schema, name
        assert getattr(from_parquet, name).equals(getattr(from_csv, name)), name
        assert getattr(from_parquet, name).equals(getattr(made, name)), name
    assert from_parquet.manifest == from_csv.manifest == made.manifest
    assert from_parquet.manifest["version"] == "livingwell-extract/2"


def test_a_version_2_extract_reads_need_more_help_for_dialog_items(written: Path) -> None:
    for prefer in ("parquet", "csv"):
        extract = read_extract(written, prefer=prefer)
        items = extract.measure_items.join(
            extract.measures.select("measure_key", "instrument"), on="measure_key"
        )
        dialog = items.filter(pl.col("instrument") == "dialog")["need_more_help"]
        others = items.filter(pl.col("instrument") != "dialog")["need_more_help"]
        assert set(dialog.unique().to_list()) == {True, False, None}, prefer
        assert others.null_count() == others.len() > 0, prefer


def test_a_version_1_extract_reads_with_need_more_help_null_throughout(
    written: Path, folder: Path
) -> None:
    drop_need_more_help(folder)
    change_manifest(folder, say_version("livingwell-extract/1"))

    as_version_2 = read_extract(written)
    for prefer in ("parquet", "csv"):
        extract = read_extract(folder, prefer=prefer)
        assert extract.manifest["version"] == "livingwell-extract/1"
        items = extract.measure_items
        assert items.schema == SCHEMA["measure_items"].schema
        assert items["need_more_help"].null_count() == items.height > 0
        assert items.drop("need_more_help").equals(
            as_version_2.measure_items.drop("need_more_help")
        )


def test_goal_domains_are_the_contracts_list() -> None:
    domain = next(c for c in SCHEMA["goals"].columns if c.name == "domain")
    assert domain.allowed == (
        "mental-health",
        "physical-health",
        "housing",
        "money",
        "work-and-learning",
        "relationships",
        "belonging",
        "safety",
        "substances",
        "caring",
    )


def test_csv_is_read_when_there_is_no_parquet(folder: Path) -> None:
    for path in folder.glob("*.parquet"):
        path.unlink()
    assert isinstance(read_extract(folder), Extract)


# --- One test per kind of problem -----------------------------------------------------------------


def test_a_missing_column_is_reported(folder: Path) -> None:
    edit(folder, "people", lambda frame: frame.drop("gender"))

    assert Problem("people.csv", None, "gender", "is missing") in problems(folder)


def test_an_unknown_column_is_refused(folder: Path) -> None:
    edit(
        folder, "people", lambda frame: frame.with_columns(pl.lit("9434765919").alias("nhs_number"))
    )

    found = [p for p in problems(folder) if p.column == "nhs_number"]
    assert [(p.file, p.row) for p in found] == [("people.csv", None)]
    assert found[0].message.startswith("is not a column of people")


def test_need_more_help_in_a_version_1_extract_is_refused(folder: Path) -> None:
    change_manifest(folder, say_version("livingwell-extract/1"))

    for prefer in ("parquet", "csv"):
        found = problems(folder, prefer=prefer)
        assert [(p.file, p.row, p.column) for p in found] == [
            (f"measure_items.{prefer}", None, "need_more_help")
        ]
        assert found[0].message.startswith(
            "is not a column of measure_items in livingwell-extract/1"
        )
        assert "livingwell-extract/2" in found[0].message  # what to say if the extract is that


def test_a_version_2_extract_without_need_more_help_is_missing_it(folder: Path) -> None:
    drop_need_more_help(folder)

    assert problems(folder) == (Problem("measure_items.csv", None, "need_more_help", "is missing"),)


def test_a_missing_file_is_reported(folder: Path) -> None:
    (folder / "spend.parquet").unlink()
    (folder / "spend.csv").unlink()

    assert Problem("spend.csv", None, None, "is missing (and so is spend.parquet)") in problems(
        folder
    )


def test_a_cell_that_is_not_a_whole_number_is_reported(folder: Path) -> None:
    edit(folder, "goal_scores", set_cell(4, "score", "high"))

    assert Problem("goal_scores.csv", 4, "score", '"high" is not a whole number') in problems(
        folder
    )


def test_an_unparseable_date_is_reported(folder: Path) -> None:
    edit(folder, "introductions_in", set_cell(3, "received_on", "31/01/2025"))

    assert Problem(
        "introductions_in.csv",
        3,
        "received_on",
        '"31/01/2025" is not a date in the form YYYY-MM-DD',
    ) in problems(folder)


def test_a_date_that_does_not_exist_is_reported(folder: Path) -> None:
    edit(folder, "goals", set_cell(2, "set_on", "2025-02-30"))

    assert Problem(
        "goals.csv", 2, "set_on", '"2025-02-30" is not a date in the form YYYY-MM-DD'
    ) in problems(folder)


def test_a_goal_score_of_11_is_outside_the_scale(folder: Path) -> None:
    edit(folder, "goal_scores", set_cell(7, "score", "11"))

    found = problems(folder)
    assert found == (Problem("goal_scores.csv", 7, "score", "11 is outside the scale 0 to 10"),)
    assert str(found[0]) == "goal_scores.csv row 7, column score: 11 is outside the scale 0 to 10"


def test_a_value_outside_the_instruments_scale_is_reported(folder: Path) -> None:
    reqol = cells(folder, "measures").filter(pl.col("instrument") == "reqol10")["measure_key"]
    row = first_row(cells(folder, "measure_items"), pl.col("measure_key").is_in(reqol.implode()))
    edit(folder, "measure_items", set_cell(row, "value", "5"))

    assert problems(folder) == (
        Problem("measure_items.csv", row, "value", "5 is outside reqol10's scale 0 to 4"),
    )


def test_an_item_the_instrument_does_not_have_is_reported(folder: Path) -> None:
    gad7 = cells(folder, "measures").filter(pl.col("instrument") == "gad7")["measure_key"]
    row = first_row(cells(folder, "measure_items"), pl.col("measure_key").is_in(gad7.implode()))
    edit(folder, "measure_items", set_cell(row, "item", "8"))

    assert Problem(
        "measure_items.csv",
        row,
        "item",
        "8 is not an item of gad7, whose items are numbered 1 to 7",
    ) in problems(folder)
    assert INSTRUMENTS["gad7"].items == 7


def test_a_measure_with_the_same_item_twice_is_reported(folder: Path) -> None:
    items = cells(folder, "measure_items")
    row = first_row(items, pl.col("item") == "2")
    measure = items["measure_key"][row - 1]
    edit(folder, "measure_items", set_cell(row, "item", "1"))

    assert problems(folder) == (
        Problem(
            "measure_items.csv",
            row,
            "item",
            f'measure "{measure}" has item 1 more than once (first on row {row - 1})',
        ),
    )


def test_need_more_help_on_an_item_of_phq9_is_refused(folder: Path) -> None:
    row = item_row(folder, "phq9")
    measure = cells(folder, "measure_items")["measure_key"][row - 1]
    edit(folder, "measure_items", set_cell(row, "need_more_help", "true"))

    assert problems(folder) == (
        Problem(
            "measure_items.csv",
            row,
            "need_more_help",
            f'is true, but measure "{measure}" is phq9, and only dialog asks "do you need '
            'more help with this?": leave the cell empty',
        ),
    )


def test_need_more_help_must_be_true_or_false(folder: Path) -> None:
    row = item_row(folder, "dialog")
    edit(folder, "measure_items", set_cell(row, "need_more_help", "maybe"))

    assert problems(folder) == (
        Problem("measure_items.csv", row, "need_more_help", '"maybe" is not true or false'),
    )


def test_need_more_help_may_be_written_in_capitals_as_a_spreadsheet_writes_it(
    folder: Path,
) -> None:
    row = item_row(folder, "dialog")
    edit(folder, "measure_items", set_cell(row, "need_more_help", "TRUE"))
    edit(folder, "measure_items", set_cell(row + 1, "need_more_help", "False"))

    items = read_extract(folder, prefer="csv").measure_items
    assert items["need_more_help"].gather([row - 1, row]).to_list() == [True, False]


def test_need_more_help_in_parquet_may_be_1_or_0_but_no_other_number(folder: Path) -> None:
    path = folder / "measure_items.parquet"
    frame = pl.read_parquet(path)
    for numbers in (pl.Int8, pl.Float64):  # a float column's missing values are null or NaN
        as_numbers = pl.col("need_more_help").cast(numbers)
        if numbers == pl.Float64:
            as_numbers = as_numbers.fill_null(float("nan"))
        frame.with_columns(as_numbers).write_parquet(path)
        assert read_extract(folder).measure_items.equals(frame), numbers

    row = item_row(folder, "dialog")
    frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row - 1)
        .then(2)
        .otherwise(pl.col("need_more_help").cast(pl.Int8))
        .alias("need_more_help")
    ).write_parquet(path)
    assert problems(folder, prefer="parquet") == (
        Problem("measure_items.parquet", row, "need_more_help", '"2" is not true or false'),
    )


def test_an_end_before_a_start_is_reported(folder: Path) -> None:
    periods = cells(folder, "support_periods")
    row = first_row(periods, pl.col("ended_on").is_not_null())
    started = dt.date.fromisoformat(periods["started_on"][row - 1])
    before = (started - dt.timedelta(days=1)).isoformat()
    edit(folder, "support_periods", set_cell(row, "ended_on", before))

    assert problems(folder) == (
        Problem(
            "support_periods.csv",
            row,
            "ended_on",
            f"{before} is before the period started, on {started}",
        ),
    )


def test_a_first_conversation_before_the_introduction_is_reported(folder: Path) -> None:
    introductions = cells(folder, "introductions_in")
    row = first_row(introductions, pl.col("first_conversation_on").is_not_null())
    received = dt.date.fromisoformat(introductions["received_on"][row - 1])
    edit(folder, "introductions_in", set_cell(row, "first_conversation_on", "2020-01-01"))

    assert problems(folder) == (
        Problem(
            "introductions_in.csv",
            row,
            "first_conversation_on",
            f"2020-01-01 is before the introduction came, on {received}",
        ),
    )


def test_a_key_that_points_nowhere_is_reported(folder: Path) -> None:
    edit(folder, "goal_scores", set_cell(5, "goal_key", "nowhere"))

    assert problems(folder) == (
        Problem("goal_scores.csv", 5, "goal_key", 'there is no goal "nowhere" in goals.csv'),
    )


def test_a_measure_of_someone_elses_period_is_reported(folder: Path) -> None:
    measures = cells(folder, "measures")
    owner = measures["person_key"][0]
    someone_else = cells(folder, "people").filter(pl.col("person_key") != owner)["person_key"][0]
    edit(folder, "measures", set_cell(1, "person_key", someone_else))

    period = measures["period_key"][0]
    assert problems(folder) == (
        Problem(
            "measures.csv",
            1,
            "period_key",
            f'the period "{period}" is of person "{owner}", not of "{someone_else}"',
        ),
    )


def test_a_duplicate_key_is_reported(folder: Path) -> None:
    first = cells(folder, "introductions_in")["introduction_key"][0]  # nothing points at these
    edit(folder, "introductions_in", set_cell(5, "introduction_key", first))

    assert problems(folder) == (
        Problem("introductions_in.csv", 5, "introduction_key", f'"{first}" is already on row 1'),
    )


def test_an_ending_without_an_end_date_is_reported(folder: Path) -> None:
    periods = cells(folder, "support_periods")
    row = first_row(periods, pl.col("ended_on").is_not_null())
    ending = periods["ending"][row - 1]
    edit(folder, "support_periods", set_cell(row, "ended_on", None))

    assert Problem(
        "support_periods.csv",
        row,
        "ended_on",
        f'is empty, but the period has an ending ("{ending}")',
    ) in problems(folder)


def test_an_end_date_without_an_ending_is_reported(folder: Path) -> None:
    periods = cells(folder, "support_periods")
    row = first_row(periods, pl.col("ended_on").is_not_null())
    ended = periods["ended_on"][row - 1]
    edit(folder, "support_periods", set_cell(row, "ending", None))

    assert problems(folder) == (
        Problem(
            "support_periods.csv", row, "ending", f"is empty, but the period ended (on {ended})"
        ),
    )


def test_a_landed_outcome_must_agree_with_landed_on(folder: Path) -> None:
    out = cells(folder, "introductions_out")
    landed = first_row(out, pl.col("outcome") == "landed")
    other = first_row(
        out.with_row_index("i"), (pl.col("outcome") == "landed") & (pl.col("i") >= landed)
    )
    landed_on = out["landed_on"][landed - 1]
    edit(folder, "introductions_out", set_cell(landed, "outcome", "open"))
    edit(folder, "introductions_out", set_cell(other, "landed_on", None))

    assert set(problems(folder)) == {
        Problem(
            "introductions_out.csv",
            landed,
            "outcome",
            f'is "open", but landed_on says it landed on {landed_on}',
        ),
        Problem(
            "introductions_out.csv", other, "landed_on", 'is empty, but the outcome is "landed"'
        ),
    }


def test_a_value_outside_an_enumeration_is_reported(folder: Path) -> None:
    edit(folder, "people", set_cell(2, "ethnic_category", "I"))

    assert problems(folder) == (
        Problem(
            "people.csv",
            2,
            "ethnic_category",
            '"I" is not one of: A, B, C, D, E, F, G, H, J, K, L, M, N, P, R, S, Z, 99',
        ),
    )


def test_an_empty_required_cell_is_reported(folder: Path) -> None:
    edit(folder, "goals", set_cell(3, "domain", None))

    assert problems(folder) == (
        Problem("goals.csv", 3, "domain", "is empty, but a value is required"),
    )


def test_a_financial_year_must_be_like_2025_26(folder: Path) -> None:
    edit(folder, "spend", set_cell(1, "financial_year", "2025-27"))

    assert Problem(
        "spend.csv", 1, "financial_year", '"2025-27" is not a financial year like 2025-26'
    ) in problems(folder)


def test_the_manifest_must_name_the_version_and_count_the_rows(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["version"] = "livingwell-extract/3"
    manifest["rows"]["people"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    people = manifest["rows"]["people"]
    assert problems(folder, prefer="parquet") == (
        Problem(
            "manifest.json",
            None,
            None,
            '"version" is "livingwell-extract/3"; this reader reads "livingwell-extract/1" '
            'and "livingwell-extract/2"',
        ),
        Problem(
            "manifest.json",
            None,
            None,
            f"says people has {people:,} rows, but people.parquet has {people - 1:,}",
        ),
    )


def test_a_manifest_key_the_contract_does_not_name_is_refused(folder: Path) -> None:
    def add_a_key(manifest: dict[str, Any]) -> None:
        manifest["contact"] = "data.team@example.org"

    change_manifest(folder, add_a_key)

    assert problems(folder) == (
        Problem(
            "manifest.json",
            None,
            None,
            '"contact" is not a key of the manifest, which holds only version, site, period, '
            "made_at, made_by and rows: take it out",
        ),
    )


def test_a_parquet_column_of_the_wrong_type_is_reported(folder: Path) -> None:
    path = folder / "goal_scores.parquet"
    pl.read_parquet(path).with_columns(pl.col("scored_on").cast(pl.Datetime("us"))).write_parquet(
        path
    )

    assert problems(folder, prefer="parquet") == (
        Problem(
            "goal_scores.parquet",
            None,
            "scored_on",
            "is stored as a date and time; it should be a date",
        ),
    )


def test_parquet_rows_are_numbered_as_in_the_file(folder: Path) -> None:
    path = folder / "goal_scores.parquet"
    frame = pl.read_parquet(path)
    frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 6).then(11).otherwise(pl.col("score")).alias("score")
    ).write_parquet(path)

    assert problems(folder, prefer="parquet") == (
        Problem("goal_scores.parquet", 7, "score", "11 is outside the scale 0 to 10"),
    )


def test_parquet_integers_of_any_width_and_whole_floats_are_read(folder: Path) -> None:
    path = folder / "measure_items.parquet"
    pl.read_parquet(path).with_columns(
        pl.col("item").cast(pl.Int8), pl.col("value").cast(pl.Float64)
    ).write_parquet(path)

    extract = read_extract(folder)
    assert extract.measure_items.schema == SCHEMA["measure_items"].schema


# --- All at once ----------------------------------------------------------------------------------


def test_problems_across_files_are_all_reported_at_once(folder: Path) -> None:
    edit(folder, "people", lambda frame: frame.drop("age_band"))
    edit(folder, "goal_scores", set_cell(7, "score", "11"))
    edit(folder, "measures", set_cell(2, "administered_on", "yesterday"))
    edit(folder, "introductions_out", set_cell(1, "organisation_kind", "bank"))

    with pytest.raises(ExtractError) as caught:
        read_extract(folder, prefer="csv")

    expected = [
        "people.csv, column age_band: is missing",
        "goal_scores.csv row 7, column score: 11 is outside the scale 0 to 10",
        'measures.csv row 2, column administered_on: "yesterday" is not a date in the form YYYY-MM-DD',
        'introductions_out.csv row 1, column organisation_kind: "bank" is not one of:',
    ]
    listing = str(caught.value)
    for line in expected:
        assert line in listing
    assert caught.value.total == len(caught.value.problems) == 4
    assert listing.startswith("The learning extract cannot be used: 4 problems.")


def test_many_problems_of_one_kind_are_counted_and_the_listing_is_capped(folder: Path) -> None:
    edit(folder, "goal_scores", lambda frame: frame.with_columns(pl.lit("12").alias("score")))
    rows = cells(folder, "goal_scores").height
    assert rows > LISTED_PER_KIND

    with pytest.raises(ExtractError) as caught:
        read_extract(folder, prefer="csv")

    assert caught.value.total == rows
    assert len(caught.value.problems) == min(rows, KEPT_PER_KIND)
    listing = str(caught.value).splitlines()
    assert len(listing) == 1 + LISTED_PER_KIND + 1
    assert listing[-1] == (
        f"- ... and {rows - LISTED_PER_KIND:,} more like these in goal_scores.csv, column score"
    )
