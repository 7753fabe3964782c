"""The levers a Collaborative can try on the simulator page. Everything else: a scenario file."""

from __future__ import annotations

from typing import Any

from django import forms

from livingwell.core.forms import NhsForm
from livingwell.simulation.parameters import Parameters

DEFAULTS = Parameters()

# Adults x years x runs the page will run while someone waits: 300,000 adults for 10 years, 20 times,
# takes about 5 seconds here. Anything bigger is for `livingwell simulate`.
PAGE_WORK_LIMIT = 300_000 * 10 * 20

THRESHOLDS = {
    "lower": ("Lower: triage accepts more people", 1.25),
    "now": ("As now", 1.0),
    "higher": ("Higher: triage turns more people back", 0.75),
}


def whole_number(*, noun: str, low: int, high: int, initial: int) -> forms.IntegerField:
    message = f"{noun} must be a whole number from {low:,} to {high:,}"
    return forms.IntegerField(
        min_value=low,
        max_value=high,
        initial=initial,
        error_messages={
            "required": f"Enter {noun.lower()}",
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class SimulatorForm(NhsForm):
    adults = whole_number(
        noun="The number of adults", low=1_000, high=3_000_000, initial=DEFAULTS.adults
    )
    years = whole_number(noun="The number of years", low=1, high=15, initial=DEFAULTS.years)
    replications = whole_number(noun="The number of runs", low=2, high=20, initial=10)
    care_coordinators = whole_number(
        noun="The number of care coordinators",
        low=0,
        high=10_000,
        initial=DEFAULTS.care_coordinators,
    )
    key_workers = whole_number(
        noun="The number of key workers", low=0, high=10_000, initial=DEFAULTS.key_workers
    )
    threshold = forms.ChoiceField(
        choices=[(key, label) for key, (label, _) in THRESHOLDS.items()],
        initial="now",
        error_messages={"required": "Choose how high the threshold is"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        adults, years, runs = (cleaned.get(n) or 0 for n in ("adults", "years", "replications"))
        if adults * years * runs > PAGE_WORK_LIMIT:
            # The page answers while you wait: bigger runs belong on the command line.
            self.add_error(
                "replications",
                "That is too big to run while you wait. Use fewer runs, years or adults, "
                "or run it with livingwell simulate",
            )
        return cleaned

    def parameters(self) -> Parameters:
        c: dict[str, Any] = self.cleaned_data
        factor = THRESHOLDS[c["threshold"]][1]
        acceptance = tuple(min(1.0, round(v * factor, 4)) for v in DEFAULTS.triage_acceptance)
        return DEFAULTS.replace(
            adults=c["adults"],
            years=c["years"],
            care_coordinators=c["care_coordinators"],
            key_workers=c["key_workers"],
            triage_acceptance=acceptance,
        )
