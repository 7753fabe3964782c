"""`livingwell postcodes FILE`: load a postcode directory, so the directory can say how far away
support is without asking any service on the internet.

    livingwell postcodes ONSPD_NOV_2026_UK.zip --local-authority E09000022
    livingwell postcodes --synthetic            # the synthetic borough's, for a demo

FILE is the ONS Postcode Directory (or the National Statistics Postcode Lookup) as the site downloaded
it from the ONS Open Geography Portal: the zip or its CSV. Loading again replaces what is held for
the same postcodes; nothing is half-loaded.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from livingwell.network.postcode_files import PostcodeFileError, read_postcodes
from livingwell.network.services import postcodes_load
from livingwell.synthetic import directory as synthetic


class Command(BaseCommand):
    help = (
        "Load a postcode directory (ONS format, CSV or zip) so the directory can measure distance."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="The ONSPD or NSPL, zip or CSV.")
        parser.add_argument(
            "--local-authority",
            action="append",
            default=[],
            help="Load only this local authority's postcodes (its ONS code, such as E09000022). "
            "Give it again for more.",
        )
        parser.add_argument(
            "--synthetic", action="store_true", help="Load the synthetic borough's postcodes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        path: Path | None = options["file"]
        if options["synthetic"]:
            if path is not None:
                raise CommandError("Give a file or --synthetic, not both.")
            loaded = postcodes_load(synthetic.postcodes())
        else:
            if path is None:
                raise CommandError("Give the postcode directory's file, or --synthetic.")
            if not path.is_file():
                raise CommandError(f"There is no file {path}.")
            try:
                loaded = postcodes_load(
                    read_postcodes(path, local_authorities=frozenset(options["local_authority"]))
                )
            except PostcodeFileError as error:
                raise CommandError(f"{error} Nothing was loaded.") from None
        self.stdout.write(f"Loaded {loaded:,} postcodes in {time.perf_counter() - started:.1f} s.")
