"""`livingwell extract`: the learning extract written from the live record. The reader accepts it
and the report runs on it; nothing in it names, dates the birth of, locates or quotes anyone; the
same database and key give the same files byte for byte; and a run without a key, into a folder that
holds something, or over rows that do not fit the contract is refused and leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from livingwell.analytics.extract import SCHEMA, read_extract
from livingwell.frontdoor.models import Conversation, Introduction, IntroductionStatus
from livingwell.measures.models import Answer, GoalRating, Measure
from livingwell.network.models import Organisation, Service
from livingwell.people.models import Person, SupportPeriod
from livingwell.plans.models import Goal, Plan
from livingwell.team.models import StaffMember
from livingwell.warm_introductions.models import ContactWay, State, WarmIntroduction
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

KEY = "a-long-random-secret-the-site-keeps"
START, END = dt.date(2026, 4, 1), dt.date(2026, 11, 30)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.fixture
def record(key_worker: StaffMember, person: Person) -> dict[str, Any]:
    """Ada's whole record, with everything an extract takes and much it must never take."""
    person.date_of_birth = dt.date(1990, 6, 15)
    person.nhs_number, person.postcode = "9990001234", "SE1 7PB"
    person.phone, person.email = "07700 900461", "ada.mensah@example.com"
    person.address = "12 Imaginary Row"
    person.gender, person.ethnic_category = "2", "N"
    person.save()
    conversation = Conversation.objects.create(
        person=person,
        held_by=key_worker,
        held_on=dt.date(2026, 5, 6),
        how="in-person",
        what_we_talked_about="Ada talked about the noise from next door",
    )
    Introduction.objects.create(
        person=person,
        team=person.team,
        reference="LW-0001",
        channel="web",
        received_at=_at(dt.date(2026, 5, 1)),
        introduced_by="gp",
        what_matters="I have not slept properly since the spring",
        status=IntroductionStatus.CONVERSATION,
        closed_at=_at(dt.date(2026, 5, 6)),
        conversation=conversation,
    )
    period = SupportPeriod.objects.create(
        person=person,
        team=person.team,
        key_worker=key_worker,
        started_on=dt.date(2026, 5, 6),
        ended_on=dt.date(2026, 10, 20),
        ending="agreed",
        ending_note="Ada takes her plan and the Tuesday group with her",
    )
    goal = Goal.objects.create(
        plan=Plan.objects.create(person=person, what_matters="My allotment on Fridays"),
        description="Sleep through the night",
        domain="mental-health",
        start_date=dt.date(2026, 5, 6),
    )
    for day, score, timepoint in (
        (dt.date(2026, 5, 6), 2, "start"),
        (dt.date(2026, 10, 20), 6, "end"),
    ):
        rating = Measure.objects.create(
            person=person,
            period=period,
            instrument="goal-ratings",
            timepoint=timepoint,
            taken_on=day,
            filled_in="together",
            with_member=key_worker,
        )
        GoalRating.objects.create(measure=rating, goal=goal, score=score)
    dialog = Measure.objects.create(
        person=person,
        period=period,
        instrument="dialog",
        timepoint="start",
        taken_on=dt.date(2026, 5, 6),
        filled_in="together",
        with_member=key_worker,
    )
    Answer.objects.bulk_create(
        Answer(measure=dialog, item=n, value=None if n == 4 else 3, need_more_help=n <= 2)
        for n in range(1, 12)
    )
    organisation = Organisation.objects.create(name="Riverside Peer Support", kind="peer-support")
    WarmIntroduction.objects.create(
        person=person,
        team=person.team,
        introducer=key_worker,
        service=Service.objects.create(
            organisation=organisation, name="Riverside Group", last_modified=timezone.now()
        ),
        organisation=organisation,
        wants="Somewhere to go on Tuesdays",
        contact_way=ContactWay.KEY_WORKER,
        state=State.LANDED,
        landed="helped",
        said_by="person",
        made_at=_at(dt.date(2026, 6, 1)),
        received_at=_at(dt.date(2026, 6, 2)),
        accepted_at=_at(dt.date(2026, 6, 3)),
        met_at=_at(dt.date(2026, 6, 10)),
        ended_at=_at(dt.date(2026, 6, 20)),
    )
    # Someone with no date of birth: no age band the contract allows, so left out
    no_age = PersonFactory.create(team=person.team, given_name="Kwame", date_of_birth=None)
    Introduction.objects.create(
        person=no_age,
        team=person.team,
        reference="LW-0002",
        channel="phone",
        received_at=_at(dt.date(2026, 7, 1)),
        introduced_by="self",
        what_matters="Please call me",
    )
    return {"person": person, "period": period, "goal": goal, "no_age": no_age}


