"""The person chooses how they hear from us on their own details page; the team sees, on its
messages page, what could not be sent."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.outbox.models import Channel, Message, MessageState
from livingwell.outbox.services import Words, message_to_person
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_person

pytestmark = pytest.mark.django_db


def test_a_person_says_no_messages_on_their_own_page_and_none_is_queued(
    client: Client, person: Person, person_user: Any
) -> None:
    sign_in_person(client, person_user)
    saved = client.post(
        reverse("my-details-change"),
        {"phone": "07700 900123", "email": "ada@example.com", "hear_by": "none"},
    )
    assert saved.status_code == 302
    person.refresh_from_db()
    assert person.hear_by == "none"
    assert message_to_person(person, Words(subject="S", full="F"), why="A test") is None

    client.post(
        reverse("my-details-change"),
        {"phone": "07700 900123", "hear_by": "text", "messages_say_more": "on"},
    )
    person.refresh_from_db()
    assert (person.hear_by, person.messages_say_more) == ("text", True)


def test_the_team_sees_what_could_not_be_sent_and_another_team_does_not(
    client: Client, key_worker: StaffMember, other_team_member: StaffMember, person: Person
) -> None:
    Message.objects.create(
        team=person.team,
        person=person,
        to_name="Ada",
        channel=Channel.TEXT,
        to="07700 900123",
        subject="A message from Living Well",
        body="Living Well has a message for you. Sign in to see it.",
        why="A warm introduction was accepted",
        state=MessageState.FAILED,
        attempts=4,
        last_problem="GOV.UK Notify did not take it: 400",
        created_at=timezone.now(),
    )
    page = client_page(sign_in(client, key_worker), "outbox")
    assert "GOV.UK Notify did not take it: 400" in page
    assert "could not be sent, or may not have been" in client_page(client, "huddle")
    assert "GOV.UK Notify did not take it" not in client_page(
        sign_in(Client(), other_team_member), "outbox"
    )


def client_page(client: Client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return str(response.content.decode())
