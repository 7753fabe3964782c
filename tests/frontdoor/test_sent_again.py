"""The same introduction sent again from the front door, after pressing Back, is the same introduction
(ADR 0009): no second introduction and no second record, and the visitor sees the same reference."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.frontdoor.models import Channel, Introduction
from livingwell.frontdoor.services import IntroductionDetails, introduction_create
from livingwell.people.models import Person
from livingwell.people.services import PersonDetails
from livingwell.team.models import StaffMember, Team
from tests.frontdoor.test_front_door import self_introduction
from tests.frontdoor.test_introducing_someone_else import someone_else_introduction

pytestmark = pytest.mark.django_db

KOFI = PersonDetails(
    given_name="Kofi",
    family_name="Mensah",
    date_of_birth=dt.date(1991, 9, 3),
    phone="07700 900789",
    postcode="SE1 7AA",
)
FROM_GRACE = IntroductionDetails(
    introduced_by="family",
    introducer_name="Grace Mensah",
    introducer_phone="07700 900456",
    person_knows=False,
    what_matters="My brother has stopped going out.",
    contact_method="phone",
)


@pytest.fixture(autouse=True)
def window(settings: Any) -> None:
    settings.LIVINGWELL_FRONT_DOOR_SAME_INTRODUCTION_MINUTES = 10


def from_the_front_door(
    person: PersonDetails = KOFI,
    details: IntroductionDetails = FROM_GRACE,
    **kwargs: Any,
) -> Introduction:
    return introduction_create(
        person=person,
        details=details,
        channel=Channel.WEB,
        submission_token=uuid.uuid4(),  # pressing Back and sending again gives a new token
        **kwargs,
    )


# --- The service --------------------------------------------------------------------------------


def test_the_same_details_sent_again_within_the_window_are_the_same_introduction(
    team: Team,
) -> None:
    first = from_the_front_door()
    again = from_the_front_door()

    assert again.pk == first.pk
    assert again.reference == first.reference
    assert Introduction.objects.count() == 1
    assert Person.objects.count() == 1, "no second record"
    assert AccessLogEntry.objects.count() == 1, "nothing new was written"


def test_the_same_self_introduction_sent_again_is_the_same_too(team: Team) -> None:
    ada = PersonDetails(given_name="Ada", phone="07700 900123")
    words = IntroductionDetails(introduced_by="self", contact_method="phone")
    assert from_the_front_door(ada, words) == from_the_front_door(ada, words)


def test_sent_again_after_the_window_is_a_new_introduction(team: Team, settings: Any) -> None:
    first = from_the_front_door()
    Introduction.objects.filter(pk=first.pk).update(
        received_at=timezone.now() - dt.timedelta(minutes=9)
    )
    assert from_the_front_door().pk == first.pk, "9 minutes on, it is still the same"

    Introduction.objects.filter(pk=first.pk).update(
        received_at=timezone.now() - dt.timedelta(minutes=11)
    )
    assert from_the_front_door().pk != first.pk

    settings.LIVINGWELL_FRONT_DOOR_SAME_INTRODUCTION_MINUTES = 2
    three_minutes_ago = timezone.now() - dt.timedelta(minutes=3)
    Introduction.objects.update(received_at=three_minutes_ago)
    assert from_the_front_door().received_at > three_minutes_ago, "the window is the setting's"
    assert Introduction.objects.count() == 3


def test_no_window_means_every_sending_is_its_own_introduction(team: Team, settings: Any) -> None:
    settings.LIVINGWELL_FRONT_DOOR_SAME_INTRODUCTION_MINUTES = 0
    assert from_the_front_door().pk != from_the_front_door().pk


@pytest.mark.parametrize(
    ("person", "details"),
    [
        ({"given_name": "Kwame"}, {}),
        ({"family_name": "Boateng"}, {}),
        ({"date_of_birth": dt.date(1991, 9, 4)}, {}),
        ({"date_of_birth": None}, {}),
        ({"phone": "07700 900788"}, {}),
        ({"email": "kofi@example.com"}, {}),
        ({"postcode": "SE11 5AA"}, {}),
        ({}, {"introducer_name": "Efua Mensah"}),
        ({}, {"introducer_phone": "07700 900457"}),
        ({}, {"introducer_email": "grace@example.com"}),
        ({}, {"introduced_by": "friend"}),
        ({}, {"person_knows": True}),
        # Different words are new words: kept as their own introduction, so nothing is lost.
        ({}, {"what_matters": "My brother has stopped going out, and stopped eating."}),
        ({}, {"best_time": "After 5pm"}),
    ],
)
def test_anything_typed_differently_is_a_new_introduction_so_nothing_is_lost(
    team: Team, person: dict[str, Any], details: dict[str, Any]
) -> None:
    first = from_the_front_door()
    changed = from_the_front_door(
        dataclasses.replace(KOFI, **person), dataclasses.replace(FROM_GRACE, **details)
    )
    assert changed.pk != first.pk
    assert changed.reference != first.reference


def test_the_team_recording_the_same_details_twice_makes_two_introductions(
    team: Team, key_worker: StaffMember
) -> None:
    """Only the front door: on the phone, the team knows whether it is the same call."""
    made = [
        introduction_create(
            person=KOFI,
            details=FROM_GRACE,
            channel=Channel.PHONE,
            recorded_by=key_worker,
            submission_token=uuid.uuid4(),
        )
        for _ in range(2)
    ]
    assert made[0].pk != made[1].pk


def test_a_front_door_sending_is_never_matched_to_one_the_team_recorded(
    team: Team, key_worker: StaffMember
) -> None:
    recorded = introduction_create(
        person=KOFI, details=FROM_GRACE, channel=Channel.PHONE, recorded_by=key_worker
    )
    assert from_the_front_door().pk != recorded.pk


# --- The pages ----------------------------------------------------------------------------------


def reference_shown(response: Any) -> str:
    assert response.redirect_chain[-1][0] == reverse("what-happens-next")
    shown = re.findall(r"<strong>(LW-[A-Z0-9]{6})</strong>", response.content.decode())
    assert len(shown) == 1, "one reference, in the panel"
    return str(shown[0])


def test_sending_the_form_again_after_pressing_back_shows_the_same_reference(
    client: Client, team: Team
) -> None:
    url = reverse("introduce-someone-else")
    first = reference_shown(client.post(url, someone_else_introduction(), follow=True))

    # Back: the browser asks for the form again, with a new token, and the visitor presses Send
    client.get(url)
    again = client.post(url, someone_else_introduction(), follow=True)

    assert reference_shown(again) == first
    assert Introduction.objects.count() == 1
    assert Person.objects.count() == 1
    assert (
        "We will talk with you before we contact Kofi, unless we are worried that Kofi is not safe."
        in again.content.decode()
    )


def test_introducing_yourself_again_after_pressing_back_shows_the_same_reference(
    client: Client, team: Team
) -> None:
    url = reverse("introduce-yourself")
    first = reference_shown(client.post(url, self_introduction(), follow=True))
    again = reference_shown(client.post(url, self_introduction(), follow=True))
    assert again == first
    assert Introduction.objects.count() == 1


def test_a_visitor_who_changes_a_detail_gets_a_new_reference_and_nothing_of_the_first(
    client: Client, team: Team
) -> None:
    url = reverse("introduce-someone-else")
    first = reference_shown(client.post(url, someone_else_introduction(), follow=True))

    response = Client().post(
        url, someone_else_introduction(introducer_phone="07700 900457"), follow=True
    )
    page = response.content.decode()
    assert reference_shown(response) != first
    assert first not in page
    assert "07700 900456" not in page, "the first sender's number is never shown"
    assert Introduction.objects.count() == 2


def test_a_sending_over_the_limit_is_answered_the_same_whether_or_not_it_matches(
    client: Client, team: Team, settings: Any
) -> None:
    """Over the limit, the page cannot tell anyone whether these details were sent a moment ago."""
    settings.LIVINGWELL_FRONT_DOOR_PER_SESSION = 1
    url = reverse("introduce-someone-else")
    reference_shown(client.post(url, someone_else_introduction(), follow=True))

    same = client.post(url, someone_else_introduction())
    different = client.post(url, someone_else_introduction(given_name="Kwame"))

    assert same.status_code == different.status_code == 429
    assert Introduction.objects.count() == 1
