"""Issue 9, item 5: the person can read every look at their record, and list views do not bury them.

The log page pages through every entry and offers the whole log as a download. A look that only
showed someone's name on a list (the team board, "Plans shared with you") is kept as one row per
person, per asker, per day and per kind of list, with how many times and the last time. Real looks
(opening the record, the plan, the crisis plan) stay one row each.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.access.policy import record_access
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_person
from tests.factories import IntroductionFactory, PersonFactory

pytestmark = pytest.mark.django_db

CRISIS = "their crisis and safety plan"


def _download(client: Client, url: str) -> tuple[Any, list[list[str]]]:
    response = client.get(url)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return response, list(csv.reader(io.StringIO(body)))


def test_a_look_at_the_crisis_plan_is_still_readable_after_520_board_views(
    key_worker_client: Client, key_worker: StaffMember, person: Person, person_user: Any
) -> None:
    """The issue's own case: a look at the crisis plan, then 520 board refreshes."""
    IntroductionFactory.create(person=person)
    record_access(key_worker, [person.pk], action="view", what=CRISIS, why="Checking the plan")
    for _ in range(520):
        assert key_worker_client.get(reverse("board")).status_code == 200

    board_rows = AccessLogEntry.objects.filter(person=person, why="Working the team board")
    assert board_rows.count() == 1
    assert board_rows.get().count == 520

    own = sign_in_person(Client(), person_user)
    page = own.get(reverse("my-access-log")).content.decode()
    assert "your crisis and safety plan" in page  # the person reads about themself as "you"
    assert "Amara Okafor" in page
    assert "520 times" in page

    team_page = key_worker_client.get(reverse("access-log", args=[person.pk])).content.decode()
    assert CRISIS in team_page

    _response, rows = _download(own, reverse("my-access-log-download"))
    assert any(CRISIS in row for row in rows)
    assert any("520" in row for row in rows)


def test_the_log_pages_through_every_entry_newest_first(
    key_worker_client: Client, key_worker: StaffMember, person: Person, person_user: Any
) -> None:
    for n in range(120):
        record_access(key_worker, [person.pk], action="view", what=f"look {n:03d}", why="Test")
    own = sign_in_person(Client(), person_user)
    url = reverse("my-access-log")

    first = own.get(url).content.decode()
    assert "look 119" in first
    assert "look 000" not in first
    assert "Page 1 of 3" in first
    assert "nhsuk-pagination" in first
    assert f'href="{url}?page=2"' in first

    # 120 looks, and two looks at the log itself: the oldest look is on the last page.
    last = own.get(url + "?page=3").content.decode()
    assert "look 000" in last
    assert "Page 3 of 3" in last

    # Odd page numbers give the nearest page, never an error.
    for odd, shown in [
        ("abc", 1),
        ("0", 1),
        ("-4", 1),
        ("99", 3),
        ("9" * 40, 3),
        ("1.5", 1),
        ("", 1),
    ]:
        response = own.get(url, {"page": odd})
        assert response.status_code == 200, odd
        assert f"Page {shown} of 3" in response.content.decode(), odd

    team = key_worker_client.get(reverse("access-log", args=[person.pk]), {"page": "3"})
    assert "look 000" in team.content.decode()


