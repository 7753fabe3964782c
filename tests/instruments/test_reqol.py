"""ReQoL-10: worked examples of its scoring rules.

The rules (KEETHARUTH_2018; the ReQoL licensing page; FRANKLIN_2021): ten items answered from 0,
"none of the time", to 4, "most or all of the time"; positively worded items score as answered,
negatively worded ones are reversed, so each item scores 0 (worst) to 4 (best) and the total runs
0-40, higher better; 24 or less is the clinical range (NHS England); the physical health item is kept apart.
"""

from __future__ import annotations

import pytest

from livingwell.instruments import REGISTRY, MissingItemRule, ResponseError
from livingwell.instruments.reqol import NEGATIVELY_WORDED_ITEMS, PHYSICAL_HEALTH_ITEM

REQOL = REGISTRY["reqol10"]


def test_answering_most_or_all_of_the_time_to_everything_scores_24() -> None:
    """Six positively worded items score 4 each; the four negatively worded ones score 0."""
    score = REQOL.score([4] * 11)
    assert score.total == 24.0
    assert score.case is True  # NHS England counts 24 or less as clinical


def test_the_best_and_worst_possible_answers_score_40_and_0() -> None:
    best = [0 if n in NEGATIVELY_WORDED_ITEMS else 4 for n in range(1, 11)] + [2]
    worst = [4 if n in NEGATIVELY_WORDED_ITEMS else 0 for n in range(1, 11)] + [2]
    assert REQOL.score(best).total == 40.0
    assert REQOL.score(worst).total == 0.0
    assert REQOL.score(worst).case is True


def test_a_mixed_set_of_answers_scores_by_hand() -> None:
    """Items 1, 3, 6, 9 reversed: 3 + 2 + 4 + 3 = 12; the others as given: 3+3+2+3+2+2 = 15."""
    score = REQOL.score([1, 3, 2, 3, 2, 0, 3, 2, 1, 2, 2])
    assert score.total == 27.0
    assert score.case is False
    assert score["physical_health"] == 2


def test_24_is_in_the_clinical_range_and_25_is_not() -> None:
    """As NHS England's community mental health outcomes analysis counts it: a score below 25.
    Reversed items 1, 3, 6, 9 score 4 + 2 + 2 + 2 = 10; the others 2+2+2+2+2+4 = 14: total 24."""
    at_the_top = REQOL.score([0, 2, 2, 2, 2, 2, 2, 2, 2, 4, 0])
    assert (at_the_top.total, at_the_top.case) == (24.0, True)
    above = REQOL.score([0, 3, 2, 2, 2, 2, 2, 2, 2, 4, 0])
    assert (above.total, above.case) == (25.0, False)


def test_the_physical_health_item_is_kept_apart_from_the_total() -> None:
    answers = [2] * 10
    assert PHYSICAL_HEALTH_ITEM == 11
    low, high = REQOL.score([*answers, 0]), REQOL.score([*answers, 4])
    assert low.total == high.total == 20.0
    assert (low["physical_health"], high["physical_health"]) == (0, 4)
    unanswered = REQOL.score([*answers, None])
    assert unanswered.total == 20.0
    assert unanswered["physical_health"] is None
    assert unanswered.missing == 1


def test_by_default_an_unanswered_mental_health_item_leaves_no_total() -> None:
    score = REQOL.score([None, *[2] * 10])
    assert score.total is None
    assert score.case is None
    assert score.missing == 1


def test_a_site_can_choose_to_prorate_unanswered_items() -> None:
    prorating = REQOL.with_missing_rule(MissingItemRule(max_missing=2, method="prorate"))
    score = prorating.score([None, *[2] * 9, 1])
    assert score.total == 20.0  # 18 from nine items, times 10/9
    assert prorating.score([None, None, None, *[2] * 8]).total is None


def test_an_answer_outside_0_to_4_is_refused_naming_the_item() -> None:
    with pytest.raises(ResponseError, match=r"^Item 3 of ReQoL-10 must be 0 to 4; it was 7$"):
        REQOL.score([2, 2, 7, 2, 2, 2, 2, 2, 2, 2, 2])


def test_ten_answers_are_refused_because_the_physical_health_item_is_the_eleventh() -> None:
    with pytest.raises(ResponseError, match="ReQoL-10 has 11 items; 10 responses were given"):
        REQOL.score([2] * 10)


def test_reliable_change_is_nhs_englands_five_points() -> None:
    change = REQOL.reliable_change
    assert change.method == "manual"
    assert change.threshold == 5
    assert "NHS England" in REQOL.describe_reliable_change()
    assert REQOL.change_category(15, 20) == "reliable improvement"
    assert REQOL.change_category(20, 15) == "reliable deterioration"
    assert REQOL.change_category(15, 19) == "no reliable change"
