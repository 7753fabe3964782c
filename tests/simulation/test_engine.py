"""The NumPy engine: reproducible, conserving, and behaving as the two systems should."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from livingwell.simulation.engine import (
    STREAMS,
    compare,
    draw_episodes,
    geometric,
    replication_seeds,
    simulate,
)
from livingwell.simulation.parameters import Configuration, Parameters
from livingwell.simulation.results import MEASURES, TOTAL_ONLY

# A small place, so that the tests are quick: a tenth of the default borough and its workforce.
SMALL = Parameters(adults=30_000, years=2, warm_up_years=1, care_coordinators=3, key_workers=9)
COSTS = (
    "cost_primary_care",
    "cost_secondary_care",
    "cost_living_well",
    "cost_voluntary_community",
    "cost_crisis",
    "cost_inpatient",
)


def test_the_same_seed_gives_identical_results() -> None:
    first = compare(SMALL, seed=5, replications=3)
    second = compare(SMALL, seed=5, replications=3)
    assert first.mechanistic.identical(second.mechanistic)
    assert first.relational.identical(second.relational)


def test_another_seed_gives_other_results() -> None:
    first = simulate(SMALL, configuration="mechanistic", seed=5, replications=2)
    second = simulate(SMALL, configuration="mechanistic", seed=6, replications=2)
    assert not first.identical(second)


def test_the_results_are_the_same_whatever_the_number_of_processes() -> None:
    alone = compare(SMALL, seed=11, replications=4, processes=1)
    shared = compare(SMALL, seed=11, replications=4, processes=2)
    assert alone.mechanistic.identical(shared.mechanistic)
    assert alone.relational.identical(shared.relational)


def test_one_configuration_alone_gives_what_it_gives_beside_the_other() -> None:
    both = compare(SMALL, seed=3, replications=2)
    relational = simulate(SMALL, configuration=Configuration.RELATIONAL, seed=3, replications=2)
    assert relational.identical(both.relational)


def test_each_replication_draws_from_its_own_child_of_the_seed() -> None:
    """Replication r reads SeedSequence(seed).spawn(R)[r], one child stream per purpose."""
    seeds = replication_seeds(9, 3)
    expected = np.random.SeedSequence(9).spawn(3)
    assert [s.spawn_key for s in seeds] == [s.spawn_key for s in expected]
    u_ask = np.random.SeedSequence(9).spawn(3)[2].spawn(len(STREAMS))[STREAMS.index("u_ask")]
    episodes = draw_episodes(SMALL, seeds[2])
    everyone = np.random.Generator(np.random.PCG64(u_ask)).random(episodes.start.size)
    assert np.array_equal(episodes.a_u_ask, everyone[episodes.asker])


def test_geometric_draws_have_the_mean_asked_for() -> None:
    draws = geometric(np.random.default_rng(1), 0.1, 200_000)
    assert draws.min() == 1
    assert draws.mean() == pytest.approx(10, rel=0.02)
    assert (geometric(np.random.default_rng(1), 1.0, 10) == 1).all()


def test_about_prevalence_times_adults_are_in_need_after_the_warm_up() -> None:
    params = SMALL.replace(warm_up_years=5)
    results = simulate(params, configuration="mechanistic", seed=1, replications=4)
    in_need = results.totals["in_need"].mean()
    assert in_need == pytest.approx(params.adults * params.prevalence, rel=0.03)


def test_more_demand_gives_longer_waits_in_the_mechanistic_system() -> None:
    usual = simulate(SMALL, configuration="mechanistic", seed=2, replications=4)
    busier = simulate(
        SMALL.replace(adults=45_000), configuration="mechanistic", seed=2, replications=4
    )
    assert busier.totals["wait_mean"].mean() > usual.totals["wait_mean"].mean() + 1
    assert busier.totals["wait_p90"].mean() > usual.totals["wait_p90"].mean()
    assert busier.totals["waiting"].mean() > usual.totals["waiting"].mean()


def test_a_higher_threshold_turns_more_people_back() -> None:
    usual = simulate(SMALL, configuration="mechanistic", seed=4, replications=3)
    stricter = simulate(
        SMALL.replace(triage_acceptance=(0.05, 0.2, 0.5)),
        configuration="mechanistic",
        seed=4,
        replications=3,
    )
    for measure in ("turned_back", "people_turned_back", "bounces_per_person_asked"):
        assert (stricter.totals[measure] > usual.totals[measure]).all(), measure


def test_the_relational_configuration_turns_nobody_back() -> None:
    relational = simulate(SMALL, configuration="relational", seed=8, replications=3)
    for measure in ("turned_back", "bounces", "referrals"):
        assert not relational.monthly[measure].any(), measure
    assert (relational.totals["people_turned_back"] == 0).all()
    assert (relational.totals["bounced_0"] == 1).all()


def test_the_relational_configuration_helps_more_people_with_the_defaults() -> None:
    comparison = compare(Parameters().replace(years=2), seed=1, replications=2)
    assert (comparison.difference.totals["helped"] > 0).all()
    assert (comparison.difference.totals["unmet_need"] < 0).all()


def test_nobody_is_helped_who_did_not_ask() -> None:
    """Without a warm-up, everyone helped asked within the horizon, before or as they were helped."""
    params = SMALL.replace(warm_up_years=0)
    comparison = compare(params, seed=12, replications=3)
    for results in (comparison.mechanistic, comparison.relational):
        asked = np.cumsum(results.monthly["asked"], axis=1)
        helped = np.cumsum(results.monthly["helped"], axis=1)
        assert (helped <= asked).all()
        assert (results.totals["helped"] <= results.totals["asked"]).all()


def test_stocks_and_costs_are_never_negative() -> None:
    comparison = compare(SMALL, seed=13, replications=3)
    for results in (comparison.mechanistic, comparison.relational):
        for measure in ("unmet_need", "in_service", "waiting", *COSTS, "cost_total"):
            assert (results.monthly[measure] >= 0).all(), measure
        assert (results.monthly["in_service"] <= results.monthly["in_need"]).all()


def test_the_total_cost_is_the_sum_of_the_sectors() -> None:
    comparison = compare(SMALL, seed=14, replications=2)
    for results in (comparison.mechanistic, comparison.relational):
        sectors = sum(results.monthly[name] for name in COSTS)
        assert np.allclose(results.monthly["cost_total"], sectors)
        per_person = results.totals["cost_total"] / results.totals["helped"]
        assert np.allclose(results.totals["cost_per_person_helped"], per_person)


def test_each_system_spends_only_in_its_own_sectors() -> None:
    comparison = compare(SMALL, seed=15, replications=2)
    assert not comparison.mechanistic.monthly["cost_living_well"].any()
    assert not comparison.mechanistic.monthly["cost_voluntary_community"].any()
    assert not comparison.relational.monthly["cost_primary_care"].any()


def test_the_bounce_shares_add_up_to_one() -> None:
    results = simulate(SMALL, configuration="mechanistic", seed=16, replications=2)
    shares = sum(results.totals[f"bounced_{k}"] for k in ("0", "1", "2", "3_or_more"))
    assert np.allclose(shares, 1.0)


def test_without_care_coordinators_nobody_gets_a_place_with_the_cmht() -> None:
    results = simulate(
        SMALL.replace(care_coordinators=0), configuration="mechanistic", seed=17, replications=2
    )
    assert not results.monthly["cost_secondary_care"].any()
    assert np.isnan(results.totals["wait_median"]).all()


def test_a_lower_crisis_risk_in_a_service_means_fewer_crises_on_the_same_episodes() -> None:
    usual = simulate(SMALL, configuration="relational", seed=18, replications=2)
    safer = simulate(
        SMALL.replace(crisis_risk_in_service=0.0),
        configuration="relational",
        seed=18,
        replications=2,
    )
    assert (safer.totals["crisis_contacts"] < usual.totals["crisis_contacts"]).all()


def test_the_difference_is_taken_replication_by_replication() -> None:
    comparison = compare(SMALL, seed=19, replications=3)
    difference = comparison.difference
    assert np.array_equal(
        difference.totals["helped"],
        comparison.relational.totals["helped"] - comparison.mechanistic.totals["helped"],
    )
    interval = difference.total("helped")
    assert interval.low <= interval.mean <= interval.high


def test_the_monthly_csv_is_in_long_format(tmp_path: Path) -> None:
    comparison = compare(SMALL, seed=20, replications=2)
    path = tmp_path / "monthly.csv"
    comparison.to_csv(path)
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == ["month", "measure", "configuration", "mean", "low", "high"]
    assert len(rows) == 3 * len(MEASURES) * SMALL.months
    assert {row["configuration"] for row in rows} == {"mechanistic", "relational", "difference"}
    assert {int(row["month"]) for row in rows} == set(range(1, SMALL.months + 1))


def test_the_summary_has_every_total_with_its_interval() -> None:
    summary = compare(SMALL, seed=21, replications=2).summary()
    assert summary["replications"] == 2
    for configuration in ("mechanistic", "relational", "difference"):
        totals = summary["totals"][configuration]
        assert set(totals) == set(MEASURES) | set(TOTAL_ONLY)
        assert set(totals["asked"]) == {"mean", "low", "high"}


def test_replications_must_be_at_least_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        simulate(SMALL, configuration="mechanistic", seed=1, replications=0)
