"""Exporting a plan as FHIR with 100,000 people in PostgreSQL: the target is p95 under 50 ms.

    .venv/bin/python benchmarks/plan_fhir.py [--skip-load]

What it does, all on this machine (it only ever talks to 127.0.0.1):

1. (unless --skip-load) drops and creates `livingwell_bench`, migrates it and loads a synthetic
   borough of 100,000 people with `livingwell borough` (plans, goals, circles, sharing included),
   then vacuums and analyzes it, as benchmarks/board_and_person.py does;
2. in this process, through Django: for 1,000 random people of the first team who have a plan,
   reads the plan through the access policy and builds the FHIR Bundle (`passport_of` then
   `fhir.to_bundle` then `json.dumps`), timing each export, and checks one bundle against the R4B
   models (validation is not part of the timed export);
3. starts gunicorn (4 sync workers) and, as a signed-in key worker, asks for
   /people/<id>/plan.fhir.json for random people with a plan: one client for 30 seconds (the latency
   one person waits), then 20 clients in a closed loop for 30 seconds (the latency under load);
4. prints and saves everything to benchmarks/results/plan_fhir.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from board_and_person import (
    BIN,
    DATABASE,
    database_create,
    database_settle,
    get,
    gunicorn,
    machine,
    measure,
    percentile,
    run,
    signed_in_session,
)

RESULTS = Path(__file__).resolve().parent / "results" / "plan_fhir.json"
TARGET_P95_MS = 50


def in_process(people: list[int], samples: int) -> dict[str, Any]:
    """The export itself, without HTTP: database reads through the policy, the Bundle, the JSON."""
    from django.contrib.auth import get_user_model
    from fhir.resources.R4B.bundle import Bundle

    from livingwell.access import policy
    from livingwell.codes.record import Part
    from livingwell.plans import fhir
    from livingwell.plans.passport_io import passport_of

    user = get_user_model().objects.select_related("staff_member__team").get(username="sam")
    user.is_verified = lambda: True  # type: ignore[attr-defined]  # as django-otp marks a session that gave its code
    rng = random.Random(7)
    chosen = [rng.choice(people) for _ in range(samples)]
    latencies, sizes = [], []
    for person_id in chosen:
        started = time.perf_counter()
        record = policy.record_for(user, person_id, part=Part.PLAN, why="Benchmark")
        text = json.dumps(fhir.to_bundle(passport_of(record)), ensure_ascii=False)
        latencies.append(time.perf_counter() - started)
        sizes.append(len(text))
    Bundle.model_validate_json(text)  # the last one, checked outside the timing
    ordered = sorted(latencies)
    return {
        "exports": len(latencies),
        "p50_ms": round(percentile(ordered, 50) * 1000, 1),
        "p95_ms": round(percentile(ordered, 95) * 1000, 1),
        "p99_ms": round(percentile(ordered, 99) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "mean_bytes": round(sum(sizes) / len(sizes)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warm-up", type=float, default=5)
    parser.add_argument("--skip-load", action="store_true", help="Reuse the loaded database.")
    args = parser.parse_args()

    load_seconds = None
    if not args.skip_load:
        print(f"Creating {DATABASE} and loading {args.people:,} people...", flush=True)
        database_create()
        run([str(BIN / "livingwell"), "migrate", "-v0"])
        started = time.perf_counter()
        run(
            [str(BIN / "livingwell"), "borough", f"--people={args.people}", "--seed=42"],
            stdout=subprocess.DEVNULL,
        )
        load_seconds = round(time.perf_counter() - started, 1)
        print(f"Loaded {args.people:,} people in {load_seconds} s", flush=True)
        database_settle()

    cookie, _people, _names = signed_in_session()
    from livingwell.plans.models import Plan
    from livingwell.team.models import StaffMember

    team_id = StaffMember.objects.get(user__username="sam").team_id
    with_plans = list(
        Plan.objects.filter(person__team_id=team_id).values_list("person_id", flat=True)
    )
    total_people = StaffMember.objects.model._meta.apps.get_model(
        "people", "Person"
    ).objects.count()
    print(f"{total_people:,} people in the database; {len(with_plans):,} plans on sam's team")

    results: dict[str, Any] = {"in_process": in_process(with_plans, 1000)}
    r = results["in_process"]
    print(
        f"in process: {r['exports']} exports, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
        f"p99 {r['p99_ms']} ms, max {r['max_ms']} ms, {r['mean_bytes']:,} bytes on average"
    )

    with gunicorn() as (port, server):
        status, location, body = get(port, f"/people/{with_plans[0]}/plan.fhir.json", cookie)
        if status != 200 or b'"resourceType": "Bundle"' not in body:
            raise RuntimeError(f"the export answered {status} {location}")

        def export(rng: random.Random) -> str:
            return f"/people/{rng.choice(with_plans)}/plan.fhir.json"

        for name, clients in (("http_one_client", 1), ("http_20_clients", 20)):
            results[name] = measure(
                name,
                port=port,
                server=server,
                cookie=cookie,
                paths=export,
                clients=clients,
                seconds=args.seconds,
                warm_up=args.warm_up,
            )

    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "people": total_people,
        "plans_on_team": len(with_plans),
        "load_seconds": load_seconds,
        "target_p95_ms": TARGET_P95_MS,
        "machine": machine(),
        **results,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"Saved {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}"
    )
    ok = results["http_one_client"]["p95_ms"] < TARGET_P95_MS
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
