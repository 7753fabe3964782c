"""`livingwell extract OUTPUT_DIR [--from DATE] [--to DATE]`: the learning extract of this site, from
its own record, for anyone who learns from its data.

    LIVINGWELL_EXTRACT_KEY=... livingwell extract extract-2026/ --from 2026-04-01 --to 2027-03-31
    livingwell extract demo-extract/ --demo          # the demo's key: for synthetic data only

Writes the contract of `docs/learning-extract.md` (version 2) as Parquet and CSV with
`manifest.json`, after the project's own reader has checked both, into a folder that must be new or
empty. It refuses to run without the site's key (`LIVINGWELL_EXTRACT_KEY`) unless `--demo`; a run
that fails leaves nothing behind. `--to` is yesterday unless given (a whole day), `--from` the first
day the record holds. Then `livingwell report OUTPUT_DIR --output REPORT_DIR` makes the report.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from livingwell.analytics.extract import TABLES, ExtractError
from livingwell.analytics.extract.writing import FolderNotEmpty, write_checked
from livingwell.learning.extract import data_starts, key_from_settings, make_extract

# Only for a demo of synthetic data: anyone can read it here, so its pseudonyms protect nothing.
DEMO_KEY = b"livingwell-demo-key-for-synthetic-data-only"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date in the form YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Write this site's learning extract (Parquet and CSV, and manifest.json) to a new folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="A new or empty folder to write it to.")
        parser.add_argument("--from", dest="start", type=_date, help="The first day (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", type=_date, help="The last day (YYYY-MM-DD).")
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Use the demo's key, for synthetic data only, when no LIVINGWELL_EXTRACT_KEY is set.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        key = key_from_settings()
        if key is None:
            if not options["demo"]:
                raise CommandError(
                    "Set LIVINGWELL_EXTRACT_KEY first: the extract's pseudonyms are made with it. "
                    "Use a long random secret, keep it safe, and keep it the same, so one person "
                    "has the same key in every extract. (For the demo's synthetic data only, add "
                    "--demo.)"
                )
            key = DEMO_KEY
        end = options["end"] or timezone.localdate() - dt.timedelta(days=1)
        start = options["start"] or data_starts()
        if start is None:
            raise CommandError("The record holds nothing yet, so there is nothing to extract.")
        if end < start:
            raise CommandError(f"--to ({end}) is before --from ({start}).")
        began = time.perf_counter()
        made = make_extract(start=start, end=end, key=key, site=settings.LIVINGWELL_SITE_NAME)
        try:
            write_checked(made.extract, options["output"])
        except FolderNotEmpty as error:
            raise CommandError(str(error)) from None
        except ExtractError as error:
            raise CommandError(
                "The record has rows that do not fit the extract's contract, so nothing was "
                f"written:\n{error}"
            ) from None
        rows = made.extract.manifest["rows"]
        self.stdout.write(
            f"Wrote the learning extract of {start} to {end} to {options['output']} in "
            f"{time.perf_counter() - began:.1f} s:"
        )
        for name in TABLES:
            self.stdout.write(f"  {name:<18} {rows[name]:>10,} rows")
        if made.left_out:
            self.stdout.write(
                f"Left out {made.left_out:,} people whose age band is not known (no date of birth) "
                "or who were under 16, with all their rows: the contract has no band for them."
            )
        if not rows["spend"]:
            self.stdout.write(
                "The spend table is empty: the Collaborative's books are not kept here yet."
            )
