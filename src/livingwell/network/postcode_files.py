"""Reading a postcode directory a site has downloaded itself: the ONS Postcode Directory (ONSPD) or the
National Statistics Postcode Lookup, as their CSV or the zip they come in. Plain Python, no Django.

Only what distance needs is read: the postcode (`pcds`), its latitude and longitude (`lat`, `long`),
and whether it has ended (`doterm`). A postcode that has ended, or that has no grid reference (ONSPD
writes latitude 99.999999 for those), is left out.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from livingwell.network.geography import postcode_written

NO_GRID_REFERENCE = 99.999999
NEEDED = ("pcds", "lat", "long")


class PostcodeFileError(ValueError):
    pass


def _text(path: Path) -> io.TextIOBase:
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        # The directory's data is the biggest CSV in the zip (the others are its documents).
        csvs = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
        if not csvs:
            raise PostcodeFileError(f"{path} is a zip with no CSV file in it.")
        biggest = max(csvs, key=lambda i: i.file_size)
        return io.TextIOWrapper(archive.open(biggest), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def read_postcodes(
    path: Path, *, local_authorities: frozenset[str] = frozenset()
) -> Iterator[tuple[str, float, float]]:
    """(postcode, latitude, longitude) for each live postcode with a grid reference; only those in
    `local_authorities` (ONS codes, the `laua` column) when some are given."""
    with _text(path) as text:
        rows = csv.DictReader(text)
        missing = [c for c in NEEDED if c not in (rows.fieldnames or ())]
        if missing:
            raise PostcodeFileError(
                f"{path.name} is not a postcode directory in the ONS format: it has no "
                f"{', '.join(missing)} column (its columns are "
                f"{', '.join((rows.fieldnames or [])[:12]) or 'none'})."
            )
        if local_authorities and "laua" not in (rows.fieldnames or ()):
            raise PostcodeFileError(
                f"{path.name} has no laua column to choose local authorities by."
            )
        for line, row in enumerate(rows, start=2):
            if row.get("doterm", "").strip():
                continue
            if local_authorities and row["laua"] not in local_authorities:
                continue
            written = postcode_written(row["pcds"])
            try:
                latitude, longitude = float(row["lat"]), float(row["long"])
            except ValueError:
                raise PostcodeFileError(
                    f"{path.name}, line {line}: the latitude {row['lat']!r} or longitude "
                    f"{row['long']!r} is not a number."
                ) from None
            if written is None:
                raise PostcodeFileError(
                    f"{path.name}, line {line}: {row['pcds']!r} is not a postcode."
                )
            if latitude == NO_GRID_REFERENCE:
                continue
            yield written, latitude, longitude