def test_the_whole_log_can_be_downloaded_and_the_download_is_logged(
    key_worker_client: Client, key_worker: StaffMember, person: Person, person_user: Any
) -> None:
    for n in range(130):
        record_access(key_worker, [person.pk], action="view", what=f"look {n:03d}", why="Test")
    before = AccessLogEntry.objects.filter(person=person).count()
    own = sign_in_person(Client(), person_user)

    response, rows = _download(own, reverse("my-access-log-download"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".csv" in response["Content-Disposition"]
    header, entries = rows[0], rows[1:]
    assert header[:5] == ["When", "Who", "What they did", "What", "Why"]
    # Every entry, including the look the download itself is.
    assert len(entries) == before + 1
    assert {f"look {n:03d}" for n in range(130)} <= {row[3] for row in entries}
    assert entries[0][3] == "their access log"
    assert entries[0][4] == "Downloading the access log"
    latest = AccessLogEntry.objects.filter(person=person).latest("at", "pk")
    assert (latest.what, latest.actor_id) == ("their access log", person_user.pk)

    _team_response, team_rows = _download(
        key_worker_client, reverse("access-log-download", args=[person.pk])
    )
    assert len(team_rows) == len(rows) + 1


def test_only_those_who_may_read_the_log_can_download_it(
    client: Client,
    other_team_member: StaffMember,
    person: Person,
    carer: Any,
) -> None:
    url = reverse("access-log-download", args=[person.pk])
    assert client.get(url).status_code == 302  # not signed in: sent to sign in
    assert sign_in(Client(), other_team_member).get(url).status_code == 404
    assert sign_in_person(Client(), carer.user).get(url).status_code == 404
    assert not AccessLogEntry.objects.filter(person=person).exists()


def test_a_download_keeps_spreadsheet_formulas_as_text(
    key_worker: StaffMember, person: Person, person_user: Any
) -> None:
    record_access(key_worker, [person.pk], action="view", what="=HYPERLINK(1)", why="+Test")
    _response, rows = _download(
        sign_in_person(Client(), person_user), reverse("my-access-log-download")
    )
    assert ["'=HYPERLINK(1)", "'+Test"] in [row[3:5] for row in rows]


def test_list_looks_are_one_row_per_person_asker_day_and_list(
    key_worker_client: Client,
    key_worker: StaffMember,
    colleague: StaffMember,
    person: Person,
) -> None:
    someone = PersonFactory.create(team=person.team)
    for shown in (person, someone):
        IntroductionFactory.create(person=shown)
    # two open introductions: the name is on the board twice
    IntroductionFactory.create(person=person)
    for _ in range(3):
        key_worker_client.get(reverse("board"))
    sign_in(Client(), colleague).get(reverse("board"))

    rows = AccessLogEntry.objects.filter(why="Working the team board")
    assert sorted((r.person_id, r.actor_id, r.count) for r in rows) == sorted(
        [
            (person.pk, key_worker.user_id, 3),
            (someone.pk, key_worker.user_id, 3),
            (person.pk, colleague.user_id, 1),
            (someone.pk, colleague.user_id, 1),
        ]
    )
    grouped = rows.get(person=person, actor_id=key_worker.user_id)
    assert grouped.last_at is not None
    assert grouped.last_at >= grouped.at

    # The next day is a new row.
    AccessLogEntry.objects.filter(why="Working the team board").update(
        at=timezone.now() - dt.timedelta(days=1),
        last_at=timezone.now() - dt.timedelta(days=1),
        list_day=timezone.localdate() - dt.timedelta(days=1),
    )
    key_worker_client.get(reverse("board"))
    assert rows.filter(person=person, actor_id=key_worker.user_id).count() == 2


def test_real_looks_are_never_folded(
    key_worker_client: Client, key_worker: StaffMember, person: Person
) -> None:
    for _ in range(3):
        key_worker_client.get(reverse("person", args=[person.pk]))
    opened = AccessLogEntry.objects.filter(person=person, why="Opening their record")
    assert opened.count() == 3
    assert {(e.count, e.list_day) for e in opened} == {(1, None)}


def test_the_page_says_how_many_times_a_name_was_seen_on_a_list(
    key_worker_client: Client, key_worker: StaffMember, person: Person, person_user: Any
) -> None:
    IntroductionFactory.create(person=person)
    for _ in range(12):
        key_worker_client.get(reverse("board"))
    page = sign_in_person(Client(), person_user).get(reverse("my-access-log")).content.decode()
    assert "Saw your name and introduction on the team board 12 times" in page
    assert "(last at " in page
    team = key_worker_client.get(reverse("access-log", args=[person.pk])).content.decode()
    assert "Saw their name and introduction on the team board 12 times" in team


def test_the_migration_folds_list_rows_written_before_it(
    key_worker: StaffMember, colleague: StaffMember, person: Person
) -> None:
    """Rows written one a person a list view, before this change, are folded the same way."""
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("livingwell.access.migrations.0002_list_looks_grouped")
    now = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    yesterday = now - dt.timedelta(days=1)
    board = "their name and introduction on a list"

    def old_row(member: StaffMember, at: dt.datetime, what: str = board) -> AccessLogEntry:
        entry = AccessLogEntry.objects.create(
            person=person,
            actor=member.user,
            actor_description=member.name,
            action="view",
            what=what,
            why="Working the team board",
        )
        AccessLogEntry.objects.filter(pk=entry.pk).update(at=at, last_at=at)
        return entry

    for minutes in range(5):
        old_row(key_worker, now - dt.timedelta(minutes=minutes))
    old_row(key_worker, yesterday)
    old_row(key_worker, yesterday - dt.timedelta(minutes=1))
    old_row(colleague, now)
    for _ in range(2):
        old_row(key_worker, now, what=CRISIS)  # real looks: never folded

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection  # type: ignore[attr-defined]
    migration.fold_list_rows(apps, editor)

    folded = AccessLogEntry.objects.filter(person=person, what=board)
    assert sorted(
        (e.actor_id, timezone.localtime(e.at).date(), e.count, e.list_day) for e in folded
    ) == sorted(
        [
            (key_worker.user_id, timezone.localdate(now), 5, timezone.localdate(now)),
            (
                key_worker.user_id,
                timezone.localdate(yesterday),
                2,
                timezone.localdate(yesterday),
            ),
            (colleague.user_id, timezone.localdate(now), 1, timezone.localdate(now)),
        ]
    )
    today = folded.get(actor=key_worker.user, list_day=timezone.localdate(now))
    assert today.last_at == now
    assert today.at == now - dt.timedelta(minutes=4)
    assert AccessLogEntry.objects.filter(person=person, what=CRISIS).count() == 2
