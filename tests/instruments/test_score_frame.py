"""Scoring a whole extract's item responses at once, with the same rules as one questionnaire."""

from __future__ import annotations

import polars as pl
import pytest

from livingwell.instruments import REGISTRY, MissingItemRule, ResponseError, items_frame

PHQ9 = REGISTRY["phq9"]
DIALOG = REGISTRY["dialog"]


def test_one_row_per_measure_in_order_of_first_appearance_with_typed_columns() -> None:
    frame = items_frame({"m2": [1] * 9, "m1": [3] * 9, "m3": [0, 1, 2, 3, 0, 1, 2, 3, None]})
    result = PHQ9.score_frame(frame)
    assert result.schema == pl.Schema(
        {"measure_key": pl.String, "total": pl.Float64, "missing": pl.Int64}
    )
    assert result.rows() == [("m2", 9.0, 0), ("m1", 27.0, 0), ("m3", None, 1)]


def test_dialog_gives_its_two_scales_and_every_item() -> None:
    result = DIALOG.score_frame(items_frame({"d": [4, 5, 6, 3, 5, 4, 6, 7, 5, 6, 4]}))
    assert result.columns == [
        "measure_key",
        "total",
        "missing",
        "quality_of_life",
        "treatment_satisfaction",
        *[f"item_{n}" for n in range(1, 12)],
    ]
    row = result.row(0, named=True)
    assert (row["quality_of_life"], row["treatment_satisfaction"], row["item_8"]) == (5.0, 5.0, 7)
    assert result.schema["item_8"] == pl.Int64


def test_an_item_with_no_row_counts_as_unanswered() -> None:
    frame = items_frame({"m": [1] * 9}).filter(pl.col("item") != 4)
    prorating = PHQ9.with_missing_rule(MissingItemRule(max_missing=1, method="prorate"))
    assert PHQ9.score_frame(frame).row(0) == ("m", None, 1)
    assert prorating.score_frame(frame).row(0) == ("m", 9.0, 1)


def test_values_outside_the_scale_are_refused_listing_each_row() -> None:
    frame = items_frame({"m1": [0, 1, 4, 0, 0, 0, 0, 0, 0], "m2": [0] * 9}).vstack(
        pl.DataFrame({"measure_key": ["m2"], "item": [10], "value": [1]})
    )
    with pytest.raises(ResponseError) as raised:
        PHQ9.score_frame(frame)
    assert raised.value.count == 2
    assert raised.value.problems == [
        "measure m1: item 3 of PHQ-9 must be 0 to 3; it was 4",
        "measure m2: item 10 is not an item of PHQ-9 (items 1 to 9)",
    ]
    assert str(raised.value).startswith("2 item responses cannot be scored as PHQ-9: ")


def test_at_most_20_problems_are_listed_with_a_count_of_the_rest() -> None:
    frame = items_frame({f"m{n}": [9] * 9 for n in range(5)})
    with pytest.raises(ResponseError) as raised:
        PHQ9.score_frame(frame)
    assert raised.value.count == 45
    assert len(raised.value.problems) == 20
    assert str(raised.value).endswith("; and 25 more")


def test_a_repeated_item_is_refused() -> None:
    frame = items_frame({"m": [1] * 9}).vstack(
        pl.DataFrame({"measure_key": ["m"], "item": [2], "value": [3]})
    )
    with pytest.raises(
        ResponseError, match="measure m has more than one response to the same item"
    ):
        PHQ9.score_frame(frame)


def test_the_columns_must_be_there_and_hold_whole_numbers() -> None:
    with pytest.raises(ResponseError, match="value is missing"):
        PHQ9.score_frame(pl.DataFrame({"measure_key": ["m"], "item": [1]}))
    with pytest.raises(ResponseError, match="The value column must hold whole numbers"):
        PHQ9.score_frame(pl.DataFrame({"measure_key": ["m"], "item": [1], "value": [1.5]}))


def test_a_row_without_a_measure_key_or_item_is_refused() -> None:
    frame = pl.DataFrame(
        {"measure_key": [None, "m"], "item": [1, None], "value": [1, 1]},
        schema={"measure_key": pl.String, "item": pl.Int64, "value": pl.Int64},
    )
    with pytest.raises(ResponseError) as raised:
        PHQ9.score_frame(frame)
    assert raised.value.problems == [
        "a row with no measure_key (item 1, value 1)",
        "measure m: item None is not an item of PHQ-9 (items 1 to 9)",
    ]


def test_an_empty_frame_gives_an_empty_result_with_the_same_columns() -> None:
    empty = items_frame({})
    result = DIALOG.score_frame(empty)
    assert result.height == 0
    assert result.columns[:3] == ["measure_key", "total", "missing"]


def test_other_integer_types_are_accepted() -> None:
    frame = items_frame({"m": [1] * 9}).with_columns(
        pl.col("item").cast(pl.Int8), pl.col("value").cast(pl.UInt16)
    )
    assert PHQ9.score_frame(frame).row(0) == ("m", 9.0, 0)
