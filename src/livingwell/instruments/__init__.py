"""Outcome measures and their published scoring rules: pure Python and Polars, no Django.

NHS England recommends DIALOG, ReQoL-10 and goal-based outcomes for community mental health
(NHS_ENGLAND_CMH_PROMS); SWEMWBS, PHQ-9 and GAD-7 are here too, the last two with the NHS Talking
Therapies definitions. Each instrument's module cites its sources and says which of its rules were
checked offline and which are named settings (labelled "not checked offline"). The Recovery Star is
proprietary and is deliberately not here.

    from livingwell.instruments import REGISTRY
    REGISTRY["phq9"].score([1, 2, 1, 1, 2, 1, 0, 1, 0]).total      # 9.0
    REGISTRY["dialog"].score_frame(items)                           # one row per measure
"""

from __future__ import annotations

from livingwell.instruments.errors import ResponseError, WordingError
from livingwell.instruments.gbo import GOAL_SCALE, goal_movement_frame, made_progress, movement
from livingwell.instruments.instrument import Instrument, Scale, Score, items_frame
from livingwell.instruments.registry import REGISTRY, instrument_for
from livingwell.instruments.rules import ClinicalCutoff, MissingItemRule, ReliableChange
from livingwell.instruments.talking_therapies import (
    GAD7_CASENESS,
    GAD7_RELIABLE,
    PHQ9_CASENESS,
    PHQ9_RELIABLE,
    TalkingTherapiesOutcome,
    outcome,
    outcome_frame,
)
from livingwell.instruments.wording import Wording, load_wording, placeholder_wording

__all__ = [
    "GAD7_CASENESS",
    "GAD7_RELIABLE",
    "GOAL_SCALE",
    "PHQ9_CASENESS",
    "PHQ9_RELIABLE",
    "REGISTRY",
    "ClinicalCutoff",
    "Instrument",
    "MissingItemRule",
    "ReliableChange",
    "ResponseError",
    "Scale",
    "Score",
    "TalkingTherapiesOutcome",
    "Wording",
    "WordingError",
    "goal_movement_frame",
    "instrument_for",
    "items_frame",
    "load_wording",
    "made_progress",
    "movement",
    "outcome",
    "outcome_frame",
    "placeholder_wording",
]
