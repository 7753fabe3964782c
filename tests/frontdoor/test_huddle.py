"""The huddle: one screen for the team's daily meeting, each line one click from the person; the worry
anyone on the team can raise and clear; and saying when you are away."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.network.models import Service
from livingwell.people.models import Person, Worry
from livingwell.team.models import Absence, StaffMember, StaffRole, Team
from livingwell.warm_introductions.models import StallDays, WarmIntroduction
from tests.conftest import sign_in
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory
from tests.warm_introductions.conftest import made

pytestmark = pytest.mark.django_db


def _page(client: Client, name: str, *args: object) -> str:
    response = client.get(reverse(name, args=args or None))
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_huddle_shows_each_part_with_a_link_to_the_person(
    client: Client,
    key_worker: StaffMember,
    colleague: StaffMember,
    other_team_member: StaffMember,
    person: Person,
    group: Service,
) -> None:
    long_waiting = IntroductionFactory.create(
        person=PersonFactory.create(
            team=key_worker.team, given_name="Kwame", family_name="Boateng"
        ),
        received_at=timezone.now() - dt.timedelta(days=9),
    )
    new = IntroductionFactory.create(
        person=PersonFactory.create(team=key_worker.team, given_name="Priya", family_name="Shah"),
        received_at=timezone.now() - dt.timedelta(hours=2),
    )
    elsewhere = IntroductionFactory.create(
        person=PersonFactory.create(team=other_team_member.team, given_name="Tomasz"),
    )
    stalled = made(colleague, person, group)
    WarmIntroduction.objects.filter(pk=stalled.pk).update(
        made_at=timezone.now() - dt.timedelta(days=6)
    )
    Worry.objects.create(
        person=person,
        note="Did not answer for a week",
        raised_by=colleague,
        raised_at=timezone.now(),
    )
    Absence.objects.create(
        member=colleague,
        first_day=timezone.localdate(),
        last_day=timezone.localdate() + dt.timedelta(days=2),
        note="Amara covers",
    )

    page = _page(sign_in(client, key_worker), "huddle")
    assert reverse("introduction", args=[new.pk]) in page  # new since yesterday
    assert reverse("introduction", args=[long_waiting.pk]) in page
    assert "9 days" in page
    waiting = page[page.index("Waiting for a first conversation") :]
    assert waiting.index("Kwame Boateng") < waiting.index("Priya Shah")  # oldest first
    assert reverse("warm-introduction", args=[person.pk, stalled.pk]) in page
    assert "Not seen for 6 days" in page  # a colleague's, on the team's huddle
    assert "Did not answer for a week" in page
    assert "Dev Sharma" in page
    assert "Amara covers" in page
    assert "Tomasz" not in page
    assert elsewhere.reference not in page
    assert AccessLogEntry.objects.filter(
        person=person, actor=key_worker.user, why="The team's huddle"
    ).exists()


def test_anyone_on_the_team_raises_a_worry_and_anyone_clears_it(
    client: Client, key_worker: StaffMember, colleague: StaffMember, person: Person
) -> None:
    sign_in(client, key_worker)
    nothing = client.post(reverse("person-worry", args=[person.pk]), {"note": "  "})
    assert nothing.status_code == 302
    assert not Worry.objects.exists()
    client.post(
        reverse("person-worry", args=[person.pk]), {"note": "Sounded very low on the phone"}
    )
    assert "Sounded very low on the phone" in _page(client, "person", person.pk)
    assert "Sounded very low on the phone" in _page(client, "huddle")

    other = sign_in(Client(), colleague)
    other.post(reverse("person-worry", args=[person.pk]), {"clear": "yes"})
    worry = Worry.objects.get()
    assert worry.cleared_by == colleague
    assert "Sounded very low on the phone" not in _page(client, "huddle")


def test_another_team_cannot_raise_a_worry(
    client: Client, other_team_member: StaffMember, person: Person
) -> None:
    sign_in(client, other_team_member)
    answer = client.post(reverse("person-worry", args=[person.pk]), {"note": "Worried"})
    assert answer.status_code == 404
    assert not Worry.objects.exists()


def test_saying_when_you_are_away_keeps_what_was_typed_when_the_days_are_the_wrong_way_round(
    client: Client, key_worker: StaffMember
) -> None:
    sign_in(client, key_worker)
    wrong = client.post(
        reverse("away"),
        {
            "first_day[day]": "10",
            "first_day[month]": "12",
            "first_day[year]": "2026",
            "last_day[day]": "8",
            "last_day[month]": "12",
            "last_day[year]": "2026",
            "note": "Dev picks up my people",
        },
    )
    assert wrong.status_code == 200
    page = wrong.content.decode()
    assert "The last day away must be the same as the first day, or after it" in page
    assert "Dev picks up my people" in page
    assert not Absence.objects.exists()
    today = timezone.localdate()
    client.post(
        reverse("away"),
        {
            "first_day[day]": str(today.day),
            "first_day[month]": str(today.month),
            "first_day[year]": str(today.year),
            "last_day[day]": str(today.day),
            "last_day[month]": str(today.month),
            "last_day[year]": str(today.year),
        },
    )
    absence = Absence.objects.get()
    assert "Amara Okafor" in _page(client, "huddle")
    client.post(reverse("away"), {"remove": str(absence.pk)})
    assert not Absence.objects.exists()


def test_a_team_lead_sets_how_long_the_team_waits_for_a_kind_of_organisation(
    client: Client, key_worker: StaffMember, team: Team
) -> None:
    lead = StaffMemberFactory.create(team=team, name="Nia Roberts", role=StaffRole.TEAM_LEAD)
    sign_in(client, lead)
    wrong = client.post(
        reverse("stall-days"),
        {"organisation_kind": "housing", "to_receive": "0", "to_accept": "ten", "to_meet": "30"},
    )
    page = wrong.content.decode()
    assert "Days to see it must be at least 1" in page
    assert "Days to answer it must be a whole number, like 7" in page
    assert 'value="30"' in page  # what was typed is kept
    assert not StallDays.objects.exists()
    client.post(
        reverse("stall-days"),
        {"organisation_kind": "housing", "to_receive": "5", "to_accept": "10", "to_meet": "30"},
    )
    days = StallDays.objects.get()
    assert (days.team, days.to_receive, days.to_accept, days.to_meet) == (team, 5, 10, 30)

    worker = sign_in(Client(), key_worker)
    assert "A team lead can change these." in _page(worker, "stall-days")
    refused = worker.post(
        reverse("stall-days"),
        {"organisation_kind": "housing", "to_receive": "1", "to_accept": "1", "to_meet": "1"},
    )
    assert refused.status_code == 403
    days.refresh_from_db()
    assert days.to_receive == 5
