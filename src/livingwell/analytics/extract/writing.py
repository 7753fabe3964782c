"""Writing an extract: every table as Parquet and as CSV, and `manifest.json`.

`write_extract` writes the files. `write_checked` is for an extract that leaves the building: it
refuses a folder that already holds anything, writes the extract beside it, reads it back with the
project's own reader (both forms, every check), and only then moves it into place, so a failed run
leaves no partial extract behind.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from livingwell.analytics.extract.contract import MANIFEST, Extract
from livingwell.analytics.extract.reading import read_extract


def write_extract(extract: Extract, folder: Path) -> list[Path]:
    """Write every table as Parquet and as CSV, and manifest.json; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in extract.tables().items():
        parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
        frame.write_parquet(parquet, compression="zstd", statistics=True)
        frame.write_csv(csv, date_format="%Y-%m-%d", null_value="")
        written += [parquet, csv]
    manifest = folder / MANIFEST
    manifest.write_text(json.dumps(extract.manifest, indent=2) + "\n", encoding="utf-8")
    written.append(manifest)
    return written


class FolderNotEmpty(ValueError):
    """The folder an extract was to be written to already holds something."""


def write_checked(extract: Extract, folder: Path) -> list[Path]:
    """Write the extract to `folder` (which must not exist, or be empty) only once the reader has
    accepted both its Parquet and its CSV files. Raises FolderNotEmpty, or the reader's
    ExtractError listing every problem; either way nothing is left in `folder`."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FolderNotEmpty(
            f"{folder} is not an empty folder. Choose a new folder, so that no earlier extract "
            "is mixed with this one."
        )
    folder.parent.mkdir(parents=True, exist_ok=True)
    beside = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        write_extract(extract, beside)
        read_extract(beside, prefer="parquet")
        read_extract(beside, prefer="csv")
        if folder.exists():
            folder.rmdir()
        beside.rename(folder)
    except BaseException:
        shutil.rmtree(beside, ignore_errors=True)
        raise
    return sorted(folder.iterdir())
