"""PHQ-9 and GAD-7: totals and caseness as NHS Talking Therapies uses them.

PHQ-9 (KROENKE_2001): nine items 0-3, total 0-27; GAD-7 (SPITZER_2006): seven items 0-3, total
0-21. A case is PHQ-9 10 or more, GAD-7 8 or more (NHS Talking Therapies manual).
"""

from __future__ import annotations

import pytest

from livingwell.instruments import REGISTRY, MissingItemRule, ResponseError

PHQ9 = REGISTRY["phq9"]
GAD7 = REGISTRY["gad7"]


def test_a_phq9_of_10_is_a_case_and_9_is_not() -> None:
    case = PHQ9.score([1, 2, 1, 1, 2, 1, 0, 1, 1])
    assert (case.total, case.case) == (10.0, True)
    not_case = PHQ9.score([1, 2, 1, 1, 2, 1, 0, 1, 0])
    assert (not_case.total, not_case.case) == (9.0, False)


def test_a_gad7_of_8_is_a_case_and_7_is_not() -> None:
    case = GAD7.score([2, 1, 1, 1, 1, 1, 1])
    assert (case.total, case.case) == (8.0, True)
    assert GAD7.score([1, 1, 1, 1, 1, 1, 1]).case is False


def test_the_totals_run_from_0_to_27_and_0_to_21() -> None:
    assert (PHQ9.score([0] * 9).total, PHQ9.score([3] * 9).total) == (0.0, 27.0)
    assert (GAD7.score([0] * 7).total, GAD7.score([3] * 7).total) == (0.0, 21.0)
    assert (PHQ9.total_range, GAD7.total_range) == ((0.0, 27.0), (0.0, 21.0))
    assert PHQ9.higher_is_better is False


def test_an_unanswered_item_leaves_no_total_unless_the_site_prorates() -> None:
    answers = [2, 2, 1, 1, None, 1, 1, 1, 1]
    assert PHQ9.score(answers).total is None
    prorating = PHQ9.with_missing_rule(MissingItemRule(max_missing=2, method="prorate"))
    assert prorating.score(answers).total == 10 * 9 / 8
    assert prorating.score(answers).case is True


def test_reliable_change_is_6_and_4_points_from_the_talking_therapies_manual() -> None:
    assert (PHQ9.reliable_change.threshold, GAD7.reliable_change.threshold) == (6, 4)
    assert PHQ9.change_category(16, 10) == "reliable improvement"
    assert PHQ9.change_category(10, 15) == "no reliable change"
    assert GAD7.change_category(5, 9) == "reliable deterioration"


def test_a_response_of_4_is_refused_naming_the_item_and_the_range() -> None:
    with pytest.raises(ResponseError, match=r"^Item 9 of PHQ-9 must be 0 to 3; it was 4$"):
        PHQ9.score([0] * 8 + [4])
    with pytest.raises(ResponseError, match=r"^Item 1 of GAD-7 must be 0 to 3; it was -1$"):
        GAD7.score([-1] + [0] * 6)


def test_answers_that_are_not_whole_numbers_are_refused() -> None:
    with pytest.raises(ResponseError, match="Item 2 of GAD-7 must be a whole number from 0 to 3"):
        GAD7.score([0, 1.5, 0, 0, 0, 0, 0])  # type: ignore[list-item]
    with pytest.raises(ResponseError, match="Item 1 of GAD-7 must be a whole number"):
        GAD7.score([True, 0, 0, 0, 0, 0, 0])
    with pytest.raises(ResponseError, match="must be a list of 7 answers"):
        GAD7.score("0000000")  # type: ignore[arg-type]


def test_the_wrong_number_of_answers_is_refused() -> None:
    with pytest.raises(ResponseError, match="PHQ-9 has 9 items; 10 responses were given"):
        PHQ9.score([0] * 10)
