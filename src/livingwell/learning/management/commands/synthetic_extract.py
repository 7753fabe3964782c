"""`livingwell synthetic-extract`: a synthetic learning extract, for the demo and the benchmark.

    livingwell synthetic-extract out/extract --people 10000 --seed 42
    livingwell synthetic-extract /tmp/extract-1m --periods 1000000 --seed 42   # ~10M item rows
    livingwell synthetic-extract out/extract --people 500 --start 2024-04-01 --end 2025-03-31 --force

Writes every table of the extract (`docs/learning-extract.md`) as Parquet and CSV, and
`manifest.json`, then prints the row counts. The same seed and size give the same files. It refuses
a folder that already holds something unless `--force` (which writes over the extract's files and
leaves anything else there alone). It never touches the database: it is a management command only
so that `livingwell synthetic-extract` works.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from livingwell.analytics.extract import TABLES
from livingwell.analytics.extract.writing import write_extract
from livingwell.analytics.synthetic_extract import (
    DEFAULT_END,
    DEFAULT_START,
    PERIODS_PER_PERSON,
    generate,
    people_for,
)

DEFAULT_PEOPLE = 10_000


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date in the form YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Write a synthetic learning extract (every table as Parquet and CSV, and manifest.json) "
        "to a folder."
    )
    requires_system_checks: list[str] = []  # nothing here depends on Django's set-up

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="The folder to write (made if need be).")
        size = parser.add_mutually_exclusive_group()
        size.add_argument(
            "--people", type=int, help=f"People in the extract (default {DEFAULT_PEOPLE:,})."
        )
        size.add_argument(
            "--periods",
            type=int,
            help=(
                f"About this many periods of support instead: people = periods / "
                f"{PERIODS_PER_PERSON}, and item responses are about 10 a period."
            ),
        )
        parser.add_argument("--seed", type=int, default=42, help="Default 42.")
        parser.add_argument(
            "--start", type=str, default=DEFAULT_START.isoformat(), help="YYYY-MM-DD."
        )
        parser.add_argument("--end", type=str, default=DEFAULT_END.isoformat(), help="YYYY-MM-DD.")
        parser.add_argument(
            "--force", action="store_true", help="Write into a folder that is not empty."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError("--end must not be before --start.")
        if options["periods"] is not None:
            if options["periods"] < 1:
                raise CommandError("--periods must be at least 1.")
            people = people_for(options["periods"])
        else:
            people = options["people"] if options["people"] is not None else DEFAULT_PEOPLE
            if people < 1:
                raise CommandError("--people must be at least 1.")
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output} is a file, not a folder.")
        if output.is_dir() and any(output.iterdir()) and not options["force"]:
            raise CommandError(
                f"{output} is not empty. Choose an empty folder, or add --force to write over "
                "the extract's files there."
            )

        started = time.perf_counter()
        extract = generate(people=people, seed=options["seed"], start=start, end=end)
        made = time.perf_counter()
        try:
            write_extract(extract, output)
        except OSError as error:
            raise CommandError(f"Cannot write to {output}: {error.strerror}.") from error
        written = time.perf_counter()

        rows = extract.manifest["rows"]
        lines = [
            f"Wrote a synthetic extract of {start} to {end} (seed {options['seed']}) to {output}:",
            "",
        ]
        width = max(len(name) for name in TABLES)
        for name in TABLES:
            lines.append(f"  {name:<{width}}  {rows[name]:>12,} rows  {name}.parquet, {name}.csv")
        lines += [
            "  manifest.json",
            "",
            f"Made in {made - started:.2f} s, written in {written - made:.2f} s.",
        ]
        self.stdout.write("\n".join(lines))
