"""The simulator's two promised figures: the borough benchmark, and the engine against its SimPy twin.

    .venv/bin/python benchmarks/simulation.py            # about half a minute
    .venv/bin/python benchmarks/simulation.py --help

1. The borough: 300,000 adults over 10 years (after the default warm-up), both configurations, 100
   replications, with `compare(..., processes=2)`. The promise: under 120 seconds of wall time on this
   2-core machine.
2. The twin: the NumPy engine and the SimPy twin (tests/simulation/simpy_twin.py) on the same smaller
   model and the same seeds, one process each, both configurations. The model is a tenth of the
   borough and of its workforce (30,000 adults, 3 care coordinators, 9 key workers), so that its lists
   fill as the borough's do, over 2 years, 4 replications. Each is timed three times and the best time
   kept. The promise: the engine at least 50 times faster.

Prints the figures and saves them, with the machine and the date, to benchmarks/results/simulation.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.simulation.simpy_twin

import numpy as np  # noqa: E402

from livingwell.simulation.engine import compare, simulate  # noqa: E402
from livingwell.simulation.parameters import Configuration, Parameters  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "simulation.json"
TARGET_SECONDS = 120.0
TARGET_RATIO = 50.0


def machine() -> dict[str, Any]:
    return {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest wall time of `runs` runs, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def borough(replications: int, processes: int, seed: int) -> dict[str, Any]:
    params = Parameters()
    started = time.perf_counter()
    comparison = compare(params, seed=seed, replications=replications, processes=processes)
    seconds = time.perf_counter() - started
    helped = comparison.difference.total("helped")
    return {
        "adults": params.adults,
        "years": params.years,
        "warm_up_years": params.warm_up_years,
        "configurations": ["mechanistic", "relational"],
        "replications": replications,
        "processes": processes,
        "seed": seed,
        "seconds": round(seconds, 2),
        "target_seconds": TARGET_SECONDS,
        "met": seconds < TARGET_SECONDS,
        "relational_minus_mechanistic_helped": helped.as_dict(),
    }


def twin(adults: int, years: int, replications: int, seed: int, runs: int) -> dict[str, Any]:
    from tests.simulation.simpy_twin import simulate_twin

    scale = adults / Parameters().adults
    params = Parameters().replace(
        adults=adults,
        years=years,
        care_coordinators=max(1, round(Parameters().care_coordinators * scale)),
        key_workers=max(1, round(Parameters().key_workers * scale)),
    )
    configurations = (Configuration.MECHANISTIC, Configuration.RELATIONAL)

    def engine() -> None:
        for configuration in configurations:
            simulate(params, configuration=configuration, seed=seed, replications=replications)

    def engine_both_at_once() -> None:
        compare(params, seed=seed, replications=replications)

    def simpy() -> None:
        for configuration in configurations:
            simulate_twin(params, configuration=configuration, seed=seed, replications=replications)

    engine_seconds = best_of(runs, engine)
    both_seconds = best_of(runs, engine_both_at_once)
    twin_seconds = best_of(runs, simpy)
    ratio = twin_seconds / engine_seconds
    return {
        "adults": params.adults,
        "years": params.years,
        "warm_up_years": params.warm_up_years,
        "care_coordinators": params.care_coordinators,
        "key_workers": params.key_workers,
        "configurations": ["mechanistic", "relational"],
        "replications": replications,
        "seed": seed,
        "runs_best_of": runs,
        "engine_seconds": round(engine_seconds, 4),
        "engine_compare_seconds": round(both_seconds, 4),
        "twin_seconds": round(twin_seconds, 3),
        "ratio": round(ratio, 1),
        "ratio_with_compare": round(twin_seconds / both_seconds, 1),
        "target_ratio": TARGET_RATIO,
        "met": ratio >= TARGET_RATIO,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replications", type=int, default=100)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--twin-adults", type=int, default=30_000)
    parser.add_argument("--twin-years", type=int, default=2)
    parser.add_argument("--twin-replications", type=int, default=4)
    parser.add_argument("--twin-runs", type=int, default=3, help="Best of this many runs.")
    parser.add_argument("--skip-twin", action="store_true")
    args = parser.parse_args()

    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "python " + " ".join(["benchmarks/simulation.py", *sys.argv[1:]]),
        "machine": machine(),
    }
    report["borough"] = borough(args.replications, args.processes, args.seed)
    b = report["borough"]
    print(
        f"Borough: {b['adults']:,} adults, {b['years']} years, both configurations, "
        f"{b['replications']} replications, {b['processes']} processes: {b['seconds']:.1f} s "
        f"(target under {TARGET_SECONDS:.0f} s: {'met' if b['met'] else 'NOT met'})"
    )
    if not args.skip_twin:
        report["twin"] = twin(
            args.twin_adults, args.twin_years, args.twin_replications, args.seed, args.twin_runs
        )
        t = report["twin"]
        print(
            f"Twin: {t['adults']:,} adults, {t['years']} years, {t['replications']} replications, "
            f"both configurations: engine {t['engine_seconds'] * 1000:.0f} ms, SimPy twin "
            f"{t['twin_seconds']:.2f} s, ratio {t['ratio']:.0f}x "
            f"(target at least {TARGET_RATIO:.0f}x: {'met' if t['met'] else 'NOT met'}); "
            f"with compare() drawing once for both: {t['ratio_with_compare']:.0f}x"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"Saved {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
