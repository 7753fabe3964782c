"""`livingwell report EXTRACT --output OUT`: the impact report from a learning extract.

    livingwell report extract/ --output report/

Reads and checks the extract (every problem listed at once, with its file, row and column), then writes
`report.html`, `report.pdf` and `report.json` (every figure with its value, interval, numerator,
denominator, the people it rests on and how complete the data is). It never touches the database: it
is a management command only so that `livingwell report` works on any machine with the package.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from livingwell.analytics.extract import ExtractError, read_extract
from livingwell.analytics.report import build_report, write_report

SHOW_PROBLEMS = 50


class Command(BaseCommand):
    help = "Write the impact report (HTML, PDF and report.json) from a learning extract."
    requires_system_checks: list[str] = []  # nothing here depends on Django's set-up

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("extract", type=Path, help="The extract's folder (with manifest.json).")
        parser.add_argument("--output", type=Path, required=True, help="Where to write the report.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        folder: Path = options["extract"]
        if not (folder / "manifest.json").is_file():
            raise CommandError(f"{folder} is not a learning extract: it has no manifest.json.")
        try:
            extract = read_extract(folder)
        except ExtractError as error:
            shown = "\n".join(f"  {p}" for p in error.problems[:SHOW_PROBLEMS])
            more = len(error.problems) - SHOW_PROBLEMS
            raise CommandError(
                f"The extract has {len(error.problems):,} problems, so no report was made:\n{shown}"
                + (f"\n  ... and {more:,} more" if more > 0 else "")
            ) from None
        read = time.perf_counter() - started
        report = build_report(extract)
        paths = write_report(report, extract, options["output"])
        self.stdout.write(
            f"Read the extract in {read:.1f} s and wrote the report in "
            f"{time.perf_counter() - started - read:.1f} s:"
        )
        for path in paths.values():
            self.stdout.write(f"  {path}")
