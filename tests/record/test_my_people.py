"""Issue 11: a key worker finds their way back to the people they support.

"My people" lists whom the signed-in key worker supports, with the last contact, the next step and its
day, who they share with and how they like to be contacted, and can be sorted. A search finds anyone the
team supports by name, date of birth, NHS number or reference. Next steps have a day and someone who
will do them; overdue ones are on the board. Every name a list shows is logged as a look.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import MY_PEOPLE_LIST, SEARCH_LIST, AccessLogEntry
from livingwell.frontdoor.models import Conversation
from livingwell.people.models import CircleMember, NextStep, Person, SharingChoice, SupportPeriod
from livingwell.team.models import StaffMember, Team
from tests.conftest import sign_in
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def supported_by(member: StaffMember, given_name: str, **kwargs: Any) -> Person:
    # A plain family name: a made-up one with an apostrophe (O'Brien) is escaped on the page.
    kwargs.setdefault("family_name", "Lee")
    person = PersonFactory.create(team=member.team, given_name=given_name, **kwargs)
    SupportPeriod.objects.create(
        person=person, team=member.team, key_worker=member, started_on=dt.date(2026, 6, 1)
    )
    return person


def next_step(person: Person, member: StaffMember, what: str, days: int) -> NextStep:
    return NextStep.objects.create(
        person=person,
        what=what,
        due_on=TODAY + dt.timedelta(days=days),
        by=member,
        created_by=member,
    )


def talked(person: Person, member: StaffMember, days_ago: int) -> None:
    Conversation.objects.create(
        person=person,
        held_by=member,
        held_on=TODAY - dt.timedelta(days=days_ago),
        how="phone",
        what_we_talked_about="How the week went",
    )


def names_in_order(page: str, names: list[str]) -> list[str]:
    return sorted(names, key=page.index)


def test_my_people_lists_only_the_people_i_am_key_worker_for(
    key_worker_client: Client, key_worker: StaffMember, colleague: StaffMember, other_team: Team
) -> None:
    ada = supported_by(key_worker, "Ada")
    bea = supported_by(colleague, "Bea")
    ended = supported_by(key_worker, "Cal")
    SupportPeriod.objects.filter(person=ended).update(ended_on=dt.date(2026, 7, 1), ending="agreed")
    theirs = supported_by(StaffMemberFactory.create(team=other_team), "Dan")

    page = key_worker_client.get(reverse("my-people")).content.decode()
    assert ada.name in page
    for not_mine in (bea, ended, theirs):
        assert not_mine.name not in page

    listed = AccessLogEntry.objects.filter(what=MY_PEOPLE_LIST)
    assert set(listed.values_list("person_id", flat=True)) == {ada.pk}


def test_my_people_shows_contact_next_step_sharing_and_how_to_reach_them(
    key_worker_client: Client, key_worker: StaffMember
) -> None:
    ada = supported_by(key_worker, "Ada")
    talked(ada, key_worker, days_ago=3)
    talked(ada, key_worker, days_ago=10)
    next_step(ada, key_worker, "Ring about the housing letter", days=2)
    next_step(ada, key_worker, "Go to the garden group", days=9)
    kofi = CircleMember.objects.create(person=ada, name="Kofi Mensah", relationship="SIB")
    SharingChoice.objects.create(
        person=ada, circle_member=kofi, parts=["plan"], decided_at=timezone.now(), decided_by="Ada"
    )
    IntroductionFactory.create(
        person=ada, contact_method="text", best_time="Mornings", may_leave_message=False
    )

    page = key_worker_client.get(reverse("my-people")).content.decode()
    assert f"{(TODAY - dt.timedelta(days=3)).day} " in page
    assert "Ring about the housing letter" in page, "the soonest next step"
    assert "Go to the garden group" not in page
    assert "Kofi Mensah" in page
    assert "Text message, Mornings, no messages" in page


def test_my_people_sorts_by_next_step_last_contact_and_name(
    key_worker_client: Client, key_worker: StaffMember
) -> None:
    ada, bea, cal = (
        supported_by(key_worker, name, family_name="Lee") for name in ("Ada", "Bea", "Cal")
    )
    next_step(cal, key_worker, "Cal's step", days=1)
    next_step(ada, key_worker, "Ada's step", days=5)
    talked(bea, key_worker, days_ago=30)
    talked(ada, key_worker, days_ago=2)
    names = [ada.name, bea.name, cal.name]

    def order(sort: str) -> list[str]:
        page = key_worker_client.get(reverse("my-people"), {"sort": sort}).content.decode()
        body = page[page.index("<tbody") :]
        return names_in_order(body, names)

    assert order("next-step") == [cal.name, ada.name, bea.name], "no next step last"
    assert order("last-contact") == [cal.name, bea.name, ada.name], "never talked first"
    assert order("name") == [ada.name, bea.name, cal.name]
    assert key_worker_client.get(reverse("my-people"), {"sort": "nonsense"}).status_code == 200


def test_an_overdue_next_step_is_marked_and_is_on_the_board(
    key_worker_client: Client, key_worker: StaffMember, colleague: StaffMember
) -> None:
    ada = supported_by(key_worker, "Ada")
    next_step(ada, key_worker, "Send the form", days=-2)
    bea = supported_by(colleague, "Bea")
    next_step(bea, colleague, "Call the GP", days=-1)
    next_step(bea, colleague, "Not yet due", days=3)

    mine = key_worker_client.get(reverse("my-people")).content.decode()
    assert "Overdue" in mine
    person = key_worker_client.get(reverse("person", args=[ada.pk])).content.decode()
    assert "Send the form" in person
    assert "Overdue" in person

    board = key_worker_client.get(reverse("board")).content.decode()
    assert "2 next steps are overdue" in board
    assert "Send the form" in board
    assert "Call the GP" in board
    assert "Not yet due" not in board
    board_looks = AccessLogEntry.objects.filter(person=bea, why="Working the team board")
    assert board_looks.get().count == 1


def test_the_board_says_when_there_are_more_overdue_steps_than_it_shows(
    key_worker_client: Client, key_worker: StaffMember, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("livingwell.frontdoor.caseload.ON_THE_BOARD", 3)
    ada = supported_by(key_worker, "Ada")
    for days in range(1, 4):
        next_step(ada, key_worker, f"Step {days}", days=-days)
    board = key_worker_client.get(reverse("board")).content.decode()
    assert "3 next steps are overdue" in board, "all of them are shown"
    assert "or more" not in board

    next_step(ada, key_worker, "Step 4", days=-4)
    board = key_worker_client.get(reverse("board")).content.decode()
    assert "More than 3 next steps are overdue" in board
    assert "These are the 3 oldest" in board
    assert "Step 4" in board, "the oldest are shown"
    assert "Step 1" not in board


def test_a_next_step_is_agreed_with_a_day_and_who_and_the_page_says_it_is_saved(
    key_worker_client: Client, key_worker: StaffMember, colleague: StaffMember
) -> None:
    ada = supported_by(key_worker, "Ada")
    url = reverse("next-step-new", args=[ada.pk])
    form = key_worker_client.get(url).content.decode()
    week = TODAY + dt.timedelta(days=7)
    assert f'value="{week.day}"' in form, "the day starts a week from today"
    assert re.search(rf'<option value="{key_worker.pk}"\s+selected', form), "me, to start with"

    response = key_worker_client.post(
        url,
        {
            "what": "Ring the housing office together",
            "due_on[day]": str(week.day),
            "due_on[month]": str(week.month),
            "due_on[year]": str(week.year),
            "by": str(colleague.pk),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Next step saved" in page
    assert "nhsuk-notification-banner--success" in page
    step = NextStep.objects.get(person=ada)
    assert (step.what, step.due_on, step.by) == (
        "Ring the housing office together",
        week,
        colleague,
    )

    done = key_worker_client.post(
        reverse("next-step-done", args=[ada.pk, step.pk]), follow=True
    ).content.decode()
    assert "Done: Ring the housing office together" in done
    step.refresh_from_db()
    assert step.done_on == TODAY
    assert step.done_by == key_worker
    assert "No next steps agreed yet" in done


def test_a_next_step_by_someone_else_needs_their_name_and_keeps_what_was_typed(
    key_worker_client: Client, key_worker: StaffMember
) -> None:
    ada = supported_by(key_worker, "Ada")
    yesterday = TODAY - dt.timedelta(days=1)
    response = key_worker_client.post(
        reverse("next-step-new", args=[ada.pk]),
        {
            "what": "Ada writes to her landlord",
            "due_on[day]": str(yesterday.day),
            "due_on[month]": str(yesterday.month),
            "due_on[year]": str(yesterday.year),
            "by": "someone-else",
            "by_someone_else": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page
    assert "Enter the name of who will do it" in page
    assert "must be today or in the future" in page
    assert "Ada writes to her landlord" in page
    assert not NextStep.objects.exists()


def test_another_team_cannot_see_or_add_next_steps(
    client: Client, key_worker: StaffMember, other_team: Team
) -> None:
    ada = supported_by(key_worker, "Ada")
    step = next_step(ada, key_worker, "Private step", days=1)
    stranger = sign_in(client, StaffMemberFactory.create(team=other_team))
    assert stranger.get(reverse("next-step-new", args=[ada.pk])).status_code == 404
    assert stranger.post(reverse("next-step-done", args=[ada.pk, step.pk])).status_code == 404
    step.refresh_from_db()
    assert step.done_on is None


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ada", True),
        ("Mensah Ada", True),
        ("12 4 1988", True),
        ("12/04/1988", True),
        ("999 000 0018", True),
        ("9990000018", True),
        ("reference", True),
        ("Zed", False),
        ("31 2 1988", False),
    ],
)
def test_search_finds_someone_the_team_supports(
    key_worker_client: Client, key_worker: StaffMember, query: str, found: bool
) -> None:
    ada = supported_by(
        key_worker,
        "Ada",
        family_name="Mensah",
        date_of_birth=dt.date(1988, 4, 12),
        nhs_number="9990000018",
    )
    introduction = IntroductionFactory.create(person=ada)
    if query == "reference":
        query = introduction.reference
    page = key_worker_client.get(reverse("people-search"), {"q": query}).content.decode()
    assert (">Ada Mensah</a>" in page) is found, query
    if found:
        assert "Key worker: " + key_worker.name in page
        assert AccessLogEntry.objects.filter(person=ada, what=SEARCH_LIST).exists()


def test_search_never_finds_another_teams_people(
    key_worker_client: Client, other_team: Team
) -> None:
    PersonFactory.create(team=other_team, given_name="Ada", nhs_number="9990000018")
    for query in ("Ada", "9990000018"):
        page = key_worker_client.get(reverse("people-search"), {"q": query}).content.decode()
        assert "0 people found" in page, query
    assert not AccessLogEntry.objects.filter(what=SEARCH_LIST).exists()


def test_search_shows_the_first_50_and_says_so(key_worker_client: Client, team: Team) -> None:
    for n in range(55):
        PersonFactory.create(team=team, given_name="Sam", family_name=f"Smith{n:02d}")
    page = key_worker_client.get(reverse("people-search"), {"q": "sam"}).content.decode()
    assert "50 or more people found" in page
    assert "Only the first 50 are shown" in page


def test_a_long_list_of_my_people_comes_a_page_at_a_time_in_its_order(
    key_worker_client: Client, key_worker: StaffMember
) -> None:
    for n in range(55):
        person = supported_by(key_worker, f"Person{n:02d}", family_name="Lee")
        next_step(person, key_worker, f"Step {n:02d}", days=n)
    first = key_worker_client.get(reverse("my-people")).content.decode()
    assert "people you are key worker for: 55" in first
    assert "Page 1 of 2" in first
    assert "Step 00" in first
    assert "Step 54" not in first
    assert "?sort=next-step&amp;page=2" in first
    second = key_worker_client.get(reverse("my-people"), {"page": "2"}).content.decode()
    assert "Step 54" in second
    assert "Step 00" not in second
    listed = AccessLogEntry.objects.filter(what=MY_PEOPLE_LIST)
    assert listed.count() == 55, "each name shown once, on the page it was shown"


def test_a_search_by_name_can_use_the_name_indexes(
    key_worker_client: Client, key_worker: StaffMember
) -> None:
    """The trigram indexes match the query Django writes for a name search, so a team of tens of
    thousands is not read row by row (PostgreSQL; the planner is told not to read the table)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("the name indexes are PostgreSQL's")
    supported_by(key_worker, "Ada", family_name="Mensah")
    with CaptureQueriesContext(connection) as queries:
        key_worker_client.get(reverse("people-search"), {"q": "ensa"})
    search = next(q["sql"] for q in queries.captured_queries if "LIKE UPPER" in q["sql"])
    for name in ("given_name", "family_name"):
        # The condition exactly as Django wrote it, alone, so no other index can answer it.
        found = re.search(
            rf'UPPER\("people_person"\."{name}"::text\) LIKE UPPER\(\'[^\']*\'\)', search
        )
        assert found is not None, search
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN SELECT id FROM people_person WHERE {found.group(0)}")  # noqa: S608 - SQL Django wrote
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert f"person_{name}_trigram" in plan, plan
