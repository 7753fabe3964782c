"""Issue 11: the access log a person reads says what really happened, in plain words.

Opening a page that could change something is a look, and says so; only the change itself says what
was changed. Looks that repeat (the same person, the same thing, the same reason, the same day) are one
row with how many times. The person can leave out their own looks. Every entry is still counted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction
from livingwell.people.models import Person, SupportPeriod
from livingwell.team.models import StaffMember
from tests.conftest import sign_in_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def supported(person: Person, key_worker: StaffMember) -> Person:
    SupportPeriod.objects.create(
        person=person, team=person.team, key_worker=key_worker, started_on=dt.date(2026, 9, 1)
    )
    return person


def own_log(person_user: Any, query: str = "") -> str:
    client = sign_in_person(Client(), person_user)
    return client.get(reverse("my-access-log") + query).content.decode()


def test_opening_the_page_to_end_support_is_a_look_not_an_ending(
    key_worker_client: Client, supported: Person, person_user: Any
) -> None:
    response = key_worker_client.get(reverse("support-end", args=[supported.pk]))
    assert response.status_code == 200

    look = AccessLogEntry.objects.filter(person=supported).latest("at")
    assert look.action == AccessAction.VIEW
    assert look.why == "Opened the page for ending support"
    assert not AccessLogEntry.objects.filter(person=supported, why="Ending support").exists()

    page = own_log(person_user)
    assert "Looked at your record" in page
    assert "Opened the page for ending support" in page
    assert ">Ending support<" not in page


def test_ending_support_is_written_as_a_change_with_its_reason(
    key_worker_client: Client, supported: Person
) -> None:
    key_worker_client.post(
        reverse("support-end", args=[supported.pk]),
        {
            "ended_on[day]": "1",
            "ended_on[month]": "12",
            "ended_on[year]": "2026",
            "ending": "agreed",
            "note": "",
        },
    )
    change = AccessLogEntry.objects.get(person=supported, action=AccessAction.CHANGE)
    assert change.why == "Ending support"


def test_repeated_looks_are_one_row_with_how_many_times(
    key_worker_client: Client, supported: Person, person_user: Any
) -> None:
    for _ in range(4):
        assert key_worker_client.get(reverse("plan", args=[supported.pk])).status_code == 200

    page = own_log(person_user)
    assert page.count("Looked at your whole record") == 1, page
    assert "Looked at your whole record 4 times today" in page
    assert "your key worker" in page, "the person is told which look was their key worker's"


def test_the_person_reads_about_themself_as_you(
    key_worker_client: Client, supported: Person, person_user: Any
) -> None:
    key_worker_client.get(reverse("person", args=[supported.pk]))
    page = own_log(person_user)
    assert "Looked at your record" in page
    assert "their record" not in page


def test_the_person_can_leave_out_their_own_looks(
    key_worker_client: Client, supported: Person, person_user: Any
) -> None:
    key_worker_client.get(reverse("plan", args=[supported.pk]))
    own = sign_in_person(Client(), person_user)
    own.get(reverse("my-plan"))

    everyone = own_log(person_user)
    assert ">You<" in everyone
    others = own_log(person_user, "?others=yes")
    assert ">You<" not in others
    assert "Looked at your whole record" in others
    assert "checked" in others, "the choice stays ticked"


def test_leaving_out_own_looks_keeps_to_its_pages(
    key_worker: StaffMember, supported: Person, person_user: Any
) -> None:
    from livingwell.access.policy import record_access

    for n in range(60):
        record_access(key_worker, [supported.pk], action="view", what=f"look {n:02d}", why="Test")
    page = own_log(person_user, "?others=yes")
    assert "?others=yes&amp;page=2" in page or "?others=yes&page=2" in page
