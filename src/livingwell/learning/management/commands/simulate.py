"""`livingwell simulate`: both configurations of the whole-system simulator, on the same seeds.

    livingwell simulate --output out/                       # the defaults: 300,000 adults, 10 years
    livingwell simulate --scenario lambeth.toml --replications 200 --processes 2 --output out/

Writes `monthly.csv` (month, measure, configuration, mean, low, high) and `summary.json` (every total
with its interval, and the parameters used with their sources), and prints a short summary. It never
touches the database: it is a management command only so that `livingwell simulate` works.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from livingwell.simulation.engine import compare
from livingwell.simulation.parameters import Parameters, ScenarioError, load_scenario
from livingwell.simulation.results import Comparison, Interval


class Command(BaseCommand):
    help = (
        "Simulate what happens to people in a mechanistic and a relational system, and write "
        "monthly.csv and summary.json."
    )
    requires_system_checks: list[str] = []  # nothing here depends on Django's set-up

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scenario", type=Path, help="A TOML (or YAML) file of parameters.")
        parser.add_argument("--adults", type=int, help="Adults in the place (default 300,000).")
        parser.add_argument("--years", type=int, help="Years simulated and reported (default 10).")
        parser.add_argument("--replications", type=int, default=100, help="Default 100.")
        parser.add_argument("--seed", type=int, default=42, help="Default 42.")
        parser.add_argument(
            "--processes", type=int, default=1, help="Worker processes; results do not change."
        )
        parser.add_argument("--output", type=Path, required=True, help="Directory to write to.")

    def handle(self, *args: Any, **options: Any) -> None:
        params = self._parameters(options)
        if options["replications"] < 1:
            raise CommandError("--replications must be at least 1.")
        if options["processes"] < 1:
            raise CommandError("--processes must be at least 1.")
        output: Path = options["output"]
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot write to {output}: {error.strerror}.") from error

        started = time.perf_counter()
        comparison = compare(
            params,
            seed=options["seed"],
            replications=options["replications"],
            processes=options["processes"],
        )
        seconds = time.perf_counter() - started
        comparison.to_csv(output / "monthly.csv")
        summary = {
            **comparison.summary(),
            "years": params.years,
            "adults": params.adults,
            "parameters": params.described(),
        }
        (output / "summary.json").write_text(
            json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        self.stdout.write(plain_summary(comparison))
        self.stdout.write(
            f"\n{comparison.mechanistic.replications} replications in {seconds:.1f} s. "
            f"Wrote {output / 'monthly.csv'} and {output / 'summary.json'}."
        )

    def _parameters(self, options: dict[str, Any]) -> Parameters:
        try:
            params = load_scenario(options["scenario"]) if options["scenario"] else Parameters()
            changes = {
                name: options[name] for name in ("adults", "years") if options[name] is not None
            }
            return params.replace(**changes) if changes else params
        except ScenarioError as error:
            raise CommandError(str(error)) from error
        except FileNotFoundError as error:
            raise CommandError(f"There is no scenario file at {options['scenario']}.") from error


def _number(value: float | None, *, money: bool = False, decimals: int = 0) -> str:
    if value is None:
        return "none"
    if not money:
        return f"{value:,.{decimals}f}"
    sign = "-" if value < 0 else ""
    if abs(value) >= 1e6:
        return f"{sign}£{abs(value) / 1e6:,.1f}m"
    return f"{sign}£{abs(value):,.0f}"


def _between(interval: Interval, *, money: bool = False, decimals: int = 0) -> str:
    values = interval.as_dict()
    return (
        f"{_number(values['mean'], money=money, decimals=decimals)} "
        f"({_number(values['low'], money=money, decimals=decimals)} to "
        f"{_number(values['high'], money=money, decimals=decimals)})"
    )


def plain_summary(comparison: Comparison) -> str:
    """A few lines in plain English: totals over the horizon, means with 95% intervals."""
    params = comparison.parameters
    lines = [
        f"{params.adults:,} adults over {params.years} years; mean (95% interval) over "
        f"{comparison.mechanistic.replications} replications.",
        "",
        f"{'':34}{'mechanistic':>30}{'relational':>30}{'difference':>30}",
    ]
    rows = [
        ("People who asked for help", "asked", False, 0),
        ("People helped", "helped", False, 0),
        ("Turned back at triage", "turned_back", False, 0),
        ("Re-referrals per person asking", "bounces_per_person_asked", False, 2),
        ("Median wait, weeks", "wait_median", False, 1),
        ("90th percentile wait, weeks", "wait_p90", False, 1),
        ("Unmet need, average month end", "unmet_need", False, 0),
        ("Crisis contacts", "crisis_contacts", False, 0),
        ("Bed days", "bed_days", False, 0),
        ("Total cost", "cost_total", True, 0),
        ("Cost per person helped", "cost_per_person_helped", True, 0),
    ]
    for label, measure, money, decimals in rows:
        cells = [
            _between(results.total(measure), money=money, decimals=decimals)
            for results in (comparison.mechanistic, comparison.relational, comparison.difference)
        ]
        lines.append(f"{label:34}" + "".join(f"{cell:>30}" for cell in cells))
    return "\n".join(lines)
