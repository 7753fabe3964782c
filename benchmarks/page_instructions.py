"""How much work the Django process does for each of the team's busiest pages, beside the floor, counted
in CPU instructions with valgrind's callgrind: a figure that does not move between runs, as the load
test's milliseconds do on a shared machine.

    .venv/bin/python benchmarks/page_instructions.py               # about 10 minutes
    .venv/bin/python benchmarks/page_instructions.py --pages board  # the floor and one page

It uses the database `benchmarks/board_and_person.py` loaded (`livingwell_bench`, 100,000 people) and
signs in the same practitioner. For each page it runs this script twice under callgrind, in a child
process that answers requests in-process with Django's test client (no server, no network): once with
5 requests and once with 25, each after the same 5 warm-up requests. The difference divided by 20 is
the instructions one more request costs, with the start-up, the imports and the first renders taken
out. PostgreSQL's own work is not counted: this is the Python side of a request. Each page is also
given as a multiple of the floor (`/staff/sign-out/`: the layout, the signed-in header, one button).

Needs valgrind (`apt-get install valgrind`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import board_and_person as load_test  # the load test's database and sign-in

RESULTS = Path(__file__).resolve().parent / "results" / "page_instructions.json"
PAGES = ("floor", "board", "my_people", "search", "person")
WARM_UP = 5
FEW, MANY = 5, 25


def child(page: str, requests: int) -> None:
    """Answer the warm-up and then `requests` requests for `page`, in this process."""
    cookie, people, names = load_test.signed_in_session()
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST=load_test.HOST)
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie.split("=", 1)[1]
    rng = random.Random(0)
    paths = {
        "floor": lambda: "/staff/sign-out/",
        "board": lambda: "/board/",
        "my_people": lambda: "/my-people/",
        "search": lambda: f"/people/find/?q={quote(rng.choice(names))}",
        "person": lambda: f"/people/{rng.choice(people)}/",
    }
    for _ in range(WARM_UP + requests):
        response = client.get(paths[page]())
        if response.status_code != 200:
            raise SystemExit(f"{page} answered {response.status_code}")


def instructions(page: str, requests: int) -> int:
    """The instructions callgrind counted for one child run."""
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
            page,
            str(requests),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise RuntimeError(f"callgrind gave no count for {page}:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", default=",".join(PAGES[1:]), help="beside the floor")
    parser.add_argument("--child", nargs=2, metavar=("PAGE", "REQUESTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    os.environ.update(load_test.SERVER_ENV)
    pages = ["floor", *(p for p in args.pages.split(",") if p and p != "floor")]
    results: dict[str, dict[str, float]] = {}
    for page in pages:
        each = (instructions(page, MANY) - instructions(page, FEW)) / (MANY - FEW)
        results[page] = {"instructions_per_request": round(each)}
        print(f"{page:<12} {each / 1e6:6.1f} million instructions a request", flush=True)
    floor = results["floor"]["instructions_per_request"]
    for result in results.values():
        result["times_floor"] = round(result["instructions_per_request"] / floor, 2)
    for page, result in results.items():
        print(f"{page:<12} {result['times_floor']} x the floor")
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": load_test.DATABASE,
        "requests_counted": MANY - FEW,
        "machine": load_test.machine(),
        **results,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Saved {RESULTS}")


if __name__ == "__main__":
    main()
