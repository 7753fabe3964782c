"""`livingwell simulate`: files written, clear errors, and no database."""

from __future__ import annotations

import ast
import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import livingwell.learning.management.commands.simulate as command_module

SMALL = ["--adults", "20000", "--years", "1", "--replications", "2", "--seed", "3"]


def test_simulate_writes_the_monthly_csv_and_the_summary(tmp_path: Path) -> None:
    out = StringIO()
    call_command("simulate", *SMALL, "--output", str(tmp_path / "out"), stdout=out)

    with (tmp_path / "out" / "monthly.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert {row["configuration"] for row in rows} == {"mechanistic", "relational", "difference"}
    assert {int(row["month"]) for row in rows} == set(range(1, 13))

    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["adults"], summary["years"], summary["replications"]) == (20_000, 1, 2)
    assert set(summary["totals"]["difference"]["helped"]) == {"mean", "low", "high"}
    parameters = {row["name"]: row for row in summary["parameters"]}
    assert parameters["adults"]["value"] == 20_000
    assert "Adult Psychiatric Morbidity Survey" in parameters["prevalence"]["source"]

    printed = out.getvalue()
    assert "20,000 adults over 1 years" in printed
    assert "People who asked for help" in printed
    assert "monthly.csv" in printed


def test_a_scenario_file_sets_the_parameters(tmp_path: Path) -> None:
    scenario = tmp_path / "borough.toml"
    scenario.write_text("adults = 15000\nyears = 1\nkey_workers = 5\n", encoding="utf-8")
    call_command(
        "simulate",
        "--scenario",
        str(scenario),
        "--replications",
        "1",
        "--output",
        str(tmp_path),
        stdout=StringIO(),
    )
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    parameters = {row["name"]: row["value"] for row in summary["parameters"]}
    assert (parameters["adults"], parameters["key_workers"]) == (15_000, 5)


def test_a_scenario_file_with_problems_gives_a_clear_command_error(tmp_path: Path) -> None:
    scenario = tmp_path / "borough.toml"
    scenario.write_text("prevalance = 0.2\nadults = -3\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("simulate", "--scenario", str(scenario), "--output", str(tmp_path))
    message = str(error.value)
    assert "did you mean 'prevalence'?" in message
    assert "'adults' is -3" in message


def test_a_missing_scenario_file_gives_a_clear_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no scenario file at"):
        call_command("simulate", "--scenario", str(tmp_path / "nowhere.toml"), "--output", "x")


def test_an_impossible_number_of_adults_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="'adults' is 0"):
        call_command("simulate", "--adults", "0", "--output", str(tmp_path))


def test_the_command_imports_nothing_of_ours_but_the_simulation() -> None:
    tree = ast.parse(Path(command_module.__file__).read_text(encoding="utf-8"))
    ours = [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("livingwell")
    ]
    assert ours
    assert all(module.startswith("livingwell.simulation") for module in ours)
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [name for name in imported if name.startswith("livingwell")]
