"""Abuse of the account-free front door (issue 9, item 8), without turning a person away (ADR 0006).

- Sendings are throttled per connection and per session; over the limit, a 429 page gives the phone
  numbers and keeps every word that was typed.
- A hidden "Leave this empty" field catches form-filling robots: nothing is made, and they are told
  nothing different.
- A team lead can set aside a repeat (into its original, keeping its words there) or something that is
  not a person asking for help (with a reason). Audited, and reversible.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.frontdoor.models import (
    FrontDoorSending,
    Introduction,
)
from livingwell.team.models import Team
from tests.frontdoor.test_front_door import self_introduction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings: Any) -> None:
    settings.LIVINGWELL_FRONT_DOOR_PER_ADDRESS = 5
    settings.LIVINGWELL_FRONT_DOOR_PER_SESSION = 3
    settings.LIVINGWELL_FRONT_DOOR_WINDOW_MINUTES = 10
    settings.LIVINGWELL_CLIENT_ADDRESS_HEADER = ""


def send(client: Client, address: str = "203.0.113.7", **overrides: Any) -> Any:
    return client.post(
        reverse("introduce-yourself"), self_introduction(**overrides), REMOTE_ADDR=address
    )


# --- The throttle ---------------------------------------------------------------------------------


def test_one_address_may_send_five_in_ten_minutes_then_gets_the_phone_number(team: Team) -> None:
    for n in range(5):
        assert send(Client(), what_matters=f"Message {n}").status_code == 302  # a new session each
    response = send(Client(), what_matters="The sixth: please do not lose this.")

    page = response.content.decode()
    assert response.status_code == 429
    assert Introduction.objects.count() == 5
    assert "a lot of forms from this connection" in page
    assert "020 7946 0000" in page, "the team's phone number"
    for number in ("116 123", "111", "999"):
        assert number in page, "the urgent help numbers"
    assert "The sixth: please do not lose this." in page, "what they typed is kept"
    assert "07700 900123" in page


def test_another_address_is_not_held_up_by_a_busy_one(team: Team) -> None:
    for n in range(6):
        send(Client(), what_matters=f"Message {n}")
    assert send(Client(), address="198.51.100.20").status_code == 302
    assert Introduction.objects.count() == 6


def test_one_session_may_send_three_in_ten_minutes(team: Team) -> None:
    client = Client()
    for n in range(3):
        response = send(client, address=f"198.51.100.{n + 1}", what_matters=f"Message {n}")
        assert response.status_code == 302
    response = send(client, address="198.51.100.99", what_matters="My fourth message")
    assert response.status_code == 429
    assert "My fourth message" in response.content.decode()
    assert Introduction.objects.count() == 3


def test_the_same_form_sent_again_is_not_counted_twice(team: Team) -> None:
    client = Client()
    data = self_introduction()
    for _ in range(10):
        response = client.post(reverse("introduce-yourself"), data, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 302
    assert Introduction.objects.count() == 1
    assert FrontDoorSending.objects.count() == 1


def test_no_address_is_stored_only_a_keyed_hash(team: Team) -> None:
    send(Client(), address="203.0.113.7")
    sending = FrontDoorSending.objects.get()
    assert "203.0.113.7" not in f"{sending.address_key} {sending.session_key}"
    assert len(sending.address_key) == 64


def test_old_sendings_are_forgotten_once_the_window_has_passed(team: Team) -> None:
    for n in range(5):
        send(Client(), what_matters=f"Message {n}")
    FrontDoorSending.objects.update(at=timezone.now() - dt.timedelta(minutes=11))
    assert send(Client()).status_code == 302
    assert FrontDoorSending.objects.count() == 1, "rows older than the window are pruned"


def test_the_429_page_can_send_the_same_words_again_later(team: Team, settings: Any) -> None:
    for n in range(5):
        send(Client(), what_matters=f"Message {n}")
    data = self_introduction(what_matters="Held back, then sent.")
    page = Client().post(reverse("introduce-yourself"), data, REMOTE_ADDR="203.0.113.7")
    assert page.status_code == 429
    text = page.content.decode()
    assert f'value="{data["submission_token"]}"' in text, "sending again is the same form"
    assert 'value="Held back, then sent."' in text

    settings.LIVINGWELL_FRONT_DOOR_PER_ADDRESS = 6
    again = Client().post(reverse("introduce-yourself"), data, REMOTE_ADDR="203.0.113.7")
    assert again.status_code == 302
    assert Introduction.objects.filter(what_matters="Held back, then sent.").count() == 1


def test_introducing_someone_else_is_throttled_too(team: Team) -> None:
    for n in range(5):
        send(Client(), what_matters=f"Message {n}")
    response = Client().post(
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
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 429
    assert "My brother has stopped going out." in response.content.decode()


def test_the_team_recording_introductions_is_never_throttled(
    key_worker_client: Client, team: Team
) -> None:
    for n in range(8):
        response = key_worker_client.post(
            reverse("introduction-record"),
            {
                "submission_token": str(uuid.uuid4()),
                "channel": "phone",
                "introduced_by": "self",
                "given_name": f"Caller {n}",
            },
        )
        assert response.status_code == 302
    assert FrontDoorSending.objects.count() == 0


def test_a_trusted_proxy_header_names_the_address_only_when_set(team: Team, settings: Any) -> None:
    for n in range(5):
        Client().post(
            reverse("introduce-yourself"),
            self_introduction(what_matters=f"Message {n}"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",
        )
    # Off by default: everyone behind the proxy is one address.
    assert send(Client(), address="10.0.0.1").status_code == 429
    settings.LIVINGWELL_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    response = Client().post(
        reverse("introduce-yourself"),
        self_introduction(),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.50",
    )
    assert response.status_code == 302


# --- The honeypot ---------------------------------------------------------------------------------


def test_the_forms_have_a_hidden_field_people_do_not_see(client: Client, team: Team) -> None:
    for name in ("introduce-yourself", "introduce-someone-else"):
        page = client.get(reverse(name)).content.decode()
        assert "Leave this empty" in page
        assert 'tabindex="-1"' in page
        assert 'aria-hidden="true"' in page


def test_a_filled_hidden_field_makes_nothing_and_looks_the_same(client: Client, team: Team) -> None:
    response = client.post(
        reverse("introduce-yourself"),
        self_introduction(homepage="http://spam.example"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("what-happens-next")
    page = response.content.decode()
    assert "What happens next" in page
    assert "Your reference is" not in page
    assert Introduction.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0


def test_with_the_hidden_field_empty_an_introduction_is_made(client: Client, team: Team) -> None:
    response = client.post(
        reverse("introduce-yourself"), self_introduction(homepage=""), follow=True
    )
    assert Introduction.objects.count() == 1
    assert "Your reference is" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_burst_sent_all_at_once_is_still_held_to_the_limit(team: Team) -> None:
    """The report: 100 forms from one address in 1.8 seconds were all taken. Sent at the same moment,
    each waits for the one before it to be counted (a lock per address), so only five get through."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def one(n: int) -> int:
        try:
            return int(send(Client(), what_matters=f"Burst {n}").status_code)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(one, range(24)))
    assert sorted(set(codes)) == [302, 429]
    assert codes.count(302) == 5
    assert Introduction.objects.count() == 5
