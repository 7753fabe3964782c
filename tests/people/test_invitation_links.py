"""An invitation link that cannot be used any more says why, and what to do, in plain words.

A used link points to sign in; an expired one says to ask for a new one. Neither says anything about
who the link was for: the link may be open on someone else's screen.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access import invitations
from livingwell.codes.record import Part
from livingwell.people.models import CircleMember, Invitation, Person
from livingwell.team.models import StaffMember
from tests.conftest import team_record

pytestmark = pytest.mark.django_db

PASSWORD = "kettle harbour violet spring"


def set_up_account(path: str, email: str) -> None:
    response = Client().post(
        path, {"email": email, "password": PASSWORD, "password_again": PASSWORD}
    )
    assert response.status_code == 302


def says_nothing_about(page: str, *words: str) -> None:
    for word in words:
        assert word not in page


@pytest.fixture
def person_link(key_worker: StaffMember, person: Person) -> str:
    token = invitations.invitation_create(team_record(key_worker, person))
    return reverse("invitation", args=[token])


@pytest.fixture
def circle_link(key_worker: StaffMember, person: Person) -> str:
    member = CircleMember.objects.create(person=person, name="Kofi Mensah", relationship="SIB")
    token = invitations.invitation_create(
        team_record(key_worker, person, Part.CIRCLE), circle_member=member
    )
    return reverse("invitation", args=[token])


def test_a_used_link_says_it_has_been_used_and_offers_sign_in(person_link: str) -> None:
    set_up_account(person_link, "ada@example.com")

    response = Client().get(person_link)

    assert response.status_code == 410
    page = response.content.decode()
    assert "<h1>This link has been used</h1>" in page
    assert f'href="{reverse("sign-in")}">Sign in</a>' in page
    assert "Page not found" not in page
    says_nothing_about(page, "Ada", "Mensah", "ada@example.com")


def test_a_used_circle_link_says_nothing_about_the_person_or_the_carer(circle_link: str) -> None:
    set_up_account(circle_link, "kofi@example.com")

    page = Client().get(circle_link).content.decode()

    assert "<h1>This link has been used</h1>" in page
    says_nothing_about(page, "Ada", "Kofi", "Mensah", "kofi@example.com")


def test_sending_the_form_again_on_a_used_link_says_it_has_been_used(person_link: str) -> None:
    set_up_account(person_link, "ada@example.com")

    response = Client().post(
        person_link,
        {"email": "someone@example.com", "password": PASSWORD, "password_again": PASSWORD},
    )

    assert response.status_code == 410
    assert "<h1>This link has been used</h1>" in response.content.decode()


def test_an_expired_link_says_so_and_to_ask_for_a_new_one(person_link: str) -> None:
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))

    response = Client().get(person_link)

    assert response.status_code == 410
    page = response.content.decode()
    assert "<h1>This link has expired</h1>" in page
    assert "Ask your team for a new link" in page
    assert "Page not found" not in page
    says_nothing_about(page, "Ada", "Mensah")


def test_a_link_that_was_never_made_is_still_not_found() -> None:
    response = Client().get(reverse("invitation", args=["made-up-token"]))
    assert response.status_code == 404
    assert "does not work" in response.content.decode()
