"""ReQoL-10: Recovering Quality of Life, the 10-item version, with its physical health item.

What was checked offline, and where:

- Ten mental health items answered on five levels from "none of the time" to "most or all of the
  time", a mixture of positively and negatively worded items, and summative scores where a high
  score is better (REQOL_LICENSING; KEETHARUTH_2018, abstract). Each item is scored 0 (worst) to 4
  (best), so the total runs 0-40 (FRANKLIN_2021, table of measures). The clinical range is a
  score of 24 or less, as NHS England counts it in its community mental health outcomes analysis
  (NHS_ENGLAND_CMH_PROMS_ANALYSIS: below 25); Franklin et al. give below 24, a point lower.
- Both versions add a physical health item, kept apart from the total (REQOL_LICENSING;
  KEETHARUTH_2018: "seven themes: activity, hope, belonging and relationships, self-perception,
  well-being, autonomy, and physical health").
- Which statements are negatively worded: the ones about difficulty getting started with everyday
  tasks (activity), being unable to cope (choice, control and autonomy), life not being worth
  living (hope) and loneliness (belonging and relationships); the other six are positively worded
  (GRUNDY_2019, table 2, which lists the ten statements by theme).

What could not be checked offline, and is therefore a named setting:

- `NEGATIVELY_WORDED_ITEMS`: the positions of those four statements in the published item order
  (1, 3, 6 and 9), and `PHYSICAL_HEALTH_ITEM`: the physical health item's position (11, last).
  The licensed form shows the order; a site should check these against the form it is licensed
  to use.
- `MISSING_ITEM_RULE`: the ReQoL user manual's rule for unanswered items. Until it is checked, a
  ReQoL-10 with any unanswered mental health item has no total (nothing is imputed).
- `RELIABLE_CHANGE` is 5 points, NHS England's threshold in the same analysis; the report used a
  Jacobson-Truax criterion of 9.66 before, from an SD and a reliability no source gave.

Responses come as given (the learning extract's contract): 0 = "none of the time" up to
4 = "most or all of the time". A positively worded item scores its response; a negatively worded one
scores 4 minus its response, so that on every item 4 is the best. The physical health item is
reported as given, not reversed and not in the total.

The wording is licensed to each site by the University of Sheffield and Oxford University Innovation,
so it is not shipped here: see `livingwell.instruments.wording`.
"""

from __future__ import annotations

from livingwell.instruments.instrument import Instrument, Scale
from livingwell.instruments.rules import (
    NOT_CHECKED,
    ClinicalCutoff,
    MissingItemRule,
    ReliableChange,
)
from livingwell.instruments.sources import (
    FRANKLIN_2021,
    KEETHARUTH_2018,
    NHS_ENGLAND_CMH_PROMS_ANALYSIS,
    REQOL_LICENSING,
)

ITEMS = 11
MENTAL_HEALTH_ITEMS = tuple(range(1, 11))
PHYSICAL_HEALTH_ITEM = 11
"""Position of the physical health item (not checked offline against the form: the last item)."""

NEGATIVELY_WORDED_ITEMS = (1, 3, 6, 9)
"""The negatively worded items, reversed in scoring. Which statements are negatively worded was
checked offline (GRUNDY_2019); their positions in the published order were not."""

REVERSAL_NOTE = (
    "Items 1, 3, 6 and 9 are the negatively worded statements and are reversed (4 minus the "
    "response). Which statements are negatively worded was checked offline against Grundy et al. "
    f"2019; their positions in the published order were {NOT_CHECKED}."
)

# NHS England's definition, so that a site's figures compare with everyone else's: below 25.
CLINICAL_CUTOFF = ClinicalCutoff(
    value=25, clinical_below=True, source=NHS_ENGLAND_CMH_PROMS_ANALYSIS, whole_scores=True
)

MISSING_ITEM_RULE = MissingItemRule(
    max_missing=0,
    method="none",
    note=(
        f"the ReQoL user manual's rule for unanswered items was {NOT_CHECKED}; until a site sets "
        "it, only complete questionnaires get a total"
    ),
)

RELIABLE_CHANGE = ReliableChange.manual(
    5,
    source=NHS_ENGLAND_CMH_PROMS_ANALYSIS,
    note="The threshold NHS England uses in its community mental health outcomes analysis.",
)

REQOL10 = Instrument(
    key="reqol10",
    name="Recovering Quality of Life (ReQoL-10)",
    label="ReQoL-10",
    items=ITEMS,
    item_min=0,
    item_max=4,
    higher_is_better=True,
    source=f"{KEETHARUTH_2018}; {REQOL_LICENSING}; {FRANKLIN_2021}",
    reliable_change=RELIABLE_CHANGE,
    missing_rule=MISSING_ITEM_RULE,
    scales=(Scale("total", MENTAL_HEALTH_ITEMS, "sum"),),
    clinical_cutoff=CLINICAL_CUTOFF,
    reversed_items=NEGATIVELY_WORDED_ITEMS,
    reversal_note=REVERSAL_NOTE,
    single_items=(("physical_health", PHYSICAL_HEALTH_ITEM),),
    wording_licensed=True,
)
