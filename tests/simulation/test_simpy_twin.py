"""The SimPy twin (tests/simulation/simpy_twin.py) against the NumPy engine, and on its own.

Two implementations of docs/simulation-model.md, written independently, must agree within
sampling error; the twin must also show the model's functional facts by itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np
import pytest
from numpy.typing import NDArray

from livingwell.simulation.engine import simulate
from livingwell.simulation.parameters import Configuration, Parameters
from livingwell.simulation.results import Results
from tests.simulation.simpy_twin import TwinResults, simulate_twin

# Small enough for CI, big enough for both lists to bind: 60 CMHT places, 120 key-worker places
# for 20,000 adults; support ends after 26 weeks, so discharges, returns and bounces are common.
AGREEMENT_MODEL = Parameters().replace(
    adults=20_000,
    years=2,
    warm_up_years=1,
    care_coordinators=2,
    key_workers=4,
    max_service_weeks=26,
    rejected_return_to_gp=0.5,
    re_referral_after_discharge=0.5,
    max_bounces=3,
)
# About 5 to 8 s of twin per configuration on a 2-core machine. Set LIVINGWELL_TWIN_REPLICATIONS higher
# for a more searching check (the engine runs ten times as many, for little time).
TWIN_REPLICATIONS = int(os.environ.get("LIVINGWELL_TWIN_REPLICATIONS", "40"))
ENGINE_REPLICATIONS = 10 * TWIN_REPLICATIONS
STANDARD_ERRORS = 4.0

SMALL_MODEL = Parameters().replace(
    adults=10_000, years=1, warm_up_years=1, care_coordinators=2, key_workers=4
)

Values = Callable[[TwinResults], NDArray[np.float64]]
EngineValues = Callable[[Results], NDArray[np.float64]]


_ENGINE_NAME = {
    "asked": "asked",
    "helped": "helped",
    "turned_back": "turned_back",
    "bounces": "bounces",
    "mean_wait": "wait_mean",
    "unmet_need": "unmet_need",
    "crisis_contacts": "crisis_contacts",
    "bed_days": "bed_days",
    "primary_care": "cost_primary_care",
    "secondary_care": "cost_secondary_care",
    "living_well": "cost_living_well",
    "voluntary_community": "cost_voluntary_community",
    "crisis": "cost_crisis",
    "inpatient": "cost_inpatient",
    "total_cost": "cost_total",
}


def _total(name: str) -> tuple[Values, EngineValues]:
    return (lambda twin: twin.totals(name)), (lambda engine: engine.totals[_ENGINE_NAME[name]])


# Each measure per replication: in the twin, in the engine. Totals over the horizon, except the
# mean wait and the unmet need (the mean over months, and the first and last months on their own,
# which would show a different warm-up or month end).
MEASURES: dict[str, tuple[Values, EngineValues]] = {
    **{name: _total(name) for name in _ENGINE_NAME},
    "unmet_need_first_month": (
        lambda twin: twin.monthly("unmet_need")[:, 0],
        lambda engine: engine.monthly["unmet_need"][:, 0],
    ),
    "unmet_need_last_month": (
        lambda twin: twin.monthly("unmet_need")[:, -1],
        lambda engine: engine.monthly["unmet_need"][:, -1],
    ),
}


@pytest.fixture(scope="module", params=[c.value for c in Configuration])
def both_runs(request: pytest.FixtureRequest) -> tuple[TwinResults, Results]:
    """The twin and the engine on the agreement model, with independent seeds."""
    configuration = request.param
    twin = simulate_twin(
        AGREEMENT_MODEL, configuration=configuration, seed=2024, replications=TWIN_REPLICATIONS
    )
    engine = simulate(
        AGREEMENT_MODEL, configuration=configuration, seed=4202, replications=ENGINE_REPLICATIONS
    )
    return twin, engine


def _differences(twin: TwinResults, engine: Results) -> dict[str, tuple[float, float]]:
    """For each measure: the twin's mean minus the engine's, and the standard error of that."""
    found = {}
    for name, (twin_values, engine_values) in MEASURES.items():
        mine, theirs = twin_values(twin), engine_values(engine)
        difference = float(mine.mean() - theirs.mean())
        error = float(np.sqrt(mine.var(ddof=1) / mine.size + theirs.var(ddof=1) / theirs.size))
        found[name] = (difference, error)
    return found


def test_the_twin_and_the_engine_agree_within_sampling_error(
    both_runs: tuple[TwinResults, Results],
) -> None:
    """For each measure, |twin mean - engine mean| <= 4 standard errors of the difference.

    The standard error is Welch's, sqrt(s_twin^2 / n_twin + s_engine^2 / n_engine), over the
    replications (by default 40 of the twin and 400 of the engine, with independent seeds). With
    40 twin replications the ratio is close to Student's t with about 40 degrees of freedom, so
    each comparison is a two-sided Welch test at alpha of about 3e-4; over the 17 measures of each
    of the 2 configurations the chance of a false alarm is under 1% (Bonferroni). A measure that
    does not vary (nobody turned back in the relational system, a sector a configuration does not
    use, a list that is always full) must be exactly equal.
    """
    twin, engine = both_runs
    far = {
        name: f"twin - engine = {difference:.4g}, standard error {error:.4g}"
        for name, (difference, error) in _differences(twin, engine).items()
        if not (abs(difference) <= STANDARD_ERRORS * error or (error == 0 and difference == 0))
    }
    assert not far, f"{twin.configuration}: the twin and the engine disagree on {far}"


def test_the_twin_gives_the_same_results_for_the_same_seed() -> None:
    for configuration in Configuration:
        first, again, other = (
            simulate_twin(SMALL_MODEL, configuration=configuration, seed=seed, replications=2)
            for seed in (7, 7, 8)
        )
        for measure in ("asked", "helped", "unmet_need", "crisis_contacts", "total_cost"):
            assert np.array_equal(first.monthly(measure), again.monthly(measure))
        assert [r.waits for r in first.replications] == [r.waits for r in again.replications]
        assert not np.array_equal(first.monthly("unmet_need"), other.monthly("unmet_need"))


def test_in_the_twin_the_relational_system_turns_nobody_back() -> None:
    relational = simulate_twin(SMALL_MODEL, configuration="relational", seed=3, replications=3)
    mechanistic = simulate_twin(SMALL_MODEL, configuration="mechanistic", seed=3, replications=3)
    assert relational.totals("asked").min() > 0
    assert relational.totals("turned_back").max() == 0
    assert relational.totals("bounces").max() == 0
    assert mechanistic.totals("turned_back").min() > 0


def test_in_the_twin_raising_the_threshold_turns_more_people_back() -> None:
    stricter = SMALL_MODEL.replace(
        triage_acceptance=tuple(share / 2 for share in SMALL_MODEL.triage_acceptance)
    )
    usual, strict = (
        simulate_twin(model, configuration="mechanistic", seed=5, replications=3)
        for model in (SMALL_MODEL, stricter)
    )
    assert strict.totals("turned_back").sum() > usual.totals("turned_back").sum()
    assert strict.totals("asked").sum() == usual.totals("asked").sum()  # the same people ask
