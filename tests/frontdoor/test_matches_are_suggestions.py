"""What the front door matches is a suggestion for the team to confirm, never written into a record by
itself (issue 9, item 3): a name, a date of birth and a postcode are easy to know about someone else."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction
from livingwell.frontdoor.models import Introduction
from livingwell.people.models import Person
from livingwell.team.models import StaffMember, Team
from tests.conftest import sign_in
from tests.factories import PersonFactory, nhs_number_for_test
from tests.frontdoor.test_front_door import self_introduction

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(team: Team) -> Person:
    """Someone the team knows, with no email address on their record yet."""
    return PersonFactory.create(
        team=team,
        given_name="Ada",
        family_name="Mensah",
        postcode="SE11 5AA",
        phone="07700 900111",
        email="",
    )


def _impostor_sends(client: Client) -> Introduction:
    client.post(
        reverse("introduce-yourself"),
        self_introduction(email="someone.else@example.com", phone="07700 900999"),
    )
    return Introduction.objects.get()


def test_a_match_at_the_front_door_writes_nothing_into_the_record(
    client: Client, known: Person
) -> None:
    looks_before = AccessLogEntry.objects.filter(person=known).count()

    introduction = _impostor_sends(client)

    known.refresh_from_db()
    assert known.email == ""
    assert known.phone == "07700 900111"
    assert introduction.person_id != known.pk, "the introduction is not joined to the record"
    assert introduction.may_be_id == known.pk
    assert introduction.matched_by == "name-birth-date-contact"
    assert introduction.person.email == "someone.else@example.com"
    assert AccessLogEntry.objects.filter(person=known).count() == looks_before


def test_the_team_sees_the_suggestion_and_joins_it_taking_only_the_details_it_accepts(
    client: Client, known: Person, key_worker: StaffMember
) -> None:
    introduction = _impostor_sends(client)
    staff = sign_in(client, key_worker)
    page = staff.get(reverse("introduction", args=[introduction.pk])).content.decode()
    assert "may be Ada Mensah" in page
    assert "someone.else@example.com" in page

    response = staff.post(
        reverse("introduction-join", args=[introduction.pk]),
        {"person": str(known.pk), "use": ["email"]},
    )

    assert response.status_code == 302
    introduction.refresh_from_db()
    known.refresh_from_db()
    assert introduction.person_id == known.pk
    assert introduction.may_be_id is None
    assert known.email == "someone.else@example.com"
    assert known.email_confirmed
    assert known.phone == "07700 900111", "a detail not accepted is not written"
    changes = list(
        AccessLogEntry.objects.filter(person=known, action=AccessAction.CHANGE).values_list(
            "what", flat=True
        )
    )
    assert any(introduction.reference in what for what in changes)
    assert any("email" in what for what in changes)
    assert Person.objects.exclude(pk=known.pk).get().joined_into_id == known.pk


def test_the_team_can_say_it_is_someone_else(
    client: Client, known: Person, key_worker: StaffMember
) -> None:
    introduction = _impostor_sends(client)
    staff = sign_in(client, key_worker)
    response = staff.post(reverse("introduction-not-joined", args=[introduction.pk]))
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.may_be_id is None
    assert introduction.person_id != known.pk
    assert "may be Ada Mensah" not in (
        staff.get(reverse("introduction", args=[introduction.pk])).content.decode()
    )


def test_joining_is_refused_for_anyone_but_the_suggested_record(
    client: Client, known: Person, key_worker: StaffMember, team: Team
) -> None:
    introduction = _impostor_sends(client)
    someone = PersonFactory.create(team=team, email="")
    staff = sign_in(client, key_worker)
    response = staff.post(
        reverse("introduction-join", args=[introduction.pk]),
        {"person": str(someone.pk), "use": ["email"]},
    )
    assert response.status_code == 409
    someone.refresh_from_db()
    assert someone.email == ""
    introduction.refresh_from_db()
    assert introduction.person_id not in (someone.pk, known.pk)


def test_an_invitation_offers_only_a_confirmed_email(
    client: Client, team: Team, key_worker: StaffMember
) -> None:
    """The front door's email is not the team's word: the invitation page does not offer it."""
    client.post(reverse("introduce-yourself"), self_introduction(email="typed@example.com"))
    person = Introduction.objects.get().person
    assert not person.email_confirmed
    staff = sign_in(client, key_worker)
    invite = staff.post(reverse("person-invite", args=[person.pk])).content.decode()
    link = re.search(r"/invitation/([^/]+)/", invite)
    assert link is not None
    page = Client().get(reverse("invitation", args=[link.group(1)])).content.decode()
    assert "typed@example.com" not in page

    staff = sign_in(client, key_worker)
    staff.post(
        reverse("details-change", args=[person.pk]),
        {"phone": person.phone, "email": "typed@example.com", "address": "", "postcode": ""},
    )
    person.refresh_from_db()
    assert person.email_confirmed
    page = Client().get(reverse("invitation", args=[link.group(1)])).content.decode()
    assert "typed@example.com" in page


def test_the_team_is_shown_which_details_are_confirmed_when_it_makes_an_invitation(
    client: Client, team: Team, key_worker: StaffMember
) -> None:
    client.post(reverse("introduce-yourself"), self_introduction(email="typed@example.com"))
    person = Introduction.objects.get().person
    staff = sign_in(client, key_worker)
    page = staff.post(reverse("person-invite", args=[person.pk])).content.decode()
    assert "typed@example.com" not in page
    assert "not been checked" in page


def test_recording_an_introduction_with_another_teams_nhs_number_reveals_nothing(
    client: Client, team: Team, other_team: Team, key_worker: StaffMember
) -> None:
    theirs = PersonFactory.create(team=other_team, nhs_number=nhs_number_for_test(77), email="")
    theirs_looks = AccessLogEntry.objects.filter(person=theirs).count()
    staff = sign_in(client, key_worker)
    form = {
        "submission_token": "",
        "channel": "phone",
        "introduced_by": "self",
        "given_name": "Noor",
        "family_name": "Haddad",
        "nhs_number": theirs.nhs_number,
        "what_matters": "Money worries.",
        "phone": "07700 900456",
        "email": "noor@example.com",
        "contact_method": "phone",
        "postcode": "SE1 7AA",
    }
    response = staff.post(reverse("introduction-record"), form, follow=True)

    assert response.status_code == 200, "the team's own introduction page, never a 404"
    introduction = Introduction.objects.get()
    assert introduction.team == team
    assert introduction.person.team == team
    assert introduction.person.nhs_number == theirs.nhs_number
    assert introduction.may_be_id is None
    theirs.refresh_from_db()
    assert theirs.email == ""
    assert AccessLogEntry.objects.filter(person=theirs).count() == theirs_looks


def test_recording_an_introduction_with_an_nhs_number_on_the_team_suggests_that_record(
    client: Client, known: Person, key_worker: StaffMember
) -> None:
    staff = sign_in(client, key_worker)
    form = {
        "channel": "phone",
        "introduced_by": "self",
        "given_name": "Ada",
        "family_name": "Mensah",
        "nhs_number": known.nhs_number,
        "what_matters": "Back again.",
        "phone": "07700 900222",
        "contact_method": "phone",
        "postcode": "SE11 5AA",
    }
    staff.post(reverse("introduction-record"), form)
    introduction = Introduction.objects.get()
    assert introduction.may_be_id == known.pk
    assert introduction.matched_by == "nhs-number"
    known.refresh_from_db()
    assert known.phone == "07700 900111"
