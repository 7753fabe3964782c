"""The directory's search and its Open Referral UK feed with 20,000 services at 50,000 places, each
beside the bare PostgreSQL queries it rests on, timed the same way in the same run.

    .venv/bin/python benchmarks/directory.py                # loads, then measures: about 6 minutes
    .venv/bin/python benchmarks/directory.py --skip-load    # measures what is loaded
    .venv/bin/python benchmarks/directory.py --spread 1     # all of it in the borough's 28 km2

What it does, all on this machine (it only ever talks to 127.0.0.1):

1. drops and creates the PostgreSQL database `livingwell_directory_bench_<spread>`, migrates it,
   loads the synthetic borough's postcodes and a synthetic directory of 20,000 services at about
   50,000 places (`livingwell.synthetic.directory`), then vacuums and analyzes it. 20,000 services
   is the directory of an integrated care system (DESIGN: up to about 3 million people), so by
   default the places are spread over an integrated care system's area (`--spread 3.5`: about
   350 km2, as South East London's is); `--spread 1` packs them all into the synthetic borough's
   28 km2, twelve times as dense as any real directory, where "lonely" within 3 miles of anywhere
   matches about 2,000 services;
2. the directory search: `network.selectors.directory_search` for everyday words with a need and a
   postcode ("lonely", friends and belonging, within 3 miles of a random postcode of the borough), in
   the Django process, as the search page calls it; its floor is the same search's SQL statements
   (captured from Django once for each of 200 postcodes) sent bare with psycopg;
3. the feed: GET /openreferral/services?page=N (50 services a page, a random page) through
   gunicorn, with no account; its floor is that page's SQL statements sent bare with psycopg;
4. each with one client and with 20 clients in a closed loop (the next request as soon as the last
   answer is read; the 20 are processes, so that Python's lock does not queue them) for 20 seconds
   after 3 of warm-up.

Targets: the search p95 under 50 ms and the feed p95 under 100 ms, with one client and with 20.
Results go to benchmarks/results/directory.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import board_and_person as bench

DATABASE = "livingwell_directory_bench"
DATABASE_URL = f"{bench.POSTGRES}/{DATABASE}"
RESULTS = Path(__file__).resolve().parent / "results" / "directory.json"
SPREAD = 3.5
SERVICES = 20_000
PLACES_PER_SERVICE = 2.5
TARGETS_MS = {"search": 50, "feed": 100}
ENV = {**bench.SERVER_ENV, "DATABASE_URL": DATABASE_URL}


def django_setup() -> None:
    """Django set up as a gunicorn worker has it (`livingwell.config.wsgi`)."""
    os.environ.update(ENV)
    import livingwell.config.wsgi  # noqa: F401


def use_spread(spread: float) -> None:
    """Point everything at the database for this spread (the clients are other processes: they
    read it from the environment)."""
    global DATABASE, DATABASE_URL, RESULTS, ENV
    name = f"{spread:g}".replace(".", "_")
    DATABASE = f"livingwell_directory_bench_{name}"
    DATABASE_URL = f"{bench.POSTGRES}/{DATABASE}"
    RESULTS = Path(__file__).resolve().parent / "results" / f"directory_spread_{name}.json"
    ENV = {**bench.SERVER_ENV, "DATABASE_URL": DATABASE_URL}
    os.environ["LIVINGWELL_DIRECTORY_BENCH_SPREAD"] = str(spread)


def load(spread: float) -> float:
    import psycopg

    with psycopg.connect(f"{bench.POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    subprocess.run(
        [str(bench.BIN / "livingwell"), "migrate", "--noinput", "-v0"],
        check=True,
        env={**os.environ, **ENV},
    )
    django_setup()
    from livingwell.network.services import postcodes_load, synthetic_directory_load
    from livingwell.synthetic import directory as synthetic

    started = time.perf_counter()
    postcodes_load(synthetic.postcodes(spread=spread))
    synthetic_directory_load(
        synthetic.directory(
            services=SERVICES, locations_per_service=PLACES_PER_SERVICE, spread=spread
        ),
        city=synthetic.CITY,
        county=synthetic.COUNTY,
    )
    seconds = time.perf_counter() - started
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
        conn.execute("CHECKPOINT")
    return seconds


def sample_postcodes(n: int = 200) -> list[str]:
    from livingwell.network.models import Postcode

    every = list(Postcode.objects.values_list("postcode", flat=True))
    return random.Random(3).sample(every, n)


SEARCH = {"words": "lonely", "domains": ("belonging",), "within_miles": 3.0}


def search_once(postcode: str) -> int:
    from livingwell.network.selectors import Search, directory_search

    results = directory_search(Search(postcode=postcode, **SEARCH))  # type: ignore[arg-type]
    return len(results.found)


def captured(call: Any) -> list[str]:
    """The SQL statements a call sends, as PostgreSQL received them (parameters in place)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call()
    return [q["sql"] for q in queries.captured_queries]


# The closed loop, in worker processes.


def _loop(kind: str, jobs: list[Any], seconds: float, seed: int) -> tuple[list[float], int]:
    use_spread(float(os.environ.get("LIVINGWELL_DIRECTORY_BENCH_SPREAD", SPREAD)))
    rng = random.Random(seed)
    latencies: list[float] = []
    errors = 0
    if kind == "django":
        django_setup()
        from django.db import connection

        run = search_once
        run(jobs[0])  # connect, and warm the caches of this process
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            job = rng.choice(jobs)
            started = time.perf_counter()
            try:
                run(job)
            except Exception:  # counted as an error, not hidden
                errors += 1
            latencies.append(time.perf_counter() - started)
        connection.close()
    else:
        import psycopg

        with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
            for sql in jobs[0]:
                conn.execute(sql).fetchall()
            until = time.perf_counter() + seconds
            while time.perf_counter() < until:
                statements = rng.choice(jobs)
                started = time.perf_counter()
                try:
                    for sql in statements:
                        conn.execute(sql).fetchall()
                except psycopg.Error:
                    errors += 1
                latencies.append(time.perf_counter() - started)
    return latencies, errors


