"""The package as a whole: its registry, its independence from Django, what it leaves out."""

from __future__ import annotations

from pathlib import Path

import pytest

import livingwell.instruments as instruments
from livingwell.instruments import REGISTRY, instrument_for

ROOT = Path(__file__).resolve().parents[2]


def test_the_registry_holds_the_extracts_five_instruments() -> None:
    assert list(REGISTRY) == ["reqol10", "swemwbs", "dialog", "phq9", "gad7"]
    assert all(REGISTRY[key].key == key for key in REGISTRY)


def test_every_instrument_cites_its_source_and_states_its_reliable_change() -> None:
    for instrument in REGISTRY.values():
        assert "https://" in instrument.source, instrument.key
        sentence = instrument.describe_reliable_change()
        assert sentence.startswith("A change of "), sentence
        assert sentence.endswith("."), sentence
        assert instrument.label in sentence
        assert instrument.missing_rule.describe().endswith(".")


def test_an_unknown_instrument_is_refused_with_the_names_there_are() -> None:
    with pytest.raises(KeyError, match="reqol10, swemwbs, dialog, phq9, gad7"):
        instrument_for("recovery-star")


def test_the_recovery_star_is_not_implemented() -> None:
    names = " ".join(f"{i.key} {i.name}" for i in REGISTRY.values()).lower()
    assert "star" not in names
    assert "recovery star" in (instruments.__doc__ or "").lower()  # said deliberately, once
