"""The front door: anyone can introduce themselves or someone else, with no account (rule 1)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.access.models import AccessLogEntry
from livingwell.frontdoor.models import Channel, Introduction, IntroductionStatus
from livingwell.team.models import Team

pytestmark = pytest.mark.django_db


def self_introduction(**overrides: Any) -> dict[str, Any]:
    data = {
        "submission_token": str(uuid.uuid4()),
        "given_name": "Ada",
        "family_name": "Mensah",
        "date_of_birth[day]": "12",
        "date_of_birth[month]": "4",
        "date_of_birth[year]": "1988",
        "what_matters": "I have not slept properly for weeks and I am behind on my rent.",
        "contact_method": "phone",
        "phone": "07700 900123",
        "email": "",
        "best_time": "Mornings",
        "may_leave_message": "yes",
        "postcode": "SE11 5AA",
    }
    data.update(overrides)
    return data


@pytest.mark.smoke
@pytest.mark.parametrize(
    "name",
    [
        "front-door",
        "introduce-yourself",
        "introduce-someone-else",
        "what-happens-next",
        "urgent-help",
    ],
)
def test_the_front_door_pages_need_no_account(client: Client, team: Team, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "116 123" in response.content.decode(), "urgent help must be on every page"


@pytest.mark.smoke
def test_a_person_can_introduce_themselves_and_is_told_what_happens_next(
    client: Client, team: Team
) -> None:
    response = client.post(reverse("introduce-yourself"), self_introduction(), follow=True)

    introduction = Introduction.objects.get()
    assert response.redirect_chain[-1][0] == reverse("what-happens-next")
    assert introduction.reference in response.content.decode()
    assert introduction.channel == Channel.WEB
    assert introduction.introduced_by == "self"
    assert introduction.status == IntroductionStatus.WAITING
    assert introduction.person.given_name == "Ada"
    assert introduction.person.date_of_birth == dt.date(1988, 4, 12)
    assert introduction.may_leave_message is True
    assert introduction.team == team


def test_an_introduction_goes_to_the_team_for_its_postcode(
    client: Client, team: Team, other_team: Team
) -> None:
    client.post(reverse("introduce-yourself"), self_introduction(postcode="sw9 8bp"))
    assert Introduction.objects.get().team == other_team


def test_an_unknown_or_missing_postcode_still_reaches_a_team(
    client: Client, team: Team, other_team: Team
) -> None:
    client.post(reverse("introduce-yourself"), self_introduction(postcode=""))
    client.post(reverse("introduce-yourself"), self_introduction(postcode="E1 6AN"))
    assert [i.team for i in Introduction.objects.order_by("pk")] == [team, team]


def test_the_first_entry_in_the_access_log_is_the_introduction_itself(
    client: Client, team: Team
) -> None:
    client.post(reverse("introduce-yourself"), self_introduction())
    entry = AccessLogEntry.objects.get()
    assert entry.person == Introduction.objects.get().person
    assert entry.action == "create"
    assert entry.actor is None
    assert "front door" in entry.actor_description.lower()


@pytest.mark.smoke
def test_a_form_sent_twice_makes_one_introduction(client: Client, team: Team) -> None:
    data = self_introduction()
    client.post(reverse("introduce-yourself"), data)
    client.post(reverse("introduce-yourself"), data)
    assert Introduction.objects.count() == 1


def test_what_matters_can_be_left_blank_because_nothing_is_an_eligibility_question(
    client: Client, team: Team
) -> None:
    client.post(reverse("introduce-yourself"), self_introduction(what_matters=""))
    assert Introduction.objects.get().what_matters == ""


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"given_name": ""}, "Enter a first name"),
        ({"contact_method": ""}, "Choose how we should get in touch"),
        ({"phone": ""}, "Enter your phone number, so we can get in touch"),
        ({"phone": "call me maybe"}, "Enter a phone number, like 07700 900 982"),
        (
            {"contact_method": "email", "email": "not-an-email"},
            "Enter an email address in the correct format",
        ),
        (
            {"date_of_birth[day]": "31", "date_of_birth[month]": "2"},
            "The date of birth must be a real date",
        ),
        ({"date_of_birth[year]": ""}, "The date of birth must include a year"),
        ({"date_of_birth[year]": "2999"}, "The date of birth must be today or in the past"),
        ({"postcode": "NOT A POSTCODE"}, "Enter a full UK postcode"),
        ({"what_matters": "x" * 5001}, "What matters must be 5000 characters or fewer"),
        ({"what_matters": "a\x00b"}, "What matters has a hidden character we cannot save"),
        ({"contact_method": "carrier pigeon"}, "Choose one of the options"),
    ],
)
def test_bad_input_gets_the_error_summary_and_keeps_what_was_typed(
    client: Client, team: Team, overrides: dict[str, str], message: str
) -> None:
    data = self_introduction(best_time="Évenings after 6 – not Tuesdays", **overrides)
    response = client.post(reverse("introduce-yourself"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page
    assert "Évenings after 6 – not Tuesdays" in page, "what the person typed is kept"
    assert Introduction.objects.count() == 0, "nothing half-written is saved"


def test_html_and_any_unicode_are_stored_as_typed_and_shown_escaped(
    client: Client, team: Team, key_worker_client: Client
) -> None:
    words = "<script>alert('hi')</script> 心が疲れた 😔 مرحبا & <b>bold</b>"
    client.post(
        reverse("introduce-yourself"),
        self_introduction(what_matters=words, given_name="<i>Zoë</i>"),
    )

    introduction = Introduction.objects.get()
    assert introduction.what_matters == words
    page = key_worker_client.get(reverse("introduction", args=[introduction.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;" in page
    assert "心が疲れた 😔 مرحبا" in page
    board = key_worker_client.get(reverse("board")).content.decode()
    assert "&lt;i&gt;Zoë&lt;/i&gt;" in board
    assert "<i>Zoë</i>" not in board


def test_someone_can_introduce_a_person_who_does_not_know_yet(client: Client, team: Team) -> None:
    response = client.post(
        reverse("introduce-someone-else"),
        {
            "submission_token": str(uuid.uuid4()),
            "introducer_name": "Grace Mensah",
            "introduced_by": "family",
            "introducer_phone": "07700 900456",
            "given_name": "Kofi",
            "person_knows": "no",
            "what_matters": "My brother has stopped going out.",
            "contact_method": "phone",
            "phone": "07700 900789",
        },
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert introduction.introduced_by == "family"
    assert introduction.person_knows is False
    assert introduction.introducer_name == "Grace Mensah"
    assert introduction.person.given_name == "Kofi"


def test_someone_introducing_another_person_must_leave_a_way_to_reply(
    client: Client, team: Team
) -> None:
    response = client.post(
        reverse("introduce-someone-else"),
        {
            "introducer_name": "Grace",
            "introduced_by": "friend",
            "given_name": "Kofi",
            "person_knows": "yes",
            "contact_method": "phone",
            "phone": "07700 900789",
        },
    )
    assert "Enter your phone number or email address, so we can reply" in response.content.decode()
    assert Introduction.objects.count() == 0
