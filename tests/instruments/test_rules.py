"""The named settings: missing-item rules, reliable change, clinical cut-offs."""

from __future__ import annotations

import math

import polars as pl
import pytest

from livingwell.instruments import REGISTRY, ClinicalCutoff, MissingItemRule, ReliableChange


def test_the_jacobson_truax_criterion_is_1_96_sd_root_2_root_1_minus_r() -> None:
    change = ReliableChange.jacobson_truax(
        sd=5.0, reliability=0.8, sd_source="a study", reliability_source="another"
    )
    assert change.threshold == pytest.approx(1.96 * 5.0 * math.sqrt(2) * math.sqrt(0.2))
    sentence = change.describe("Example")
    assert sentence.startswith("A change of 6.2 points or more in the Example total score")
    assert (
        "1.96 × SD × √2 × √(1 − reliability), with SD 5 (a study) and reliability 0.8" in sentence
    )


def test_an_unchecked_threshold_says_so_wherever_it_is_described() -> None:
    change = ReliableChange.manual(5, source="A guess", checked_offline=False)
    assert change.describe("X").endswith("not checked offline against their source.")


def test_impossible_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="reliability must be from 0 to below 1"):
        ReliableChange.jacobson_truax(sd=5, reliability=1.0, sd_source="", reliability_source="")
    with pytest.raises(ValueError, match="must be positive"):
        ReliableChange.manual(0, source="")
    with pytest.raises(ValueError, match='With method "none" no item may be missing'):
        MissingItemRule(max_missing=1, method="none")
    with pytest.raises(ValueError, match="cannot be negative"):
        MissingItemRule(max_missing=-1, method="prorate")
    with pytest.raises(ValueError, match="at most 2 may be missing"):
        REGISTRY["dialog"].with_missing_rule(MissingItemRule(max_missing=3, method="prorate"))


def test_reliable_change_is_judged_in_the_direction_that_is_better() -> None:
    change = ReliableChange.manual(4, source="")
    assert change.category(10, 14, higher_is_better=True) == "reliable improvement"
    assert change.category(10, 14, higher_is_better=False) == "reliable deterioration"
    assert change.category(10, 13, higher_is_better=False) == "no reliable change"


def test_the_reliable_change_expression_agrees_with_the_scalar_version() -> None:
    phq9 = REGISTRY["phq9"]
    pairs = pl.DataFrame({"first": [16.0, 10.0, 5.0, None], "last": [10.0, 15.0, 11.0, 3.0]})
    got = pairs.select(phq9.change_category_expr(pl.col("first"), pl.col("last"))).to_series()
    assert got.to_list() == [
        "reliable improvement",
        "no reliable change",
        "reliable deterioration",
        None,
    ]


def test_cut_offs_describe_themselves_in_plain_words() -> None:
    assert REGISTRY["reqol10"].clinical_cutoff is not None
    assert REGISTRY["reqol10"].clinical_cutoff.describe("ReQoL-10") == (
        "On ReQoL-10, a score of 24 or less is in the clinical range (NHS England's community "
        "mental health PROMs analysis)."
    )
    assert ClinicalCutoff(10, clinical_below=False, source="x").is_clinical(10)


def test_missing_item_rules_describe_themselves() -> None:
    rule = MissingItemRule(max_missing=2, method="prorate", note="a site's choice")
    assert rule.describe() == (
        "A scale with at most 2 unanswered items is prorated from the items answered; with more "
        "it is not scored (a site's choice)."
    )
