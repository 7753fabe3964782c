"""`livingwell extract` of the synthetic borough of 100,000 people (with its measures), beside the
floor: a bare `COPY` of the same rows out of PostgreSQL, in the same run.

    .venv/bin/python benchmarks/extract.py                 # loads, then measures: about 6 minutes
    .venv/bin/python benchmarks/extract.py --skip-load     # measures what is loaded

What it does, all on this machine (it only ever talks to 127.0.0.1):

1. drops and creates the PostgreSQL database `livingwell_extract_bench`, migrates it and loads the
   borough (`livingwell borough --people 100000 --seed 42`);
2. three times each, in turn: the floor, `COPY (SELECT ...) TO STDOUT` of every column the extract
   reads from every table it reads (people, introductions with their conversations, periods of
   support, goals, goal ratings, questionnaires, their answers and warm introductions), the bytes
   counted and thrown away; and `livingwell extract` into a new folder, as a process of its own, its
   wall time and its peak memory (the largest resident set, from the kernel's accounting of the
   finished process).

The target is under 60 s and under 2 GB. Results go to benchmarks/results/extract.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import board_and_person as bench

bench.DATABASE = "livingwell_extract_bench"
bench.DATABASE_URL = f"{bench.POSTGRES}/{bench.DATABASE}"
bench.SERVER_ENV["DATABASE_URL"] = bench.DATABASE_URL
RESULTS = Path(__file__).resolve().parent / "results" / "extract.json"
RUNS = 3
TARGET_SECONDS, TARGET_GB = 60, 2

# The rows the extract reads, column for column (learning/extract.py), as bare SQL.
FLOOR_QUERIES = {
    "people": "SELECT id, date_of_birth, gender, ethnic_category FROM people_person "
    "WHERE joined_into_id IS NULL",
    "introductions": "SELECT i.id, i.person_id, i.received_at, i.introduced_by, i.channel, "
    "c.held_on FROM frontdoor_introduction i LEFT JOIN frontdoor_conversation c "
    "ON c.id = i.conversation_id WHERE i.status <> 'set-aside'",
    "support_periods": "SELECT id, person_id, started_on, ended_on, ending "
    "FROM people_supportperiod",
    "goals": "SELECT g.id, p.person_id, g.domain, g.start_date, g.created_at "
    "FROM plans_goal g JOIN plans_plan p ON p.id = g.plan_id",
    "goal_ratings": "SELECT r.goal_id, m.taken_on, r.score FROM measures_goalrating r "
    "JOIN measures_measure m ON m.id = r.measure_id",
    "measures": "SELECT id, person_id, period_id, instrument, taken_on, timepoint "
    "FROM measures_measure",
    "answers": "SELECT a.measure_id, a.item, a.value, a.need_more_help FROM measures_answer a "
    "JOIN measures_measure m ON m.id = a.measure_id WHERE m.instrument <> 'goal-ratings'",
    "warm_introductions": "SELECT w.id, w.person_id, w.made_at, o.kind, w.state, w.ended_at "
    "FROM warm_introductions_warmintroduction w JOIN network_organisation o "
    "ON o.id = w.organisation_id",
}


def floor() -> dict[str, Any]:
    """Every row the extract reads, copied out of PostgreSQL as text and thrown away."""
    import psycopg

    started = time.perf_counter()
    rows: dict[str, int] = {}
    size = 0
    with psycopg.connect(bench.DATABASE_URL) as conn, conn.cursor() as cursor:
        for name, query in FLOOR_QUERIES.items():
            lines = 0
            with cursor.copy(f"COPY ({query}) TO STDOUT") as copy:
                for block in copy:
                    size += len(block)
                    lines += bytes(block).count(b"\n")
            rows[name] = lines
    return {"seconds": time.perf_counter() - started, "bytes": size, "rows": rows}


def extract(to: dt.date) -> dict[str, Any]:
    """`livingwell extract` into a new folder, as its own process: wall time and peak memory."""
    folder = Path(tempfile.mkdtemp(prefix="livingwell-extract-bench-"))
    output = folder / "extract"
    env = {**os.environ, **bench.SERVER_ENV, "LIVINGWELL_EXTRACT_KEY": "benchmark-only-key"}
    command = [str(bench.BIN / "livingwell"), "extract", str(output), "--to", to.isoformat()]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    printed = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"livingwell extract failed:\n{printed}")
    files = sum(f.stat().st_size for f in output.iterdir())
    shutil.rmtree(folder)
    return {
        "seconds": seconds,
        "peak_gb": usage.ru_maxrss * 1024 / 1e9,  # ru_maxrss is in kilobytes on Linux
        "bytes_written": files,
        "printed": printed.strip().splitlines(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--skip-load", action="store_true", help="Reuse the loaded database.")
    args = parser.parse_args()

    load_seconds = None
    if not args.skip_load:
        print(f"Creating {bench.DATABASE} and loading {args.people:,} people...", flush=True)
        bench.database_create()
        bench.run([str(bench.BIN / "livingwell"), "migrate", "-v0"])
        started = time.perf_counter()
        bench.run(
            [str(bench.BIN / "livingwell"), "borough", f"--people={args.people}", "--seed=42"],
            stdout=subprocess.DEVNULL,
        )
        load_seconds = round(time.perf_counter() - started, 1)
        bench.database_settle()
    to = dt.datetime.now(dt.UTC).date()
    floors, extracts = [], []
    for run in range(RUNS):
        floors.append(floor())
        extracts.append(extract(to))
        print(
            f"run {run + 1}: floor {floors[-1]['seconds']:.1f} s, extract "
            f"{extracts[-1]['seconds']:.1f} s and {extracts[-1]['peak_gb']:.2f} GB",
            flush=True,
        )
    floor_s = statistics.median(f["seconds"] for f in floors)
    extract_s = statistics.median(e["seconds"] for e in extracts)
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "people": args.people,
        "load_seconds": load_seconds,
        "runs": RUNS,
        "target": {"seconds": TARGET_SECONDS, "gb": TARGET_GB},
        "machine": bench.machine(),
        "floor_copy": {
            "median_seconds": round(floor_s, 2),
            "seconds": [round(f["seconds"], 2) for f in floors],
            "megabytes": round(floors[0]["bytes"] / 1e6, 1),
            "rows": floors[0]["rows"],
        },
        "extract": {
            "median_seconds": round(extract_s, 2),
            "seconds": [round(e["seconds"], 2) for e in extracts],
            "peak_gb": [round(e["peak_gb"], 3) for e in extracts],
            "megabytes_written": round(extracts[0]["bytes_written"] / 1e6, 1),
            "printed": extracts[0]["printed"],
        },
        "times_floor": round(extract_s / floor_s, 2),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Saved {RESULTS.name}")
    print(
        f"extract {extract_s:.1f} s (peak {max(e['peak_gb'] for e in extracts):.2f} GB) against "
        f"the bare COPY's {floor_s:.1f} s: {report['times_floor']} x the floor"
    )


if __name__ == "__main__":
    main()
