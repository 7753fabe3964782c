"""DIALOG: satisfaction with eight life domains and three treatment aspects, each rated 1-7.

Checked offline (ELFT_DIALOG): "DIALOG is a scale of 11 questions. Patients rate their satisfaction
with eight life domains and three treatment aspects on a 7-point scale." The mean of the eight life
domain items (1-8) is the subjective quality of life score; the mean of the three treatment items
(9-11) is the treatment satisfaction score; below 4 is explicit dissatisfaction, above 4 explicit
satisfaction, 4 the neutral middle. Higher is better. Each item also asks "do you need more help?";
`Dialog.score` takes those answers as `more_help` and returns them with the score. Each item's rating
is reported as given (`item_1` to `item_11`), because each is meaningful on its own.

The total this package reports for DIALOG is the subjective quality of life score (the mean of items
1-8), and reliable change applies to it: the Jacobson-Truax criterion with SD 1.1 (MOSLER_2020,
12,592 routine DIALOG records) and reliability 0.71 (PRIEBE_2012, Cronbach's alpha of the eight
items), both checked offline: 1.64 points on the 1-7 scale.

`MISSING_ITEM_RULE`: no published rule for unanswered items was found offline, so a scale with any
unanswered item has no score (each of the two scales is judged on its own items).

The wording is licensed to sites and is not shipped here: see `livingwell.instruments.wording`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from livingwell.instruments.errors import ResponseError
from livingwell.instruments.instrument import Instrument, Scale, Score
from livingwell.instruments.rules import MissingItemRule, ReliableChange
from livingwell.instruments.sources import ELFT_DIALOG, MOSLER_2020, PRIEBE_2012

LIFE_DOMAIN_ITEMS = tuple(range(1, 9))
TREATMENT_ITEMS = (9, 10, 11)

RELIABLE_CHANGE = ReliableChange.jacobson_truax(
    sd=1.1,
    reliability=0.71,
    sd_source="Mosler et al. 2020, 12,592 routine DIALOG records",
    reliability_source="Priebe et al. 2012, Cronbach's alpha of the eight life domain items",
    references=(MOSLER_2020, PRIEBE_2012),
    scale="subjective quality of life score",
)

MISSING_ITEM_RULE = MissingItemRule(
    max_missing=0,
    method="none",
    note="no published rule for unanswered DIALOG items was found offline",
)


@dataclass(frozen=True, kw_only=True)
class Dialog(Instrument):
    """DIALOG, whose score also carries the "do you need more help?" answer for each item."""

    def score(
        self,
        responses: Sequence[int | None],
        *,
        more_help: Sequence[bool | None] | None = None,
    ) -> Score:
        """Score one DIALOG; `more_help` is the "do you need more help?" answer per item, if asked."""
        scored = super().score(responses)
        if more_help is None:
            return scored
        if isinstance(more_help, str | bytes) or len(more_help) != self.items:
            raise ResponseError(
                f"DIALOG asks 'do you need more help?' for each of its {self.items} items; "
                f"{len(more_help)} answers were given"
            )
        for number, answer in enumerate(more_help, start=1):
            if answer is not None and not isinstance(answer, bool):
                raise ResponseError(
                    f"The 'do you need more help?' answer to item {number} of DIALOG must be yes "
                    f"(True), no (False) or not answered (None); it was {answer!r}"
                )
        return replace(scored, more_help=tuple(more_help))


DIALOG = Dialog(
    key="dialog",
    name="DIALOG scale",
    label="DIALOG",
    items=11,
    item_min=1,
    item_max=7,
    higher_is_better=True,
    source=f"{ELFT_DIALOG}; {PRIEBE_2012}",
    reliable_change=RELIABLE_CHANGE,
    missing_rule=MISSING_ITEM_RULE,
    scales=(
        Scale("quality_of_life", LIFE_DOMAIN_ITEMS, "mean"),
        Scale("treatment_satisfaction", TREATMENT_ITEMS, "mean"),
    ),
    total_from="quality_of_life",
    single_items=tuple((f"item_{number}", number) for number in range(1, 12)),
    wording_licensed=True,
    # The published order (ELFT_DIALOG; the learning extract's contract): item 6 is friendships,
    # item 7 partner or family.
    item_names=(
        "Mental health",
        "Physical health",
        "Job or occupation",
        "Accommodation",
        "Leisure activities",
        "Friendships",
        "Partner or family",
        "Personal safety",
        "Medication",
        "Practical help",
        "Meetings with professionals",
    ),
)
