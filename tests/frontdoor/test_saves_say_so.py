"""Issue 11: every change made from the board says on the next page what was done, as a change on a
record does: picking up, a next step, joining a record or not, setting aside and putting back."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.frontdoor.models import Introduction
from livingwell.people.models import Person
from livingwell.team.models import StaffMember, StaffRole, Team
from tests.conftest import sign_in
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory
from tests.frontdoor.test_front_door import self_introduction

pytestmark = pytest.mark.django_db

BANNER = "nhsuk-notification-banner--success"


def said(client: Client, url: str, data: dict[str, str | list[str]] | None = None) -> str:
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200, url
    page: str = response.content.decode()
    assert BANNER in page, f"{url} says nothing after the change"
    return page


def test_picking_up_and_a_next_step_say_so(key_worker_client: Client, person: Person) -> None:
    introduction = IntroductionFactory.create(person=person)
    url = reverse("introduction", args=[introduction.pk])
    picked = said(key_worker_client, url, {"action": "pick-up", "next_step": "Call after 5pm"})
    assert "You picked up this introduction" in picked
    changed = said(key_worker_client, url, {"action": "next-step", "next_step": "Text on Monday"})
    assert "Next step saved" in changed


def test_joining_to_a_record_or_not_says_so(
    client: Client, team: Team, key_worker: StaffMember
) -> None:
    known = PersonFactory.create(
        team=team, given_name="Ada", family_name="Mensah", postcode="SE11 5AA", email=""
    )
    client.post(reverse("introduce-yourself"), self_introduction(email="ada@example.com"))
    first = Introduction.objects.get()
    staff = sign_in(client, key_worker)
    assert first.may_be_id == known.pk
    joined = said(
        staff,
        reverse("introduction-join", args=[first.pk]),
        {"person": str(known.pk), "use": ["email"]},
    )
    assert "Joined to the record of Ada Mensah" in joined

    client.post(reverse("introduce-yourself"), self_introduction(email="other@example.com"))
    second = Introduction.objects.exclude(pk=first.pk).get()
    assert second.may_be_id == known.pk
    kept_apart = said(staff, reverse("introduction-not-joined", args=[second.pk]))
    assert "Kept apart from the record of Ada Mensah" in kept_apart


def test_setting_aside_and_putting_back_say_so(client: Client, team: Team) -> None:
    lead = StaffMemberFactory.create(team=team, role=StaffRole.TEAM_LEAD)
    staff = sign_in(client, lead)
    spam = IntroductionFactory.create(person=PersonFactory.create(team=team))
    set_aside = said(
        staff,
        reverse("introduction-set-aside", args=[spam.pk]),
        {"kind": "not-a-person", "reason": "Advert for watches"},
    )
    assert "Set aside. It is off the board" in set_aside
    put_back = said(staff, reverse("introduction-put-back", args=[spam.pk]))
    assert "Put back on the board" in put_back


def test_recording_an_introduction_says_so(key_worker_client: Client) -> None:
    page = said(
        key_worker_client,
        reverse("introduction-record"),
        {
            "submission_token": str(uuid.uuid4()),
            "channel": "phone",
            "introduced_by": "self",
            "given_name": "Tomasz",
            "what_matters": "Worried about losing his flat.",
            "contact_method": "phone",
            "phone": "020 7946 0123",
        },
    )
    reference = Introduction.objects.get().reference
    assert f"Introduction {reference} is on the board" in page
