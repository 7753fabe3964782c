"""The simulator's parameters: defaults with sources, and scenario files that refuse what is wrong."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from pathlib import Path

import pytest

from livingwell.simulation.parameters import (
    FIELDS,
    SEVERITY_FIELDS,
    Configuration,
    Parameters,
    ScenarioError,
    load_scenario,
    scenario_from_mapping,
    to_toml,
)
from livingwell.simulation.results import MEASURES, TOTAL_ONLY

ROOT = Path(__file__).resolve().parents[2]


def test_every_default_is_within_its_bounds() -> None:
    params = Parameters()
    for name, field in FIELDS.items():
        low, high = field.metadata["bounds"]
        value = getattr(params, name)
        values = value if name in SEVERITY_FIELDS else (value,)
        assert all(low <= item <= high for item in values), name


def test_every_parameter_has_a_source_a_unit_and_bounds() -> None:
    for name, field in FIELDS.items():
        assert len(field.metadata["source"]) > 20, name
        assert field.metadata["unit"], name
        low, high = field.metadata["bounds"]
        assert low < high, name


def test_defaults_that_no_publication_gives_are_labelled_as_assumptions() -> None:
    for name in (
        "weekly_crisis_risk",
        "crisis_risk_in_service",
        "open_door_uplift",
        "warm_up_years",
    ):
        assert FIELDS[name].metadata["source"].startswith("Assumption"), name


def test_the_calibration_figures_are_cited() -> None:
    sources = " ".join(field.metadata["source"] for field in FIELDS.values())
    assert "Adult Psychiatric Morbidity Survey 2014" in sources
    assert "doi:10.1108/MHRJ-10-2020-0071" in sources
    assert "Strategy Unit" in sources
    assert "Unit Costs of Health and Social Care" in sources


def test_the_severity_shares_add_up_to_one() -> None:
    assert sum(Parameters().severity_shares) == pytest.approx(1.0)


def test_about_prevalence_times_adults_are_in_need_at_steady_state() -> None:
    params = Parameters()
    in_need = params.new_episodes_per_week * params.mean_episode_weeks
    assert in_need == pytest.approx(params.adults * params.prevalence)


def test_the_two_configurations_are_named_as_in_the_model() -> None:
    assert [c.value for c in Configuration] == ["mechanistic", "relational"]


def test_an_unknown_name_is_refused_with_the_nearest_name() -> None:
    with pytest.raises(ScenarioError) as error:
        scenario_from_mapping({"prevalance": 0.2})
    assert error.value.problems == [
        "'prevalance' is not a parameter of the model: did you mean 'prevalence'?"
    ]


def test_an_out_of_range_value_is_refused_with_its_bounds() -> None:
    with pytest.raises(ScenarioError) as error:
        scenario_from_mapping({"prevalence": 1.5})
    (problem,) = error.value.problems
    assert "'prevalence' is 1.5, outside 0.0 to 0.9" in problem


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(ScenarioError) as error:
        scenario_from_mapping(
            {
                "prevalance": 0.2,
                "adults": -1,
                "years": 2.5,
                "gp_refers": [0.1, 2.0, "often"],
                "triage_acceptance": [0.5, 0.5],
            }
        )
    problems = error.value.problems
    assert len(problems) == 6
    assert any("did you mean 'prevalence'" in problem for problem in problems)
    assert any("'adults' is -1" in problem for problem in problems)
    assert any("'years' must be a whole number" in problem for problem in problems)
    assert any("'gp_refers' for moderate is 2.0" in problem for problem in problems)
    assert any("'gp_refers' for severe must be a number" in problem for problem in problems)
    assert any("'triage_acceptance' must be three numbers" in problem for problem in problems)
    assert str(error.value).startswith("The scenario has 6 problems:")


def test_severity_shares_that_do_not_add_up_to_one_are_refused() -> None:
    with pytest.raises(ScenarioError, match="must add up to 1"):
        Parameters().replace(severity_shares=(0.5, 0.5, 0.5))


def test_a_true_or_false_is_not_a_number() -> None:
    with pytest.raises(ScenarioError, match="must be a whole number"):
        scenario_from_mapping({"max_bounces": True})


def test_replace_checks_names_and_values() -> None:
    params = Parameters()
    assert params.replace(adults=1000).adults == 1000
    with pytest.raises(ScenarioError, match="did you mean 'key_workers'"):
        params.replace(keyworkers=10)
    with pytest.raises(ScenarioError, match="'key_workers' is -2"):
        params.replace(key_workers=-2)


def test_a_whole_float_is_accepted_for_a_whole_number() -> None:
    assert scenario_from_mapping({"years": 3.0}).years == 3


def test_a_scenario_file_round_trips_through_toml(tmp_path: Path) -> None:
    params = Parameters().replace(
        adults=123_456, triage_acceptance=(0.1, 0.3, 0.9), weekly_crisis_risk=(1e-5, 0.002, 0.01)
    )
    path = tmp_path / "scenario.toml"
    path.write_text(to_toml(params), encoding="utf-8")
    assert load_scenario(path) == params


def test_a_scenario_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "lambeth.toml"
    path.write_text(
        "# Lambeth, as the Collaborative sees it\nadults = 250000\n"
        "triage_acceptance = [0.2, 0.45, 0.8]\n",
        encoding="utf-8",
    )
    params = load_scenario(path)
    assert params.adults == 250_000
    assert params.triage_acceptance == (0.2, 0.45, 0.8)
    assert dataclasses.replace(params, adults=300_000, triage_acceptance=(0.15, 0.4, 0.7)) == (
        Parameters()
    )


def test_a_scenario_may_hold_its_values_in_a_parameters_table(tmp_path: Path) -> None:
    path = tmp_path / "scenario.toml"
    path.write_text("[parameters]\nkey_workers = 120\n", encoding="utf-8")
    assert load_scenario(path).key_workers == 120


def test_a_scenario_file_that_is_not_toml_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "scenario.toml"
    path.write_text("adults = = 3\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="is not valid TOML"):
        load_scenario(path)


def test_a_scenario_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scenario.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"must end in \.toml"):
        load_scenario(path)


@pytest.mark.skipif(importlib.util.find_spec("yaml") is not None, reason="PyYAML is installed")
def test_a_yaml_scenario_says_it_needs_pyyaml(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("adults: 1000\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="reading YAML needs PyYAML"):
        load_scenario(path)


@pytest.mark.skipif(importlib.util.find_spec("yaml") is None, reason="PyYAML is not installed")
def test_a_yaml_scenario_is_read_like_a_toml_one(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("adults: 1000\ngp_refers: [0.1, 0.2, 0.3]\n", encoding="utf-8")
    params = load_scenario(path)
    assert (params.adults, params.gp_refers) == (1000, (0.1, 0.2, 0.3))


def test_the_scenario_examples_in_the_model_document_load(tmp_path: Path) -> None:
    """The documented examples are run, so the document cannot drift from the code."""
    document = (ROOT / "docs" / "simulation-model.md").read_text(encoding="utf-8")
    examples = [block.split("```", 1)[0] for block in document.split("```toml\n")[1:]]
    assert examples
    for number, example in enumerate(examples):
        path = tmp_path / f"example{number}.toml"
        path.write_text(example, encoding="utf-8")
        assert load_scenario(path) != Parameters()


def test_every_name_the_model_document_writes_as_code_is_a_parameter_a_measure_or_a_draw() -> None:
    """So that the document and `Parameters` keep the same names."""
    document = (ROOT / "docs" / "simulation-model.md").read_text(encoding="utf-8")
    names = set(re.findall(r"`([a-z_][a-z0-9_]*)(?:\[[a-z]+\])?`", document))
    draws = {"severity", "duration", "asks_after", "u_ask", "u_gp", "u_triage", "u_return"}
    draws |= {"u_vcs", "u_secondary", "s", "d", "k", "w", "t_ask", "t_in", "leave"}
    sectors = {"primary_care", "secondary_care", "living_well", "voluntary_community"}
    sectors |= {"crisis", "inpatient"}
    known = set(FIELDS) | set(MEASURES) | set(TOTAL_ONLY) | draws | sectors
    assert names - known == set()
