"""`livingwell synthetic-extract`: the command that writes a synthetic learning extract to a folder."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from livingwell.analytics.extract import TABLES, read_extract


def test_the_command_writes_the_folder_and_prints_the_row_counts(tmp_path: Path) -> None:
    out = StringIO()
    folder = tmp_path / "extract"
    call_command("synthetic_extract", str(folder), "--people", "300", "--seed", "2", stdout=out)

    extract = read_extract(folder, prefer="csv")
    assert extract.people.height == 300
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    printed = out.getvalue()
    for name in TABLES:
        assert f"{name}.parquet, {name}.csv" in printed
    assert f"{manifest['rows']['measure_items']:,} rows" in printed
    assert str(folder) in printed


def test_the_command_refuses_a_folder_that_is_not_empty_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("synthetic_extract", str(tmp_path), "--people", "50", stdout=StringIO())

    call_command("synthetic_extract", str(tmp_path), "--people", "50", "--force", stdout=StringIO())
    assert read_extract(tmp_path).people.height == 50
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_command_takes_periods_and_dates(tmp_path: Path) -> None:
    call_command(
        "synthetic_extract",
        str(tmp_path / "x"),
        "--periods",
        "550",
        "--start",
        "2025-04-01",
        "--end",
        "2026-03-31",
        stdout=StringIO(),
    )
    extract = read_extract(tmp_path / "x")
    assert extract.people.height == 500
    assert extract.manifest["period"] == {"start": "2025-04-01", "end": "2026-03-31"}

    with pytest.raises(CommandError, match="not a date"):
        call_command("synthetic_extract", str(tmp_path / "y"), "--start", "1/4/2025")
