"""DIALOG: subjective quality of life and treatment satisfaction, and each item on its own.

Scoring (ELFT_DIALOG): 11 items rated 1-7, eight life domains and three treatment aspects; the mean
of the eight is the subjective quality of life score, the mean of the three the treatment
satisfaction score; 4 is the neutral middle.
"""

from __future__ import annotations

import pytest

from livingwell.instruments import REGISTRY, MissingItemRule, ResponseError
from livingwell.instruments.dialog import DIALOG


def test_the_registry_holds_dialog_with_its_more_help_answers() -> None:
    assert REGISTRY["dialog"] is DIALOG


def test_quality_of_life_is_the_mean_of_the_eight_life_domains() -> None:
    score = DIALOG.score([4, 5, 6, 3, 5, 4, 6, 7, 5, 6, 4])
    assert score["quality_of_life"] == 5.0  # 40 / 8
    assert score["treatment_satisfaction"] == 5.0  # 15 / 3
    assert score.total == 5.0  # the total reported for DIALOG is quality of life


def test_every_item_is_reported_as_given() -> None:
    answers = [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4]
    score = DIALOG.score(answers)
    assert [score[f"item_{n}"] for n in range(1, 12)] == answers
    assert score["quality_of_life"] == 29 / 8
    assert score["treatment_satisfaction"] == 3.0


def test_neutral_answers_score_the_middle_of_the_scale() -> None:
    score = DIALOG.score([4] * 11)
    assert (score["quality_of_life"], score["treatment_satisfaction"]) == (4.0, 4.0)


def test_each_scale_is_judged_on_its_own_items_when_some_are_unanswered() -> None:
    score = DIALOG.score([5, 5, 5, 5, 5, 5, 5, 5, None, 6, 6])
    assert score["quality_of_life"] == 5.0
    assert score["treatment_satisfaction"] is None
    assert score["item_9"] is None
    assert score.missing == 1


def test_a_site_can_prorate_one_unanswered_item_per_scale() -> None:
    lenient = DIALOG.with_missing_rule(MissingItemRule(max_missing=1, method="prorate"))
    score = lenient.score([None, 5, 5, 5, 5, 5, 5, 6, None, 6, 3])
    assert score["quality_of_life"] == 36 / 7  # the mean of the seven answered
    assert score["treatment_satisfaction"] == 4.5
    assert lenient.score([None, None, 5, 5, 5, 5, 5, 6, 6, 6, 3]).total is None


def test_do_you_need_more_help_is_kept_with_the_score() -> None:
    help_wanted = [True, False, None, False, False, True, False, False, False, False, True]
    score = DIALOG.score([4] * 11, more_help=help_wanted)
    assert score.more_help == tuple(help_wanted)
    assert DIALOG.score([4] * 11).more_help is None


def test_more_help_answers_must_be_one_per_item_and_yes_or_no() -> None:
    with pytest.raises(ResponseError, match="for each of its 11 items; 3 answers were given"):
        DIALOG.score([4] * 11, more_help=[True, False, True])
    with pytest.raises(ResponseError, match="item 2 of DIALOG must be yes"):
        DIALOG.score([4] * 11, more_help=[True, "yes", *[False] * 9])  # type: ignore[list-item]


def test_a_rating_of_8_is_refused() -> None:
    with pytest.raises(ResponseError, match=r"^Item 11 of DIALOG must be 1 to 7; it was 8$"):
        DIALOG.score([4] * 10 + [8])


def test_reliable_change_uses_a_checked_sd_and_reliability() -> None:
    change = DIALOG.reliable_change
    assert (change.sd, change.reliability, change.checked_offline) == (1.1, 0.71, True)
    assert change.threshold == pytest.approx(1.6419, abs=1e-4)
    assert DIALOG.change_category(3.5, 5.25) == "reliable improvement"
    assert DIALOG.change_category(5.0, 4.0) == "no reliable change"
    assert "Mosler et al. 2020" in DIALOG.describe_reliable_change()
