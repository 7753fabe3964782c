"""NHS Talking Therapies outcomes: caseness, recovery, reliable improvement and deterioration.

Definitions (NHS Talking Therapies manual; OHID glossary): a case is PHQ-9 10 or more and/or GAD-7
8 or more; recovery is a case at the start and not at the end; reliable improvement is PHQ-9 down
6 or more or GAD-7 down 4 or more, with no reliable deterioration on the other; reliable
deterioration the reverse; reliable recovery is recovery with reliable improvement.
"""

from __future__ import annotations

import polars as pl
import pytest

from livingwell.instruments import (
    GAD7_CASENESS,
    GAD7_RELIABLE,
    PHQ9_CASENESS,
    PHQ9_RELIABLE,
    ResponseError,
    TalkingTherapiesOutcome,
    outcome,
    outcome_frame,
)


def test_the_thresholds_are_the_manuals() -> None:
    assert (PHQ9_CASENESS, GAD7_CASENESS, PHQ9_RELIABLE, GAD7_RELIABLE) == (10, 8, 6, 4)


def test_a_case_who_ends_below_both_cut_offs_with_big_falls_has_reliably_recovered() -> None:
    assert outcome(15, 5, 12, 4) == TalkingTherapiesOutcome(
        case_at_start=True,
        recovered=True,
        reliable_improvement=True,
        reliable_recovery=True,
        reliable_deterioration=False,
    )


def test_a_reliable_improvement_that_ends_above_a_cut_off_is_not_recovery() -> None:
    result = outcome(20, 12, 15, 9)
    assert (result.reliable_improvement, result.recovered, result.reliable_recovery) == (
        True,
        False,
        False,
    )


def test_recovery_without_a_reliable_fall_is_not_reliable_recovery() -> None:
    result = outcome(10, 8, 8, 7)
    assert (result.recovered, result.reliable_improvement, result.reliable_recovery) == (
        True,
        False,
        False,
    )


def test_someone_who_was_not_a_case_at_the_start_has_no_recovery_but_can_improve() -> None:
    result = outcome(8, 2, 6, 1)
    assert result.case_at_start is False
    assert (result.recovered, result.reliable_recovery) == (None, None)
    assert result.reliable_improvement is True


def test_a_rise_of_6_on_phq9_is_reliable_deterioration() -> None:
    result = outcome(8, 16, 5, 7)
    assert (result.reliable_deterioration, result.reliable_improvement) == (True, False)
    assert outcome(12, 12, 10, 14).reliable_deterioration is True


def test_a_reliable_fall_on_one_measure_and_rise_on_the_other_is_neither() -> None:
    result = outcome(16, 10, 6, 10)
    assert (result.reliable_improvement, result.reliable_deterioration) == (False, False)


def test_changes_just_short_of_the_thresholds_are_not_reliable() -> None:
    result = outcome(15, 10, 12, 9)  # down 5 and 3
    assert (result.reliable_improvement, result.reliable_deterioration) == (False, False)


def test_a_missing_score_leaves_every_outcome_unknown() -> None:
    assert outcome(15, None, 12, 4) == TalkingTherapiesOutcome(None, None, None, None, None)


def test_an_impossible_total_is_refused() -> None:
    with pytest.raises(ResponseError, match="A PHQ-9 total must be 0 to 27; phq9_last was 28"):
        outcome(15, 28, 12, 4)
    with pytest.raises(ResponseError, match="A GAD-7 total must be 0 to 21; gad7_first was -1"):
        outcome(15, 2, -1, 4)


def test_the_frame_version_gives_the_same_outcomes_and_keeps_other_columns() -> None:
    cases = [(15, 5, 12, 4), (20, 12, 15, 9), (8, 2, 6, 1), (8, 16, 5, 7), (15, None, 12, 4)]
    periods = pl.DataFrame(
        {
            "period_key": [f"p{n}" for n in range(len(cases))],
            "phq9_first": [c[0] for c in cases],
            "phq9_last": [c[1] for c in cases],
            "gad7_first": [c[2] for c in cases],
            "gad7_last": [c[3] for c in cases],
        }
    )
    result = outcome_frame(periods)
    assert result.get_column("period_key").to_list() == periods.get_column("period_key").to_list()
    for row, case in zip(result.iter_rows(named=True), cases, strict=True):
        expected = outcome(*case)
        assert (
            TalkingTherapiesOutcome(
                row["case_at_start"],
                row["recovered"],
                row["reliable_improvement"],
                row["reliable_recovery"],
                row["reliable_deterioration"],
            )
            == expected
        )


def test_the_frame_version_refuses_missing_columns_and_impossible_totals() -> None:
    with pytest.raises(ResponseError, match="missing: gad7_last"):
        outcome_frame(pl.DataFrame({"phq9_first": [1], "phq9_last": [1], "gad7_first": [1]}))
    bad = pl.DataFrame({"phq9_first": [30], "phq9_last": [1], "gad7_first": [1], "gad7_last": [1]})
    with pytest.raises(ResponseError, match="1 phq9_first value outside 0 to 27: 30"):
        outcome_frame(bad)
