"""The team board and the team's pages for picking up introductions and recording conversations."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.frontdoor.models import Channel, Introduction, IntroductionStatus
from livingwell.frontdoor.presenters import days_waited
from livingwell.people.models import Person
from livingwell.team.models import StaffMember, Team
from tests.factories import IntroductionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_days_waited_counts_whole_days_since_it_arrived() -> None:
    received = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)
    assert days_waited(received, today=dt.date(2026, 11, 23)) == 3
    assert days_waited(received, today=dt.date(2026, 11, 20)) == 0


def test_the_board_shows_every_open_introduction_oldest_first_with_days_waited(
    key_worker_client: Client, team: Team
) -> None:
    now = timezone.now()
    newer = IntroductionFactory.create(
        person=PersonFactory.create(team=team, given_name="Newer"), received_at=now
    )
    older = IntroductionFactory.create(
        person=PersonFactory.create(team=team, given_name="Older"),
        received_at=now - dt.timedelta(days=9),
    )
    page = key_worker_client.get(reverse("board")).content.decode()
    assert page.index(older.reference) < page.index(newer.reference)
    assert re.search(r'nhsuk-tag--red"\s*>\s*9 days\s*<', page), "a long wait stands out in red"
    assert "2 introductions waiting for a conversation" in page


def test_the_board_shows_only_the_teams_own_introductions(
    key_worker_client: Client, team: Team, other_team: Team
) -> None:
    ours = IntroductionFactory.create(person=PersonFactory.create(team=team))
    theirs = IntroductionFactory.create(person=PersonFactory.create(team=other_team))
    page = key_worker_client.get(reverse("board")).content.decode()
    assert ours.reference in page
    assert theirs.reference not in page


def test_the_board_uses_a_fixed_number_of_queries(
    key_worker_client: Client, team: Team, django_assert_max_num_queries: object
) -> None:
    for _ in range(30):
        IntroductionFactory.create(person=PersonFactory.create(team=team))
    # 10: the session, the user, the security device, the count, the page, the log of the looks,
    # the overdue next steps, the messages not read, and the key worker's warm introductions that
    # need them (the days their team gives each kind of organisation, then the introductions).
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        response = key_worker_client.get(reverse("board"))
    assert response.status_code == 200


def test_staff_record_a_phone_introduction_with_an_nhs_number(key_worker_client: Client) -> None:
    response = key_worker_client.post(
        reverse("introduction-record"),
        {
            "submission_token": str(uuid.uuid4()),
            "channel": "phone",
            "introduced_by": "agency",
            "agency_kind": "housing",
            "introducer_name": "Sam at Lambeth Housing",
            "given_name": "Tomasz",
            "nhs_number": "999 000 0018",
            "gender": "1",
            "ethnic_category": "C",
            "what_matters": "Worried about losing his flat.",
            "contact_method": "phone",
            "phone": "020 7946 0123",
        },
    )
    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert introduction.channel == Channel.PHONE
    assert introduction.person.nhs_number == "9990000018"
    assert introduction.recorded_by is not None


def test_an_nhs_number_that_fails_the_check_is_refused_with_a_clear_message(
    key_worker_client: Client,
) -> None:
    response = key_worker_client.post(
        reverse("introduction-record"),
        {
            "channel": "walk-in",
            "introduced_by": "self",
            "given_name": "Mei",
            "nhs_number": "9990000019",
        },
    )
    page = response.content.decode()
    assert "This is not a real NHS number" in page
    assert 'value="9990000019"' in page
    assert Introduction.objects.count() == 0


def test_an_introduction_from_an_organisation_must_say_what_kind(key_worker_client: Client) -> None:
    response = key_worker_client.post(
        reverse("introduction-record"),
        {"channel": "phone", "introduced_by": "agency", "given_name": "Mei"},
    )
    assert "Choose the kind of organisation" in response.content.decode()


def test_anyone_on_the_team_can_pick_up_an_introduction(
    client: Client, colleague: StaffMember, key_worker: StaffMember, person: Person
) -> None:
    from tests.conftest import sign_in

    introduction = IntroductionFactory.create(person=person)
    sign_in(client, colleague)
    response = client.post(
        reverse("introduction", args=[introduction.pk]),
        {"action": "pick-up", "next_step": "Call after 5pm"},
    )
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PICKED_UP
    assert introduction.picked_up_by == colleague
    assert introduction.next_step == "Call after 5pm"


def test_a_next_step_is_needed_to_pick_up(key_worker_client: Client, person: Person) -> None:
    introduction = IntroductionFactory.create(person=person)
    response = key_worker_client.post(
        reverse("introduction", args=[introduction.pk]), {"action": "pick-up", "next_step": ""}
    )
    assert "Enter the next step" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.WAITING


def test_recording_a_conversation_turns_the_introduction_into_support(
    key_worker_client: Client, person: Person
) -> None:
    introduction = IntroductionFactory.create(person=person)
    today = timezone.localdate()
    response = key_worker_client.post(
        reverse("conversation-record", args=[introduction.pk]),
        {
            "held_on[day]": str(today.day),
            "held_on[month]": str(today.month),
            "held_on[year]": str(today.year),
            "how": "in-person",
            "what_we_talked_about": "What matters: getting back to football.",
        },
    )
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.CONVERSATION
    assert introduction.conversation is not None
    assert introduction.conversation.what_we_talked_about.startswith("What matters")


def test_a_conversation_form_with_mistakes_keeps_what_was_typed(
    key_worker_client: Client, person: Person
) -> None:
    introduction = IntroductionFactory.create(person=person)
    response = key_worker_client.post(
        reverse("conversation-record", args=[introduction.pk]),
        {
            "held_on[day]": "40",
            "held_on[month]": "1",
            "held_on[year]": "2026",
            "how": "",
            "what_we_talked_about": "Long talk about her allotment.",
        },
    )
    page = response.content.decode()
    assert "The date of the conversation must be a real date" in page
    assert "Choose how you talked" in page
    assert "Long talk about her allotment." in page
    assert 'value="40"' in page
    introduction.refresh_from_db()
    assert introduction.is_open


def test_the_board_can_show_only_those_not_picked_up_or_picked_up_by_me(
    key_worker_client: Client, key_worker: StaffMember, colleague: StaffMember, team: Team
) -> None:
    from livingwell.frontdoor import services

    waiting = IntroductionFactory.create(person=PersonFactory.create(team=team))
    mine = IntroductionFactory.create(person=PersonFactory.create(team=team))
    theirs = IntroductionFactory.create(person=PersonFactory.create(team=team))
    services.introduction_pick_up(actor=key_worker, introduction=mine, next_step="Call")
    services.introduction_pick_up(actor=colleague, introduction=theirs, next_step="Text")

    def shown(view: str) -> set[str]:
        page = key_worker_client.get(reverse("board") + f"?show={view}").content.decode()
        return {i.reference for i in (waiting, mine, theirs) if i.reference in page}

    assert shown("all") == {waiting.reference, mine.reference, theirs.reference}
    assert shown("waiting") == {waiting.reference}
    assert shown("mine") == {mine.reference}
    assert shown("nonsense") == shown("all")
