"""The wording that ships with Living Well: PHQ-9 and GAD-7 only.

Both are free to use: "No permission required to reproduce, translate, display or distribute"
(PHQ_SCREENERS). The wording of ReQoL-10, SWEMWBS and DIALOG is licensed to each site by its owners,
so none of it is here; a site loads its own (`livingwell.instruments.wording.load_wording`).

Kept as Python rather than data files so that it always ships with the package. Each mapping has the
shape of a site's wording file (see `livingwell.instruments.wording`).
"""

from __future__ import annotations

from typing import Any

from livingwell.instruments.sources import PHQ_SCREENERS

FREQUENCY_OPTIONS = [
    {"value": 0, "label": "Not at all"},
    {"value": 1, "label": "Several days"},
    {"value": 2, "label": "More than half the days"},
    {"value": 3, "label": "Nearly every day"},
]

PHQ9: dict[str, Any] = {
    "instrument": "phq9",
    "licence": "No permission required to reproduce, translate, display or distribute.",
    "source": PHQ_SCREENERS,
    "stem": "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    "response_options": FREQUENCY_OPTIONS,
    "items": [
        {"text": "Little interest or pleasure in doing things"},
        {"text": "Feeling down, depressed, or hopeless"},
        {"text": "Trouble falling or staying asleep, or sleeping too much"},
        {"text": "Feeling tired or having little energy"},
        {"text": "Poor appetite or overeating"},
        {
            "text": "Feeling bad about yourself - or that you are a failure or have let yourself "
            "or your family down"
        },
        {
            "text": "Trouble concentrating on things, such as reading the newspaper or watching television"
        },
        {
            "text": "Moving or speaking so slowly that other people could have noticed? Or the "
            "opposite - being so fidgety or restless that you have been moving around a lot more "
            "than usual"
        },
        {"text": "Thoughts that you would be better off dead or of hurting yourself in some way"},
    ],
}

GAD7: dict[str, Any] = {
    "instrument": "gad7",
    "licence": "No permission required to reproduce, translate, display or distribute.",
    "source": PHQ_SCREENERS,
    "stem": "Over the last 2 weeks, how often have you been bothered by the following problems?",
    "response_options": FREQUENCY_OPTIONS,
    "items": [
        {"text": "Feeling nervous, anxious or on edge"},
        {"text": "Not being able to stop or control worrying"},
        {"text": "Worrying too much about different things"},
        {"text": "Trouble relaxing"},
        {"text": "Being so restless that it is hard to sit still"},
        {"text": "Becoming easily annoyed or irritable"},
        {"text": "Feeling afraid as if something awful might happen"},
    ],
}

SHIPPED: dict[str, dict[str, Any]] = {"phq9": PHQ9, "gad7": GAD7}
