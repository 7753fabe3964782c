"""Easy in, easy out, easy back (relational rule 6): ending is agreed, and coming back through the front
door re-opens the same record and plan, with no new assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.frontdoor.models import Channel, Introduction
from livingwell.frontdoor.services import IntroductionDetails, introduction_create
from livingwell.people.models import Person, SupportPeriod
from livingwell.people.services import PersonDetails
from livingwell.plans.models import Plan
from livingwell.team.models import StaffMember, Team
from tests.frontdoor.test_front_door import self_introduction

pytestmark = pytest.mark.django_db


def _come_back(**person: object) -> Introduction:
    return introduction_create(
        person=PersonDetails(**person),  # type: ignore[arg-type]
        details=IntroductionDetails(introduced_by="self", what_matters="Things are hard again."),
        channel=Channel.WEB,
    )


def _supported_then_ended(client: Client, person: Person, key_worker: StaffMember) -> None:
    client.post(
        reverse("support-start", args=[person.pk]),
        {
            "key_worker": key_worker.pk,
            "started_on[day]": "1",
            "started_on[month]": "3",
            "started_on[year]": "2026",
        },
    )
    client.post(
        reverse("plan-sections", args=[person.pk, "about"]),
        {"version": "0", "what_matters": "My allotment and my grandson."},
    )
    response = client.post(
        reverse("support-end", args=[person.pk]),
        {
            "ended_on[day]": "1",
            "ended_on[month]": "9",
            "ended_on[year]": "2026",
            "ending": "agreed",
            "note": "Ada takes her plan and goes to the Tuesday walking group.",
        },
    )
    assert response.status_code == 302


def test_ending_is_recorded_with_what_the_person_takes_with_them(
    key_worker_client: Client, person: Person, key_worker: StaffMember
) -> None:
    _supported_then_ended(key_worker_client, person, key_worker)
    period = SupportPeriod.objects.get(person=person)
    assert period.ended_on == dt.date(2026, 9, 1)
    assert period.ending_note == "Ada takes her plan and goes to the Tuesday walking group."
    page = key_worker_client.get(reverse("person", args=[person.pk])).content.decode()
    assert "Tuesday walking group" in page


def test_an_ending_before_the_start_is_refused(
    key_worker_client: Client, person: Person, key_worker: StaffMember
) -> None:
    SupportPeriod.objects.create(
        person=person, team=person.team, key_worker=key_worker, started_on=dt.date(2026, 3, 1)
    )
    response = key_worker_client.post(
        reverse("support-end", args=[person.pk]),
        {
            "ended_on[day]": "1",
            "ended_on[month]": "1",
            "ended_on[year]": "2026",
            "ending": "agreed",
        },
    )
    assert response.status_code == 409
    assert "cannot end before it started" in response.content.decode()
    assert SupportPeriod.objects.get(person=person).ended_on is None


def test_coming_back_with_the_same_nhs_number_reopens_the_same_plan_once_the_team_confirms(
    key_worker_client: Client, person: Person, key_worker: StaffMember
) -> None:
    _supported_then_ended(key_worker_client, person, key_worker)
    introduction = _come_back(given_name="Ada", family_name="Mensah", nhs_number=person.nhs_number)
    assert introduction.may_be_id == person.pk
    assert introduction.matched_by == "nhs-number"
    assert "May be someone we know" in key_worker_client.get(reverse("board")).content.decode()

    key_worker_client.post(
        reverse("introduction-join", args=[introduction.pk]), {"person": str(person.pk)}
    )

    introduction.refresh_from_db()
    assert introduction.person_id == person.pk
    assert Plan.objects.get(person=person).what_matters == "My allotment and my grandson."
    board = key_worker_client.get(reverse("board")).content.decode()
    assert "Coming back" in board
    page = key_worker_client.get(reverse("introduction", args=[introduction.pk])).content.decode()
    assert "start from their plan" in page
    record = key_worker_client.get(reverse("person", args=[person.pk])).content.decode()
    assert "has come back" in record
    joined = Person.objects.exclude(pk=person.pk).get()
    assert joined.joined_into_id == person.pk
    page = key_worker_client.get(reverse("person", args=[joined.pk])).content.decode()
    assert "Open the record it was joined into" in page


def test_coming_back_without_an_nhs_number_is_recognised_by_name_birth_date_and_contact(
    person: Person,
) -> None:
    introduction = _come_back(
        given_name="ada",
        family_name="MENSAH",
        date_of_birth=person.date_of_birth,
        phone="07700 900 123",
    )
    assert introduction.may_be_id == person.pk
    assert introduction.matched_by == "name-birth-date-contact"


def test_the_same_name_and_birth_date_alone_is_not_enough(person: Person) -> None:
    introduction = _come_back(
        given_name="Ada",
        family_name="Mensah",
        date_of_birth=person.date_of_birth,
        phone="07700 900 999",
    )
    assert introduction.may_be_id is None
    assert introduction.matched_by == ""


def test_what_is_typed_at_the_front_door_is_never_written_into_the_record(person: Person) -> None:
    person.email = ""
    person.save()
    _come_back(
        given_name="Ada",
        family_name="Mensah",
        nhs_number=person.nhs_number,
        phone="07700 900 555",
        email="ada@example.com",
    )
    person.refresh_from_db()
    assert person.phone == "07700 900123"  # kept
    assert person.email == "", "a gap is not filled: the team chooses what to keep when it joins"


def test_the_web_form_sent_twice_by_the_same_person_suggests_the_first_record(
    client: Client, team: Team
) -> None:
    """Two separate visits to the front door (two submissions), the same person: the second one is
    suggested to the team as the first one's, for the team to join."""
    client.post(reverse("introduce-yourself"), self_introduction())
    client.post(reverse("introduce-yourself"), self_introduction(what_matters="Worse this week."))
    first, second = Introduction.objects.order_by("pk")
    assert [first.matched_by, second.matched_by] == ["", "name-birth-date-contact"]
    assert second.may_be_id == first.person_id
