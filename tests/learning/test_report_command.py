"""`livingwell synthetic-extract` then `livingwell report`, as a site or evaluator would run them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.pdf_tags import structure, tagging_problems


def _extract(folder: Path) -> Path:
    call_command("synthetic_extract", str(folder), "--people=400", "--seed=3", stdout=io.StringIO())
    return folder


def test_a_synthetic_extract_makes_a_whole_report(tmp_path: Path) -> None:
    extract = _extract(tmp_path / "extract")
    out = io.StringIO()
    call_command("report", str(extract), "--output", str(tmp_path / "report"), stdout=out)
    assert "report.pdf" in out.getvalue()
    data = json.loads((tmp_path / "report" / "report.json").read_text())
    figures = {f["key"]: f for f in data["figures"]}
    progress = figures["goals.progress_one"]
    assert 0 < progress["value"] < 1
    assert progress["interval"][0] < progress["value"] < progress["interval"][1]
    assert progress["people"] >= 5
    for figure in data["figures"]:
        if figure["suppressed"]:
            assert figure["value"] is None
            assert figure["numerator"] is None
        if figure["unit"] == "proportion" and figure["denominator"]:
            assert figure["interval"] is not None
    pdf = (tmp_path / "report" / "report.pdf").read_bytes()
    assert tagging_problems(pdf) == [], "a screen reader can read the report's PDF"
    tags = structure(pdf)
    assert tags["Table"] >= 3, tags
    html = (tmp_path / "report" / "report.html").read_text()
    assert html.count("<svg") >= 3
    assert html.count("<desc") == html.count("<svg")  # every chart has its text alternative


def test_an_extract_with_problems_makes_no_report_and_says_where(tmp_path: Path) -> None:
    extract = _extract(tmp_path / "extract")
    for parquet in extract.glob("*.parquet"):
        parquet.unlink()  # read the CSV files, where the damage is
    scores = extract / "goal_scores.csv"
    rows = list(csv.reader(scores.open()))
    rows[3][2] = "11"  # data row 3: a score off the 0 to 10 scale
    rows[5][1] = "31/01/2025"  # data row 5: not an ISO 8601 date
    with scores.open("w", newline="") as file:
        csv.writer(file).writerows(rows)
    with pytest.raises(CommandError) as refused:
        call_command("report", str(extract), "--output", str(tmp_path / "report"))
    message = str(refused.value)
    assert "goal_scores.csv row 3, column score" in message
    assert "goal_scores.csv row 5, column scored_on" in message
    assert not (tmp_path / "report").exists()


def test_a_folder_that_is_not_an_extract_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"has no manifest\.json"):
        call_command("report", str(tmp_path), "--output", str(tmp_path / "out"))


def test_a_charts_text_alternative_never_says_a_number_its_table_does_not_show(
    tmp_path: Path,
) -> None:
    extract = _extract(tmp_path / "extract")
    call_command("report", str(extract), "--output", str(tmp_path / "report"), stdout=io.StringIO())
    html = (tmp_path / "report" / "report.html").read_text()
    # Seed 3's first quarter has 1 introduction to secondary care: fewer than 5 people, so not shown
    assert '<th scope="row">2023 Q2</th><td>Not shown (fewer than 5 people)</td>' in html
    descriptions = " ".join(re.findall(r"<desc[^>]*>([^<]*)</desc>", html))
    assert "2023 Q2 (not shown)" in descriptions
    assert not re.search(r"2023 Q2 \(\d", descriptions)
