"""The learning extract of a whole synthetic borough, loaded into the database as a site's record
would be: the reader accepts it, the report is made from it, and no name, NHS number, postcode,
contact detail or free text of any of its people appears anywhere in its files."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.management import call_command

from livingwell.analytics.extract import read_extract
from livingwell.frontdoor.models import Conversation
from livingwell.people.models import CircleMember, Person
from livingwell.plans.models import Goal

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def test_the_boroughs_extract_is_read_reported_and_names_nobody(
    tmp_path: Path, settings: Any
) -> None:
    call_command("borough", "--people=400", "--seed=5", f"--today={TODAY}", stdout=io.StringIO())
    settings.LIVINGWELL_EXTRACT_KEY = "a-long-random-secret-the-site-keeps"
    call_command("extract", str(tmp_path / "extract"), "--to", str(TODAY), stdout=io.StringIO())
    extract = read_extract(tmp_path / "extract")
    assert extract.measures.height > 0
    assert extract.measure_items["need_more_help"].drop_nulls().len() > 0
    assert extract.goal_scores.height > 0
    call_command(
        "report",
        str(tmp_path / "extract"),
        "--output",
        str(tmp_path / "report"),
        stdout=io.StringIO(),
    )
    assert (tmp_path / "report" / "report.pdf").stat().st_size > 0

    # Every identifying or free-text value in the record, looked for in every file
    never: set[str] = set()
    for person in Person.objects.all():
        never |= {person.nhs_number, person.phone, person.email, person.postcode}
        never |= {f"{person.given_name} {person.family_name}"}
        if person.date_of_birth:
            never.add(person.date_of_birth.isoformat())
    never |= set(CircleMember.objects.values_list("name", flat=True))
    never |= set(Goal.objects.values_list("description", flat=True))
    never |= set(Conversation.objects.values_list("what_we_talked_about", flat=True))
    never = {value for value in never if value and len(value) >= 6}
    text = ""
    for file in (tmp_path / "extract").iterdir():
        text += (
            pl.read_parquet(file).write_csv()
            if file.suffix == ".parquet"
            else file.read_text(encoding="utf-8")
        )
    assert [value for value in never if value in text] == []
