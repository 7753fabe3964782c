"""`livingwell directory import PATH` and `livingwell directory export PATH`: the directory in and out
as Open Referral UK 3.0.

    livingwell directory import feed.json            # a JSON export (a list, a page, or ours)
    livingwell directory import oruk-csv/            # the tabular data package (a folder of CSV)
    livingwell directory export directory.json       # every organisation, service and taxonomy
    livingwell directory export oruk-csv/ --csv      # the tabular data package

An import is all or nothing: a feed with any problem is refused whole, with each problem's file and
row (or JSON path) and field, and nothing is changed. Importing the same feed again updates what it
imported before; it never makes a second copy.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from livingwell.network import directory_io
from livingwell.network.oruk.read import FeedError, read_csv_folder, read_json


class Command(BaseCommand):
    help = "Import or export the directory as Open Referral UK 3.0 (JSON or the CSV package)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "export"])
        parser.add_argument("path", type=Path, help="A JSON file, or a folder of CSV files.")
        parser.add_argument(
            "--csv",
            action="store_true",
            help="Export the tabular data package into PATH (a folder).",
        )
        parser.add_argument(
            "--by", default="livingwell directory import", help="Who the history says imported it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        started = time.perf_counter()
        if options["action"] == "export":
            count = (
                directory_io.write_csv(path) if options["csv"] else directory_io.write_json(path)
            )
            self.stdout.write(
                f"Exported {count:,} services to {path} in {time.perf_counter() - started:.1f} s."
            )
            return
        try:
            if path.is_dir():
                feed = read_csv_folder(path)
            elif path.is_file():
                feed = read_json(path.read_text(encoding="utf-8-sig"), path.name)
            else:
                raise CommandError(f"There is no file or folder {path}.")
            counts = directory_io.directory_import(feed, actor=options["by"])
        except FeedError as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        held = ", ".join(f"{n:,} {t.replace('_', ' ')}" for t, n in counts.items())
        self.stdout.write(f"Imported {held} in {time.perf_counter() - started:.1f} s.")