def closed_loop(
    kind: str, jobs: list[Any], clients: int, seconds: float, warm_up: float
) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(clients) as pool:
        pool.starmap(_loop, [(kind, jobs, warm_up, n) for n in range(clients)])
        cpu_before = bench.machine_cpu_seconds()
        started = time.perf_counter()
        results = pool.starmap(_loop, [(kind, jobs, seconds, 100 + n) for n in range(clients)])
        elapsed = time.perf_counter() - started
        machine_cpu = bench.machine_cpu_seconds() - cpu_before
    samples = bench.Samples()
    for latencies, errors in results:
        samples.latencies.extend(latencies)
        samples.errors += errors
    r = bench.summary(samples, elapsed, 0.0, (0.0, machine_cpu))
    r.pop("client_cpu_seconds")
    r["cpu_ms_per_request"] = {"machine": r["cpu_ms_per_request"]["postgres_and_rest"]}
    return r


def http_loop(
    port: int, server: int, paths: Any, clients: int, seconds: float, warm_up: float
) -> dict[str, Any]:
    return bench.measure(
        "feed",
        port=port,
        server=server,
        cookie="",
        paths=paths,
        clients=clients,
        seconds=seconds,
        warm_up=warm_up,
    )


def line(name: str, r: dict[str, Any]) -> None:
    print(
        f"{name:<24} {r['requests']:>6} requests, {r['errors']} errors, "
        f"{r['throughput_per_second']:>7}/s, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
        f"p99 {r['p99_ms']} ms, max {r['max_ms']} ms",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warm-up", type=float, default=3)
    parser.add_argument("--skip-load", action="store_true", help="Reuse the loaded database.")
    parser.add_argument(
        "--spread",
        type=float,
        default=SPREAD,
        help="How far the places are spread: 1 is the borough, 3.5 (the default) an integrated "
        "care system's area.",
    )
    args = parser.parse_args()
    use_spread(args.spread)

    report: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "spread": args.spread,
    }
    if not args.skip_load:
        print(f"Loading {SERVICES:,} services into {DATABASE}...", flush=True)
        report["load_seconds"] = round(load(args.spread), 1)
        print(f"Loaded in {report['load_seconds']} s", flush=True)
    django_setup()
    from livingwell.network.models import Location, Service

    report["services"] = Service.objects.count()
    report["locations"] = Location.objects.count()
    print(f"{report['services']:,} services at {report['locations']:,} places", flush=True)

    postcodes = sample_postcodes()
    found = [search_once(p) for p in postcodes[:20]]
    report["search"] = {"asked": SEARCH, "found_on_the_first_page": found}
    search_sql = [captured(lambda p=p: search_once(p)) for p in postcodes]
    pages = -(-report["services"] // 50)
    feed_pages = random.Random(5).sample(range(1, pages + 1), min(pages, 200))
    from django.test import Client

    client = Client()
    feed_sql = [
        captured(lambda n=n: client.get(f"/openreferral/services?page={n}", HTTP_HOST=bench.HOST))
        for n in feed_pages
    ]
    report["statements"] = {"search": len(search_sql[0]), "feed": len(feed_sql[0])}
    if not all(search_sql) or not all(feed_sql):
        raise RuntimeError("a search or a feed page sent no SQL: the floor would measure nothing")
    from django.db import connection

    connection.close()

    results: dict[str, Any] = {}
    for clients in (1, 20):
        for name, kind, jobs in (
            ("search_floor", "bare", search_sql),
            ("search", "django", postcodes),
            ("feed_floor", "bare", feed_sql),
        ):
            key = f"{name}_{clients}"
            results[key] = closed_loop(kind, jobs, clients, args.seconds, args.warm_up)
            line(key, results[key])
    bench.SERVER_ENV["DATABASE_URL"] = DATABASE_URL
    with bench.gunicorn() as (port, server):
        status, _, body = bench.get(port, "/openreferral/services", "")
        if status != 200 or b'"total_items"' not in body:
            raise RuntimeError(f"/openreferral/services answered {status}")
        for clients in (1, 20):
            key = f"feed_{clients}"
            results[key] = http_loop(
                port,
                server,
                lambda rng: f"/openreferral/services?page={rng.choice(feed_pages)}",
                clients,
                args.seconds,
                args.warm_up,
            )
            line(key, results[key])

    report["results"] = results
    report["ratios"] = {
        f"{what}_{c}": round(
            results[f"{what}_{c}"]["p95_ms"] / results[f"{what}_floor_{c}"]["p95_ms"], 2
        )
        for what in ("search", "feed")
        for c in (1, 20)
    }
    report["targets_ms"] = TARGETS_MS
    report["machine"] = bench.machine()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"Saved {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}"
    )
    for what in ("search", "feed"):
        for c in (1, 20):
            r, floor = results[f"{what}_{c}"], results[f"{what}_floor_{c}"]
            verdict = "under" if r["p95_ms"] < TARGETS_MS[what] else "OVER"
            print(
                f"{what} with {c:>2} client{'s' if c > 1 else ' '}: p95 {r['p95_ms']} ms ({verdict} "
                f"{TARGETS_MS[what]} ms), floor {floor['p95_ms']} ms, "
                f"{report['ratios'][f'{what}_{c}']} x the floor"
            )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
