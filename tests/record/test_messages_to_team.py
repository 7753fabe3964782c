"""Issue 11: a person sends their team a message from their own pages. It lands on their record and
on the team board until someone on the team has read it; nobody outside the team sees it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction
from livingwell.people.models import CircleMember, MessageToTeam, Person, SharingChoice
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_person

pytestmark = pytest.mark.django_db

BANNER = "nhsuk-notification-banner--success"
WORDS = "Can we move Thursday to Friday? I have a job interview."


def test_a_person_sends_a_message_and_sees_it_is_not_read_yet(
    client: Client, person: Person, person_user: Any
) -> None:
    own = sign_in_person(client, person_user)
    form = own.get(reverse("my-messages")).content.decode()
    assert "If you need help now, do not wait for a reply" in form
    assert "You have not sent a message yet" in form

    sent = own.post(reverse("my-messages"), {"words": f"  {WORDS}  "}, follow=True)
    page = sent.content.decode()
    assert BANNER in page
    assert "Your message is sent" in page
    assert WORDS in page
    assert "Not read yet" in page
    message = MessageToTeam.objects.get()
    assert message.words == WORDS
    assert message.person_id == person.pk, "on their own record"
    logged = AccessLogEntry.objects.get(person=person, action=AccessAction.CREATE)
    assert logged.what == "a message to their team"
    assert "Send a message to your team" in own.get(reverse("my-home")).content.decode()
    assert WORDS in own.get(reverse("my-record")).content.decode(), "part of their whole record"


def test_an_empty_or_too_long_message_is_refused_and_keeps_what_was_typed(
    client: Client, person_user: Any
) -> None:
    own = sign_in_person(client, person_user)
    empty = own.post(reverse("my-messages"), {"words": "   "}).content.decode()
    assert "There is a problem" in empty
    assert "Write your message" in empty
    long_words = "I wanted to say " + "x" * 2000
    too_long = own.post(reverse("my-messages"), {"words": long_words}).content.decode()
    assert "Your message must be 2000 characters or fewer" in too_long
    assert long_words in too_long, "what was typed is kept"
    assert not MessageToTeam.objects.exists()


def test_the_team_sees_it_on_the_board_and_the_record_and_marks_it_read(
    client: Client, person: Person, person_user: Any, key_worker: StaffMember
) -> None:
    sign_in_person(client, person_user).post(reverse("my-messages"), {"words": WORDS})
    staff = sign_in(Client(), key_worker)
    board = staff.get(reverse("board")).content.decode()
    assert "1 message from someone is not read yet" in board
    assert person.name in board
    assert WORDS not in board, "the board says who wrote, not what: that is on their record"

    record = staff.get(reverse("person", args=[person.pk])).content.decode()
    assert WORDS in record
    assert "Not read yet" in record

    message = MessageToTeam.objects.get()
    read = staff.post(reverse("message-read", args=[person.pk, message.pk]), follow=True)
    assert BANNER in read.content.decode()
    assert "Marked as read" in read.content.decode()
    message.refresh_from_db()
    assert message.read_by == key_worker
    assert f"Read by {key_worker.name}" in read.content.decode()
    assert "not read yet" not in staff.get(reverse("board")).content.decode()
    assert AccessLogEntry.objects.filter(
        person=person, action=AccessAction.CHANGE, what__endswith="as read"
    ).exists()

    own = sign_in_person(Client(), person_user).get(reverse("my-messages")).content.decode()
    assert f"Read by {key_worker.name}" in own


def test_nobody_outside_the_team_sees_or_reads_a_message(
    client: Client,
    person: Person,
    person_user: Any,
    other_team_member: StaffMember,
    carer: CircleMember,
) -> None:
    sign_in_person(client, person_user).post(reverse("my-messages"), {"words": WORDS})
    message = MessageToTeam.objects.get()
    SharingChoice.objects.create(
        person=person,
        circle_member=carer,
        parts=["goals", "crisis", "about"],
        decided_at=timezone.now(),
        decided_by="Ada",
    )

    elsewhere = sign_in(Client(), other_team_member)
    assert person.name not in elsewhere.get(reverse("board")).content.decode()
    refused = elsewhere.post(reverse("message-read", args=[person.pk, message.pk]))
    assert refused.status_code == 404, "as for a record that does not exist"

    family = sign_in_person(Client(), carer.user)
    assert WORDS not in family.get(reverse("shared-person", args=[person.pk])).content.decode()
    tried = family.post(reverse("message-read", args=[person.pk, message.pk]))
    assert tried.status_code == 302, "a staff page: sent to the staff sign-in"
    assert tried["Location"].startswith(reverse("staff-sign-in"))
    message.refresh_from_db()
    assert message.read_at is None


def test_someone_in_a_circle_only_cannot_send_as_the_person(client: Client, carer: Any) -> None:
    family = sign_in_person(client, carer.user)
    response = family.post(reverse("my-messages"), {"words": WORDS})
    assert response.status_code == 302
    assert response["Location"] == reverse("shared")
    assert not MessageToTeam.objects.exists()


def test_a_message_is_on_the_board_of_the_team_the_person_is_with(
    client: Client,
    person: Person,
    person_user: Any,
    key_worker: StaffMember,
    other_team_member: StaffMember,
) -> None:
    sign_in_person(client, person_user).post(reverse("my-messages"), {"words": WORDS})
    Person.objects.filter(pk=person.pk).update(team=other_team_member.team)
    before = sign_in(Client(), key_worker).get(reverse("board")).content.decode()
    assert person.name not in before, "a team no longer supporting them does not see their name"
    after = sign_in(Client(), other_team_member).get(reverse("board")).content.decode()
    assert "1 message from someone is not read yet" in after
