"""PHQ-9 (depression) and GAD-7 (anxiety), scored as NHS Talking Therapies scores them.

PHQ-9: nine items, each 0 ("not at all") to 3 ("nearly every day"), summed to 0-27 (KROENKE_2001).
GAD-7: seven items on the same scale, summed to 0-21 (SPITZER_2006). Higher is worse. Caseness and
reliable change follow the NHS Talking Therapies manual (`talking_therapies`): a case is PHQ-9 10
or more, GAD-7 8 or more; a reliable change is 6 points on PHQ-9 and 4 on GAD-7.

`MISSING_ITEM_RULE`: no rule for unanswered items was checked offline, so a questionnaire with any
unanswered item has no total; a site can set a prorating rule with `with_missing_rule`.

The wording is free to reproduce (PHQ_SCREENERS) and ships in `livingwell.instruments.wordings`.
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
    KROENKE_2001,
    NHS_TALKING_THERAPIES_MANUAL,
    PHQ_SCREENERS,
    SPITZER_2006,
)
from livingwell.instruments.talking_therapies import (
    GAD7_CASENESS,
    GAD7_RELIABLE,
    PHQ9_CASENESS,
    PHQ9_RELIABLE,
)

MISSING_ITEM_RULE = MissingItemRule(
    max_missing=0,
    method="none",
    note=f"a rule for unanswered items was {NOT_CHECKED}; only complete questionnaires are scored",
)

PHQ9 = Instrument(
    key="phq9",
    name="Patient Health Questionnaire (PHQ-9)",
    label="PHQ-9",
    items=9,
    item_min=0,
    item_max=3,
    higher_is_better=False,
    source=f"{KROENKE_2001}; {PHQ_SCREENERS}",
    reliable_change=ReliableChange.manual(PHQ9_RELIABLE, source=NHS_TALKING_THERAPIES_MANUAL),
    missing_rule=MISSING_ITEM_RULE,
    scales=(Scale("total", tuple(range(1, 10)), "sum"),),
    clinical_cutoff=ClinicalCutoff(
        value=PHQ9_CASENESS, clinical_below=False, source=NHS_TALKING_THERAPIES_MANUAL
    ),
)

GAD7 = Instrument(
    key="gad7",
    name="Generalised Anxiety Disorder Assessment (GAD-7)",
    label="GAD-7",
    items=7,
    item_min=0,
    item_max=3,
    higher_is_better=False,
    source=f"{SPITZER_2006}; {PHQ_SCREENERS}",
    reliable_change=ReliableChange.manual(GAD7_RELIABLE, source=NHS_TALKING_THERAPIES_MANUAL),
    missing_rule=MISSING_ITEM_RULE,
    scales=(Scale("total", tuple(range(1, 8)), "sum"),),
    clinical_cutoff=ClinicalCutoff(
        value=GAD7_CASENESS, clinical_below=False, source=NHS_TALKING_THERAPIES_MANUAL
    ),
)
