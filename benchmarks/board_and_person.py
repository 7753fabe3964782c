"""The team board, "My people", a search and a person's record under load, with a borough of 100,000
people, each beside the floor: a page with the layout and nothing else, measured in the same run.

    .venv/bin/python benchmarks/board_and_person.py

What it does, all on this machine (it only ever talks to 127.0.0.1):

1. drops and creates the PostgreSQL database `livingwell_bench`, migrates it, and loads a synthetic
   borough with `livingwell borough --people 100000`, timing the load;
2. starts gunicorn on a free port (see WORKERS below for the choice of workers);
3. signs a staff member of the first team in, second factor and all, by writing their session
   straight into Django's session store, and checks that /board/ answers 200 with that cookie;
4. runs 20 clients in a closed loop (each sends its next request as soon as the last one is
   answered, on a keep-alive connection that http.client reopens whenever gunicorn's sync workers
   close it) for 30 seconds against each page, after a few seconds of warm-up for each: the floor
   (/staff/sign-out/, which is the layout, the signed-in header and one button), /board/,
   /my-people/, /people/find/?q=<a family name on the team> and /people/<id>/ for random people of
   that team;
5. prints and saves to benchmarks/results/board_and_person.json the requests, errors (anything but
   200), throughput and latency percentiles for each, the load time and the machine.

It stops by itself and always stops gunicorn. The target is p95 under 150 ms for every page, and
within 1.5 times the floor's p95.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

HOST = "127.0.0.1"  # never anywhere else
POSTGRES = f"postgresql://postgres@{HOST}:5432"
DATABASE = "livingwell_bench"
DATABASE_URL = f"{POSTGRES}/{DATABASE}"
BIN = Path(sys.executable).parent
RESULTS = Path(__file__).resolve().parent / "results" / "board_and_person.json"
SIGN_IN_AS = "sam"  # a mental health practitioner on the first team
TARGET_P95_MS = 150
TARGET_TIMES_FLOOR = 1.5

# Workers. The machine has 2 cores, shared by gunicorn, PostgreSQL and the clients. A request is
# mostly Python (Django, Jinja) with short waits on PostgreSQL, so one process per core is not quite
# enough to keep both cores busy while a worker waits on the database, and many more only adds
# switching. 4 sync workers (2 per core, gunicorn's usual advice) measured as well as gthread
# (2 workers x 4 threads) here and are simpler: see benchmarks/README.md.
WORKERS = 4
WORKER_CLASS = "sync"
THREADS = 1

SERVER_ENV = {
    "DATABASE_URL": DATABASE_URL,
    "SECURE_COOKIES": "false",
    "DEBUG": "false",
    "ALLOWED_HOSTS": HOST,
    "DJANGO_SETTINGS_MODULE": "livingwell.config.settings",
}


@dataclass
class Samples:
    """Every request's latency (seconds) and how many were not 200, from all clients."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def percentile(ordered: list[float], q: float) -> float:
    """The nearest-rank percentile of sorted values."""
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def machine_cpu_seconds() -> float:
    """The CPU seconds every core of the machine has been busy so far (not idle, not waiting on
    the disk), read from /proc/stat (Linux)."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle, iowait = fields[3], fields[4]
    return (sum(fields[:8]) - idle - iowait) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds(parent: int) -> float:
    """The CPU seconds (user and system) used so far by every child process of `parent`, read
    from /proc (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone since the listing
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == parent:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def summary(
    samples: Samples, seconds: float, client_cpu: float, server_cpu: tuple[float, float]
) -> dict[str, Any]:
    ordered = sorted(samples.latencies)
    ms = 1000
    django_cpu, machine_cpu = server_cpu
    per_request = ms / max(len(ordered), 1)
    return {
        "requests": len(ordered),
        "errors": samples.errors,
        "seconds": round(seconds, 2),
        # The clients share the 2 cores with gunicorn and PostgreSQL: this is their part.
        "client_cpu_seconds": round(client_cpu, 1),
        # Where the machine's time went, per request: the gunicorn workers (Django), the clients
        # (this script, about the same on every page), and the rest of the machine's busy time,
        # which is PostgreSQL and whatever else ran (the kernel's work for the workers' sockets
        # counts as theirs).
        "cpu_ms_per_request": {
            "django": round(django_cpu * per_request, 2),
            "postgres_and_rest": round((machine_cpu - django_cpu - client_cpu) * per_request, 2),
            "clients": round(client_cpu * per_request, 2),
        },
        "throughput_per_second": round(len(ordered) / seconds, 1),
        "p50_ms": round(percentile(ordered, 50) * ms, 1),
        "p95_ms": round(percentile(ordered, 95) * ms, 1),
        "p99_ms": round(percentile(ordered, 99) * ms, 1),
        "max_ms": round(ordered[-1] * ms, 1) if ordered else None,
        "mean_ms": round(sum(ordered) / len(ordered) * ms, 1) if ordered else None,
    }


def run(command: list[str], **kwargs: Any) -> None:
    subprocess.run(command, check=True, env={**os.environ, **SERVER_ENV}, **kwargs)


def database_create() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")


def database_settle() -> None:
    """What a database that has been running a while has: vacuumed (hint bits set, visibility map
    built), analyzed, and no checkpoint owed for the load. Without this the first minutes after a
    bulk load measure PostgreSQL catching up, not the pages."""
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
        conn.execute("CHECKPOINT")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def get(port: int, path: str, cookie: str) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, response.getheader("Location") or "", response.read()
    finally:
        conn.close()


def wait_until_serving(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped before it started serving")
        try:
            get(port, "/", "")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start serving within a minute")


def signed_in_session() -> tuple[str, list[int], list[str]]:
    """A session cookie for a staff member who has passed both factors, their team's people, and
    their family names (what a search is for)."""
    os.environ.update(SERVER_ENV)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from livingwell.people.models import Person
    from livingwell.team.models import StaffMember

    member = StaffMember.objects.select_related("user").get(user__username=SIGN_IN_AS)
    device = TOTPDevice.objects.get(user=member.user, confirmed=True)
    # What django.contrib.auth.login and django_otp.login put in the session.
    session = SessionStore()
    session[SESSION_KEY] = member.user._meta.pk.value_to_string(member.user)
    session[BACKEND_SESSION_KEY] = "livingwell.team.backends.StaffBackend"
    session[HASH_SESSION_KEY] = member.user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    team = Person.objects.filter(team_id=member.team_id)
    people = list(team.values_list("id", flat=True))
    names = sorted(set(team.exclude(family_name="").values_list("family_name", flat=True)))
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", people, names


def client(
    *, port: int, cookie: str, paths: Any, until: float, samples: Samples, seed: int
) -> None:
    """One closed-loop client: the next request as soon as the last answer is read, no pause."""
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Cookie": cookie}
    latencies: list[float] = []
    errors = 0
    while time.perf_counter() < until:
        path = paths(rng)
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            status = 0
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors += 1
    conn.close()
    with samples.lock:
        samples.latencies.extend(latencies)
        samples.errors += errors


def load_test(
    *, port: int, cookie: str, paths: Any, clients: int, seconds: float
) -> tuple[Samples, float]:
    """Every client's samples, and the seconds from the first request to the last answer."""
    samples = Samples()
    started = time.perf_counter()
    until = started + seconds
    threads = [
        threading.Thread(
            target=client,
            kwargs={
                "port": port,
                "cookie": cookie,
                "paths": paths,
                "until": until,
                "samples": samples,
                "seed": n,
            },
        )
        for n in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples, time.perf_counter() - started


@contextlib.contextmanager
def gunicorn(
    *, workers: int = WORKERS, worker_class: str = WORKER_CLASS, threads: int = THREADS
) -> Iterator[tuple[int, int]]:
    """gunicorn serving the site on a free port of 127.0.0.1 (the port and the arbiter's process
    id), stopped however the block ends."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "livingwell.config.wsgi",
            f"--bind={HOST}:{port}",
            f"--workers={workers}",
            f"--worker-class={worker_class}",
            f"--threads={threads}",
            "--log-level=warning",
        ],
        env={**os.environ, **SERVER_ENV},
    )
    try:
        wait_until_serving(port, server)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def server_cpu(server: int) -> tuple[float, float]:
    """CPU seconds so far of gunicorn's workers (children of its arbiter), and of the machine."""
    return children_cpu_seconds(server), machine_cpu_seconds()


def measure(
    name: str,
    *,
    port: int,
    server: int,
    cookie: str,
    paths: Any,
    clients: int,
    seconds: float,
    warm_up: float,
) -> dict[str, Any]:
    """Warm up, then run the closed loop and summarise it, printing one line."""
    load_test(port=port, cookie=cookie, paths=paths, clients=clients, seconds=warm_up)
    cpu_before = time.process_time()
    server_before = server_cpu(server)
    samples, elapsed = load_test(
        port=port, cookie=cookie, paths=paths, clients=clients, seconds=seconds
    )
    server_after = server_cpu(server)
    r = summary(
        samples,
        elapsed,
        time.process_time() - cpu_before,
        (server_after[0] - server_before[0], server_after[1] - server_before[1]),
    )
    cpu = r["cpu_ms_per_request"]
    print(
        f"{name:<16} {r['requests']:>6} requests, {r['errors']} errors, "
        f"{r['throughput_per_second']:>6}/s, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
        f"p99 {r['p99_ms']} ms, max {r['max_ms']} ms; CPU a request: Django {cpu['django']} ms, "
        f"PostgreSQL and the rest {cpu['postgres_and_rest']} ms, clients {cpu['clients']} ms",
        flush=True,
    )
    return r


def machine() -> dict[str, Any]:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres") as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "postgres": row[0] if row else "unknown",
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warm-up", type=float, default=5)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--worker-class", default=WORKER_CLASS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--skip-load", action="store_true", help="Reuse the loaded database.")
    parser.add_argument(
        "--only",
        default="",
        help="Comma-separated pages to measure beside the floor (board,my_people,search,person), "
        "while working on one; the results are printed, not saved.",
    )
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
        print(f"Loaded {args.people:,} people in {load_seconds} s")
        database_settle()

    cookie, people, names = signed_in_session()
    with gunicorn(workers=args.workers, worker_class=args.worker_class, threads=args.threads) as (
        port,
        server,
    ):
        status, location, body = get(port, "/board/", cookie)
        if status != 200 or b"Team board" not in body:
            raise RuntimeError(f"/board/ answered {status} {location}: not signed in")

        pages: dict[str, Any] = {
            "floor": lambda rng: "/staff/sign-out/",
            "board": lambda rng: "/board/",
            "my_people": lambda rng: "/my-people/",
            "search": lambda rng: f"/people/find/?q={quote(rng.choice(names))}",
            "person": lambda rng: f"/people/{rng.choice(people)}/",
        }
        if args.only:
            chosen = {"floor", *args.only.split(",")}
            pages = {name: paths for name, paths in pages.items() if name in chosen}
        for name, paths in pages.items():
            status, location, _ = get(port, paths(random.Random(0)), cookie)
            if status != 200:
                raise RuntimeError(f"{name} answered {status} {location}")

        results = {
            name: measure(
                name,
                port=port,
                server=server,
                cookie=cookie,
                paths=paths,
                clients=args.clients,
                seconds=args.seconds,
                warm_up=args.warm_up,
            )
            for name, paths in pages.items()
        }
    floor = results["floor"]["p95_ms"]
    for result in results.values():
        result["times_floor_p95"] = round(result["p95_ms"] / floor, 2)

    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "people": args.people,
        "load_seconds": load_seconds,
        "clients": args.clients,
        "seconds_each": args.seconds,
        "warm_up_seconds_each": args.warm_up,
        "gunicorn": {
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
        },
        "target_p95_ms": TARGET_P95_MS,
        "target_times_floor": TARGET_TIMES_FLOOR,
        "machine": machine(),
        **results,
    }
    if not args.only:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2) + "\n")
        where = RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS
        print(f"Saved {where}")
    for name, result in results.items():
        print(f"{name:<16} p95 {result['p95_ms']} ms = {result['times_floor_p95']} x the floor")
    missed = [n for n in results if results[n]["p95_ms"] >= TARGET_P95_MS]
    if missed:
        print(f"p95 is over {TARGET_P95_MS} ms for: {', '.join(missed)}")
    slow = [n for n in results if results[n]["times_floor_p95"] > TARGET_TIMES_FLOOR]
    if slow:
        print(f"p95 is over {TARGET_TIMES_FLOOR} x the floor for: {', '.join(slow)}")


if __name__ == "__main__":
    main()
