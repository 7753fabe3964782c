"""The pages of a warm introduction, for the key worker with the person, for the organisation it is
made to, and for the person on their own pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.frontdoor.models import IntroductionStatus
from livingwell.network.models import Organisation, OrganisationMember, Service
from livingwell.people.models import Person, SharingChoice
from livingwell.plans.models import Goal, Plan
from livingwell.team.models import StaffMember
from livingwell.warm_introductions import services
from livingwell.warm_introductions.models import State, WarmIntroduction
from tests.conftest import sign_in, sign_in_partner, sign_in_person
from tests.factories import IntroductionFactory, UserFactory
from tests.warm_introductions.conftest import made, receiver_record

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    return str(response.content.decode())


def test_the_key_worker_makes_one_from_the_plan_with_what_the_person_shares(
    client: Client, key_worker: StaffMember, person: Person, group: Service
) -> None:
    plan = Plan.objects.create(person=person)
    goal = Goal.objects.create(plan=plan, description="Meet people like me", domain="belonging")
    sign_in(client, key_worker)
    plan_page = client.get(reverse("plan", args=[person.pk]))
    assert reverse("warm-introduction-choose", args=[person.pk]) in _text(plan_page)

    found = client.get(
        reverse("warm-introduction-choose", args=[person.pk]),
        {"q": "peer support", "goal": str(goal.pk)},
    )
    assert found.status_code == 200
    new = reverse("warm-introduction-new", args=[person.pk, group.pk])
    form = client.get(new, {"goal": goal.pk})
    assert "Meet people like me" in _text(form)  # what they want starts as the goal's words

    bad = client.post(
        new + f"?goal={goal.pk}",
        {"wants": "", "contact_way": "text", "contact_detail": "", "shares": ["goals"]},
    )
    assert bad.status_code == 200
    page = _text(bad)
    assert "There is a problem" in page
    assert "Enter what they want from it, in their words" in page
    assert "Enter the number or email address they would like to be contacted on" in page
    assert 'value="goals" checked' in page  # what was ticked is kept
    assert not WarmIntroduction.objects.exists()

    good = client.post(
        new + f"?goal={goal.pk}",
        {
            "wants": "Meet people like me",
            "contact_way": "text",
            "contact_detail": "07700 900123",
            "going_along": "on",
            "shares": ["what-matters"],
        },
    )
    warm = WarmIntroduction.objects.get()
    assert good.status_code == 302
    assert good["Location"] == reverse("warm-introduction", args=[person.pk, warm.pk])
    assert (warm.goal, warm.domain, warm.going_along) == (goal, "belonging", True)
    assert SharingChoice.objects.get(person=person, organisation=group.organisation).parts == [
        "what-matters"
    ]
    shown = client.get(good["Location"])
    assert "Waiting for Brixton Housing Advice to see it" in _text(shown)


def test_the_organisation_sees_only_its_own_introductions_and_answers_them(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    partner: OrganisationMember,
    group: Service,
) -> None:
    warm = made(key_worker, person, group)
    elsewhere = Service.objects.create(
        organisation=Organisation.objects.create(name="Lambeth Food Bank", kind="food"),
        name="Food parcels",
        warm_introductions=True,
        last_modified=timezone.now(),
    )
    not_ours = made(key_worker, person, elsewhere)
    sign_in_partner(client, partner)
    listed = _text(client.get(reverse("received-introductions")))
    assert reverse("received-introduction", args=[warm.pk]) in listed
    assert reverse("received-introduction", args=[not_ours.pk]) not in listed
    assert client.get(reverse("received-introduction", args=[not_ours.pk])).status_code == 404
    refused = client.post(
        reverse("received-introduction-act", args=[not_ours.pk, "accept"]),
        {"accept-version": not_ours.version},
    )
    assert refused.status_code == 404
    not_ours.refresh_from_db()
    assert not_ours.state == State.MADE

    page = _text(client.get(reverse("received-introduction", args=[warm.pk])))
    assert "To meet people who have been through it too" in page
    assert "07700 900123" in page
    assert person.nhs_number not in page  # only what the introduction and the sharing choice say
    assert AccessLogEntry.objects.filter(
        person=person, what="a warm introduction made to them", actor=partner.user
    ).exists()

    accepted = client.post(
        reverse("received-introduction-act", args=[warm.pk, "accept"]),
        {"accept-version": warm.version},
    )
    assert accepted.status_code == 302
    again = client.post(
        reverse("received-introduction-act", args=[warm.pk, "accept"]),
        {"accept-version": warm.version},
    )
    assert again.status_code == 400
    assert "changed since the page was opened: it is now accepted" in _text(again)
    warm.refresh_from_db()
    assert warm.state == State.ACCEPTED


def test_not_accepted_without_what_instead_keeps_what_was_typed(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    partner: OrganisationMember,
    group: Service,
) -> None:
    warm = made(key_worker, person, group)
    sign_in_partner(client, partner)
    answer = client.post(
        reverse("received-introduction-act", args=[warm.pk, "not-accepted"]),
        {"not_accepted-version": warm.version, "not_accepted-why": "no-capacity"},
    )
    assert answer.status_code == 400
    page = _text(answer)
    assert "Enter what they could do instead" in page
    assert 'value="no-capacity" checked' in page
    warm.refresh_from_db()
    assert warm.state == State.MADE


def test_the_person_says_on_their_own_page_that_they_met_and_it_helped(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    person_user: Any,
    partner: OrganisationMember,
    group: Service,
) -> None:
    Plan.objects.create(person=person)
    warm = made(key_worker, person, group)
    sign_in_partner(Client(), partner).post(
        reverse("received-introduction-act", args=[warm.pk, "accept"]),
        {"accept-version": warm.version},
    )
    sign_in_person(client, person_user)
    home = _text(client.get(reverse("my-home")))
    assert "Did you meet Brixton Housing Advice?" in home
    warm.refresh_from_db()
    said = client.post(
        reverse("my-warm-introduction-act", args=[warm.pk, "how-it-went"]),
        {"how-version": warm.version, "how-how": "helped"},
    )
    assert said.status_code == 302
    warm.refresh_from_db()
    assert (warm.state, warm.said_by) == (State.LANDED, "person")
    assert "Did you meet" not in _text(client.get(reverse("my-home")))


def test_a_stranger_and_another_team_find_nothing(
    client: Client,
    key_worker: StaffMember,
    other_team_member: StaffMember,
    person: Person,
    group: Service,
) -> None:
    warm = made(key_worker, person, group)
    sign_in(client, other_team_member)
    assert client.get(reverse("warm-introduction", args=[person.pk, warm.pk])).status_code == 404
    stranger = Client()
    stranger.force_login(UserFactory.create(username="nobody"))
    answer = stranger.get(reverse("received-introduction", args=[warm.pk]))
    assert answer.status_code in (302, 403, 404)  # sent to sign in as a partner, or not found
    assert "been through it too" not in _text(answer)


def test_one_made_from_the_front_door_introduction_closes_it_when_it_lands(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    person_user: Any,
    partner: OrganisationMember,
    group: Service,
) -> None:
    at_the_door = IntroductionFactory.create(person=person)
    sign_in(client, key_worker)
    page = _text(client.get(reverse("introduction", args=[at_the_door.pk])))
    choose = reverse("warm-introduction-choose", args=[person.pk])
    assert f"{choose}?introduction={at_the_door.pk}" in page
    made_here = client.post(
        reverse("introduction-warm-new", args=[at_the_door.pk, group.pk]),
        {"wants": "Someone to talk to", "contact_way": "key-worker"},
    )
    assert made_here.status_code == 302
    at_the_door.refresh_from_db()
    warm = WarmIntroduction.objects.get()
    assert at_the_door.warm_introduction == warm
    assert "Waiting for Brixton Housing Advice to see it" in _text(
        client.get(reverse("introduction", args=[at_the_door.pk]))
    )
    board = _text(client.get(reverse("board")))
    row = reverse("warm-introduction", args=[person.pk, warm.pk])
    assert f'<a href="{row}">Warm introduction to Brixton Housing Advice</a>: made' in board
    services.warm_introduction_accept(receiver_record(partner, warm), warm.pk, version=warm.version)
    warm.refresh_from_db()
    board = _text(client.get(reverse("board")))
    assert f'<a href="{row}">Warm introduction to Brixton Housing Advice</a>: accepted' in board
    sign_in_person(Client(), person_user).post(
        reverse("my-warm-introduction-act", args=[warm.pk, "how-it-went"]),
        {"how-version": warm.version, "how-how": "helped"},
    )
    at_the_door.refresh_from_db()
    assert at_the_door.status == IntroductionStatus.LANDED