def _extract(folder: Path, *extra: str) -> None:
    call_command("extract", str(folder), "--from", str(START), "--to", str(END), *extra)


def _pseudonym(table: str, row_id: int) -> str:
    return hmac.new(KEY.encode(), f"{table}:{row_id}".encode(), hashlib.sha256).hexdigest()


@pytest.mark.smoke  # on SQLite too, as the demo's record is kept
def test_the_extract_of_the_live_record_is_read_and_reported(
    record: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    settings.LIVINGWELL_EXTRACT_KEY = KEY
    _extract(tmp_path / "extract")
    extract = read_extract(tmp_path / "extract")
    assert extract.manifest["version"] == "livingwell-extract/2"
    assert extract.manifest["period"] == {"start": "2026-04-01", "end": "2026-11-30"}
    ada = _pseudonym("people", record["person"].pk)
    assert extract.people.rows() == [(ada, "35-44", "woman", "N")]  # Kwame is left out
    assert extract.introductions_in.select("source", "channel", "first_conversation_on").rows() == [
        ("gp", "web", dt.date(2026, 5, 6))
    ]
    assert extract.support_periods.select("ended_on", "ending").rows() == [
        (dt.date(2026, 10, 20), "agreed")
    ]
    assert extract.goals.select("domain", "set_on").rows() == [
        ("mental-health", dt.date(2026, 5, 6))
    ]
    assert sorted(extract.goal_scores["score"].to_list()) == [2, 6]
    assert extract.measures.select("instrument", "timepoint").rows() == [("dialog", "start")]
    items = extract.measure_items.sort("item")
    assert items["value"].to_list() == [3, 3, 3, None, 3, 3, 3, 3, 3, 3, 3]
    assert items["need_more_help"].to_list()[:3] == [True, True, False]
    assert extract.introductions_out.select("organisation_kind", "outcome", "landed_on").rows() == [
        ("voluntary-community", "landed", dt.date(2026, 6, 20))
    ]
    assert extract.spend.height == 0
    call_command("report", str(tmp_path / "extract"), "--output", str(tmp_path / "report"))
    html = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert "This extract holds no budget or spend" in html  # and the report says so


def test_nothing_in_it_names_dates_the_birth_of_locates_or_quotes_anyone(
    record: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    settings.LIVINGWELL_EXTRACT_KEY = KEY
    _extract(tmp_path / "extract")
    person: Person = record["person"]
    never = [
        person.given_name,
        person.family_name,
        person.nhs_number,
        person.postcode,
        person.postcode.replace(" ", ""),
        person.phone,
        person.email,
        person.address,
        "1990-06-15",
        "Kwame",
        "Sleep through the night",
        "noise from next door",
        "not slept properly",
        "My allotment",
        "Tuesday group",
        "Somewhere to go on Tuesdays",
        "Riverside",
        "LW-0001",
        "Amara",
    ]
    text = ""
    for file in sorted((tmp_path / "extract").iterdir()):
        frame = pl.read_parquet(file) if file.suffix == ".parquet" else None
        text += frame.write_csv() if frame is not None else file.read_text(encoding="utf-8")
    # Keys are lower-case hex, so a name is looked for as written, a phrase in any case.
    found = [w for w in never if (w in text if len(w) < 8 else w.lower() in text.lower())]
    assert found == []
    # And no column can hold anything else: every text cell is a 64-character key or one of
    # the contract's own values.
    extract = read_extract(tmp_path / "extract")
    for name, frame in extract.tables().items():
        for column in frame.select(pl.col(pl.String)).columns:
            values = set(frame[column].drop_nulls().to_list())
            if column.endswith("_key"):
                assert all(len(v) == 64 and set(v) <= set("0123456789abcdef") for v in values)
            else:
                allowed = SCHEMA[name].columns[SCHEMA[name].names.index(column)].allowed
                assert values <= set(allowed), (name, column)


@pytest.mark.smoke
def test_the_same_database_and_key_give_the_same_files_byte_for_byte(
    record: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    settings.LIVINGWELL_EXTRACT_KEY = KEY
    _extract(tmp_path / "one")
    _extract(tmp_path / "two")
    one = {f.name: f.read_bytes() for f in (tmp_path / "one").iterdir()}
    two = {f.name: f.read_bytes() for f in (tmp_path / "two").iterdir()}
    assert len(one) == 19  # nine tables, twice, and the manifest
    assert one == two
    settings.LIVINGWELL_EXTRACT_KEY = "another key"
    _extract(tmp_path / "three")
    assert (tmp_path / "three" / "people.csv").read_bytes() != one["people.csv"]


def test_without_a_key_into_a_full_folder_or_over_rows_that_do_not_fit_nothing_is_written(
    record: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    settings.LIVINGWELL_EXTRACT_KEY = ""
    with pytest.raises(CommandError, match="Set LIVINGWELL_EXTRACT_KEY first"):
        _extract(tmp_path / "no-key")
    assert not (tmp_path / "no-key").exists()

    settings.LIVINGWELL_EXTRACT_KEY = KEY
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="is not an empty folder"):
        _extract(full)
    assert [f.name for f in full.iterdir()] == ["notes.txt"]

    # A questionnaire filed under someone else's period of support does not fit
    other = PersonFactory.create(team=record["person"].team, date_of_birth=dt.date(1980, 1, 1))
    Measure.objects.filter(instrument="dialog").update(person=other)
    with pytest.raises(CommandError, match="nothing was written"):
        _extract(tmp_path / "broken")
    assert sorted(f.name for f in tmp_path.iterdir()) == ["full"]  # nothing half-written


def test_the_demo_runs_with_the_demos_key(
    record: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    settings.LIVINGWELL_EXTRACT_KEY = ""
    _extract(tmp_path / "demo", "--demo")
    assert read_extract(tmp_path / "demo").people.height == 1


@pytest.mark.smoke
def test_a_record_larger_than_a_querys_parameters_is_extracted_on_sqlite(
    key_worker: StaffMember, tmp_path: Path, settings: Any
) -> None:
    """The extract never sends the ids it has read back as a list in a query: SQLite has a limit
    on how many a statement may carry (here lowered to 50), and a site's record has more."""
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the limit on a statement's parameters is SQLite's")
    people = PersonFactory.create_batch(60, team=key_worker.team, date_of_birth=dt.date(1990, 1, 1))
    for person in people:
        period = SupportPeriod.objects.create(
            person=person, team=person.team, key_worker=key_worker, started_on=dt.date(2026, 5, 1)
        )
        goal = Goal.objects.create(
            plan=Plan.objects.create(person=person),
            description="A goal",
            domain="money",
            start_date=dt.date(2026, 5, 1),
        )
        rating = Measure.objects.create(
            person=person,
            period=period,
            instrument="goal-ratings",
            timepoint="start",
            taken_on=dt.date(2026, 5, 1),
            filled_in="together",
            with_member=key_worker,
        )
        GoalRating.objects.create(measure=rating, goal=goal, score=4)
    connection.ensure_connection()
    connection.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 50)
    settings.LIVINGWELL_EXTRACT_KEY = KEY
    _extract(tmp_path / "extract")
    extract = read_extract(tmp_path / "extract")
    assert (extract.people.height, extract.goals.height, extract.goal_scores.height) == (60, 60, 60)
