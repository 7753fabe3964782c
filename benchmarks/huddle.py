"""The huddle and the team board, for a team with 2,000 open warm introductions in a borough of
100,000 people, each beside the floor (a page with the layout and nothing else), in the same run.

    .venv/bin/python benchmarks/huddle.py                 # loads, then measures: about 5 minutes
    .venv/bin/python benchmarks/huddle.py --skip-load     # measures what is loaded

What it does, all on this machine (it only ever talks to 127.0.0.1):

1. drops and creates the PostgreSQL database `livingwell_huddle_bench`, migrates it, loads the
   synthetic borough with 100,000 people (`livingwell borough`), and gives the signed-in member's
   team 2,000 open warm introductions to services of the directory that take them: made, seen,
   accepted, met, and not accepted with nothing following yet, made up to 40 days ago, so that
   many have stalled; the member made one in ten of them;
2. through gunicorn, as `benchmarks/board_and_person.py` does (the same workers, the same signed-in
   session, the same closed loop of clients that never pause): the floor (the signed-out page, the
   layout alone), /board/ and /huddle/, with one client and with 20.

The target is p95 under 150 ms with 20 clients. Results go to benchmarks/results/huddle.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from pathlib import Path
from typing import Any

import board_and_person as bench

bench.DATABASE = "livingwell_huddle_bench"
bench.DATABASE_URL = f"{bench.POSTGRES}/{bench.DATABASE}"
bench.SERVER_ENV["DATABASE_URL"] = bench.DATABASE_URL
RESULTS = Path(__file__).resolve().parent / "results" / "huddle.json"
OPEN = 2_000
TARGET_P95_MS = 150


def open_warm_introductions(n: int) -> int:
    """Give the signed-in member's team `n` open warm introductions (Django is set up)."""
    from django.utils import timezone

    from livingwell.network.models import Service
    from livingwell.people.models import Person
    from livingwell.team.models import StaffMember
    from livingwell.warm_introductions.models import ContactWay, NotAcceptedWhy, State
    from livingwell.warm_introductions.models import WarmIntroduction as Warm

    rng = random.Random(7)
    member = StaffMember.objects.get(user__username=bench.SIGN_IN_AS)
    team = list(StaffMember.objects.filter(team_id=member.team_id).values_list("pk", flat=True))
    people = list(
        Person.objects.filter(team_id=member.team_id).values_list("pk", flat=True)[: n * 2]
    )
    services = list(
        Service.objects.filter(warm_introductions=True).values_list("pk", "organisation_id")[:300]
    )
    if len(people) < n or not services:
        raise RuntimeError("the borough has too few people or no services to introduce them to")
    now = timezone.now()
    rows = []
    for i, person in enumerate(rng.sample(people, n)):
        service, organisation = rng.choice(services)
        state = rng.choices(
            [State.MADE, State.RECEIVED, State.ACCEPTED, State.MET, State.NOT_ACCEPTED],
            weights=[40, 20, 25, 5, 10],
        )[0]
        made = now - dt.timedelta(days=rng.uniform(0, 40))
        w = Warm(
            person_id=person,
            team_id=member.team_id,
            introducer_id=member.pk if i % 10 == 0 else rng.choice(team),
            service_id=service,
            organisation_id=organisation,
            wants="Somewhere to go on Tuesdays, with people who get it",
            contact_way=ContactWay.KEY_WORKER,
            state=state,
            made_at=made,
        )
        if state != State.MADE:
            w.received_at = made + dt.timedelta(days=1)
        if state in (State.ACCEPTED, State.MET):
            w.accepted_at = made + dt.timedelta(days=2)
        if state == State.MET:
            w.met_at, w.said_by = made + dt.timedelta(days=5), "person"
        if state == State.NOT_ACCEPTED:
            w.not_accepted_why, w.ended_at = NotAcceptedWhy.NO_CAPACITY, made + dt.timedelta(days=2)
            w.words = "No space until March"
        rows.append(w)
    Warm.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warm-up", type=float, default=3)
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
            stdout=bench.subprocess.DEVNULL,
        )
        load_seconds = round(time.perf_counter() - started, 1)
    cookie, _, _ = bench.signed_in_session()  # sets Django up
    from livingwell.warm_introductions.models import UNDER_WAY, WarmIntroduction

    if not args.skip_load:
        made = open_warm_introductions(OPEN)
        print(f"Loaded in {load_seconds} s, with {made:,} open warm introductions", flush=True)
        bench.database_settle()
    under_way = WarmIntroduction.objects.filter(state__in=UNDER_WAY).count()
    from django.db import connection

    connection.close()

    results: dict[str, Any] = {}
    with bench.gunicorn() as (port, server):
        for path in ("/board/", "/huddle/"):
            status, location, _ = bench.get(port, path, cookie)
            if status != 200:
                raise RuntimeError(f"{path} answered {status} {location}: not signed in?")
        pages = {
            "floor": lambda rng: "/staff/sign-out/",
            "board": lambda rng: "/board/",
            "huddle": lambda rng: "/huddle/",
        }
        for clients in (1, 20):
            for name, paths in pages.items():
                results[f"{name}_{clients}"] = bench.measure(
                    f"{name}_{clients}",
                    port=port,
                    server=server,
                    cookie=cookie,
                    paths=paths,
                    clients=clients,
                    seconds=args.seconds,
                    warm_up=args.warm_up,
                )
    for key, r in results.items():
        floor = results[f"floor_{key.rsplit('_', 1)[1]}"]["p95_ms"]
        r["times_floor_p95"] = round(r["p95_ms"] / floor, 2)
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "people": args.people,
        "warm_introductions_under_way": under_way,
        "load_seconds": load_seconds,
        "seconds_each": args.seconds,
        "target_p95_ms_with_20_clients": TARGET_P95_MS,
        "machine": bench.machine(),
        "results": results,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Saved {RESULTS.name}")
    for key, r in results.items():
        print(f"{key:<10} p95 {r['p95_ms']} ms = {r['times_floor_p95']} x the floor")


if __name__ == "__main__":
    main()
